// sync_api.cpp — the runtime natives of package sync (see sync_api.h), thin
// adapters from the gol ABI to sema.h, proc.h, syncpool.h and the fatal
// error path.
//
// Invariants
//  - Goroutines park with Go 1.20's wait reasons (as gol's tracebacks follow
//    newer Go): "sync.Mutex.Lock", "sync.RWMutex.RLock", "sync.RWMutex.Lock",
//    "sync.Cond.Wait", and "semacquire" for WaitGroup.Wait.
//  - sync.throw and sync.fatal never return and cannot be recovered: they
//    print Go's "fatal error: ..." report with every goroutine and exit 2.
#include "runtime/sync_api.h"

#include <string>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/syncpool.h"
#include "runtime/time.h"

using namespace gol::rt;

namespace {

// Go's active_spin_cnt: PAUSE instructions per spin.
constexpr int kSpinPauses = 30;

NotifyList* notifyList(void* l) { return static_cast<NotifyList*>(l); }

}  // namespace

extern "C" {

void gol_sync_Semacquire(GolG*, void*, uint32_t* s) { semacquire(s, WaitReason::Semacquire); }

void gol_sync_SemacquireMutex(GolG*, void*, uint32_t* s, bool lifo, int64_t) {
  semacquire(s, WaitReason::SyncMutexLock, lifo);
}

void gol_sync_SemacquireRWMutexR(GolG*, void*, uint32_t* s, bool lifo, int64_t) {
  semacquire(s, WaitReason::SyncRWMutexRLock, lifo);
}

void gol_sync_SemacquireRWMutex(GolG*, void*, uint32_t* s, bool lifo, int64_t) {
  semacquire(s, WaitReason::SyncRWMutexLock, lifo);
}

void gol_sync_Semrelease(GolG*, void*, uint32_t* s, bool handoff, int64_t) { semrelease(s, handoff); }

uint32_t gol_sync_notifyListAdd(GolG*, void*, void* l) { return notifyListAdd(notifyList(l)); }

void gol_sync_notifyListWait(GolG*, void*, void* l, uint32_t t) { notifyListWait(notifyList(l), t); }

void gol_sync_notifyListNotifyAll(GolG*, void*, void* l) { notifyListNotifyAll(notifyList(l)); }

void gol_sync_notifyListNotifyOne(GolG*, void*, void* l) { notifyListNotifyOne(notifyList(l)); }

bool gol_sync_canSpin(GolG*, void*, int64_t i) { return syncCanSpin(i); }

void gol_sync_doSpin(GolG*, void*) {
  for (int i = 0; i < kSpinPauses; i++) __builtin_ia32_pause();
}

int64_t gol_sync_nanotime(GolG*, void*) { return nanotime(); }

void gol_sync_registerPool(GolG*, void*, void* caches) { registerPool(static_cast<PoolCaches*>(caches)); }

// Also sync.throw: Go's throw (sync's own inconsistencies) and fatal (a
// program's misuse) print the same report apart from runtime frames, which
// gol's tracebacks never show.
void gol_sync_fatal(GolG*, void*, const uint8_t* s, int64_t n) {
  fatalUser(std::string(reinterpret_cast<const char*>(s), size_t(n)).c_str());
}

}  // extern "C"
