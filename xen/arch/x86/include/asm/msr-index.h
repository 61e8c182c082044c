/*
 * Model-specific register numbers and the bits the hypervisor uses.
 */
#ifndef ASM_X86_MSR_INDEX_H
#define ASM_X86_MSR_INDEX_H

#define MSR_IA32_TSC             0x00000010
#define MSR_IA32_APICBASE        0x0000001b
#define  APICBASE_BSP            (1UL << 8)
#define  APICBASE_X2APIC         (1UL << 10)
#define  APICBASE_ENABLE         (1UL << 11)
#define  APICBASE_BASE_MASK      0xfffff000UL
#define MSR_IA32_MISC_ENABLE     0x000001a0
#define MSR_IA32_CR_PAT          0x00000277
#define MSR_IA32_TSC_DEADLINE    0x000006e0

#define MSR_EFER                 0xc0000080
#define  EFER_SCE                (1U << 0)
#define  EFER_LME                (1U << 8)
#define  EFER_LMA                (1U << 10)
#define  EFER_NXE                (1U << 11)
#define  EFER_SVME               (1U << 12)
#define MSR_STAR                 0xc0000081
#define MSR_LSTAR                0xc0000082
#define MSR_CSTAR                0xc0000083
#define MSR_SYSCALL_MASK         0xc0000084
#define MSR_FS_BASE              0xc0000100
#define MSR_GS_BASE              0xc0000101
#define MSR_SHADOW_GS_BASE       0xc0000102
#define MSR_TSC_AUX              0xc0000103

#endif /* ASM_X86_MSR_INDEX_H */
