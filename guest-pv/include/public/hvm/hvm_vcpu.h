/* SPDX-License-Identifier: MIT */
/*
 * The register state VCPUOP_initialise takes for a vCPU of an HVM (PVH)
 * domain, instead of struct vcpu_guest_context: the vCPU starts in
 * 32-bit protected mode (segments given as base, limit and packed
 * attributes) or in 64-bit mode (flat segments implied).
 */
#ifndef PUBLIC_HVM_HVM_VCPU_H
#define PUBLIC_HVM_HVM_VCPU_H

#ifndef __ASSEMBLY__
#include <stdint.h>

/*
 * Attributes ("ar") are the descriptor's bits 40-47 in bits 0-7 (type,
 * S, DPL, P) and bits 52-55 in bits 8-11 (AVL, L, D/B, G).
 */
struct vcpu_hvm_x86_32 {
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t eip, eflags;
    uint32_t cr0, cr3, cr4;
    uint32_t pad1;
    uint64_t efer;
    uint32_t cs_base, ds_base, ss_base, es_base, tr_base;
    uint32_t cs_limit, ds_limit, ss_limit, es_limit, tr_limit;
    uint16_t cs_ar, ds_ar, ss_ar, es_ar, tr_ar;
    uint16_t pad2[3];
};

struct vcpu_hvm_x86_64 {
    uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
    uint64_t rip, rflags;
    uint64_t cr0, cr3, cr4;
    uint64_t efer;
};

#define VCPU_HVM_MODE_32B 0
#define VCPU_HVM_MODE_64B 1

struct vcpu_hvm_context {
    uint32_t mode;              /* VCPU_HVM_MODE_* */
    uint32_t pad;
    union {
        struct vcpu_hvm_x86_32 x86_32;
        struct vcpu_hvm_x86_64 x86_64;
    } cpu_regs;
};
typedef struct vcpu_hvm_context vcpu_hvm_context_t;

#endif /* __ASSEMBLY__ */
#endif /* PUBLIC_HVM_HVM_VCPU_H */
