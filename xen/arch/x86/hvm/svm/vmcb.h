/*
 * The VMCB: AMD's control block for one guest vCPU (APM vol. 2, appendix
 * B).  A 4 KiB page: the control area at 0x000, the guest state save area
 * at 0x400.  Fields are reached by offset (the layout is the hardware's).
 */
#ifndef HVM_SVM_VMCB_H
#define HVM_SVM_VMCB_H

#include <xen/types.h>

#define VMCB_CR_INTERCEPTS      0x000   /* u32: reads 0-15, writes 16-31 */
#define VMCB_DR_INTERCEPTS      0x004
#define VMCB_EXC_INTERCEPTS     0x008   /* u32: bit n = vector n */
#define VMCB_INTERCEPTS1        0x00c
#define VMCB_INTERCEPTS2        0x010
#define VMCB_IOPM_PA            0x040
#define VMCB_MSRPM_PA           0x048
#define VMCB_TSC_OFFSET         0x050
#define VMCB_ASID               0x058   /* u32 */
#define VMCB_TLB_CONTROL        0x05c   /* u8 */
#define VMCB_VINTR              0x060
#define VMCB_INT_SHADOW         0x068
#define VMCB_EXITCODE           0x070
#define VMCB_EXITINFO1          0x078
#define VMCB_EXITINFO2          0x080
#define VMCB_EXITINTINFO        0x088
#define VMCB_NP_ENABLE          0x090
#define VMCB_EVENTINJ           0x0a8
#define VMCB_N_CR3              0x0b0
#define VMCB_CLEAN              0x0c0   /* u32 */
#define VMCB_NRIP               0x0c8

/* Segments: 16 bytes each, selector u16, attrib u16, limit u32, base u64. */
#define VMCB_ES                 0x400
#define VMCB_CS                 0x410
#define VMCB_SS                 0x420
#define VMCB_DS                 0x430
#define VMCB_FS                 0x440
#define VMCB_GS                 0x450
#define VMCB_GDTR               0x460
#define VMCB_LDTR               0x470
#define VMCB_IDTR               0x480
#define VMCB_TR                 0x490
#define VMCB_CPL                0x4cb   /* u8 */
#define VMCB_EFER               0x4d0
#define VMCB_CR4                0x548
#define VMCB_CR3                0x550
#define VMCB_CR0                0x558
#define VMCB_DR7                0x560
#define VMCB_DR6                0x568
#define VMCB_RFLAGS             0x570
#define VMCB_RIP                0x578
#define VMCB_RSP                0x5d8
#define VMCB_RAX                0x5f8
#define VMCB_STAR               0x600
#define VMCB_LSTAR              0x608
#define VMCB_CSTAR              0x610
#define VMCB_SFMASK             0x618
#define VMCB_KERNEL_GS_BASE     0x620
#define VMCB_SYSENTER_CS        0x628
#define VMCB_SYSENTER_ESP       0x630
#define VMCB_SYSENTER_EIP       0x638
#define VMCB_CR2                0x640
#define VMCB_G_PAT              0x668

#define SEG_SEL     0
#define SEG_ATTR    2
#define SEG_LIMIT   4
#define SEG_BASE    8

/* INTERCEPTS1 bits */
#define I1_INTR         (1u << 0)
#define I1_NMI          (1u << 1)
#define I1_SMI          (1u << 2)
#define I1_INIT         (1u << 3)
#define I1_VINTR        (1u << 4)
#define I1_CPUID        (1u << 18)
#define I1_IRET         (1u << 20)
#define I1_INVD         (1u << 22)
#define I1_HLT          (1u << 24)
#define I1_INVLPGA      (1u << 26)
#define I1_IOIO         (1u << 27)
#define I1_MSR          (1u << 28)
#define I1_TASK_SWITCH  (1u << 29)
#define I1_SHUTDOWN     (1u << 31)
/* INTERCEPTS2 bits */
#define I2_VMRUN        (1u << 0)
#define I2_VMMCALL      (1u << 1)
#define I2_VMLOAD       (1u << 2)
#define I2_VMSAVE       (1u << 3)
#define I2_STGI         (1u << 4)
#define I2_CLGI         (1u << 5)
#define I2_SKINIT       (1u << 6)
#define I2_MONITOR      (1u << 10)
#define I2_MWAIT        (1u << 11)
#define I2_MWAIT_COND   (1u << 12)
#define I2_XSETBV       (1u << 13)

#define VINTR_V_IRQ     (1UL << 8)
#define VINTR_PRIO_MAX  (0xfUL << 16)
#define VINTR_IGN_TPR   (1UL << 20)
#define VINTR_MASKING   (1UL << 24)
#define VINTR_VECTOR_SHIFT 32
#define EVENT_VALID     (1UL << 31)
#define EVENT_EV        (1UL << 11)     /* error code valid */
#define EVENT_TYPE_INTR (0UL << 8)
#define EVENT_TYPE_NMI  (2UL << 8)
#define EVENT_TYPE_EXC  (3UL << 8)

/* Exit codes */
#define EXIT_EXC_BASE   0x40            /* + vector */
#define EXIT_INTR       0x60
#define EXIT_NMI        0x61
#define EXIT_SMI        0x62
#define EXIT_INIT       0x63
#define EXIT_VINTR      0x64
#define EXIT_CPUID      0x72
#define EXIT_IRET       0x74
#define EXIT_INVD       0x76
#define EXIT_HLT        0x78
#define EXIT_INVLPGA    0x7a
#define EXIT_IOIO       0x7b
#define EXIT_MSR        0x7c
#define EXIT_TASK_SWITCH 0x7d
#define EXIT_SHUTDOWN   0x7f
#define EXIT_VMRUN      0x80
#define EXIT_VMMCALL    0x81
#define EXIT_VMLOAD     0x82
#define EXIT_VMSAVE     0x83
#define EXIT_STGI       0x84
#define EXIT_CLGI       0x85
#define EXIT_SKINIT     0x86
#define EXIT_MONITOR    0x8a
#define EXIT_MWAIT      0x8b
#define EXIT_MWAIT_COND 0x8c
#define EXIT_XSETBV     0x8d
#define EXIT_NPF        0x400

static inline uint64_t *vmcb64(void *vmcb, unsigned int off)
{
    return (uint64_t *)((uint8_t *)vmcb + off);
}

static inline uint32_t *vmcb32(void *vmcb, unsigned int off)
{
    return (uint32_t *)((uint8_t *)vmcb + off);
}

static inline uint16_t *vmcb16(void *vmcb, unsigned int off)
{
    return (uint16_t *)((uint8_t *)vmcb + off);
}

static inline uint8_t *vmcb8(void *vmcb, unsigned int off)
{
    return (uint8_t *)vmcb + off;
}

#endif /* HVM_SVM_VMCB_H */
