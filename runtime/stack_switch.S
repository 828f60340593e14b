// stack_switch.S — gol_call_on_stack(g, thunk, pack, sp): calls
// thunk(g, pack) with the stack pointer at sp (the top of a fresh segment)
// and returns on the original stack.
//
// The frame record (saved rbp, return address) of this function is copied
// to the top of the new segment and rbp points at the copy while thunk runs,
// so frame-pointer walkers (perf, gdb, the runtime's own unwinding) step from
// the new segment straight into gol_morestack's frame on the old one, and the
// CFI rule "CFA = rbp + 16" stays true throughout.
        .text
        .globl  gol_call_on_stack
        .type   gol_call_on_stack, @function
gol_call_on_stack:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        movq    %rcx, %rsp
        pushq   8(%rbp)            // return address copy
        pushq   0(%rbp)            // caller's rbp copy
        pushq   %rbp               // this frame on the old stack
        subq    $8, %rsp           // 16-byte alignment at the call
        leaq    16(%rsp), %rbp     // rbp -> the copied frame record
        movq    %rsi, %rax
        movq    %rdx, %rsi
        call    *%rax
        movq    -8(%rbp), %rsp     // back to the old stack
        popq    %rbp
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size   gol_call_on_stack, .-gol_call_on_stack

        .section .note.GNU-stack,"",@progbits
