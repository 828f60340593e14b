/*
 * gol/abi.h — the one C-ABI contract between generated code and the runtime.
 *
 * Generated code (and the stdlib's native functions) reach the runtime only
 * through the entry points and data layouts declared here. The compiler never
 * includes runtime headers and the runtime never includes compiler headers:
 * this file is the whole interface. Every layout here is mirrored by the code
 * generator as an LLVM type, so any change must be made in both places and the
 * static_asserts at the bottom keep the C side honest.
 *
 * Invariants
 *  - Every gol function (compiled or native) has the signature
 *        R fn([sret], GolG* g, void* ctx, flattened params...)
 *    g is the running goroutine; ctx is the closure object for closures and
 *    method values (ignored by plain functions). A result of at most 16 bytes is
 *    returned directly (as a C struct of those fields would be); a larger result
 *    is written through a leading sret pointer, exactly as C does for large
 *    structs. Aggregate parameters are flattened into scalars: string = (ptr,
 *    len), slice = (ptr, len, cap), interface = (tab, data), struct = its fields
 *    in order, array of <= 4 elements = its elements; larger arrays and structs
 *    of more than 8 scalars go by pointer to a caller-owned copy.
 *  - g->stackguard is compared with the stack pointer in the prologue of
 *    every function but small leaves; when sp - frame < stackguard the
 *    function calls gol_morestack.
 *    The runtime poisons stackguard (GOL_STACK_PREEMPT) to ask a goroutine to
 *    stop at its next call (cooperative preemption, GC stop-the-world); a
 *    goroutine that makes no calls is stopped by a signal at any instruction
 *    of generated code (see gol_register_code).
 *  - g->frame is the top of the goroutine's shadow stack: a linked list of
 *    GolFrame records, one per active gol function that holds GC roots across
 *    a call, defers, or calls recover. The GC scans roots only from these
 *    records (and registered globals). A parked goroutine's shadow stack is as
 *    valid as a running one's.
 *  - Tracebacks do not use the shadow stack: all code keeps frame pointers
 *    and never tail-calls, the runtime walks the machine frames, and the
 *    symbolizer installed by the code's owner (gol_set_symbolizer) maps return
 *    addresses to functions and lines.
 *  - Every heap object comes from gol_alloc with a type descriptor. Pointers that
 *    do not point into the gol heap (static data, globals, C memory) are legal
 *    and ignored by the collector.
 */
#ifndef GOL_ABI_H
#define GOL_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Values ---------------------------------------------------------- */

typedef struct GolString { const uint8_t* ptr; int64_t len; } GolString;
typedef struct GolSlice { void* ptr; int64_t len; int64_t cap; } GolSlice;
/* An interface value. For an empty interface (any) tab is a const GolType*;
 * for a non-empty interface tab is a const GolItab*. data points to the boxed
 * value, or is the value itself when the dynamic type is pointer-shaped
 * (GOL_TF_DIRECT_IFACE: pointers, maps, chans, funcs, unsafe.Pointer). A box
 * is never written after the conversion: the box of a constant is read-only
 * static data. */
typedef struct GolIface { const void* tab; void* data; } GolIface;

/* ---- Type descriptors ----------------------------------------------- */

enum GolKind {
  GOL_KIND_INVALID = 0,
  GOL_KIND_BOOL, GOL_KIND_INT, GOL_KIND_INT8, GOL_KIND_INT16, GOL_KIND_INT32, GOL_KIND_INT64,
  GOL_KIND_UINT, GOL_KIND_UINT8, GOL_KIND_UINT16, GOL_KIND_UINT32, GOL_KIND_UINT64, GOL_KIND_UINTPTR,
  GOL_KIND_FLOAT32, GOL_KIND_FLOAT64, GOL_KIND_COMPLEX64, GOL_KIND_COMPLEX128,
  GOL_KIND_ARRAY, GOL_KIND_CHAN, GOL_KIND_FUNC, GOL_KIND_INTERFACE, GOL_KIND_MAP,
  GOL_KIND_POINTER, GOL_KIND_SLICE, GOL_KIND_STRING, GOL_KIND_STRUCT, GOL_KIND_UNSAFE_POINTER
};

enum GolTypeFlags {
  GOL_TF_COMPARABLE = 1u << 0,   /* == is defined (and so usable as a map key) */
  GOL_TF_DIRECT_IFACE = 1u << 1, /* stored directly in GolIface.data */
  GOL_TF_NAMED = 1u << 2,        /* a defined (named) type */
  GOL_TF_VARIADIC = 1u << 3,     /* func types: last parameter is ...T */
};

enum GolChanDir { GOL_CHAN_RECV = 1, GOL_CHAN_SEND = 2, GOL_CHAN_BOTH = 3 };

typedef struct GolType GolType;
typedef struct GolFuncInfo GolFuncInfo;

typedef struct GolField {
  GolString name;          /* "" never: embedded fields carry the type's name */
  const GolType* type;
  int64_t offset;
  uint8_t embedded;
  uint8_t exported;
  uint8_t pad[6];
  GolString tag;
} GolField;

/* A method of a concrete type, sorted by name (then by pkgpath for unexported
 * names) so that itabs are built by a merge. ifn is callable with the receiver
 * passed as one pointer-sized word (the GolIface.data word): for value
 * receivers it is a wrapper that loads the value. */
typedef struct GolMethod {
  GolString name;
  GolString pkgpath;       /* empty for exported names */
  const GolType* mtype;    /* func type without receiver */
  void* ifn;
} GolMethod;

/* A method required by an interface type, sorted like GolMethod. */
typedef struct GolIMethod {
  GolString name;
  GolString pkgpath;
  const GolType* mtype;
} GolIMethod;

struct GolType {
  int64_t size;
  int64_t ptrdata;         /* bytes of the prefix that can hold pointers; 0 = no pointers */
  const uint8_t* gcmask;   /* one bit per 8-byte word of the ptrdata prefix, LSB first */
  uint32_t hash;           /* FNV-1a of string: used by type switches and maps of interfaces */
  uint8_t kind;            /* enum GolKind */
  uint8_t align;
  uint16_t flags;          /* enum GolTypeFlags */
  GolString string;        /* as %T prints it: "int", "main.Point", "[]*main.T", "map[string]int" */
  GolString pkgpath;       /* of a named type; empty otherwise */
  const GolType* elem;     /* pointer, slice, array, chan, map value */
  const GolType* key;      /* map key */
  int64_t len;             /* array length; chan direction (enum GolChanDir) */
  /* struct: fields; func: in then out types as GolField without names */
  const GolField* fields;
  int64_t nfields;
  int64_t nin;             /* func: number of parameters (fields[0..nin)), rest are results */
  const GolMethod* methods;   /* concrete types: value-receiver method set for T,
                                 full method set for *T */
  int64_t nmethods;
  const GolIMethod* imethods; /* interface types */
  int64_t nimethods;
  const GolType* ptrto;    /* *T when the compiler emitted it, else NULL */
};

/* An itab pairs an interface type with a concrete type: fun[i] implements
 * inter->imethods[i]. Built statically by the compiler when the conversion is
 * known, or at run time by gol_getitab. */
typedef struct GolItab {
  const GolType* inter;
  const GolType* type;
  uint32_t hash;           /* copy of type->hash, for type switches */
  uint32_t pad;
  void* fun[];             /* variable length */
} GolItab;

/* ---- Goroutine header and shadow stack ------------------------------ */

/* Static description of a gol function, referenced from its frames. */
struct GolFuncInfo {
  GolString name;          /* "main.main", "main.(*T).String", "main.main.func1" */
  GolString file;          /* as given on the command line, e.g. "prog.gol" */
  int32_t nroots;          /* words in the frame's roots[] area */
  uint32_t flags;          /* enum GolFuncFlags */
  const uint8_t* rootmask; /* one bit per roots[] word that holds a pointer,
                              LSB first; NULL: every word is a pointer */
};

enum GolFuncFlags {
  GOL_FN_DEFERPROC = 1u << 0,  /* frame that runs deferred calls for panics */
  GOL_FN_MORESTACK = 1u << 1,  /* a call's arguments packed for gol_morestack */
};

/* One activation of a gol function on the shadow stack. roots[] is the part
 * of the function's locals the collector must see: every variable and temporary
 * holding a pointer that is live across a call, laid out as fn->rootmask says.
 * It is zeroed on entry, before the first call. */
typedef struct GolFrame {
  struct GolFrame* prev;
  const GolFuncInfo* fn;
  void* roots[];
} GolFrame;

/* The first words of the runtime's goroutine object. Generated code reads
 * stackguard in every prologue and links frames through frame; everything
 * after this header is private to the runtime. */
typedef struct GolG {
  uintptr_t stackguard;
  GolFrame* frame;
} GolG;

/* stackguard value that makes every prologue check fail: a preemption request. */
#define GOL_STACK_PREEMPT ((uintptr_t)-1314)

/* Bytes below stackguard that runtime (C/C++) code called from a gol function
 * may use without a check. Prologues compare sp - (locals + GOL_STACK_SMALL)
 * with stackguard; frames too large to check after the machine prologue has
 * allocated them are checked by a wrapper first (docs/ARCHITECTURE.md). */
#define GOL_STACK_GUARD_RESERVE (32 * 1024)
#define GOL_STACK_SMALL 256

/* ---- Entry points ----------------------------------------------------- */

/* Memory. The one allocation entry point: n objects of type t, zeroed. */
void* gol_alloc(GolG* g, const GolType* t, int64_t n);
/* Registers a module's global variables that may hold pointers; called by the
 * module initialiser before any package init code runs. */
void gol_register_globals(void* const* addrs, const GolType* const* types, int64_t n);

/* Stack growth: called from a prologue when the check fails. Runs
 * thunk(g, pack) on a stack with enough room (a new segment when needed), after
 * honouring a pending preemption request. pack is caller-owned and holds the
 * arguments and results of the re-invoked function; it is itself a GolFrame so
 * its pointers are roots. */
void gol_morestack(GolG* g, void (*thunk)(GolG*, void*), void* pack);

/* Panics. All of these are noreturn. */
void gol_panic(GolG* g, const void* tab, void* data) __attribute__((noreturn));
void gol_panic_index(GolG* g, int64_t i, int64_t len) __attribute__((noreturn));
/* code is a bounds-error kind (0 index, then the slice-bound variants), or'ed
 * with GOL_BOUNDS_UNSIGNED_X when x is an unsigned 64-bit value: one above
 * 2^63-1 is out of range and prints as the unsigned number it is. */
enum { GOL_BOUNDS_UNSIGNED_X = 0x100 };
void gol_panic_slice(GolG* g, int32_t code, int64_t x, int64_t y) __attribute__((noreturn));
void gol_panic_divide(GolG* g) __attribute__((noreturn));
void gol_panic_nil(GolG* g) __attribute__((noreturn));
void gol_panic_shift(GolG* g) __attribute__((noreturn));
void gol_panic_nilmap(GolG* g) __attribute__((noreturn));
/* Failed x.(T): have (concrete type or NULL), want, and the interface named in
 * the message ("interface {}" for any). */
void gol_panic_assert(GolG* g, const GolType* have, const GolType* want, const GolType* iface)
    __attribute__((noreturn));
/* Runtime error with a fixed message, e.g. "makeslice: len out of range". */
void gol_panic_msg(GolG* g, const char* msg) __attribute__((noreturn));
/* A value method reached through a nil pointer by the compiler's (*T).M
 * wrapper: a runtime error whose text is msg itself ("value method main.T.M
 * called using nil *T pointer"), as Go's panicwrap. */
void gol_panic_wrap(GolG* g, const char* msg) __attribute__((noreturn));

/* Deferred calls and recovery. A function containing a defer statement owns
 * a jump buffer of GOL_JMPBUF_WORDS words in its stack frame and calls libc's
 * _setjmp(buf) (returns_twice) on entry, after pushing its GolFrame. A defer
 * statement calls gol_defer with a func() closure that performs the deferred
 * call (such thunks push no frame of their own, so the deferred function's
 * frame sits directly on the runtime's defer-call frame). Every return path
 * calls gol_rundefers(g, frame). When a deferred call recovers a panic, the
 * runtime unwinds the shadow stack and stacks to the owner frame and
 * _longjmp(buf, 1)s there; the function then runs gol_rundefers and returns its
 * result slots (named results as the defers left them, zero otherwise). */
#define GOL_JMPBUF_WORDS 25
void gol_defer(GolG* g, GolFrame* frame, void* jmpbuf, void* closure);
void gol_rundefers(GolG* g, GolFrame* frame);
/* recover(): frame is the caller's own frame. It stops a panic only when that
 * frame was called directly by the runtime's defer-call frame. */
GolIface gol_recover(GolG* g, GolFrame* frame);

/* Strings. */
GolString gol_concat(GolG* g, const GolString* parts, int64_t n);
int64_t gol_strcmp(const uint8_t* a, int64_t alen, const uint8_t* b, int64_t blen);
GolString gol_bytes_to_string(GolG* g, const uint8_t* p, int64_t n);
GolSlice gol_string_to_bytes(GolG* g, const uint8_t* p, int64_t n);
GolSlice gol_string_to_runes(GolG* g, const uint8_t* p, int64_t n);
GolString gol_runes_to_string(GolG* g, const int32_t* p, int64_t n);
GolString gol_rune_to_string(GolG* g, int32_t r);
/* Decodes the rune at s[i]; returns (rune, next index) packed as rune | next<<32
 * is not used: results are written to out[0] (rune) and out[1] (width). */
void gol_decoderune(const uint8_t* p, int64_t n, int64_t i, int64_t* out);

/* Slices. append grows s so that it can hold s.len + add elements of type
 * elem and returns the new slice with len = old len (the caller stores). */
GolSlice gol_growslice(GolG* g, const GolType* elem, void* ptr, int64_t len, int64_t cap, int64_t add);
GolSlice gol_makeslice(GolG* g, const GolType* elem, int64_t len, int64_t cap);

/* Interfaces. */
const GolItab* gol_getitab(GolG* g, const GolType* inter, const GolType* type, int32_t canfail);
int32_t gol_efaceeq(GolG* g, const GolType* t, void* x, void* y);
int32_t gol_ifaceeq(GolG* g, const GolItab* tab, void* x, void* y);
/* Equality and hashing of values of any comparable type (panics on
 * uncomparable dynamic types inside interfaces, as Go does). */
int32_t gol_memequal(GolG* g, const GolType* t, const void* x, const void* y);

/* Maps. key and value are passed by address. mapaccess returns the address of
 * the value or of a zero value; mapassign returns the slot to store into. */
typedef struct GolMap GolMap;
typedef struct GolMapIter { void* key; void* value; void* priv[8]; } GolMapIter;
GolMap* gol_makemap(GolG* g, const GolType* maptype, int64_t hint);
void* gol_mapaccess(GolG* g, const GolType* maptype, GolMap* m, const void* key, int32_t* ok);
void* gol_mapassign(GolG* g, const GolType* maptype, GolMap* m, const void* key);
void gol_mapdelete(GolG* g, const GolType* maptype, GolMap* m, const void* key);
/* The same for the key classes the compiler specialises (Go's _faststr,
 * _fast32, _fast64), the key passed by value: keys whose underlying type is
 * string; 4-byte integers; 8-byte integers, pointers, chans and
 * unsafe.Pointer. A map may be used through both these and the generic
 * entry points. ok may be NULL. */
void* gol_mapaccess_faststr(GolG* g, const GolType* maptype, GolMap* m, const uint8_t* p, int64_t n, int32_t* ok);
void* gol_mapassign_faststr(GolG* g, const GolType* maptype, GolMap* m, const uint8_t* p, int64_t n);
void gol_mapdelete_faststr(GolG* g, const GolType* maptype, GolMap* m, const uint8_t* p, int64_t n);
void* gol_mapaccess_fast32(GolG* g, const GolType* maptype, GolMap* m, uint32_t key, int32_t* ok);
void* gol_mapassign_fast32(GolG* g, const GolType* maptype, GolMap* m, uint32_t key);
void gol_mapdelete_fast32(GolG* g, const GolType* maptype, GolMap* m, uint32_t key);
void* gol_mapaccess_fast64(GolG* g, const GolType* maptype, GolMap* m, uint64_t key, int32_t* ok);
void* gol_mapassign_fast64(GolG* g, const GolType* maptype, GolMap* m, uint64_t key);
void gol_mapdelete_fast64(GolG* g, const GolType* maptype, GolMap* m, uint64_t key);
int64_t gol_maplen(GolMap* m);
void gol_mapclear(GolG* g, const GolType* maptype, GolMap* m);
/* it must be a root-visible object: the compiler allocates it on the heap. */
void gol_mapiterinit(GolG* g, const GolType* maptype, GolMap* m, GolMapIter* it);
void gol_mapiternext(GolG* g, GolMapIter* it);   /* it->key == NULL at the end */

/* Goroutines and channels. closure is a func() value; a nil one is Go's
 * fatal error "go of nil func value". */
void gol_go(GolG* g, void* closure);
typedef struct GolChan GolChan;
GolChan* gol_makechan(GolG* g, const GolType* chantype, int64_t size);
void gol_chansend(GolG* g, GolChan* c, const void* elem);
/* Receives into elem (may be NULL); returns 1 if a value was received, 0 if
 * the channel is closed and drained. */
int32_t gol_chanrecv(GolG* g, GolChan* c, void* elem);
void gol_closechan(GolG* g, GolChan* c);
int64_t gol_chanlen(GolChan* c);
int64_t gol_chancap(GolChan* c);
/* select: cases[i] = {chan, elem address, dir (GOL_CHAN_SEND/RECV)};
 * returns the chosen index, or -1 for default when block == 0; *recvok is set
 * for receive cases. */
typedef struct GolSelectCase { GolChan* c; void* elem; int64_t dir; } GolSelectCase;
int64_t gol_select(GolG* g, GolSelectCase* cases, int64_t n, int32_t block, int32_t* recvok);

/* Built-in print/println (to stderr, as Go's). */
void gol_printstring(GolG* g, const uint8_t* p, int64_t n);
void gol_printint(GolG* g, int64_t v);
void gol_printuint(GolG* g, uint64_t v);
void gol_printfloat(GolG* g, double v);
void gol_printbool(GolG* g, int32_t v);
void gol_printpointer(GolG* g, const void* p);
void gol_printiface(GolG* g, const void* tab, void* data);
void gol_printsp(GolG* g);
void gol_printnl(GolG* g);

/* Process. */
void gol_exit(GolG* g, int32_t code) __attribute__((noreturn));

/* Blocking system calls (natives only). A native about to block in the
 * kernel (reading an empty pipe or a terminal) calls gol_entersyscall first
 * and gol_exitsyscall after: meanwhile its P runs other goroutines and the
 * program is not considered deadlocked. In between it may touch only memory
 * it already holds (a collection may run), and must not allocate, block on
 * a channel or call back into gol code. */
void gol_entersyscall(GolG* g);
void gol_exitsyscall(GolG* g);

/* ---- Host side (used by the driver, not by generated code) ----------- */

typedef struct GolSymbol { const char* name; void* addr; } GolSymbol;
/* Every runtime and native-stdlib entry point by name, for the JIT's
 * symbol resolution. */
const GolSymbol* gol_runtime_symbols(size_t* n);

/* Runs a program: initialises the runtime, runs init (may be NULL) then main
 * on the main goroutine, and returns the process exit code (0 when main
 * returns; 2 after an unrecovered panic or fatal error). */
typedef void (*GolEntry)(GolG* g, void* ctx);
int gol_runtime_main(GolEntry init, GolEntry main_fn, int argc, const char* const* argv);

/* One frame of what a code address means: the function (inlined calls give
 * several frames for one address), its file and line. */
typedef struct GolPCFrame {
  GolString function;
  GolString file;
  int32_t line;
  int32_t noArgs;  /* nonzero: a function without parameters, not inlined
                      here: tracebacks print "f()" instead of "f(...)" */
  uintptr_t entry; /* first instruction of the function the code belongs to
                      (for inlined calls too), 0 when unknown */
} GolPCFrame;
/* Describes the instruction at pc: fills at most max frames, innermost
 * inlined call first, and returns how many; 0 when pc is not gol code or
 * belongs to a compiler helper that tracebacks hide. The strings must stay
 * valid for the life of the process. Called with no runtime lock held, one
 * call at a time, on a stack of at least 1 MB. */
typedef int32_t (*GolSymbolizer)(uintptr_t pc, GolPCFrame* frames, int32_t max);
/* Installs the symbolizer tracebacks use (the JIT driver does, before running
 * code). */
void gol_set_symbolizer(GolSymbolizer fn);
/* Declares [start, end) generated code (the JIT driver does for every code
 * block it links, before the block runs). Only there may the preemption
 * signal stop a goroutine at an arbitrary instruction; the code must keep
 * frame pointers and link GolFrame records only once they are initialised. */
void gol_register_code(uintptr_t start, uintptr_t end);

#ifdef __cplusplus
} /* extern "C" */

static_assert(sizeof(GolString) == 16 && sizeof(GolSlice) == 24 && sizeof(GolIface) == 16, "value layout");
static_assert(offsetof(GolG, stackguard) == 0 && offsetof(GolG, frame) == 8, "goroutine header");
static_assert(offsetof(GolFrame, roots) == 16 && sizeof(GolFuncInfo) == 48, "frame layout");
static_assert(offsetof(GolType, kind) == 28 && offsetof(GolType, string) == 32, "type layout");
static_assert(sizeof(GolType) == 152, "type layout");
static_assert(sizeof(GolField) == 56 && sizeof(GolMethod) == 48 && sizeof(GolIMethod) == 40, "tables");
static_assert(offsetof(GolItab, fun) == 24, "itab layout");
#endif

#endif /* GOL_ABI_H */
