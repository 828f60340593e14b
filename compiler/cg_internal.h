// cg_internal.h — the code generator's internal classes, shared by the
// cg_*.cpp files: TypeMap (Go types -> LLVM types, sizes, pointer maps, the
// flattened ABI), ModuleGen (module-level state: functions, globals, type
// descriptors, itabs, strings) and FuncGen (one function body).
//
// Invariants
//  - A Go value of type T is an LLVM value of type TypeMap::lower(T): bool i1,
//    string {ptr,i64}, slice {ptr,i64,i64}, interface {ptr,ptr}, pointers/maps/
//    chans/funcs ptr, arrays and structs their LLVM aggregates.
//  - Every pointer a function keeps in memory across a call lives in its frame's
//    roots area (FuncGen::frameSlot), never in a plain alloca, so the collector
//    sees it; plain allocas hold only pointer-free values.
//  - Unsupported constructs call ModuleGen::unsupported(), which records an
//    error at the construct's position; the module is then discarded.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/abi_types.h"
#include "compiler/codegen.h"
#include "compiler/rtcalls.h"
#include "gol/abi.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"

namespace gol::cg {

namespace T = gol::types;

// ---- Types ------------------------------------------------------------------

// How a Go signature maps onto an LLVM function (see abi.h).
struct AbiParam {
  T::Type* type;
  unsigned firstArg;  // index of its first LLVM argument
  unsigned numArgs;   // scalars, or 1 when byPointer
  bool byPointer;
};

struct AbiSig {
  llvm::FunctionType* fty = nullptr;
  bool sret = false;
  llvm::Type* resultTuple = nullptr;  // Go-level result: void, single type, or struct
  std::vector<T::Type*> results;
  T::Tuple* resultVars = nullptr;          // for sret temporaries
  std::vector<llvm::Type*> directScalars;  // when !sret: 0, 1 or 2 scalars
  std::vector<AbiParam> params;            // includes the receiver first for methods
  unsigned gArg = 0, ctxArg = 1;
};

class TypeMap {
 public:
  TypeMap(llvm::LLVMContext& ctx, const llvm::DataLayout& dl, const AbiTypes& abi);
  llvm::Type* lower(T::Type* t);
  uint64_t size(T::Type* t);
  uint64_t align(T::Type* t);
  bool hasPointers(T::Type* t);
  // Sets words[offset/8 + i] for every pointer word of t at byte offset.
  void pointerWords(T::Type* t, uint64_t offset, std::vector<bool>& words);
  // The scalars a value of type t is passed as.
  void flatten(T::Type* t, std::vector<llvm::Type*>& out);
  bool passByPointer(T::Type* t);
  // Integer signedness for ABI extension attributes (0 none, 1 signed, 2 unsigned).
  int extension(T::Type* t);
  // recvType: for methods, the receiver is the first parameter.
  const AbiSig& signature(T::Signature* sig, T::Type* recvType);
  const llvm::DataLayout& layout() const { return dl_; }

 private:
  llvm::LLVMContext& ctx_;
  const llvm::DataLayout& dl_;
  const AbiTypes& abi_;
  std::unordered_map<T::Type*, llvm::Type*> cache_;
  std::map<std::pair<T::Signature*, T::Type*>, std::unique_ptr<AbiSig>> sigs_;
};

// ---- Module -----------------------------------------------------------------

class FuncGen;

struct MethodEntry {
  std::string name;
  T::Func* method;         // the declared method reached
  std::vector<int> path;   // embedded-field path from the receiver to the method's receiver
  bool viaPointer;         // path or receiver needs a pointer (for method-set membership)
};

class ModuleGen {
 public:
  ModuleGen(Program& prog, const llvm::DataLayout& dl, const std::string& triple, std::vector<CodegenError>& errors);
  std::unique_ptr<GeneratedModule> run();

  // Shared state used by FuncGen.
  Program& prog;
  const Info& info;
  std::unique_ptr<llvm::LLVMContext> ctxOwner;
  llvm::LLVMContext& ctx;
  std::unique_ptr<llvm::Module> moduleOwner;
  llvm::Module& mod;
  AbiTypes abi;
  TypeMap tm;

  void unsupported(Pos pos, const std::string& what);
  void error(Pos pos, std::string msg) { errors_.push_back({pos, std::move(msg)}); }
  bool failed() const { return !errors_.empty(); }
  std::string position(Pos p) const;

  // Runtime entry point declaration.
  llvm::FunctionCallee rt(RtFn fn) { return runtimeFunction(mod, abi, fn); }

  // Functions.
  llvm::Function* function(T::Func* f);          // declared (defined later if it has a body)
  llvm::Function* declareFunction(const std::string& name, T::Signature* sig, T::Type* recv);
  llvm::Constant* funcValue(T::Func* f);         // static closure {fnptr} for a top-level func
  llvm::GlobalVariable* funcInfo(const std::string& name, Pos pos);  // GolFuncInfo (nroots patched later)
  // Debug info naming a function; noArgs marks it in DW_AT_linkage_name.
  llvm::DISubprogram* subprogram(const std::string& name, Pos pos, bool noArgs);
  // Defines a //gol:intrinsic sync/atomic native inline (cg_atomic.cpp);
  // false for any other function.
  bool defineAtomicIntrinsic(T::Func* f, llvm::Function* fn);
  static bool haveNative(const std::string& name);
  bool inertValue(const ast::Expr* e) const;
  void queueFuncLit(const ast::FuncLit* lit, const std::string& name, llvm::Function* fn);

  // Constants and globals.
  llvm::Constant* stringConst(const std::string& s);  // GolString value
  llvm::Constant* cstringPtr(const std::string& s);
  llvm::GlobalVariable* global(T::Var* v);

  // Type descriptors and itabs.
  llvm::Constant* typeDesc(T::Type* t);
  // t's values may be stored in interfaces: its descriptor gets its methods.
  void markUsedInIface(T::Type* t);
  llvm::Constant* itab(T::Type* concrete, T::Type* iface);
  std::string typeName(T::Type* t);  // %T spelling
  std::vector<MethodEntry> methodSet(T::Type* t);  // sorted by name
  T::Type* closureStruct(const std::vector<T::Type*>& fields);  // struct{fn uintptr; f1 T1; ...}
  T::Type* uintptrType() { return prog.store.basic(T::BasicKind::Uintptr); }

  // Interface method wrapper: callable with the receiver as one data word.
  llvm::Function* ifaceWrapper(T::Type* recvType, const MethodEntry& m);
  // Method value wrapper: ctx is {fn, pointer to the boxed receiver}, where the
  // receiver has exactly the method's receiver type.
  llvm::Function* methodValueWrapper(T::Func* method);
  // Method value of an interface: ctx is {fn, pointer to the boxed interface}.
  llvm::Function* ifaceMethodValueWrapper(T::Type* ifaceType, T::Func* method);
  // Method expression T.M as a func value taking the receiver first.
  llvm::Constant* methodExprValue(T::Type* recvType, T::Func* method, const std::vector<int>& path);
  T::Type* unsafePointer() { return prog.store.basic(T::BasicKind::UnsafePointer); }
  int methodIndex(T::Interface* it, const std::string& name);
  // The morestack thunks by the function type and attributes of the
  // functions they re-enter (FuncGen::morestackThunk).
  std::map<std::pair<llvm::FunctionType*, void*>, llvm::Function*> moreThunks;

 private:
  void declarePackages();
  void defineFunctions();
  void defineFunction(T::Func* f);
  void emitInit();
  void registerGlobals();
  void fillTypeDesc(T::Type* t, llvm::GlobalVariable* gv);
  llvm::Constant* gcmask(T::Type* t);
  llvm::Constant* fieldTable(T::Struct* st, const std::string& name);
  llvm::Constant* funcTypeTable(T::Signature* sig, const std::string& name);
  llvm::Constant* methodTable(T::Type* t, const std::string& name, int64_t* count);
  bool callableThroughInterface(T::Func* method);  // some interface declares it
  std::string typeDescSymbol(T::Type* t);
  std::unordered_set<std::string> usedInIface_;  // descriptor symbols
  llvm::Constant* imethodTable(T::Interface* it, const std::string& name, int64_t* count);

  llvm::DIFile* diFile(const std::string& name);

  llvm::DIBuilder di_;
  llvm::DICompileUnit* cu_ = nullptr;
  std::unordered_map<std::string, llvm::DIFile*> diFiles_;
  std::vector<CodegenError>& errors_;
  std::vector<CodegenError> localErrors_;
  std::unordered_map<T::Func*, llvm::Function*> funcs_;
  std::unordered_map<T::Var*, llvm::GlobalVariable*> globals_;
  std::unordered_map<std::string, llvm::Constant*> strings_;
  std::unordered_map<std::string, llvm::GlobalVariable*> typeDescs_;
  std::vector<std::pair<T::Type*, llvm::GlobalVariable*>> pendingTypeDescs_;
  std::unordered_map<std::string, llvm::Constant*> itabs_;
  std::unordered_map<std::string, llvm::Function*> wrappers_;
  std::unordered_map<std::string, T::Type*> closureStructs_;
  std::unordered_map<const T::Named*, std::string> localTypeNames_;
  struct PendingLit {
    const ast::FuncLit* lit;
    std::string name;
    llvm::Function* fn;
  };
  std::vector<PendingLit> pendingLits_;
  std::vector<T::Func*> pendingFuncs_;
  int localTypeCounter_ = 0;
  bool ifaceMethodsCollected_ = false;
  std::unordered_multimap<std::string, T::Signature*> ifaceMethods_;  // every interface method by name
  std::unordered_map<T::Package*, int> initCounters_;
};

// ---- Function bodies -----------------------------------------------------------

enum class MapOp { Access, Assign, Delete };

// An addressable location: ptr to storage of `type`.
struct LValue {
  // Checked: the operands of a pointer indirection, element or field are
  // evaluated, but its nil and bounds checks wait for the store, as an
  // assignment's second phase does them in Go.
  enum Kind { Memory, MapEntry, Blank, Checked } kind = Memory;
  llvm::Value* addr = nullptr;
  T::Type* type = nullptr;
  // Checked: performs the checks and returns the address; keep (if set) is
  // the pointer it uses, to root until then unless it is a local or global.
  std::function<llvm::Value*()> address = nullptr;
  llvm::Value* keep = nullptr;
  // MapEntry: the map, its type and the key's address (a temp).
  llvm::Value* map = nullptr;
  T::Type* mapType = nullptr;
  llvm::Value* keyAddr = nullptr;
  Pos pos;  // of the map index, for the line of mapassign's panics
};

class FuncGen {
 public:
  // hidden: a compiler helper that tracebacks must not show.
  FuncGen(ModuleGen& m, llvm::Function* fn, std::string name, Pos pos, bool hidden = false);

  // Entry points used by ModuleGen.
  void genFuncBody(T::Signature* sig, T::Var* recv, const ast::FuncType* type, const ast::BlockStmt* body,
                   const std::vector<T::Var*>* captures);
  // Emits a wrapper body: `build` produces the result value (or nullptr).
  void genWrapper(T::Signature* sig, T::Type* recvType, const std::function<llvm::Value*(FuncGen&, std::vector<llvm::Value*>&)>& build);

  ModuleGen& m;
  llvm::IRBuilder<> b;
  llvm::Function* fn;
  llvm::Value* g = nullptr;
  llvm::Value* ctxArg = nullptr;
  const Info& info;

  // --- frame and temporaries (cg_func.cpp) ---
  llvm::Value* frameSlot(T::Type* t);          // permanent slot in the roots area
  llvm::Value* tempSlot(T::Type* t);           // released at the end of the statement
  llvm::Value* localStorage(T::Type* t);       // alloca or frame slot, by pointer content
  llvm::Value* heapAlloc(T::Type* t, llvm::Value* count = nullptr);
  void setLine(Pos pos);  // the debug location of what is emitted next
  llvm::CallInst* call(llvm::FunctionCallee f, llvm::ArrayRef<llvm::Value*> args, Pos pos);
  // Calls a runtime entry point that returns a GolSlice (through sret).
  llvm::Value* callRuntimeSlice(RtFn fn, llvm::ArrayRef<llvm::Value*> args, Pos pos);
  void panicCall(RtFn fn, llvm::ArrayRef<llvm::Value*> args, Pos pos);
  void releaseTemps();
  llvm::AllocaInst* entryAlloca(llvm::Type* t, const llvm::Twine& name = "");
  void keepAlive(llvm::Value* v, T::Type* t);  // roots a pointer-containing value in a temp slot

  // --- statements (cg_stmt.cpp) ---
  void genBlock(const ast::BlockStmt* block);
  void genStmts(const std::vector<ast::Stmt*>& list);
  void genStmt(const ast::Stmt* s);

  // --- expressions (cg_expr.cpp) ---
  llvm::Value* genExpr(const ast::Expr* e);                 // value of e at its own type
  llvm::Value* genExprTo(const ast::Expr* e, T::Type* to);  // value converted for assignment to `to`
  // The values of one right side that yields several (a call, or with two
  // targets a comma-ok form), each converted for assignment to its target;
  // a null target (blank) keeps the value's own type. Values wait rooted
  // while later ones convert (which may box), and all of them if rootAll
  // (the caller allocates before storing them).
  std::vector<llvm::Value*> genMultiValue(const ast::Expr* e, const std::vector<T::Type*>& targets, Pos pos,
                                          bool rootAll = false);
  llvm::Value* genCond(const ast::Expr* e);                 // i1
  // checkAtStore: a Checked place where Go's assignment order defers the
  // checks (the operands of multiple assignments); else checked now.
  LValue genLValue(const ast::Expr* e, bool checkAtStore = false);
  llvm::Value* genAddr(const ast::Expr* e);                 // address of an addressable expression
  void store(const LValue& lv, llvm::Value* v);
  llvm::Value* load(T::Type* t, llvm::Value* addr);
  llvm::Value* constValue(const constant::Value& v, T::Type* t, Pos pos);
  llvm::Value* zeroValue(T::Type* t);
  llvm::Value* convert(llvm::Value* v, T::Type* from, T::Type* to, Pos pos);
  llvm::Value* toIface(llvm::Value* v, T::Type* from, T::Type* to, Pos pos);
  llvm::Value* boxValue(llvm::Value* v, T::Type* t);
  llvm::Value* equal(llvm::Value* x, llvm::Value* y, T::Type* t, Pos pos);  // i1
  llvm::Value* binaryOp(Tok op, llvm::Value* x, llvm::Value* y, T::Type* t, Pos pos);
  // x << y / x >> y with Go's semantics: counts >= width give 0 (or the sign),
  // a negative signed count panics.
  llvm::Value* shiftOp(Tok op, llvm::Value* x, llvm::Value* y, T::Type* t, T::Type* yt, Pos pos);
  // copy(d, s) on slice values of element type elem; returns the count.
  llvm::Value* copySlice(llvm::Value* d, llvm::Value* s, T::Type* elem);
  void moveBytes(llvm::Value* dst, llvm::Value* src, llvm::Value* n);  // memmove, short moves inline
  llvm::Value* compareOp(Tok op, llvm::Value* x, llvm::Value* y, T::Type* t, Pos pos);
  llvm::Value* nilCheck(llvm::Value* p, Pos pos);
  // Calls the runtime's noreturn fn(args) if p is nil; returns p.
  llvm::Value* panicIfNil(llvm::Value* p, RtFn fn, llvm::ArrayRef<llvm::Value*> args, Pos pos);
  llvm::Value* isNil(llvm::Value* v, T::Type* t);  // i1: v == nil, v of a nilable type
  // Every integer widening goes through intCast: it extends by the signedness
  // of v's Go type t (a byte 200 used as an index or length is 200, not -56).
  llvm::Value* intCast(llvm::Value* v, T::Type* t, llvm::Type* to);
  llvm::Value* floatToInt(llvm::Value* v, T::Type* to);  // amd64 Go's results, never poison
  bool isUnsigned64(T::Type* t);
  // Checks index i (of Go type it) against len; returns i as an int64.
  llvm::Value* boundsCheck(llvm::Value* i, T::Type* it, llvm::Value* len, Pos pos);
  T::Type* typeOf(const ast::Expr* e);
  llvm::Value* stringData(llvm::Value* s) { return b.CreateExtractValue(s, 0); }
  llvm::Value* stringLen(llvm::Value* s) { return b.CreateExtractValue(s, 1); }
  llvm::Value* makeString(llvm::Value* p, llvm::Value* n);
  llvm::Value* makeSlice(llvm::Value* p, llvm::Value* len, llvm::Value* cap);
  llvm::Value* makeIface(llvm::Value* tab, llvm::Value* data);
  llvm::Value* ifaceType(llvm::Value* iface, T::Type* ifaceType);  // dynamic GolType* (null for nil)
  llvm::Value* typeAssert(llvm::Value* x, T::Type* from, T::Type* to, bool commaOk, Pos pos, llvm::Value** ok);

  // --- maps (cg_map.cpp) ---
  // An operation on map[key] through the runtime. Access returns the address
  // of the value (or of a zero value) and stores found-ness into okSlot (an
  // i32 slot, may be null); Assign returns the slot to store the value into;
  // Delete returns nothing. The key is keyValue, or the contents of keyAddr
  // when keyValue is null.
  llvm::Value* mapCall(MapOp op, T::Type* mapType, llvm::Value* map, llvm::Value* keyValue, llvm::Value* keyAddr,
                       Pos pos, llvm::Value* okSlot = nullptr);

  // --- calls (cg_call.cpp) ---
  llvm::Value* genCall(const ast::CallExpr* call);  // tuple for multi-result calls
  llvm::Value* genBuiltin(const ast::CallExpr* call, T::Builtin* bi);
  llvm::Value* genConversion(const ast::CallExpr* call, T::Type* to);
  llvm::Value* convertValue(llvm::Value* v, T::Type* from, T::Type* to, Pos pos);  // T(x) semantics
  void genPrintValue(llvm::Value* v, T::Type* t, Pos pos);
  // Calls a Go function value (closure pointer) or direct function.
  llvm::Value* callDirect(llvm::Function* f, const AbiSig& sig, llvm::Value* ctx, std::vector<llvm::Value*> args, Pos pos);
  llvm::Value* callIndirect(llvm::Value* fnptr, const AbiSig& sig, llvm::Value* ctx, std::vector<llvm::Value*> args, Pos pos);
  std::vector<llvm::Value*> genArgs(const ast::CallExpr* call, T::Signature* sig, size_t skip = 0);
  // A func() closure that performs `call` with everything evaluated now (for go/defer).
  llvm::Value* genDeferredClosure(const ast::CallExpr* call, bool isGo);
  llvm::Value* genFuncLit(const ast::FuncLit* lit);
  llvm::Value* genAppend(const ast::CallExpr* call);
  llvm::Value* genMethodValue(const ast::SelectorExpr* e, const Selection& sel);
  // The receiver argument for calling method `sel.obj` on x (value or pointer
  // as the method wants, after following embedded fields).
  llvm::Value* methodReceiver(const ast::SelectorExpr* e, const Selection& sel);
  llvm::Value* ifaceMethodFn(llvm::Value* iface, T::Type* ifaceType, const std::string& method, Pos pos);
  llvm::Value* decodeResult(const AbiSig& sig, llvm::CallInst* c, llvm::Value* sretSlot);
  bool noFrame = false;   // never on the shadow stack (go/defer thunks)
  bool inLiteral = false;
  llvm::Value* growSlice(llvm::Value* s, T::Type* elem, llvm::Value* add, Pos pos);

  // --- control flow (cg_stmt.cpp) ---
  struct Target {
    const ast::Stmt* stmt;  // loop/switch/select
    std::string label;
    llvm::BasicBlock* brk;
    llvm::BasicBlock* cont;  // nullptr for switch/select
  };
  std::vector<Target> targets;
  std::unordered_map<std::string, llvm::BasicBlock*> labelBlocks;
  llvm::BasicBlock* labelBlock(const std::string& name);
  llvm::BasicBlock* newBlock(const std::string& name);
  void branchTo(llvm::BasicBlock* bb);  // if the current block is open
  void startBlock(llvm::BasicBlock* bb);
  bool blockOpen() const;

  // --- variables ---
  std::unordered_map<T::Var*, llvm::Value*> vars;  // Var -> address
  // Escaping variables: the frame slot holding the current heap cell, so a
  // per-iteration loop variable can move to a fresh cell each iteration.
  std::unordered_map<T::Var*, llvm::Value*> cellSlots;
  llvm::Value* loadLValue(const LValue& lv);
  llvm::Value* varAddr(T::Var* v, Pos pos);
  // Fresh storage: a heap cell if it escapes, else a stack slot, in the
  // frame (visible to the runtime) if inFrame.
  llvm::Value* declareVar(T::Var* v, bool inFrame = false);
  void defineVar(T::Var* v, llvm::Value* init);  // declareVar, then stores init
  std::vector<std::pair<llvm::Value*, T::Type*>> resultSlots;
  llvm::BasicBlock* retBlock = nullptr;
  bool hasDefer = false;
  llvm::Value* jmpbuf = nullptr;
  std::string name;
  std::string litPrefix;  // names this function's literals instead of name (package initialisers)
  int litCounter = 0;

  // Frame bookkeeping.
  llvm::AllocaInst* frame = nullptr;     // placeholder, resized in finish()
  uint64_t rootsBytes = 0;
  std::vector<bool> rootMask;            // per 8-byte word
  std::multimap<uint64_t, uint64_t> freeTemps;  // size -> offset
  std::vector<std::pair<uint64_t, uint64_t>> liveTemps;
  bool makesCalls = false;               // needs the stack check
  std::vector<llvm::CallInst*> safePointCalls;  // calls made with the frame linked
  bool frameEscapes = false;             // the runtime gets the frame (defer, recover)
  llvm::DISubprogram* diScope = nullptr; // null for hidden helpers
  llvm::GlobalVariable* infoGV = nullptr;
  Pos fnPos;
  Pos namePos;  // a declared function's name, where gc reports its frame too large
  llvm::BasicBlock* entryBB = nullptr;

  void finish();  // prologue, frame, stack check, epilogue
  void checkFrameSize();

 private:
  llvm::Value* slotAt(uint64_t offset);
  uint64_t allocRoots(T::Type* t);
  void emitPrologue();
  // frameBytes: the static frame the check must cover.
  void emitStackCheck(llvm::BasicBlock* body, uint64_t frameBytes);
  // Makes fn a wrapper that checks for bodyFrame before calling the body.
  void splitFrame(uint64_t bodyFrame);
  // Large aggregate zero stores and copies become memset and memmove.
  void bulkStores();
  llvm::Function* morestackThunk();
  llvm::StructType* packType();  // morestack's {GolFrame header, args..., result}
  llvm::Instruction* linkPoint();  // where the frame is linked into g->frame
  // Stores rec into g->frame once everything written to it before is visible.
  void publishFrame(llvm::IRBuilder<>& b, llvm::Value* rec, llvm::Value* gFrame);
};

// Attributes every generated function carries: frame pointers and no tail
// calls, so tracebacks can walk and show every frame, and nounwind: nothing
// unwinds through generated code (a panic switches stacks), and one function
// without it makes LLVM emit an .eh_frame entry for every function, whose
// edges to and from the code make JITLink's dependency computation quadratic
// in the number of functions.
void setCodeAttributes(llvm::Function* f);

void flattenValue(FuncGen& f, llvm::Value* v, T::Type* t, std::vector<llvm::Value*>& out);
llvm::Value* unflattenScalars(FuncGen& f, T::Type* t, const std::vector<llvm::Value*>& scalars, size_t& idx);
bool mayReachSafePoint(const Info& info, const ast::Expr* e);
bool isNilExpr(const Info& info, const ast::Expr* e);  // the predeclared nil
// Also counts the conversion to `to` that assignment applies (genExprTo).
bool mayReachSafePoint(const Info& info, const ast::Expr* e, T::Type* to);
// Whether evaluating c's arguments from the from-th on (after the first
// `skip`) as genArgs does may reach a safe point: their conversions to the
// parameter types and the variadic slice's allocation count too.
bool argsMayReachSafePoint(const Info& info, const ast::CallExpr* c, T::Signature* sig, size_t skip = 0,
                           size_t from = 0);
T::Type* promotedFieldType(T::Type* xt, const Selection& sel);
// Gives the package-level variable gv of type vt the value of rhs as its
// initial data when rhs is a composite literal known entirely at compile
// time, so no initialisation code runs for it (as gc lays out static data):
// true if it did.
bool initGlobalStatically(FuncGen& f, llvm::GlobalVariable* gv, T::Type* vt, const ast::Expr* rhs);

// Walks a function body (not nested function literals) and reports whether
// it contains a defer statement.
bool containsDefer(const ast::Stmt* s);

}  // namespace gol::cg
