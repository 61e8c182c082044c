/*
 * Grants for HVM domains (contracts in xen/grant_table.h; picked by
 * arch/x86/guest.c).
 *
 * A translated guest names frames by guest-physical number, both in its
 * grant entries and in copy operations: only its RAM counts.  It maps a
 * grant (GNTMAP_host_map) at a guest-physical address, which becomes a
 * p2m_grant_map entry (p2m_grant_map_ro for GNTMAP_readonly: the nested
 * tables then refuse writes).  Only a frame with nothing there may take
 * a grant (as Linux maps into ballooned-out frames): the guest's own RAM
 * is never replaced.  The grant code holds the page references for as
 * long as the entry exists; unmapping clears the entry only if it is
 * exactly the map's, and the guest's vCPUs flush their nested TLB before
 * they next run.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/grant_table.h>
#include <public/grant_table.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>

unsigned long hvm_grant_frame_mfn(struct domain *d, uint64_t frame)
{
    enum p2m_type t;
    mfn_t mfn;

    if ( frame > P2M_MAX_GFN )
        return ~0UL;
    mfn = p2m_lookup(d->arch.hvm.p2m, frame, &t);
    return t == p2m_ram_rw ? mfn_x(mfn) : ~0UL;
}

static bool flags_ok(unsigned int flags)
{
    /* A guest-physical address: no PTE to write, no user mode to open. */
    return (flags & GNTMAP_host_map) &&
           !(flags & (GNTMAP_contains_pte | GNTMAP_application_map));
}

int hvm_grant_host_map(struct vcpu *v, uint64_t addr, mfn_t mfn,
                       unsigned int flags)
{
    unsigned long gfn = addr >> PAGE_SHIFT;

    if ( !flags_ok(flags) || gfn > P2M_MAX_GFN ||
         p2m_set_entry_if_free(v->domain->arch.hvm.p2m, gfn, mfn,
                               (flags & GNTMAP_readonly) ? p2m_grant_map_ro
                                                         : p2m_grant_map) )
        return GNTST_general_error;
    return GNTST_okay;
}

int hvm_grant_host_unmap(struct vcpu *v, uint64_t addr, mfn_t mfn,
                         unsigned int flags)
{
    struct domain *d = v->domain;
    unsigned long gfn = addr >> PAGE_SHIFT;
    enum p2m_type want = (flags & GNTMAP_readonly) ? p2m_grant_map_ro
                                                   : p2m_grant_map;

    if ( !flags_ok(flags) || gfn > P2M_MAX_GFN ||
         p2m_clear_entry_if(d->arch.hvm.p2m, gfn, mfn, want) )
        return GNTST_general_error;
    hvm_p2m_changed(d);
    return GNTST_okay;
}
