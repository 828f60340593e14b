// checker_labels.cpp — labels and branch statements of one function body
// (cmd/compile/internal/syntax/branches.go semantics and wording).
//
// Invariants: labels are scoped to the function body (not nested function
// literals); every label must be used; break/continue must have a valid
// target; goto must not jump into a block or over a variable declaration.
#include <functional>
#include <map>

#include "lang/checker_internal.h"

namespace gol {
namespace {

struct Block {
  const Block* parent;
  Pos start;
  const std::vector<ast::Stmt*>* list;
};

struct LabelInfo {
  ast::LabeledStmt* stmt;
  const Block* block;
  size_t index;
  bool used = false;
  types::Label* obj = nullptr;
};

struct Goto {
  ast::BranchStmt* stmt;
  const Block* block;
  std::vector<size_t> path;  // statement index at each enclosing block level
  std::vector<const Block*> blocks;
};

class LabelChecker {
 public:
  explicit LabelChecker(Checker& c) : c_(c) {}

  void run(ast::BlockStmt* body) {
    Block root{nullptr, body->pos, &body->list};
    collect(&root, body->list);
    walkList(&root, body->list, {});
    for (Goto& g : gotos_) checkGoto(g);
    for (auto& [name, l] : labels_)
      if (!l.used) c_.error(l.stmt->label->pos, "label " + name + " defined and not used");
  }

 private:
  struct Target {
    ast::Stmt* stmt;       // for/range/switch/typeswitch/select
    std::string label;     // label naming it, if any
    bool isLoop;
  };

  // Declares labels of the whole body (they are visible everywhere in it).
  void collect(const Block* b, const std::vector<ast::Stmt*>& list) {
    for (size_t i = 0; i < list.size(); i++) {
      ast::Stmt* s = list[i];
      while (auto* l = ast::dynCast<ast::LabeledStmt>(s)) {
        const std::string& name = l->label->name;
        auto* obj = c_.store_.newObject<types::Label>(l->label->pos, c_.pkg_, name);
        c_.info_.defs[l->label] = obj;
        if (name != "_") {
          if (auto it = labels_.find(name); it != labels_.end())
            c_.error(l->label->pos, "label " + name + " already defined at " + c_.prog_.fset.position(it->second.stmt->label->pos));
          else
            labels_[name] = LabelInfo{l, b, i, false, obj};
        }
        s = l->stmt;
      }
      collectNested(b, s);
    }
  }

  void collectNested(const Block* parent, ast::Stmt* s) {
    auto blockOf = [&](const std::vector<ast::Stmt*>& l, Pos p) {
      blocks_.push_back(std::make_unique<Block>(Block{parent, p, &l}));
      collect(blocks_.back().get(), l);
      blockFor_[&l] = blocks_.back().get();
    };
    if (!s) return;
    switch (s->kind) {
      case ast::Kind::BlockStmt: blockOf(ast::cast<ast::BlockStmt>(s)->list, s->pos); break;
      case ast::Kind::IfStmt: {
        auto* i = ast::cast<ast::IfStmt>(s);
        blockOf(i->body->list, i->body->pos);
        collectNested(parent, i->else_);
        break;
      }
      case ast::Kind::ForStmt: blockOf(ast::cast<ast::ForStmt>(s)->body->list, ast::cast<ast::ForStmt>(s)->body->pos); break;
      case ast::Kind::RangeStmt: blockOf(ast::cast<ast::RangeStmt>(s)->body->list, ast::cast<ast::RangeStmt>(s)->body->pos); break;
      case ast::Kind::SwitchStmt:
        for (ast::Stmt* cc : ast::cast<ast::SwitchStmt>(s)->body->list) blockOf(ast::cast<ast::CaseClause>(cc)->body, cc->pos);
        break;
      case ast::Kind::TypeSwitchStmt:
        for (ast::Stmt* cc : ast::cast<ast::TypeSwitchStmt>(s)->body->list) blockOf(ast::cast<ast::CaseClause>(cc)->body, cc->pos);
        break;
      case ast::Kind::SelectStmt:
        for (ast::Stmt* cc : ast::cast<ast::SelectStmt>(s)->body->list) blockOf(ast::cast<ast::CommClause>(cc)->body, cc->pos);
        break;
      default: break;
    }
  }

  void walkList(const Block* b, const std::vector<ast::Stmt*>& list, std::vector<size_t> path) {
    for (size_t i = 0; i < list.size(); i++) {
      path.push_back(i);
      ast::Stmt* s = list[i];
      std::string label;
      while (auto* l = ast::dynCast<ast::LabeledStmt>(s)) {
        // a duplicate label (already reported) names nothing
        auto it = labels_.find(l->label->name);
        label = it != labels_.end() && it->second.stmt == l ? l->label->name : "";
        s = l->stmt;
      }
      walk(b, s, label, path);
      path.pop_back();
    }
  }

  const Block* blockOf(const std::vector<ast::Stmt*>& l) { return blockFor_.at(&l); }

  void walk(const Block* b, ast::Stmt* s, const std::string& label, std::vector<size_t>& path) {
    if (!s) return;
    switch (s->kind) {
      case ast::Kind::BranchStmt: branch(b, ast::cast<ast::BranchStmt>(s), path); return;
      case ast::Kind::BlockStmt: {
        auto& l = ast::cast<ast::BlockStmt>(s)->list;
        walkList(blockOf(l), l, path);
        return;
      }
      case ast::Kind::IfStmt: {
        auto* i = ast::cast<ast::IfStmt>(s);
        walkList(blockOf(i->body->list), i->body->list, path);
        walk(b, i->else_, "", path);
        return;
      }
      case ast::Kind::ForStmt: case ast::Kind::RangeStmt: {
        ast::BlockStmt* body = s->kind == ast::Kind::ForStmt ? ast::cast<ast::ForStmt>(s)->body : ast::cast<ast::RangeStmt>(s)->body;
        targets_.push_back({s, label, true});
        walkList(blockOf(body->list), body->list, path);
        targets_.pop_back();
        return;
      }
      case ast::Kind::SwitchStmt: case ast::Kind::TypeSwitchStmt: {
        ast::BlockStmt* body = s->kind == ast::Kind::SwitchStmt ? ast::cast<ast::SwitchStmt>(s)->body : ast::cast<ast::TypeSwitchStmt>(s)->body;
        targets_.push_back({s, label, false});
        for (ast::Stmt* cc : body->list) {
          auto& l = ast::cast<ast::CaseClause>(cc)->body;
          walkList(blockOf(l), l, path);
        }
        targets_.pop_back();
        return;
      }
      case ast::Kind::SelectStmt: {
        targets_.push_back({s, label, false});
        for (ast::Stmt* cc : ast::cast<ast::SelectStmt>(s)->body->list) {
          auto& l = ast::cast<ast::CommClause>(cc)->body;
          walkList(blockOf(l), l, path);
        }
        targets_.pop_back();
        return;
      }
      default: return;
    }
  }

  void branch(const Block* b, ast::BranchStmt* s, const std::vector<size_t>& path) {
    switch (s->tok) {
      case Tok::Break:
      case Tok::Continue: {
        bool isBreak = s->tok == Tok::Break;
        if (!s->label) {
          for (auto it = targets_.rbegin(); it != targets_.rend(); ++it)
            if (isBreak || it->isLoop) return;
          c_.error(s->pos, isBreak ? "break is not in a loop, switch, or select" : "continue is not in a loop");
          return;
        }
        const std::string& name = s->label->name;
        auto li = labels_.find(name);
        if (li == labels_.end()) {
          c_.error(s->label->pos, std::string(isBreak ? "break" : "continue") + " label not defined: " + name);
          return;
        }
        li->second.used = true;
        c_.info_.uses[s->label] = li->second.obj;
        for (auto it = targets_.rbegin(); it != targets_.rend(); ++it) {
          if (it->label == name) {
            if (!isBreak && !it->isLoop) break;
            return;
          }
        }
        c_.error(s->label->pos, std::string("invalid ") + (isBreak ? "break" : "continue") + " label " + name);
        return;
      }
      case Tok::Goto: {
        if (!s->label) return;
        auto li = labels_.find(s->label->name);
        if (li == labels_.end()) {
          c_.error(s->label->pos, "label " + s->label->name + " not defined");
          return;
        }
        li->second.used = true;
        c_.info_.uses[s->label] = li->second.obj;
        Goto g{s, b, path, {}};
        for (const Block* x = b; x; x = x->parent) g.blocks.push_back(x);
        gotos_.push_back(std::move(g));
        return;
      }
      default: return;
    }
  }

  void checkGoto(const Goto& g) {
    const LabelInfo& l = labels_.at(g.stmt->label->name);
    // the label's block must enclose the goto
    size_t depth = 0;
    bool encloses = false;
    for (size_t k = 0; k < g.blocks.size(); k++) {
      if (g.blocks[k] == l.block) {
        encloses = true;
        depth = g.blocks.size() - 1 - k;  // index into path
        break;
      }
    }
    if (!encloses) {
      c_.error(g.stmt->label->pos, "goto " + g.stmt->label->name + " jumps into block starting at " + c_.prog_.fset.position(l.block->start));
      return;
    }
    size_t from = g.path[depth];
    if (l.index <= from) return;  // backward jump
    for (size_t i = from + 1; i < l.index; i++) {
      ast::Stmt* s = (*l.block->list)[i];
      if (auto* d = ast::dynCast<ast::DeclStmt>(s); d && d->decl->tok == Tok::Var) {
        auto* vs = ast::cast<ast::ValueSpec>(d->decl->specs[0]);
        c_.error(g.stmt->label->pos, "goto " + g.stmt->label->name + " jumps over declaration of " + vs->names[0]->name + " at " +
                                         c_.prog_.fset.position(vs->names[0]->pos));
        return;
      }
      if (auto* a = ast::dynCast<ast::AssignStmt>(s); a && a->tok == Tok::Define) {
        std::string names;
        for (size_t k = 0; k < a->lhs.size(); k++) names += (k ? ", " : "") + ast::exprString(a->lhs[k]);
        c_.error(g.stmt->label->pos, "goto " + g.stmt->label->name + " jumps over declaration of " + names + " at " +
                                         c_.prog_.fset.position(a->tokPos));
        return;
      }
    }
  }

  Checker& c_;
  std::map<std::string, LabelInfo> labels_;
  std::vector<std::unique_ptr<Block>> blocks_;
  std::map<const std::vector<ast::Stmt*>*, const Block*> blockFor_;
  std::vector<Target> targets_;
  std::vector<Goto> gotos_;
};

}  // namespace

void Checker::labels(ast::BlockStmt* body) {
  LabelChecker lc(*this);
  lc.run(body);
}

}  // namespace gol
