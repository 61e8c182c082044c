/*
 * lapic-esr.c - an illegal vector (0-15) sent through the local APIC, as
 * Xen 4.17 answers it: nothing is raised, the error status register gets
 * "send illegal vector" (bit 5) at once, and an unmasked LVT error entry
 * delivers its vector when that bit is new.  Xen 4.17 ignores ESR
 * writes (no read-after-write latch: the bit stays, even across a
 * disable of the APIC).  Ours ignored such vectors (ESR stayed 0).
 *
 * Xen 4.17 under Bochs (VMX with APIC-register virtualization) differs
 * in xAPIC mode: the CPU writes the ESR store into the virtual-APIC page
 * itself, so there an xAPIC ESR write clears ESR (and the next illegal
 * vector raises the error vector again); its x2APIC MSR writes and all
 * of SVM follow Xen's emulation, which this test checks.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>

const char test_title[] = "lapic-esr: illegal vectors set ESR";

#define ERR_VEC     0x4e
#define ESR_SENDILL 0x20            /* send illegal vector */

static volatile uint32_t *apic;
static bool x2;
static volatile unsigned int nerr;

static uint32_t rd(unsigned int off)
{
    uint64_t v = 0;

    if ( !x2 )
        return lapic_read(apic, off);
    probe_rdmsr(x2apic_msr(off), &v);
    return v;
}

static void wr(unsigned int off, uint32_t val)
{
    if ( x2 )
        probe_wrmsr(x2apic_msr(off), val);
    else
        lapic_write(apic, off, val);
}

static void err_irq(void)
{
    nerr++;
    wr(APIC_EOI, 0);
}

static void open_window(void)
{
    __asm__ __volatile__ ("sti; nop; nop; nop; cli" ::: "memory");
}

static void send(uint32_t icr, uint32_t dest)
{
    if ( x2 )
        probe_wrmsr(x2apic_msr(APIC_ICR), ((uint64_t)dest << 32) | icr);
    else
    {
        lapic_write(apic, APIC_ICR2, dest << 24);
        lapic_write(apic, APIC_ICR, icr);
    }
}

/* The illegal vector itself never reaches IRR. */
static bool low_irr_empty(void)
{
    return !(rd(APIC_IRR) & 0xffff);
}

/* One illegal send: ESR shows "send illegal vector" at once, an ESR
 * write does not clear it (Xen 4.17 ignores ESR writes), and the error
 * LVT interrupts only when a bit is new. */
static void one(const char *how, void (*sendit)(uint32_t), uint32_t arg,
                unsigned int want_errs)
{
    uint32_t before, after;

    nerr = 0;
    sendit(arg);
    check(low_irr_empty(), "%s: the illegal vector is in IRR", how);
    before = rd(APIC_ESR);
    wr(APIC_ESR, 0);
    after = rd(APIC_ESR);
    xtest_info("%s: ESR %#x, after a write %#x", how, before, after);
    check_eq(before, ESR_SENDILL, how);
    check_eq(after, ESR_SENDILL, how);
    open_window();
    check_eq(nerr, want_errs, how);
}

static void send_self(uint32_t vec) { send(APIC_ICR_SELF | vec, 0); }
static void send_own_id(uint32_t vec)
{
    send(vec, x2 ? 0 : lapic_read(apic, APIC_ID) >> 24);
}
static void send_selfipi_msr(uint32_t vec)
{
    check_exinfo(probe_wrmsr(0x83f, vec), EXINFO_NONE, "SELF IPI MSR write");
}

void test_main(void)
{
    apic = lapic_map();
    pvh_set_irq_handler(ERR_VEC, err_irq);
    lapic_write(apic, APIC_SVR, APIC_SVR_ENABLE | 0xff);
    wr(APIC_LVTERR, ERR_VEC);
    check_eq(rd(APIC_ESR), 0, "ESR at first");
    one("self shorthand, vector 5", send_self, 5, 1);
    one("self shorthand, vector 15", send_self, 15, 0);
    one("own APIC ID, vector 0", send_own_id, 0, 0);

    if ( !check_eq(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_EN |
                               APIC_BASE_BSP | APIC_BASE_EXTD), 0, "x2APIC on") )
        return;
    x2 = true;
    check_eq(rd(APIC_ESR), ESR_SENDILL, "ESR kept into x2APIC mode");
    one("x2APIC self shorthand, vector 1", send_self, 1, 0);
    one("x2APIC SELF IPI MSR, vector 9", send_selfipi_msr, 9, 0);

    /* Disabling the APIC resets it, but not ESR (Xen 4.17). */
    x2 = false;
    check_eq(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_BSP), 0,
             "APIC off");
    check_eq(probe_wrmsr(MSR_APIC_BASE, APIC_BASE_ADDR | APIC_BASE_BSP |
                         APIC_BASE_EN), 0, "xAPIC on");
    check_eq(rd(APIC_ESR), ESR_SENDILL, "ESR after disabling the APIC");

    /* A masked error LVT: ESR as before, nothing raised. */
    lapic_write(apic, APIC_SVR, APIC_SVR_ENABLE | 0xff);
    wr(APIC_LVTERR, APIC_LVT_MASKED | ERR_VEC);
    one("masked error LVT, vector 3", send_self, 3, 0);
}
