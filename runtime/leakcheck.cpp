// leakcheck.cpp — the leak report (see leakcheck.h for the invariants).
//
// Goroutines are grouped by creation stack and state, so a thousand workers
// stuck on one channel read as one finding: the group's size, its members'
// ids, one member's traceback (where it waits) and the stack that created
// them.
#include "runtime/leakcheck.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "runtime/godebug.h"
#include "runtime/proc.h"
#include "runtime/traceback.h"

namespace gol::rt {

namespace {

constexpr size_t kCreationFrames = 32;
constexpr size_t kIdsListed = 10;

const int level = int(godebugValue("leakcheck", 0));

struct Leak {
  std::vector<int64_t> ids;
  G* example = nullptr;
};
using LeakKey = std::tuple<std::vector<uintptr_t>, std::string>;

struct Survey {
  G* self;
  std::map<LeakKey, Leak> groups;
  size_t count = 0;
};

void surveyGoroutine(G* gp, void* arg) {
  auto* s = static_cast<Survey*>(arg);
  if (gp == s->self || gp->system || !hasTraceback(gp)) return;
  Leak& l = s->groups[{gp->creationStack, goroutineStatus(gp)}];
  l.ids.push_back(gp->goid);
  if (!l.example) l.example = gp;
  s->count++;
}

void appendIds(std::string& out, const std::vector<int64_t>& ids) {
  for (size_t i = 0; i < ids.size() && i < kIdsListed; i++) {
    if (i) out += ", ";
    out += std::to_string(ids[i]);
  }
  if (ids.size() > kIdsListed) out += ", ...";
}

// "N goroutines" / "1 goroutine", and likewise for other nouns.
void appendCount(std::string& out, size_t n, const char* noun) {
  out += std::to_string(n);
  out += ' ';
  out += noun;
  if (n != 1) out += 's';
}

// Groups in the order their first goroutines were created.
std::string formatReport(const Survey& s) {
  std::vector<std::pair<const LeakKey*, const Leak*>> order;
  for (const auto& [key, leak] : s.groups) order.push_back({&key, &leak});
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second->ids[0] < b.second->ids[0]; });
  std::string out = "leakcheck: ";
  appendCount(out, s.count, "goroutine");
  out += " still alive when main returned (";
  appendCount(out, s.groups.size(), "kind");
  out += ")\n";
  for (const auto& [keyp, leakp] : order) {
    const LeakKey& key = *keyp;
    const Leak& leak = *leakp;
    out += '\n';
    appendCount(out, leak.ids.size(), "goroutine");
    out += " [";
    out += std::get<1>(key);
    out += "]: ";
    appendIds(out, leak.ids);
    out += "\n";
    out += goroutineHeader(leak.example, std::get<1>(key).c_str());
    formatTraceback(leak.example, out);
    if (!std::get<0>(key).empty()) {
      out += "created at:\n";
      formatStack(std::get<0>(key), out);
    }
  }
  return out;
}

}  // namespace

int leakcheckLevel() { return level; }

void leakRecordCreation(G* child, G* parent) { child->creationStack = captureStack(parent, kCreationFrames); }

bool leakReport(G* self) {
  Survey s{self, {}, 0};
  stopTheWorld("leakcheck");
  forEachG(surveyGoroutine, &s);
  std::string out = s.count ? formatReport(s) : "";
  startTheWorld();
  if (!out.empty()) {
    fflush(stdout);
    fputs(out.c_str(), stderr);
    fflush(stderr);
  }
  return s.count != 0;
}

}  // namespace gol::rt
