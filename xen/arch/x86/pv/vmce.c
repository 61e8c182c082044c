/*
 * The machine-check MSRs a PV guest sees (virtual MCE), as Xen 4.17
 * presents them to a 64-bit PV guest: two banks and nothing to report.
 *
 * With the CPUID MCE and MCA bits (pv/cpuid.c) Linux initialises its
 * machine-check code, which reads MCG_CAP, clears every bank's status,
 * enables every bank's controls and then polls the status registers.
 * Values measured on Xen 4.17 (tests/pv/vmce.c):
 *   MCG_CAP      2 (two banks, no MCG_CTL, no extended state); writes
 *                are ignored
 *   MCG_STATUS   what the vCPU last wrote (0 at start)
 *   MCG_CTL      reads 0, writes ignored
 *   MCi_CTL      banks 0-1: reads all ones, writes ignored
 *   MCi_STATUS, MCi_ADDR, MCi_MISC
 *                banks 0-1: read 0, and only 0 may be written (#GP
 *                otherwise: nothing is ever injected, so a guest has
 *                nothing to acknowledge)
 *   banks 2-31 and MCi_CTL2 (0x280-0x29f): read 0, writes ignored
 * Everything else machine-check related (AMD's 0xc0000400 range,
 * extended MCG registers) is not here and raises #GP.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include "emulate.h"

#define MSR_MCG_CAP       0x179
#define MSR_MCG_STATUS    0x17a
#define MSR_MCG_CTL       0x17b
#define MSR_MC0_CTL       0x400
#define MSR_MC_LAST       (MSR_MC0_CTL + 4 * 32 - 1)
#define MSR_MC0_CTL2      0x280
#define MSR_MC_CTL2_LAST  (MSR_MC0_CTL2 + 31)

#define GUEST_BANKS       2

bool pv_vmce_msr(uint32_t msr)
{
    return (msr >= MSR_MCG_CAP && msr <= MSR_MCG_CTL) ||
           (msr >= MSR_MC0_CTL && msr <= MSR_MC_LAST) ||
           (msr >= MSR_MC0_CTL2 && msr <= MSR_MC_CTL2_LAST);
}

/* A guest bank's MCi_STATUS, MCi_ADDR or MCi_MISC. */
static bool bank_reg(uint32_t msr)
{
    unsigned int off = msr - MSR_MC0_CTL;

    return msr >= MSR_MC0_CTL && off < 4 * GUEST_BANKS && off % 4;
}

int pv_vmce_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    if ( msr == MSR_MCG_CAP )
        *val = GUEST_BANKS;
    else if ( msr == MSR_MCG_STATUS )
        *val = v->arch.pv.mcg_status;
    else if ( bank_reg(msr) )
        *val = 0;
    else if ( msr >= MSR_MC0_CTL && msr < MSR_MC0_CTL + 4 * GUEST_BANKS )
        *val = ~0ULL;                       /* a bank's MCi_CTL */
    else
        *val = 0;
    return 0;
}

int pv_vmce_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    if ( msr == MSR_MCG_STATUS )
        v->arch.pv.mcg_status = val;
    else if ( bank_reg(msr) && val )
        return -EPERM;                      /* only clearing is allowed */
    return 0;
}
