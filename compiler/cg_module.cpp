// cg_module.cpp — module-level code generation: functions, globals, string
// constants, package initialisation.
//
// Invariants
//  - Function symbols are Go's full names ("main.f", "main.(*T).M"), so the
//    runtime's tracebacks and the JIT's symbol table agree; bodyless std
//    functions are left as declarations and resolved to natives by the JIT.
//  - The init function "gol.init" registers pointer-holding globals with the
//    collector before running any initialiser, then runs each package's
//    variable initialisers (dependency order) followed by its init functions.
#include "compiler/cg_internal.h"

#include "stdlib/natives.h"

#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

namespace gol::cg {

ModuleGen::ModuleGen(Program& p, const llvm::DataLayout& dl, const std::string& triple,
                     std::vector<CodegenError>& errors)
    : prog(p),
      info(p.info),
      ctxOwner(std::make_unique<llvm::LLVMContext>()),
      ctx(*ctxOwner),
      moduleOwner(std::make_unique<llvm::Module>("gol", ctx)),
      mod(*moduleOwner),
      abi(ctx, dl),
      tm(ctx, mod.getDataLayout(), abi),
      di_(mod),
      errors_(errors) {
  mod.setDataLayout(dl);
  mod.setTargetTriple(triple);
  // Full emission, though only functions and lines are described: line
  // tables alone omit the DIEs of functions without inlined calls.
  std::string mainFile = prog.fset.name(0);
  cu_ = di_.createCompileUnit(llvm::dwarf::DW_LANG_Go, diFile(mainFile), "gol", true, "", 0, "",
                              llvm::DICompileUnit::FullDebug);
  mod.addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
  mod.addModuleFlag(llvm::Module::Warning, "Dwarf Version", 4);
}

void setCodeAttributes(llvm::Function* f) {
  f->addFnAttr("frame-pointer", "all");
  f->addFnAttr("disable-tail-calls", "true");
  f->addFnAttr(llvm::Attribute::NoUnwind);
}

llvm::DIFile* ModuleGen::diFile(const std::string& name) {
  llvm::DIFile*& f = diFiles_[name];
  if (!f) f = di_.createFile(name, "");
  return f;
}

llvm::DISubprogram* ModuleGen::subprogram(const std::string& name, Pos pos, bool noArgs) {
  llvm::DIFile* file = diFile(prog.fset.name(pos.file));
  auto* type = di_.createSubroutineType(di_.getOrCreateTypeArray({}));
  return di_.createFunction(file, name, noArgs ? kNoArgsMarker : "", file, pos.line, type, pos.line, llvm::DINode::FlagZero,
                            llvm::DISubprogram::SPFlagDefinition | llvm::DISubprogram::SPFlagOptimized);
}

void ModuleGen::unsupported(Pos pos, const std::string& what) {
  errors_.push_back({pos, what + " is not supported by gol yet"});
}

std::string ModuleGen::position(Pos p) const { return prog.fset.position(p); }

llvm::Constant* ModuleGen::cstringPtr(const std::string& s) {
  auto key = "c:" + s;
  auto it = strings_.find(key);
  if (it != strings_.end()) return it->second;
  auto* data = llvm::ConstantDataArray::getString(ctx, s, true);
  auto* gv = new llvm::GlobalVariable(mod, data->getType(), true, llvm::GlobalValue::PrivateLinkage, data, ".cstr");
  gv->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  strings_[key] = gv;
  return gv;
}

llvm::Constant* ModuleGen::stringConst(const std::string& s) {
  auto it = strings_.find(s);
  if (it != strings_.end()) return it->second;
  llvm::Constant* p;
  if (s.empty()) {
    p = llvm::ConstantPointerNull::get(abi.ptr);
  } else {
    auto* data = llvm::ConstantDataArray::getString(ctx, s, false);
    auto* gv = new llvm::GlobalVariable(mod, data->getType(), true, llvm::GlobalValue::PrivateLinkage, data, ".str");
    gv->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    gv->setAlignment(llvm::Align(1));
    p = gv;
  }
  auto* c = llvm::ConstantStruct::get(abi.string, {p, llvm::ConstantInt::get(abi.i64, s.size())});
  strings_[s] = c;
  return c;
}

llvm::GlobalVariable* ModuleGen::global(T::Var* v) {
  auto it = globals_.find(v);
  if (it != globals_.end()) return it->second;
  llvm::Type* lt = tm.lower(v->type);
  std::string sym = (v->pkg ? v->pkg->path : std::string("main")) + "." + v->name;
  auto* gv = new llvm::GlobalVariable(mod, lt, false, llvm::GlobalValue::InternalLinkage,
                                      llvm::Constant::getNullValue(lt), sym);
  gv->setAlignment(llvm::Align(std::max<uint64_t>(8, tm.align(v->type))));
  globals_[v] = gv;
  return gv;
}

llvm::GlobalVariable* ModuleGen::funcInfo(const std::string& name, Pos pos) {
  std::string file = pos.valid() ? prog.fset.name(pos.file) : "";
  auto* init = llvm::ConstantStruct::get(
      abi.funcInfo, {stringConst(name), stringConst(file), llvm::ConstantInt::get(abi.i32, 0),
                     llvm::ConstantInt::get(abi.i32, 0), llvm::ConstantPointerNull::get(abi.ptr)});
  auto* gv = new llvm::GlobalVariable(mod, abi.funcInfo, true, llvm::GlobalValue::PrivateLinkage, init,
                                      "funcinfo:" + name);
  return gv;
}

llvm::Function* ModuleGen::declareFunction(const std::string& name, T::Signature* sig, T::Type* recv) {
  if (llvm::Function* f = mod.getFunction(name)) return f;
  const AbiSig& as = tm.signature(sig, recv);
  auto* f = llvm::Function::Create(as.fty, llvm::Function::ExternalLinkage, name, mod);
  if (as.sret) f->addParamAttr(0, llvm::Attribute::getWithStructRetType(ctx, as.resultTuple));
  for (const AbiParam& p : as.params) {
    if (p.byPointer || p.numArgs != 1) continue;
    int ext = tm.extension(p.type);
    if (ext) f->addParamAttr(p.firstArg, ext == 1 ? llvm::Attribute::SExt : llvm::Attribute::ZExt);
  }
  if (as.results.size() == 1 && as.directScalars.size() == 1) {
    int ext = tm.extension(as.results[0]);
    if (ext) f->addRetAttr(ext == 1 ? llvm::Attribute::SExt : llvm::Attribute::ZExt);
  }
  setCodeAttributes(f);
  return f;
}

llvm::Function* ModuleGen::function(T::Func* f) {
  auto it = funcs_.find(f);
  if (it != funcs_.end()) return it->second;
  T::Signature* sig = f->signature();
  T::Type* recv = sig->recv ? sig->recv->type : nullptr;
  std::string name = f->fullName();
  // A package may have several init functions; Go names them init.0, init.1.
  if (!recv && f->name == "init" && f->decl) name += "." + std::to_string(initCounters_[f->pkg]++);
  llvm::Function* fn = declareFunction(name, sig, recv);
  funcs_[f] = fn;
  if (!f->native() && f->decl) pendingFuncs_.push_back(f);
  else if (!defineAtomicIntrinsic(f, fn) && f->decl && !haveNative(name))
    unsupported(f->decl->name->pos,
                "function " + name + " (declared without a body: Go implements it in assembly or in its runtime)");
  return fn;
}

// A bodyless function links only if the runtime or the stdlib's natives
// define its symbol; the JIT would otherwise fail at link time, far from the
// cause.
bool ModuleGen::haveNative(const std::string& name) {
  size_t n = 0;
  for (auto table : {gol_runtime_symbols, gol_stdlib_symbols}) {
    const GolSymbol* syms = table(&n);
    for (size_t i = 0; i < n; i++)
      if (name == syms[i].name) return true;
  }
  return false;
}

llvm::Constant* ModuleGen::funcValue(T::Func* f) {
  std::string name = f->fullName() + "·f";
  if (auto* gv = mod.getNamedGlobal(name)) return gv;
  auto* init = llvm::ConstantStruct::getAnon(ctx, {function(f)});
  auto* gv = new llvm::GlobalVariable(mod, init->getType(), true, llvm::GlobalValue::InternalLinkage, init, name);
  gv->setAlignment(llvm::Align(8));
  return gv;
}

void ModuleGen::queueFuncLit(const ast::FuncLit* lit, const std::string& name, llvm::Function* fn) {
  pendingLits_.push_back({lit, name, fn});
}

void ModuleGen::declarePackages() {
  // main.main and the init functions are roots; everything else is generated
  // when first referenced (function()), so unused std code costs nothing.
  for (T::Package* pkg : prog.packages) {
    for (ast::File* file : pkg->files) {
      for (ast::Decl* d : file->decls) {
        auto* fd = ast::dynCast<ast::FuncDecl>(d);
        if (!fd || fd->recv || (fd->name->name != "init" && !(pkg == prog.mainPkg && fd->name->name == "main")))
          continue;
        if (auto* f = T::asObj<T::Func>(info.objectOf(fd->name))) function(f);
      }
    }
  }
}

void ModuleGen::defineFunction(T::Func* f) {
  llvm::Function* fn = funcs_[f];
  if (!fn->empty()) return;
  FuncGen fg(*this, fn, fn->getName().str(), f->decl->pos);
  fg.namePos = f->pos;
  T::Signature* sig = f->signature();
  fg.genFuncBody(sig, sig->recv, f->decl->type, f->decl->body, nullptr);
}

void ModuleGen::defineFunctions() {
  while (!pendingFuncs_.empty() || !pendingLits_.empty()) {
    if (!pendingFuncs_.empty()) {
      T::Func* f = pendingFuncs_.back();
      pendingFuncs_.pop_back();
      defineFunction(f);
      continue;
    }
    PendingLit lit = pendingLits_.back();
    pendingLits_.pop_back();
    FuncGen fg(*this, lit.fn, lit.name, lit.lit->pos);
    fg.inLiteral = true;  // its own literals are numbered name.1, name.2 (Go's naming)
    auto* sig = static_cast<T::Signature*>(info.typeOf(lit.lit)->type);
    auto capIt = info.captures.find(lit.lit);
    fg.genFuncBody(sig, nullptr, lit.lit->type, lit.lit->body, capIt == info.captures.end() ? nullptr : &capIt->second);
  }
}

void ModuleGen::emitInit() {
  auto* fty = llvm::FunctionType::get(abi.voidTy, {abi.ptr, abi.ptr}, false);
  auto* fn = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, kInitSymbol, mod);
  setCodeAttributes(fn);
  FuncGen fg(*this, fn, "runtime.main", Pos{}, true);
  fg.genWrapper(nullptr, nullptr, [&](FuncGen& f, std::vector<llvm::Value*>&) -> llvm::Value* {
    // Initialisers run in dependency order; each package's init functions
    // follow its last variable initialiser.
    std::vector<T::Package*> pkgs = prog.packages;
    size_t next = 0;
    auto runInitFuncs = [&](T::Package* pkg) {
      for (ast::File* file : pkg->files)
        for (ast::Decl* d : file->decls) {
          auto* fd = ast::dynCast<ast::FuncDecl>(d);
          if (!fd || fd->recv || fd->name->name != "init") continue;
          auto* obj = T::asObj<T::Func>(info.objectOf(fd->name));
          llvm::Function* target = function(obj);
          f.callDirect(target, tm.signature(obj->signature(), nullptr), llvm::ConstantPointerNull::get(abi.ptr), {},
                       fd->pos);
        }
    };
    for (const Initializer& init : info.initOrder) {
      T::Package* pkg = init.lhs.empty() ? nullptr : init.lhs[0]->pkg;
      if (init.lhs.size() == 1 && init.lhs[0]->name == "_" && inertValue(init.rhs)) continue;
      while (next < pkgs.size() && pkgs[next] != pkg) runInitFuncs(pkgs[next++]);
      // Go names literals in package-level initialisers pkg.glob..func1, ...,
      // numbered per package.
      if (pkg && f.litPrefix != pkg->path + ".glob.") {
        f.litPrefix = pkg->path + ".glob.";
        f.litCounter = 0;
      }
      if (init.lhs.size() == 1 && init.lhs[0]->name != "_" &&
          initGlobalStatically(f, global(init.lhs[0]), init.lhs[0]->type, init.rhs))
        continue;
      std::vector<llvm::Value*> vals;
      if (init.lhs.size() == 1) {
        vals.push_back(f.genExprTo(init.rhs, init.lhs[0]->type));
      } else {
        std::vector<T::Type*> targets;
        for (T::Var* lhs : init.lhs) targets.push_back(lhs->type);
        vals = f.genMultiValue(init.rhs, targets, init.rhs->pos);
      }
      for (size_t i = 0; i < init.lhs.size(); i++) {
        T::Var* lhs = init.lhs[i];
        if (lhs->name != "_") f.store(LValue{LValue::Memory, global(lhs), lhs->type}, vals[i]);
      }
      f.releaseTemps();
    }
    while (next < pkgs.size()) runInitFuncs(pkgs[next++]);
    return nullptr;
  });
}

// `var _ I = (*T)(nil)` and `var _ I = T{}` only assert at compile time that
// T implements I (the standard library is full of them); evaluating one has
// no effect, and would make T's whole method table reachable code.
bool ModuleGen::inertValue(const ast::Expr* e) const {
  while (auto* p = ast::dynCast<ast::ParenExpr>(e)) e = p->x;
  if (const TypeAndValue* tv = info.typeOf(e); tv && tv->isConstant()) return true;
  if (auto* id = ast::dynCast<ast::Ident>(e)) {
    T::Object* obj = info.objectOf(id);
    return obj && obj->kind == T::ObjKind::Nil;
  }
  if (auto* lit = ast::dynCast<ast::CompositeLit>(e)) return lit->elts.empty();
  auto* call = ast::dynCast<ast::CallExpr>(e);
  if (!call || call->args.size() != 1) return false;
  const TypeAndValue* fun = info.typeOf(call->fun);
  return fun && fun->isType() && inertValue(call->args[0]);
}

void ModuleGen::registerGlobals() {
  std::vector<llvm::Constant*> addrs, types;
  for (auto& [v, gv] : globals_) {
    if (!tm.hasPointers(v->type)) continue;
    addrs.push_back(gv);
    types.push_back(typeDesc(v->type));
  }
  if (addrs.empty()) return;
  llvm::Function* init = mod.getFunction(kInitSymbol);
  llvm::IRBuilder<> b(&*init->getEntryBlock().getFirstInsertionPt());
  auto* at = llvm::ArrayType::get(abi.ptr, addrs.size());
  auto* ag = new llvm::GlobalVariable(mod, at, true, llvm::GlobalValue::PrivateLinkage,
                                      llvm::ConstantArray::get(at, addrs), "gol.globals");
  auto* tg = new llvm::GlobalVariable(mod, at, true, llvm::GlobalValue::PrivateLinkage,
                                      llvm::ConstantArray::get(at, types), "gol.globaltypes");
  b.CreateCall(rt("gol_register_globals"), {ag, tg, llvm::ConstantInt::get(abi.i64, addrs.size())});
}

std::unique_ptr<GeneratedModule> ModuleGen::run() {
  declarePackages();
  emitInit();
  // Descriptors reference methods (through wrappers) and functions reference
  // descriptors and globals: alternate until nothing is pending, then register
  // the pointer-holding globals (whose descriptors may add more work).
  auto drain = [&] {
    while (!pendingTypeDescs_.empty() || !pendingFuncs_.empty() || !pendingLits_.empty()) {
      defineFunctions();
      while (!pendingTypeDescs_.empty()) {
        auto [t, gv] = pendingTypeDescs_.back();
        pendingTypeDescs_.pop_back();
        fillTypeDesc(t, gv);
      }
    }
  };
  drain();
  registerGlobals();
  drain();
  if (failed()) return nullptr;
  // Everything defined here lives in one JIT image: call and address it
  // directly rather than through PLT/GOT stubs. Runtime entry points stay
  // preemptible declarations (they may be further than 2 GB away).
  for (llvm::Function& f : mod)
    if (!f.isDeclaration()) f.setDSOLocal(true);
  for (llvm::GlobalVariable& gv : mod.globals())
    if (!gv.isDeclaration()) gv.setDSOLocal(true);
  di_.finalize();
  std::string err;
  llvm::raw_string_ostream os(err);
  if (llvm::verifyModule(mod, &os)) {
    errors_.push_back({Pos{}, "internal error: generated invalid LLVM IR: " + os.str()});
    return nullptr;
  }
  auto out = std::make_unique<GeneratedModule>();
  out->module = std::move(moduleOwner);
  out->context = std::move(ctxOwner);
  return out;
}

}  // namespace gol::cg

namespace gol {

std::unique_ptr<GeneratedModule> generateModule(Program& prog, const llvm::DataLayout& layout,
                                                const std::string& triple, std::vector<CodegenError>& errors) {
  cg::ModuleGen mg(prog, layout, triple, errors);
  return mg.run();
}

}  // namespace gol
