// symtab.cpp — gol_runtime_symbols(): every runtime entry point by name, so
// the JIT resolves generated code's calls without dlsym.
//
// Invariants
//  - The entry points are exactly include/gol/abi_entries.inc, expanded here;
//    nothing is listed by hand. libc's _setjmp and memcmp are among them.
//  - The natives of packages runtime and runtime/debug (api.h, proc_api.h,
//    mfinal.h) and the runtime halves of packages time (time_api.h), sync
//    (sync_api.h) and os/signal (signal.h) are registered under their gol names with GOL_NATIVE, as
//    the stdlib's natives are, so the natives check sees them too.
#include <setjmp.h>
#include <string.h>

#include "gol/abi.h"
#include "gol/native.h"
#include "runtime/api.h"
#include "runtime/mfinal.h"
#include "runtime/proc_api.h"
#include "runtime/signal.h"
#include "runtime/sync_api.h"
#include "runtime/time_api.h"

namespace {

// libc's prototypes carry nonnull attributes, which a function pointer type
// drops; that is all GCC's -Wignored-attributes says about them here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
const GolSymbol kSymbols[] = {
#define GOL_ENTRY(ret, name, params) GOL_NATIVE(#name, name),
#define GOL_ENTRY_NORETURN(name, params) GOL_NATIVE(#name, name),
#define GOL_LIBC_ENTRY(name, returnsTwice) GOL_NATIVE(#name, name),
#include "gol/abi_entries.inc"
    GOL_NATIVE("runtime.GC", gol_rt_GC),
    GOL_NATIVE("runtime.Goexit", gol_rt_Goexit),
    GOL_NATIVE("runtime.KeepAlive", gol_rt_KeepAlive),
    GOL_NATIVE("runtime.ReadMemStats", gol_rt_ReadMemStats),
    GOL_NATIVE("runtime.Stack", gol_rt_Stack),
    GOL_NATIVE("runtime.SetFinalizer", gol_rt_SetFinalizer),
    GOL_NATIVE("runtime.NumGoroutine", gol_rt_NumGoroutine),
    GOL_NATIVE("runtime.NumCPU", gol_rt_NumCPU),
    GOL_NATIVE("runtime.GOMAXPROCS", gol_rt_GOMAXPROCS),
    GOL_NATIVE("runtime.Gosched", gol_rt_Gosched),
    GOL_NATIVE("runtime.LockOSThread", gol_rt_LockOSThread),
    GOL_NATIVE("runtime.UnlockOSThread", gol_rt_UnlockOSThread),
    GOL_NATIVE("runtime/debug.SetMaxThreads", gol_rt_debug_SetMaxThreads),
    GOL_NATIVE("runtime/debug.SetTraceback", gol_rt_debug_SetTraceback),
    GOL_NATIVE("runtime/debug.SetGCPercent", gol_rt_debug_SetGCPercent),
    GOL_NATIVE("runtime/debug.SetMemoryLimit", gol_rt_debug_SetMemoryLimit),
    GOL_NATIVE("runtime/debug.SetMaxStack", gol_rt_debug_SetMaxStack),
    GOL_NATIVE("runtime/debug.FreeOSMemory", gol_rt_debug_FreeOSMemory),
    GOL_NATIVE("runtime/debug.SetPanicOnFault", gol_rt_debug_SetPanicOnFault),
    // Callers and their symbols.
    GOL_NATIVE("runtime.callers", gol_rt_callers),
    GOL_NATIVE("runtime.pcFunction", gol_rt_pcFunction),
    GOL_NATIVE("runtime.pcFile", gol_rt_pcFile),
    GOL_NATIVE("runtime.pcLine", gol_rt_pcLine),
    GOL_NATIVE("runtime.pcEntry", gol_rt_pcEntry),
    // os/signal's half in the runtime.
    GOL_NATIVE("os/signal.signal_enable", gol_signal_enable),
    GOL_NATIVE("os/signal.signal_disable", gol_signal_disable),
    GOL_NATIVE("os/signal.signal_ignore", gol_signal_ignore),
    GOL_NATIVE("os/signal.signal_ignored", gol_signal_ignored),
    GOL_NATIVE("os/signal.signal_recv", gol_signal_recv),
    GOL_NATIVE("time.now", gol_time_now),
    GOL_NATIVE("time.runtimeNano", gol_time_runtimeNano),
    GOL_NATIVE("time.Sleep", gol_time_Sleep),
    GOL_NATIVE("time.startTimer", gol_time_startTimer),
    GOL_NATIVE("time.stopTimer", gol_time_stopTimer),
    GOL_NATIVE("time.resetTimer", gol_time_resetTimer),
    GOL_NATIVE("sync.runtime_Semacquire", gol_sync_Semacquire),
    GOL_NATIVE("sync.runtime_SemacquireMutex", gol_sync_SemacquireMutex),
    GOL_NATIVE("sync.runtime_SemacquireRWMutex", gol_sync_SemacquireRWMutex),
    GOL_NATIVE("sync.runtime_SemacquireRWMutexR", gol_sync_SemacquireRWMutexR),
    GOL_NATIVE("sync.runtime_Semrelease", gol_sync_Semrelease),
    GOL_NATIVE("sync.runtime_notifyListAdd", gol_sync_notifyListAdd),
    GOL_NATIVE("sync.runtime_notifyListWait", gol_sync_notifyListWait),
    GOL_NATIVE("sync.runtime_notifyListNotifyAll", gol_sync_notifyListNotifyAll),
    GOL_NATIVE("sync.runtime_notifyListNotifyOne", gol_sync_notifyListNotifyOne),
    GOL_NATIVE("sync.runtime_canSpin", gol_sync_canSpin),
    GOL_NATIVE("sync.runtime_doSpin", gol_sync_doSpin),
    GOL_NATIVE("sync.runtime_nanotime", gol_sync_nanotime),
    GOL_NATIVE("sync.runtime_registerPool", gol_sync_registerPool),
    GOL_NATIVE("sync.fatal", gol_sync_fatal),
    GOL_NATIVE("sync.throw", gol_sync_fatal),
};
#pragma GCC diagnostic pop

}  // namespace

extern "C" const GolSymbol* gol_runtime_symbols(size_t* n) {
  *n = sizeof kSymbols / sizeof kSymbols[0];
  return kSymbols;
}
