/*
 * acquire-resource.c - XENMEM_acquire_resource for a domain's grant
 * table, as libxc uses it to seed a new domain's table (through Linux's
 * privcmd), answered as Xen 4.17 does: the size of the shared and status
 * resources (a null frame list), the machine frame of shared frame 0
 * (the one GNTTABOP_setup_table reports), mapped as Linux's privcmd maps
 * it (mmu_update MMU_PT_UPDATE_NO_TRANSLATE naming the domain as
 * foreign, which for PV is a normal update), a later frame growing the
 * table to hold it, and the refusals: beyond the limit, status frames of
 * a v1 table, an unknown id, a vmtrace buffer there is none of (-EINVAL);
 * an unknown type (-EOPNOTSUPP, while its size query gives -EOPNOTSUPP as
 * a count, as Xen's does); pad, a frame beyond 32 bits, or one whose end
 * wraps (-EINVAL); a size query asking for frames (-EINVAL); no such
 * domain (-ESRCH), the caller itself (-EPERM); a bad list (-EFAULT).
 *
 * pvtest-smp: 1
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>

const char test_title[] = "acquire-resource: grant table frames of a domain";

static xen_pfn_t list[8];

#define PFN_MAP 0x30                    /* a page of ours to map over */
#define PTE_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

/* Map (or with mfn ~0, unmap) the target's frame at PFN_MAP, through an
 * mmu_update of the given command naming the target as foreign. */
static long map_foreign(domid_t d, unsigned long mfn, unsigned int cmd)
{
    struct mmu_update u = {
        .ptr = pt_l1e_maddr(pfn_to_va(PFN_MAP)) | cmd,
        .val = mfn == ~0UL ? 0 : (mfn << 12) | PTE_RW,
    };
    long rc = HYPERVISOR_mmu_update(&u, 1, NULL, d);

    HYPERVISOR_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                         1, NULL, DOMID_SELF);
    return rc;
}

/* What Linux's privcmd does with the frames for a PV dom0: map them as
 * the target's with MMU_PT_UPDATE_NO_TRANSLATE (for PV the same as a
 * normal update).  A value written through that mapping is there when
 * the frame is mapped again the ordinary way. */
static void check_mapping(domid_t d, unsigned long mfn)
{
    volatile struct grant_entry_v1 *e = (void *)pfn_to_va(PFN_MAP);
    unsigned long own = pfn_to_mfn(PFN_MAP);

    if ( !check_eq(map_foreign(d, mfn, MMU_PT_UPDATE_NO_TRANSLATE), 0,
                   "map grant frame 0 (no-translate update)") )
        return;
    e[1].frame = 0x1234;
    check_eq(map_foreign(d, ~0UL, MMU_NORMAL_PT_UPDATE), 0, "unmap it");
    if ( check_eq(map_foreign(d, mfn, MMU_NORMAL_PT_UPDATE), 0,
                  "map grant frame 0 again (normal update)") )
        check_eq(e[1].frame, 0x1234, "entry 1 written through the mapping");
    check_eq(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_MAP),
                                          (own << 12) | PTE_RW, UVMF_INVLPG),
             0, "our own page back");
}

static long acquire(domid_t d, uint16_t type, uint32_t id, uint64_t frame,
                    uint32_t *nr, xen_pfn_t *frames, uint32_t pad)
{
    struct xen_mem_acquire_resource r = {
        .domid = d, .type = type, .id = id, .nr_frames = *nr,
        .pad = pad, .frame = frame,
    };
    long rc;

    set_xen_guest_handle(r.frame_list, frames);
    rc = HYPERVISOR_memory_op(XENMEM_acquire_resource, &r);
    *nr = r.nr_frames;
    return rc;
}

static long frames_of(domid_t d, uint32_t frame, uint32_t n, const char *what)
{
    uint32_t nr = n;

    return check_eq(acquire(d, XENMEM_resource_grant_table,
                            XENMEM_resource_grant_table_id_shared, frame,
                            &nr, list, 0), 0, what);
}

static domid_t create(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_createdomain };

    dc.u.createdomain.max_vcpus = 1;
    dc.u.createdomain.max_grant_frames = 4;
    dc.u.createdomain.max_maptrack_frames = 1;
    dc.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "createdomain") )
        return 0;
    return dc.domain;
}

static void check_sizes(domid_t d)
{
    uint32_t nr = 0;

    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr, NULL, 0),
             0, "size of the shared frames");
    check_eq(nr, 4, "shared frames: max_grant_frames");
    nr = 0;
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_status, 0, &nr, NULL, 0),
             0, "size of the status frames");
    check_eq(nr, 1, "status frames for 4 v2 frames");
    nr = 1;
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr, NULL, 0),
             -XEN_EINVAL, "size query asking for a frame");
    nr = 0;
    check_eq(acquire(d, XENMEM_resource_grant_table, 7, 0, &nr, NULL, 0),
             -XEN_EINVAL, "size of grant table id 7");
    nr = 0;
    check_eq(acquire(d, XENMEM_resource_vmtrace_buf, 0, 0, &nr, NULL, 0),
             -XEN_EINVAL, "size of a vmtrace buffer (none)");
    nr = 0;
    check_eq(acquire(d, 9, 0, 0, &nr, NULL, 0), 0, "size of type 9");
    check_eq(nr, (uint32_t)-XEN_EOPNOTSUPP, "type 9's size: -EOPNOTSUPP");
    nr = 1;
    check_eq(acquire(d, 9, 0, 0, &nr, list, 0), -XEN_EOPNOTSUPP,
             "frames of type 9");
}

static void check_frames(domid_t d)
{
    struct gnttab_setup_table st = { .dom = d, .nr_frames = 1 };
    struct gnttab_query_size q = { .dom = d };
    xen_pfn_t setup_mfn = 0;
    uint32_t nr;

    if ( !frames_of(d, 0, 1, "shared frame 0") )
        return;
    xtest_info("shared frame 0: mfn %#lx", (unsigned long)list[0]);
    set_xen_guest_handle(st.frame_list, &setup_mfn);
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1), 0,
             "setup_table of the domain");
    check_eq(st.status, GNTST_okay, "setup_table status");
    check_eq(setup_mfn, list[0], "setup_table's frame 0");
    check_mapping(d, list[0]);

    frames_of(d, 3, 1, "shared frame 3");
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1), 0,
             "query_size");
    check_eq(q.nr_frames, 4, "frames after acquiring frame 3");
    frames_of(d, 0, 4, "shared frames 0-3");
    check(list[0] != list[1] && list[1] != list[2] && list[2] != list[3],
          "frames %lx %lx %lx %lx", (unsigned long)list[0],
          (unsigned long)list[1], (unsigned long)list[2],
          (unsigned long)list[3]);

    nr = 1;
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 4, &nr, list, 0),
             -XEN_EINVAL, "shared frame 4 (limit 4)");
    nr = 5;
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr, list, 0),
             -XEN_EINVAL, "5 shared frames (limit 4)");
    nr = 1;
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_status, 0, &nr, list, 0),
             -XEN_EINVAL, "status frame of a v1 table");
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr, list, 1),
             -XEN_EINVAL, "pad 1");
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 1ULL << 32, &nr,
                     list, 0), -XEN_EINVAL, "frame 2^32");
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0xffffffff, &nr,
                     list, 0), -XEN_EINVAL, "frame 2^32-1 (its end wraps)");
    check_eq(acquire(d, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr,
                     (xen_pfn_t *)0x10, 0), -XEN_EFAULT, "list at 0x10");
    check_eq(acquire(999, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr, list, 0),
             -XEN_ESRCH, "domain 999");
    check_eq(acquire(DOMID_SELF, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr, list, 0),
             -XEN_ESRCH, "DOMID_SELF");
    check_eq(acquire(0, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, 0, &nr, list, 0),
             -XEN_EPERM, "the caller's own table");
    check_eq(HYPERVISOR_memory_op(XENMEM_acquire_resource, (void *)0x10),
             -XEN_EFAULT, "argument at 0x10");
}

void test_main(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain };
    domid_t d = create();

    if ( !d )
        return;
    check_sizes(d);
    check_frames(d);
    dc.domain = d;
    check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain");
}
