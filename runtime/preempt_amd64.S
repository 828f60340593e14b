// preempt_amd64.S — gol_async_preempt: where a goroutine stopped by the
// preemption signal continues (preempt.cpp rewrote its context).
//
// On entry every register holds the interrupted code's value except rsp and
// rip: [rsp] is the interrupted PC and above it lie the 128 bytes of the
// interrupted code's red zone, untouched. The stub saves flags, the general
// registers and, with XSAVE, all vector/x87/mask state, calls
// gol_async_preempt_park(save area, frame), restores everything and returns
// with `ret $128`, which lands on the interrupted instruction with rsp as it
// was. The pushed rbp and the PC form an ordinary frame record, so
// tracebacks and the collector see the interrupted function as the caller of
// this stub.
        .text
        .globl  gol_async_preempt
        .type   gol_async_preempt, @function
gol_async_preempt:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        pushfq
        pushq   %rax
        pushq   %rbx
        pushq   %rcx
        pushq   %rdx
        pushq   %rsi
        pushq   %rdi
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movl    gol_xsave_size(%rip), %eax
        subq    %rax, %rsp
        andq    $-64, %rsp
        // XSAVE writes only XSTATE_BV of the header; XRSTOR faults unless
        // the rest of it is zero.
        xorl    %eax, %eax
        movq    %rax, 512(%rsp)
        movq    %rax, 520(%rsp)
        movq    %rax, 528(%rsp)
        movq    %rax, 536(%rsp)
        movq    %rax, 544(%rsp)
        movq    %rax, 552(%rsp)
        movq    %rax, 560(%rsp)
        movq    %rax, 568(%rsp)
        // Every enabled component except AMX tile state (bits 17, 18),
        // which generated code never uses and Linux enables lazily.
        movl    $0xfff9ffff, %eax
        movl    $0xffffffff, %edx
        xsave64 (%rsp)
        movq    %rsp, %rdi
        movq    %rbp, %rsi
        call    gol_async_preempt_park
        movl    $0xfff9ffff, %eax
        movl    $0xffffffff, %edx
        xrstor64 (%rsp)
        leaq    -120(%rbp), %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %r11
        popq    %r10
        popq    %r9
        popq    %r8
        popq    %rdi
        popq    %rsi
        popq    %rdx
        popq    %rcx
        popq    %rbx
        popq    %rax
        popfq
        popq    %rbp
        .cfi_def_cfa %rsp, 8
        ret     $128
        .cfi_endproc
        .size   gol_async_preempt, .-gol_async_preempt
        .globl  gol_async_preempt_end
gol_async_preempt_end:

        .section .note.GNU-stack,"",@progbits
