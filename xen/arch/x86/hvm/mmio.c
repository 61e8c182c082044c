/*
 * Nested page faults of HVM guests (asm/hvm/emulate.h): what an access
 * to guest-physical memory the p2m does not map means.
 *
 * Two things answer such an access: the local APIC's page (hvm/vlapic.c)
 * and, everywhere else below the physical address width, nothing at all.
 * Xen 4.17 gives a PVH guest without a device model the second as
 * "unclaimed MMIO": reads return all ones, writes are dropped.  Either
 * way the faulting instruction is emulated (hvm/emulate.c) against the
 * device's ops.  What cannot be answered that way crashes the domain:
 * faults on pages the p2m does map (a write to a read-only grant), in
 * the guest's own page-table walk, while an event was being delivered,
 * or an instruction the decoder does not know.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/cpu.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>
#include <asm/hvm/emulate.h>
#include <asm/hvm/vlapic.h>

/* A bus where nothing answers: reads float high, writes vanish. */
static void unclaimed_read(struct vcpu *v, uint64_t gpa, unsigned int len,
                           uint64_t *val)
{
    *val = len >= 8 ? ~0UL : (1UL << (len * 8)) - 1;
}

static void unclaimed_write(struct vcpu *v, uint64_t gpa, unsigned int len,
                            uint64_t val)
{
}

static const struct hvm_mmio_ops unclaimed_ops = {
    .read = unclaimed_read,
    .write = unclaimed_write,
};

static const struct hvm_mmio_ops vlapic_ops = {
    .read = vlapic_mmio_read,
    .write = vlapic_mmio_write,
};

const struct hvm_mmio_ops *hvm_mmio_claimant(struct vcpu *v, uint64_t gpa)
{
    enum p2m_type t;

    if ( vlapic_mmio_covers(v, gpa) )
        return &vlapic_ops;
    if ( gpa >> paddr_bits )
        return NULL;
    p2m_lookup(v->domain->arch.hvm.p2m, gpa >> PAGE_SHIFT, &t);
    return t == p2m_invalid ? &unclaimed_ops : NULL;
}

const char *hvm_handle_npf(struct vcpu *v, struct cpu_user_regs *regs,
                           const struct hvm_exit *e)
{
    const struct hvm_mmio_ops *ops = hvm_mmio_claimant(v, e->gpa);

    if ( !ops )
    {
        printk(XENLOG_ERR "d%u v%u: nested page fault at gpa %#lx\n",
               v->domain->domain_id, v->vcpu_id, (unsigned long)e->gpa);
        return "a fault on guest-physical memory nothing emulates";
    }
    /* The instruction at rip did not make these accesses itself. */
    if ( e->intinfo )
        return "event delivery touched emulated memory";
    if ( e->npf_walk )
        return "the guest's page tables lie outside its memory";
    /* Nothing can be fetched from a device: Xen's emulator gives up on
     * the fetch and the guest gets #GP(0). */
    if ( e->npf_fetch )
    {
        hvm_vendor->inject_exception(v, 13, 0);
        return NULL;
    }
    if ( hvm_emulate_mmio(v, regs, e->gpa, ops) )
        return "an instruction the MMIO emulator does not know";
    return NULL;
}
