/*
 * foreign-map.c - a privileged domain maps another domain's frames, as a
 * toolstack does (ours only: the other domain is a boot-time domU).
 *
 * dom0 takes domain 1's shared_info frame from getdomaininfo.  Without
 * naming domain 1 as the foreign domain the frame is not dom0's to map
 * (-EBUSY, as Xen 4.17 answers for a frame another domain owns); with it, mmu_update maps it writable and
 * update_va_mapping_otherdomain read-only, and dom0 reads domain 1's
 * pvclock through them.  Then dom0 destroys domain 1 while still mapping
 * the frame: the frame must stay readable until dom0 unmaps it, and be
 * freed by the last unmap (the free-page count goes up by one).  A
 * foreign domain that does not exist is -ESRCH.
 *
 * pvtest-domU: name=target,mem=16M self
 * pvtest-domU-result: none
 */
#include "peer.h"
#include <public/errno.h>

const char test_title[] = "foreign-map: dom0 maps a domU's frames";

#define PFN_RW  0x30
#define PFN_RO  0x31
#define PTE_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO  (_PAGE_PRESENT | _PAGE_ACCESSED)

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

void test_main(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 1 };
    struct mmu_update u;
    unsigned long f;
    volatile shared_info_t *rw = (void *)pfn_to_va(PFN_RW), *ro = (void *)pfn_to_va(PFN_RO);
    uint32_t mul;
    uint64_t before;

    if ( !pv_is_initdomain() )
    {
        /* Domain 1: keep running (its clock record stays filled). */
        for ( ; ; )
            HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    }
    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "getdomaininfo(1)") ||
         !check_eq(dc.domain, 1, "domain 1 exists") )
        return;
    f = dc.u.getdomaininfo.shared_info_frame;
    check_eq(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_RW), (f << 12) | PTE_RW,
                                          UVMF_INVLPG),
             -XEN_EBUSY, "mapping domain 1's frame as our own");
    u = (struct mmu_update){ .ptr = pt_l1e_maddr(pfn_to_va(PFN_RW)),
                             .val = (f << 12) | PTE_RW };
    check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, 0x7777), -XEN_ESRCH,
             "mmu_update naming a domain that does not exist");
    if ( !check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, 1), 0,
                   "mmu_update mapping domain 1's shared_info") )
        return;
    HYPERVISOR_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                         1, NULL, DOMID_SELF);
    if ( !check_eq(hypercall4(__HYPERVISOR_update_va_mapping_otherdomain,
                              pfn_to_va(PFN_RO), (f << 12) | PTE_RO,
                              UVMF_INVLPG, 1), 0,
                   "update_va_mapping_otherdomain, read-only") )
        return;
    mul = rw->vcpu_info[0].time.tsc_to_system_mul;
    check(mul != 0, "domain 1's pvclock is not filled in");
    check_eq(ro->vcpu_info[0].time.tsc_to_system_mul, mul,
             "the same frame through both mappings");

    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = 1 };
    check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain(1)");
    check_eq(ro->vcpu_info[0].time.tsc_to_system_mul, mul,
             "the frame after its domain died");
    before = free_pages();
    check_eq(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_RW), 0, UVMF_INVLPG), 0,
             "unmapping the writable mapping");
    check_eq(free_pages(), before, "free pages while still mapped read-only");
    check_eq(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_RO), 0, UVMF_INVLPG), 0,
             "unmapping the last mapping");
    check_eq(free_pages(), before + 1, "free pages after the last unmap");
}
