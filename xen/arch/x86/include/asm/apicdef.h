/*
 * Local APIC and IO-APIC register numbers and bits (Intel SDM vol. 3,
 * chapter 11; the 82093AA IO-APIC datasheet).
 *
 * Local APIC registers are named by their xAPIC MMIO offset; in x2APIC
 * mode the same register is MSR APIC_MSR_BASE + (offset >> 4).
 */
#ifndef ASM_X86_APICDEF_H
#define ASM_X86_APICDEF_H

#define APIC_DEFAULT_PHYS_BASE  0xfee00000UL
#define APIC_MSR_BASE           0x800

#define APIC_ID                 0x020   /* xAPIC: ID in bits 31:24 */
#define APIC_LVR                0x030
#define  APIC_LVR_MAXLVT(v)     (((v) >> 16) & 0xff)
#define APIC_TPR                0x080
#define APIC_APR                0x090
#define APIC_PPR                0x0a0
#define APIC_EOI                0x0b0
#define APIC_LDR                0x0d0
#define APIC_DFR                0x0e0
#define APIC_SVR                0x0f0
#define  APIC_SVR_ENABLE        (1u << 8)
#define APIC_ISR                0x100   /* 8 registers, 0x10 apart */
#define APIC_TMR                0x180
#define APIC_IRR                0x200
#define APIC_ESR                0x280
#define APIC_LVT_CMCI           0x2f0
#define APIC_ICR                0x300
#define APIC_ICR2               0x310   /* xAPIC: destination in 31:24 */
#define APIC_LVT_TIMER          0x320
#define APIC_LVT_THERMAL        0x330
#define APIC_LVT_PERF           0x340
#define APIC_LVT_LINT0          0x350
#define APIC_LVT_LINT1          0x360
#define APIC_LVT_ERROR          0x370
#define APIC_TMICT              0x380   /* timer initial count */
#define APIC_TMCCT              0x390   /* timer current count */
#define APIC_TDCR               0x3e0   /* timer divide configuration */
#define  APIC_TDCR_DIV_1        0xb
#define APIC_SELF_IPI           0x3f0   /* x2APIC only */

/* LVT entries. */
#define APIC_LVT_MASKED         (1u << 16)
#define APIC_LVT_LEVEL          (1u << 15)
#define APIC_LVT_ACTIVE_LOW     (1u << 13)
#define APIC_LVT_DM_FIXED       (0u << 8)
#define APIC_LVT_DM_NMI         (4u << 8)
#define APIC_LVT_DM_EXTINT      (7u << 8)
#define APIC_TIMER_ONESHOT      (0u << 17)
#define APIC_TIMER_PERIODIC     (1u << 17)
#define APIC_TIMER_TSC_DEADLINE (2u << 17)

/* Interrupt command register (low half). */
#define APIC_DM_FIXED           (0u << 8)
#define APIC_DM_NMI             (4u << 8)
#define APIC_DM_INIT            (5u << 8)
#define APIC_DM_STARTUP         (6u << 8)
#define APIC_ICR_BUSY           (1u << 12)   /* xAPIC delivery status */
#define APIC_INT_ASSERT         (1u << 14)
#define APIC_INT_LEVELTRIG      (1u << 15)
#define APIC_DEST_SELF          (1u << 18)
#define APIC_DEST_ALLINC        (2u << 18)
#define APIC_DEST_ALLBUT        (3u << 18)

/* IO-APIC: an index register and a data window. */
#define IO_APIC_REGSEL          0x00
#define IO_APIC_WIN             0x10
#define IO_APIC_REG_ID          0x00
#define IO_APIC_REG_VER         0x01
#define  IO_APIC_VER_MAXREDIR(v) (((v) >> 16) & 0xff)
#define IO_APIC_REG_RTE(pin)    (0x10 + 2 * (pin))   /* low; high is +1 */
#define IO_APIC_RTE_MASKED      (1u << 16)
#define IO_APIC_RTE_LEVEL       (1u << 15)
#define IO_APIC_RTE_ACTIVE_LOW  (1u << 13)

#endif /* ASM_X86_APICDEF_H */
