// symtab.cpp — gol_runtime_symbols(): every runtime entry point by name, so
// the JIT resolves generated code's calls without dlsym.
//
// Invariants
//  - Every function declared in include/gol/abi.h that generated code may
//    call is listed: the memory/panic/map/string half here, the scheduler's
//    half in symtab_proc.inc (SYM lines).
//  - libc's _setjmp and memcmp are listed under their own names: functions
//    with defers call _setjmp directly (abi.h, "Deferred calls and
//    recovery"), string comparisons call memcmp.
//  - Natives of packages runtime and runtime/debug (api.h) and the runtime
//    halves of packages time (time_api.h), sync (sync_api.h) and os/signal
//    (signal.h) are listed
//    under their gol names, as the stdlib's natives are.
#include <setjmp.h>
#include <string.h>

#include "gol/abi.h"
#include "runtime/api.h"
#include "runtime/mfinal.h"
#include "runtime/proc_api.h"
#include "runtime/signal.h"
#include "runtime/time_api.h"
#include "runtime/sync_api.h"

namespace {

#define SYM(name) {#name, reinterpret_cast<void*>(&name)},

const GolSymbol kSymbols[] = {
    SYM(gol_alloc)
    SYM(gol_register_globals)
    SYM(gol_panic)
    SYM(gol_panic_index)
    SYM(gol_panic_slice)
    SYM(gol_panic_divide)
    SYM(gol_panic_nil)
    SYM(gol_panic_shift)
    SYM(gol_panic_nilmap)
    SYM(gol_panic_msg)
    SYM(gol_panic_wrap)
    SYM(gol_panic_assert)
    SYM(gol_getitab)
    SYM(gol_defer)
    SYM(gol_rundefers)
    SYM(gol_recover)
    SYM(gol_concat)
    SYM(gol_strcmp)
    SYM(gol_bytes_to_string)
    SYM(gol_string_to_bytes)
    SYM(gol_string_to_runes)
    SYM(gol_runes_to_string)
    SYM(gol_rune_to_string)
    SYM(gol_decoderune)
    SYM(gol_growslice)
    SYM(gol_makeslice)
    SYM(gol_efaceeq)
    SYM(gol_ifaceeq)
    SYM(gol_memequal)
    SYM(gol_makemap)
    SYM(gol_mapaccess)
    SYM(gol_mapassign)
    SYM(gol_mapdelete)
    SYM(gol_mapaccess_faststr)
    SYM(gol_mapassign_faststr)
    SYM(gol_mapdelete_faststr)
    SYM(gol_mapaccess_fast32)
    SYM(gol_mapassign_fast32)
    SYM(gol_mapdelete_fast32)
    SYM(gol_mapaccess_fast64)
    SYM(gol_mapassign_fast64)
    SYM(gol_mapdelete_fast64)
    SYM(gol_maplen)
    SYM(gol_mapclear)
    SYM(gol_mapiterinit)
    SYM(gol_mapiternext)
    SYM(gol_printstring)
    SYM(gol_printint)
    SYM(gol_printuint)
    SYM(gol_printfloat)
    SYM(gol_printbool)
    SYM(gol_printpointer)
    SYM(gol_printiface)
    SYM(gol_printsp)
    SYM(gol_printnl)
    SYM(_setjmp)
    SYM(memcmp)
    {"runtime.GC", reinterpret_cast<void*>(&gol_rt_GC)},
    {"runtime.Goexit", reinterpret_cast<void*>(&gol_rt_Goexit)},
    {"runtime.KeepAlive", reinterpret_cast<void*>(&gol_rt_KeepAlive)},
    {"runtime.ReadMemStats", reinterpret_cast<void*>(&gol_rt_ReadMemStats)},
    {"runtime.Stack", reinterpret_cast<void*>(&gol_rt_Stack)},
    {"runtime.SetFinalizer", reinterpret_cast<void*>(&gol_rt_SetFinalizer)},
    {"runtime/debug.SetGCPercent", reinterpret_cast<void*>(&gol_rt_debug_SetGCPercent)},
    {"runtime/debug.SetMaxStack", reinterpret_cast<void*>(&gol_rt_debug_SetMaxStack)},
    {"runtime/debug.FreeOSMemory", reinterpret_cast<void*>(&gol_rt_debug_FreeOSMemory)},
    {"runtime/debug.SetPanicOnFault", reinterpret_cast<void*>(&gol_rt_debug_SetPanicOnFault)},
    // Callers and their symbols.
    {"runtime.callers", reinterpret_cast<void*>(&gol_rt_callers)},
    {"runtime.pcFunction", reinterpret_cast<void*>(&gol_rt_pcFunction)},
    {"runtime.pcFile", reinterpret_cast<void*>(&gol_rt_pcFile)},
    {"runtime.pcLine", reinterpret_cast<void*>(&gol_rt_pcLine)},
    {"runtime.pcEntry", reinterpret_cast<void*>(&gol_rt_pcEntry)},
    // os/signal's half in the runtime.
    {"os/signal.signal_enable", reinterpret_cast<void*>(&gol_signal_enable)},
    {"os/signal.signal_disable", reinterpret_cast<void*>(&gol_signal_disable)},
    {"os/signal.signal_ignore", reinterpret_cast<void*>(&gol_signal_ignore)},
    {"os/signal.signal_ignored", reinterpret_cast<void*>(&gol_signal_ignored)},
    {"os/signal.signal_recv", reinterpret_cast<void*>(&gol_signal_recv)},
    {"time.now", reinterpret_cast<void*>(&gol_time_now)},
    {"time.runtimeNano", reinterpret_cast<void*>(&gol_time_runtimeNano)},
    {"time.Sleep", reinterpret_cast<void*>(&gol_time_Sleep)},
    {"time.startTimer", reinterpret_cast<void*>(&gol_time_startTimer)},
    {"time.stopTimer", reinterpret_cast<void*>(&gol_time_stopTimer)},
    {"time.resetTimer", reinterpret_cast<void*>(&gol_time_resetTimer)},
    {"sync.runtime_Semacquire", reinterpret_cast<void*>(&gol_sync_Semacquire)},
    {"sync.runtime_SemacquireMutex", reinterpret_cast<void*>(&gol_sync_SemacquireMutex)},
    {"sync.runtime_SemacquireRWMutex", reinterpret_cast<void*>(&gol_sync_SemacquireRWMutex)},
    {"sync.runtime_SemacquireRWMutexR", reinterpret_cast<void*>(&gol_sync_SemacquireRWMutexR)},
    {"sync.runtime_Semrelease", reinterpret_cast<void*>(&gol_sync_Semrelease)},
    {"sync.runtime_notifyListAdd", reinterpret_cast<void*>(&gol_sync_notifyListAdd)},
    {"sync.runtime_notifyListWait", reinterpret_cast<void*>(&gol_sync_notifyListWait)},
    {"sync.runtime_notifyListNotifyAll", reinterpret_cast<void*>(&gol_sync_notifyListNotifyAll)},
    {"sync.runtime_notifyListNotifyOne", reinterpret_cast<void*>(&gol_sync_notifyListNotifyOne)},
    {"sync.runtime_canSpin", reinterpret_cast<void*>(&gol_sync_canSpin)},
    {"sync.runtime_doSpin", reinterpret_cast<void*>(&gol_sync_doSpin)},
    {"sync.runtime_nanotime", reinterpret_cast<void*>(&gol_sync_nanotime)},
    {"sync.runtime_registerPool", reinterpret_cast<void*>(&gol_sync_registerPool)},
    {"sync.fatal", reinterpret_cast<void*>(&gol_sync_fatal)},
    {"sync.throw", reinterpret_cast<void*>(&gol_sync_fatal)},
#include "runtime/symtab_proc.inc"
};

#undef SYM

}  // namespace

extern "C" const GolSymbol* gol_runtime_symbols(size_t* n) {
  *n = sizeof kSymbols / sizeof kSymbols[0];
  return kSymbols;
}
