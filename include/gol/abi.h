/*
 * gol/abi.h — the one C-ABI contract between generated code and the runtime.
 *
 * Generated code (and the stdlib's native functions) reach the runtime only
 * through the entry points and data layouts declared here. The compiler never
 * includes runtime headers and the runtime never includes compiler headers:
 * this file (with the entry-point list abi_entries.inc it includes) is the
 * whole interface. Every layout here is mirrored by the code generator as an
 * LLVM type (compiler/abi_types.cpp checks the sizes when it starts), and the
 * static_asserts at the bottom keep the C side honest. Entry-point
 * signatures are not mirrored: the code generator derives them from the C
 * prototypes.
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

/* Or'ed into gol_panic_slice's code when x is an unsigned 64-bit value. */
enum { GOL_BOUNDS_UNSIGNED_X = 0x100 };
/* Words of the jump buffer a function with defers owns (see gol_defer). */
#define GOL_JMPBUF_WORDS 25

typedef struct GolMap GolMap;
/* A map iteration in progress: key and value point at the current entry. */
typedef struct GolMapIter { void* key; void* value; void* priv[8]; } GolMapIter;
typedef struct GolChan GolChan;
/* One case of a select statement (see gol_select). */
typedef struct GolSelectCase { GolChan* c; void* elem; int64_t dir; } GolSelectCase;

/* The entry points themselves, each declared once in abi_entries.inc. */
#define GOL_ENTRY(ret, name, params) ret name params;
#define GOL_ENTRY_NORETURN(name, params) void name params __attribute__((noreturn));
#define GOL_LIBC_ENTRY(name, returnsTwice)
#include "gol/abi_entries.inc"

/* ---- Host side (used by the driver, not by generated code) ----------- */

/* A symbol the JIT resolves: its gol name and address, the signature code of
 * the C++ function (gol/native.h) and that function's C++ name. */
typedef struct GolSymbol { const char* name; void* addr; const char* sig; const char* cname; } GolSymbol;
/* Every runtime entry point (abi_entries.inc) and every native the runtime
 * implements, by name, for the JIT's symbol resolution. */
const GolSymbol* gol_runtime_symbols(size_t* n);

/* Runs a program: initialises the runtime, runs init (may be NULL) then main
 * on the main goroutine, and returns the process exit code (0 when main
 * returns; 2 after an unrecovered panic or fatal error). The program's
 * arguments reach os.Args through gol_stdlib_set_args, not here. */
typedef void (*GolEntry)(GolG* g, void* ctx);
int gol_runtime_main(GolEntry init, GolEntry main_fn);

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
static_assert(sizeof(GolType) == 144, "type layout");
static_assert(sizeof(GolField) == 56 && sizeof(GolMethod) == 48 && sizeof(GolIMethod) == 40, "tables");
static_assert(offsetof(GolItab, fun) == 24, "itab layout");
#endif

#endif /* GOL_ABI_H */
