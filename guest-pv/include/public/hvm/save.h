/* SPDX-License-Identifier: MIT */
/*
 * An HVM domain's saved state (XEN_DOMCTL_gethvmcontext / sethvmcontext):
 * a chain of records, each a descriptor followed by `length` bytes of
 * the type its typecode names, one per instance (vCPU, for per-vCPU
 * types).  A chain starts with a HEADER record and ends with an END
 * record (length 0).  Records are packed back to back; the x86 types
 * are sized so that every one starts 8-byte aligned.
 *
 * Only the types this project uses are spelled out here; the typecodes
 * are Xen's (a chain from Xen may hold others, skipped by length).
 */
#ifndef PUBLIC_HVM_SAVE_H
#define PUBLIC_HVM_SAVE_H

#ifndef __ASSEMBLY__
#include <stdint.h>

struct hvm_save_descriptor {
    uint16_t typecode;          /* HVM_SAVE_CODE_* */
    uint16_t instance;          /* vCPU number for per-vCPU types, else 0 */
    uint32_t length;            /* bytes after this descriptor */
};

#define HVM_SAVE_CODE_END       0
#define HVM_SAVE_CODE_HEADER    1
#define HVM_SAVE_CODE_CPU       2
#define HVM_SAVE_CODE_MTRR      14

/* HEADER: which file format, and the machine that wrote it. */
#define HVM_FILE_MAGIC   0x54381286
#define HVM_FILE_VERSION 0x00000001

struct hvm_save_header {
    uint32_t magic;             /* HVM_FILE_MAGIC */
    uint32_t version;           /* HVM_FILE_VERSION */
    uint64_t changeset;         /* the writer's build, informational */
    uint32_t cpuid;             /* the writer's CPUID leaf 1 eax */
    uint32_t gtsc_khz;          /* the guest's TSC rate */
};

/* CPU: one vCPU's architectural state. */
struct hvm_hw_cpu {
    uint8_t  fpu_regs[512];     /* FXSAVE image */
    uint64_t rax, rbx, rcx, rdx, rbp, rsi, rdi, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
    uint64_t cr0, cr2, cr3, cr4;
    uint64_t dr0, dr1, dr2, dr3, dr6, dr7;
    /* Segment registers in the order cs ds es fs gs ss tr ldtr; the
     * descriptor tables only have limit and base.  arbytes: descriptor
     * bits 40-47 in 7-0 and 52-55 in 11-8 (VMCB attribute packing). */
    uint32_t cs_sel, ds_sel, es_sel, fs_sel, gs_sel, ss_sel, tr_sel, ldtr_sel;
    uint32_t cs_limit, ds_limit, es_limit, fs_limit, gs_limit, ss_limit,
             tr_limit, ldtr_limit, idtr_limit, gdtr_limit;
    uint64_t cs_base, ds_base, es_base, fs_base, gs_base, ss_base,
             tr_base, ldtr_base, idtr_base, gdtr_base;
    uint32_t cs_arbytes, ds_arbytes, es_arbytes, fs_arbytes, gs_arbytes,
             ss_arbytes, tr_arbytes, ldtr_arbytes;
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t shadow_gs;         /* MSR_KERNEL_GS_BASE */
    uint64_t msr_flags;         /* unused */
    uint64_t msr_lstar, msr_star, msr_cstar, msr_syscall_mask;
    uint64_t msr_efer, msr_tsc_aux;
    uint64_t tsc;
    uint32_t pending_event;     /* bits 7-0 vector, 10-8 type, 11 error
                                 * code valid, 31 valid */
    uint32_t error_code;
    uint32_t flags;             /* XEN_X86_FPU_INITIALISED */
    uint32_t pad0;
};

#define XEN_X86_FPU_INITIALISED (1U << 0)

/* MTRR: one vCPU's memory type registers and its PAT. */
#define MTRR_VCNT      8
#define NUM_FIXED_MSR  11

struct hvm_hw_mtrr {
    uint64_t msr_pat_cr;
    uint64_t msr_mtrr_var[MTRR_VCNT * 2];   /* base/mask pairs */
    uint64_t msr_mtrr_fixed[NUM_FIXED_MSR];
    uint64_t msr_mtrr_cap;
    uint64_t msr_mtrr_def_type;
};

#endif /* !__ASSEMBLY__ */
#endif /* PUBLIC_HVM_SAVE_H */
