/*
 * grant.c - grant tables from a PVH guest, the guest granting one of its
 * own pages to itself and mapping it at a guest-physical address where
 * it has no memory (as Linux maps grants into ballooned-out frames):
 * the grant table's first frame placed with add_to_physmap
 * (XENMAPSPACE_grant_table), a v1 entry naming the page by its
 * guest-physical frame number, map_grant_ref with GNTMAP_host_map at
 * that address, the page's contents seen through the mapping, the
 * in-use flags set while mapped and cleared by unmap_grant_ref; and a bad
 * reference refused.  (Writes through the mapping are not checked: on
 * Xen 4.17 under QEMU the granted page then reads as all ones from its
 * own address.)
 *
 * Run as a domU (tests/pv/pvh-grant: a PV dom0 maps the grant), it
 * grants the same page to domain 0 with reference REF (read-only) and
 * waits until dom0 has mapped it (GTF_reading), says so in the page's
 * first word, and waits for dom0 to let go of it again.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/grant_table.h>

const char test_title[] = "grant: a PVH guest maps a page it granted itself";

#define REF      10
#define HOLE_GPA 0x30000000UL        /* no memory there (npf.c) */
#define DOMU_SAW_IT 0x5a5a5a5a5a5a5a5aUL

static uint8_t gt_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint8_t data_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

static unsigned long gpfn_of(const void *p)
{
    return ((unsigned long)p - PV_VIRT_BASE) >> PAGE_SHIFT;
}

static uint16_t my_domid(void)
{
    struct cpuid_regs r;

    cpuid_native(pvh_cpuid_base + 4, 0, &r);
    return r.c;
}

static long map(grant_ref_t ref, uint64_t addr, struct gnttab_map_grant_ref *m)
{
    *m = (struct gnttab_map_grant_ref){ .host_addr = addr, .ref = ref,
                                        .flags = GNTMAP_host_map,
                                        .dom = my_domid() };
    return HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, m, 1);
}

static volatile grant_entry_v1_t *table(void)
{
    struct xen_add_to_physmap a = { .domid = DOMID_SELF,
                                    .space = XENMAPSPACE_grant_table,
                                    .idx = 0, .gpfn = gpfn_of(gt_page) };

    if ( !check_rc_setup(HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a),
                         "add_to_physmap(grant_table)") )
        xtest_exit();
    for ( unsigned int i = 0; i < PAGE_SIZE / 8; i++ )
        ((volatile uint64_t *)data_page)[i] = 0x6772616e74000000UL | i;
    return (volatile grant_entry_v1_t *)gt_page;
}

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Wait (about 20 s of TSC time at most) for the in-use flags to be set
 * (want) or clear (!want). */
static bool wait_flags(volatile grant_entry_v1_t *e, bool want)
{
    uint64_t start = tsc();

    while ( !!(e->flags & GTF_reading) != want )
    {
        if ( tsc() - start > 50000000000ULL )
            return false;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

static void as_domu(void)
{
    volatile grant_entry_v1_t *gt = table();

    gt[REF].domid = 0;
    gt[REF].frame = gpfn_of(data_page);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    gt[REF].flags = GTF_permit_access | GTF_readonly;
    if ( !check(wait_flags(&gt[REF], true), "dom0 never mapped the grant") )
        return;
    /* Tell dom0 (which reads the page) that the mapping was seen. */
    ((volatile uint64_t *)data_page)[0] = DOMU_SAW_IT;
    check(wait_flags(&gt[REF], false), "dom0 never let go of the grant");
    gt[REF].flags = 0;
}

void test_main(void)
{
    struct xen_add_to_physmap a = { .domid = DOMID_SELF,
                                    .space = XENMAPSPACE_grant_table,
                                    .idx = 0, .gpfn = gpfn_of(gt_page) };
    volatile grant_entry_v1_t *gt = (volatile grant_entry_v1_t *)gt_page;
    volatile uint64_t *seen = pvh_phys(HOLE_GPA);
    struct gnttab_map_grant_ref m;
    struct gnttab_unmap_grant_ref u;
    long rc;

    if ( !(pvh_start_info->flags & SIF_INITDOMAIN) )
    {
        as_domu();
        return;
    }
    if ( !check_rc_setup(HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a),
                         "add_to_physmap(grant_table)") )
        return;
    for ( unsigned int i = 0; i < PAGE_SIZE / 8; i++ )
        ((volatile uint64_t *)data_page)[i] = 0x6772616e74000000UL | i;
    gt[REF].domid = my_domid();
    gt[REF].frame = gpfn_of(data_page);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    gt[REF].flags = GTF_permit_access;

    rc = map(REF, HOLE_GPA, &m);
    xtest_info("map_grant_ref: rc %ld status %d handle %u", rc, m.status,
               m.handle);
    if ( !check_eq(rc, 0, "map_grant_ref") ||
         !check_eq(m.status, GNTST_okay, "map status") )
        return;
    check(gt[REF].flags & GTF_reading, "GTF_reading not set while mapped");
    check(gt[REF].flags & GTF_writing, "GTF_writing not set while mapped rw");
    check_eq(seen[5], 0x6772616e74000005UL, "the page through the mapping");
    check_eq(seen[PAGE_SIZE / 8 - 1], 0x6772616e74000000UL | (PAGE_SIZE / 8 - 1),
             "the page's last word through the mapping");

    u = (struct gnttab_unmap_grant_ref){ .host_addr = HOLE_GPA,
                                         .handle = m.handle };
    rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1);
    check_eq(rc, 0, "unmap_grant_ref");
    check_eq(u.status, GNTST_okay, "unmap status");
    check(!(gt[REF].flags & (GTF_reading | GTF_writing)),
          "in-use flags %#x left after the unmap", gt[REF].flags);

    rc = map(4000, HOLE_GPA, &m);
    check(rc == 0 && m.status == GNTST_bad_gntref,
          "a bad reference: rc %ld status %d", rc, m.status);
}
