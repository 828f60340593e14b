// traceback.cpp — prints goroutine stacks from their shadow stacks (see
// traceback.h). Go prints argument words for each frame; gol's frames do not
// record arguments, so every frame prints "(...)", as Go does for inlined
// calls — except main.main, which has none.
#include "runtime/traceback.h"

#include "runtime/print.h"
#include "runtime/typedesc.h"

namespace gol::rt {

namespace {

bool isShown(const GolFrame* f) { return f->fn && !(f->fn->flags & GOL_FN_WRAPPER); }

void appendFunction(std::string& out, const GolFuncInfo* fn, int32_t line) {
  std::string_view name = view(fn->name);
  out += name;
  out += name == "main.main" ? "()" : "(...)";
  out += "\n\t";
  out += view(fn->file);
  out += ':';
  appendInt(out, line);
  out += '\n';
}

}  // namespace

std::string goroutineHeader(G* gp, const char* status) {
  std::string out = "goroutine ";
  appendInt(out, gp->goid);
  out += " [";
  out += status;
  out += "]:\n";
  return out;
}

void formatTraceback(G* gp, std::string& out) {
  for (const GolFrame* f = gp->frame; f; f = f->prev) {
    if (isShown(f)) appendFunction(out, f->fn, f->line);
  }
  if (gp->goid != 1 && gp->createdBy) {
    out += "created by ";
    out += view(gp->createdBy->name);
    out += " in goroutine ";
    appendInt(out, gp->parentGoid);
    out += "\n\t";
    out += view(gp->createdBy->file);
    out += ':';
    appendInt(out, gp->createdByLine);
    out += '\n';
  }
}

namespace {

const char* statusString(G* gp) {
  switch (gp->status.load()) {
    case GStatus::Runnable: return "runnable";
    case GStatus::Syscall: return "syscall";
    case GStatus::Waiting: return waitReasonString(gp->waitReason);
    default: return "running";
  }
}

struct OtherGoroutines {
  G* self;
  std::string* out;
};

void appendOtherGoroutine(G* gp, void* arg) {
  auto* d = static_cast<OtherGoroutines*>(arg);
  if (gp == d->self || !gp->frame) return;
  *d->out += '\n';
  *d->out += goroutineHeader(gp, statusString(gp));
  formatTraceback(gp, *d->out);
}

}  // namespace

void formatOtherGoroutines(G* self, std::string& out) {
  OtherGoroutines d{self, &out};
  forEachG(appendOtherGoroutine, &d);
}

void printTraceback(G* gp) {
  std::string out;
  formatTraceback(gp, out);
  writeStderr(out);
}

}  // namespace gol::rt
