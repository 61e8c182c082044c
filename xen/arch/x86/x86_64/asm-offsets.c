/*
 * Structure sizes and offsets for assembly code.  This file is compiled to
 * assembly only; the build extracts the "->NAME value" markers into
 * asm-offsets.h, so .S files never hard-code a C layout.
 */
#include <xen/types.h>
#include <asm/current.h>

#define DEFINE(sym, val) \
    __asm__ volatile ( "\n.ascii \"->" #sym " %0\"" :: "i" (val) )
#define OFFSET(sym, str, mem) DEFINE(sym, __builtin_offsetof(str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
    DEFINE(CPUINFO_SIZE, sizeof(struct cpu_info));
    OFFSET(CPUINFO_processor_id, struct cpu_info, processor_id);
    OFFSET(CPUINFO_per_cpu_offset, struct cpu_info, per_cpu_offset);
    DEFINE(UREGS_SIZE, sizeof(struct cpu_user_regs));
    OFFSET(UREGS_r15, struct cpu_user_regs, r15);
    OFFSET(UREGS_r14, struct cpu_user_regs, r14);
    OFFSET(UREGS_r13, struct cpu_user_regs, r13);
    OFFSET(UREGS_r12, struct cpu_user_regs, r12);
    OFFSET(UREGS_rbp, struct cpu_user_regs, rbp);
    OFFSET(UREGS_rbx, struct cpu_user_regs, rbx);
    OFFSET(UREGS_r11, struct cpu_user_regs, r11);
    OFFSET(UREGS_r10, struct cpu_user_regs, r10);
    OFFSET(UREGS_r9, struct cpu_user_regs, r9);
    OFFSET(UREGS_r8, struct cpu_user_regs, r8);
    OFFSET(UREGS_rax, struct cpu_user_regs, rax);
    OFFSET(UREGS_rcx, struct cpu_user_regs, rcx);
    OFFSET(UREGS_rdx, struct cpu_user_regs, rdx);
    OFFSET(UREGS_rsi, struct cpu_user_regs, rsi);
    OFFSET(UREGS_rdi, struct cpu_user_regs, rdi);
    OFFSET(UREGS_error_code, struct cpu_user_regs, error_code);
    OFFSET(UREGS_entry_vector, struct cpu_user_regs, entry_vector);
    OFFSET(UREGS_rip, struct cpu_user_regs, rip);
    OFFSET(UREGS_cs, struct cpu_user_regs, cs);
    OFFSET(UREGS_rflags, struct cpu_user_regs, rflags);
    OFFSET(UREGS_rsp, struct cpu_user_regs, rsp);
    OFFSET(UREGS_ss, struct cpu_user_regs, ss);
    /* The frame up to and including ss: what an exception entry saves. */
    OFFSET(UREGS_kernel_sizeof, struct cpu_user_regs, es);
}
