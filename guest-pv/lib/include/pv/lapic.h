/*
 * lapic.h - the local APIC of a PVH guest, for tests: register offsets,
 * the xAPIC page (mapped uncached by lapic_map()) and the x2APIC MSRs.
 */
#ifndef PV_LAPIC_H
#define PV_LAPIC_H

#include <pv/types.h>
#include <pv/pvh.h>

#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TPR        0x080
#define APIC_APR        0x090
#define APIC_PPR        0x0a0
#define APIC_EOI        0x0b0
#define APIC_LDR        0x0d0
#define APIC_DFR        0x0e0
#define APIC_SVR        0x0f0
#define APIC_ISR        0x100
#define APIC_TMR        0x180
#define APIC_IRR        0x200
#define APIC_ESR        0x280
#define APIC_CMCI       0x2f0
#define APIC_ICR        0x300
#define APIC_ICR2       0x310
#define APIC_LVTT       0x320
#define APIC_LVTTHMR    0x330
#define APIC_LVTPC      0x340
#define APIC_LVT0       0x350
#define APIC_LVT1       0x360
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0
#define APIC_SELF_IPI   0x3f0

#define APIC_SVR_ENABLE     0x100
#define APIC_LVT_MASKED     0x10000
#define APIC_LVTT_PERIODIC  0x20000
#define APIC_ICR_SELF       (1u << 18)
#define APIC_ICR_ALL_BUT    (3u << 18)

#define MSR_APIC_BASE       0x1b
#define APIC_BASE_ADDR      0xfee00000UL
#define APIC_BASE_BSP       (1UL << 8)
#define APIC_BASE_EXTD      (1UL << 10)
#define APIC_BASE_EN        (1UL << 11)

static inline uint32_t x2apic_msr(unsigned int off)
{
    return 0x800 + off / 16;
}

/* The xAPIC page at its default base. */
static inline volatile uint32_t *lapic_map(void)
{
    return (volatile uint32_t *)pvh_map_mmio(APIC_BASE_ADDR);
}

static inline uint32_t lapic_read(volatile uint32_t *apic, unsigned int off)
{
    return apic[off / 4];
}

static inline void lapic_write(volatile uint32_t *apic, unsigned int off,
                               uint32_t val)
{
    apic[off / 4] = val;
}

#endif /* PV_LAPIC_H */
