/*
 * build-domu.c - dom0 as a tiny toolstack: it builds a PV domU from
 * nothing with the calls a domain builder makes, runs it, watches it end
 * and takes it apart, three times, with no page lost.
 *
 * Each cycle: createdomain, max_vcpus, max_mem; populate_physmap of 16
 * frames for the domU; map them into dom0 with mmu_update(foreigndom);
 * write the domU's page tables (an L4..L1 chain mapping all 16 frames at
 * GUEST_VA, the tables themselves read-only), its code, start_info and
 * M2P entries (MMU_MACHPHYS_UPDATE on its behalf); hypercall_init its
 * hypercall page; alloc_unbound its console and store ports (and, once,
 * their status, remote DOMID_SELF, dom0 binding the console port); set up its
 * grant table and write the two reserved entries through a foreign
 * mapping of the grant frame, then map entry 1 from dom0; unmap the page
 * tables and pin the L4 for it (mmuext_op foreigndom); setvcpucontext
 * and read it back, reset the vCPU (no context) and set it again; set
 * its CPU policy (the PV default without SSE3, which the guest's
 * emulated CPUID must then show); unpause (in the last cycle the domain is unpaused
 * first and setvcpucontext starts it).  The guest writes a marker, calls
 * console_io and SCHEDOP_shutdown through the hypercall page (or, in the
 * crash cycle, executes ud2 with no trap table).  dom0 waits for
 * VIRQ_DOM_EXC, checks getdomaininfo's shutdown reason and the marker,
 * destroys the domain while still mapping its data frame and (read-only)
 * its pinned L4, reads them, unmaps them, and expects VIRQ_DOM_EXC again once the domain is
 * gone, and the free-page count back where it was before the cycle (on
 * ours; Xen 4.17 keeps some pages back, see domain-lifecycle.c).
 *
 * Hostile cases (every errno from Xen 4.17): setvcpucontext on dom0
 * itself, a vCPU that does not exist, a non-canonical rip, user mode
 * without a user L4, a second context with another L4; getvcpucontext
 * before any context; a foreign mapping, M2P update and pin of a frame
 * the domU does not own; pinning garbage; NEW_BASEPTR for another
 * domain; dom0 naming itself by id as foreigndom (-ESRCH, Xen's
 * get_pg_owner()); hypercall_init on a page table and on a frame not the domU's;
 * populate beyond max_pages, for no domain, above the order limit;
 * the domU's reservation queries (maximum_gpfn as Xen: what it stated).
 */
#include "peer.h"
#include <public/errno.h>

const char test_title[] = "build-domu: dom0 builds, runs and destroys a PV domU";

#define NR          16              /* frames of the domU */
#define G_L4        0               /* its frames by gfn */
#define G_L3        1
#define G_L2        2
#define G_L1        3
#define G_CODE      4
#define G_STACK     5
#define G_SI        6
#define G_HC        7
#define G_DATA      8
#define G_CONS      9
#define G_STORE     10
#define G_SPARE     11
#define NR_PT       4

#define GUEST_VA    0x400000UL      /* gfn i is at GUEST_VA + i * 4 KiB */
#define GVA(g)      (GUEST_VA + (unsigned long)(g) * PAGE_SIZE)

#define PFN_MAP     0x40            /* dom0 maps gfn i at pfn 0x40 + i */
#define PFN_GNT     0x60            /* the domU's grant frame */
#define PFN_GMAP    0x61            /* a grant of the domU's, mapped */
#define PFN_MINE    0x62            /* a frame of dom0's own */

#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO      (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PDE         (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)

#define MARKER      0x600dc0deU

/* What the guest leaves in its data page. */
struct guest_data {
    uint32_t marker;
    uint32_t mode;                  /* dom0 sets: 1 = crash with ud2 */
    uint64_t rsi;                   /* start_info as it got it */
    int64_t console_rc;
    uint32_t shutdown_reason;       /* struct sched_shutdown */
    uint32_t pad;
    int64_t shutdown_rc;            /* only if shutdown returned */
    uint64_t store_evtchn;
    uint32_t cpuid1_c, cpuid1_d;    /* CPUID leaf 1 (forced emulation) */
};

/*
 * The guest: position independent, run at GVA(G_CODE) with rsp at the
 * top of its stack page and rsi = start_info.  Offsets into guest_data
 * and start_info are checked below.
 */
#define S(x) #x
#define XS(x) S(x)
asm (".pushsection .rodata\n"
     ".globl domu_code, domu_code_end\n"
     "domu_code:\n"
     "  movabs $" XS(GUEST_VA + G_DATA * 4096) ", %rbx\n"
     "  movl $" XS(MARKER) ", 0(%rbx)\n"
     "  mov %rsi, 8(%rbx)\n"
     "  mov 64(%rsi), %eax\n"                 /* start_info.store_evtchn */
     "  mov %rax, 40(%rbx)\n"
     "  mov %rbx, %r8\n"                      /* CPUID leaf 1, emulated */
     "  mov $1, %eax\n"
     "  xor %ecx, %ecx\n"
     "  ud2; .ascii \"xen\"; cpuid\n"
     "  mov %r8, %rbx\n"
     "  mov %ecx, 48(%rbx)\n"
     "  mov %edx, 52(%rbx)\n"
     "  cmpl $1, 4(%rbx)\n"
     "  jne 1f\n"
     "  ud2\n"
     "1: xor %edi, %edi\n"                    /* CONSOLEIO_write */
     "  mov $(3f - 2f), %esi\n"
     "  lea 2f(%rip), %rdx\n"
     "  movabs $" XS(GUEST_VA + G_HC * 4096 + 18 * 32) ", %rax\n"
     "  call *%rax\n"
     "  mov %rax, 16(%rbx)\n"
     "  movl $0, 24(%rbx)\n"                  /* SHUTDOWN_poweroff */
     "  mov $2, %edi\n"                       /* SCHEDOP_shutdown */
     "  lea 24(%rbx), %rsi\n"
     "  movabs $" XS(GUEST_VA + G_HC * 4096 + 29 * 32) ", %rax\n"
     "  call *%rax\n"
     "  mov %rax, 32(%rbx)\n"
     "4: jmp 4b\n"
     "2: .ascii \"built domU says hello\\n\"\n"
     "3:\n"
     "domu_code_end:\n"
     ".popsection\n");
extern const char domu_code[], domu_code_end[];

_Static_assert(__builtin_offsetof(struct guest_data, mode) == 4, "layout");
_Static_assert(__builtin_offsetof(struct guest_data, rsi) == 8, "layout");
_Static_assert(__builtin_offsetof(struct guest_data, console_rc) == 16, "layout");
_Static_assert(__builtin_offsetof(struct guest_data, shutdown_reason) == 24, "layout");
_Static_assert(__builtin_offsetof(struct guest_data, shutdown_rc) == 32, "layout");
_Static_assert(__builtin_offsetof(struct guest_data, store_evtchn) == 40, "layout");
_Static_assert(__builtin_offsetof(struct guest_data, cpuid1_c) == 48, "layout");
_Static_assert(__builtin_offsetof(start_info_t, store_evtchn) == 64, "layout");

struct dom {
    domid_t id;
    xen_pfn_t mfn[NR];
    evtchn_port_t cons_port, store_port;
    unsigned long gnt_mfn;
};

static evtchn_port_t dom_exc;

static long domctl(struct xen_domctl *op)
{
    return HYPERVISOR_domctl(op);
}

static void *gva_in_dom0(unsigned int g)
{
    return (void *)pfn_to_va(PFN_MAP + g);
}

/* Point dom0's page at pfn to machine frame mfn of domain dom (0: unmap). */
static long map_at(unsigned long pfn, unsigned long mfn, uint64_t flags,
                   domid_t dom)
{
    struct mmu_update u = { .ptr = pt_l1e_maddr(pfn_to_va(pfn)),
                            .val = mfn ? (mfn << PAGE_SHIFT) | flags : 0 };
    long rc = HYPERVISOR_mmu_update(&u, 1, NULL, dom);

    HYPERVISOR_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                         1, NULL, DOMID_SELF);
    return rc;
}

static long mmuext_for(domid_t d, unsigned int cmd, unsigned long mfn)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

    return HYPERVISOR_mmuext_op(&op, 1, NULL, d);
}

static uint64_t free_pages(void)
{
    uint64_t deadline = pv_system_time(0) + 5 * NS_PER_S, last = ~0ULL;

    for ( ; ; )
    {
        struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
        uint64_t t = pv_system_time(0) + 50 * NS_PER_MS;

        if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
            xtest_exit();
        if ( (sc.u.physinfo.free_pages == last && !sc.u.physinfo.scrub_pages) ||
             pv_system_time(0) >= deadline )
            return sc.u.physinfo.free_pages;
        last = sc.u.physinfo.free_pages;
        pv_sleep_until(t);
    }
}

static bool create(struct dom *dm)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_createdomain };
    struct xen_memory_reservation r = { .nr_extents = NR };

    dc.u.createdomain.max_vcpus = 1;
    dc.u.createdomain.max_evtchn_port = 1023;
    dc.u.createdomain.max_grant_frames = 4;
    dc.u.createdomain.max_maptrack_frames = 16;
    dc.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    if ( !check_rc_setup(domctl(&dc), "createdomain") )
        return false;
    dm->id = dc.domain;
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_vcpus, .domain = dm->id };
    dc.u.max_vcpus.max = 1;
    check_rc_setup(domctl(&dc), "max_vcpus");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_mem, .domain = dm->id };
    dc.u.max_mem.max_memkb = NR * 4;
    check_rc_setup(domctl(&dc), "max_mem");
    for ( unsigned int i = 0; i < NR; i++ )
        dm->mfn[i] = i;
    r.domid = dm->id;
    set_xen_guest_handle(r.extent_start, dm->mfn);
    return check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), NR,
                    "populate_physmap for the domU");
}

static void write_tables(const struct dom *dm)
{
    uint64_t *l4 = gva_in_dom0(G_L4), *l3 = gva_in_dom0(G_L3);
    uint64_t *l2 = gva_in_dom0(G_L2), *l1 = gva_in_dom0(G_L1);

    l4[0] = (dm->mfn[G_L3] << PAGE_SHIFT) | PDE;
    l3[0] = (dm->mfn[G_L2] << PAGE_SHIFT) | PDE;
    l2[GUEST_VA >> 21] = (dm->mfn[G_L1] << PAGE_SHIFT) | PDE;
    for ( unsigned int i = 0; i < NR; i++ )
        l1[(GUEST_VA >> 12) + i - (GUEST_VA >> 21 << 9)] =
            (dm->mfn[i] << PAGE_SHIFT) | _PAGE_USER |
            (i < NR_PT ? PTE_RO : PTE_RW);
}

static void write_start_info(const struct dom *dm, unsigned long shinfo_mfn)
{
    start_info_t *si = gva_in_dom0(G_SI);

    memcpy(si->magic, "xen-3.0-x86_64", sizeof("xen-3.0-x86_64"));
    si->nr_pages = NR;
    si->shared_info = shinfo_mfn << PAGE_SHIFT;
    si->store_mfn = dm->mfn[G_STORE];
    si->store_evtchn = dm->store_port;
    si->console.domU.mfn = dm->mfn[G_CONS];
    si->console.domU.evtchn = dm->cons_port;
    si->pt_base = GVA(G_L4);
    si->nr_pt_frames = NR_PT;
}

/* Its shared_info, through a foreign mapping: the P2M size, which
 * maximum_gpfn then reports. */
static void set_max_pfn(const struct dom *dm, unsigned long shinfo_mfn)
{
    shared_info_t *sh = (void *)pfn_to_va(PFN_GNT);
    domid_t id = dm->id;

    if ( !check_eq(map_at(PFN_GNT, shinfo_mfn, PTE_RW, dm->id), 0,
                   "foreign mapping of the domU's shared_info") )
        return;
    sh->arch.max_pfn = NR;
    check_eq(map_at(PFN_GNT, 0, 0, DOMID_SELF), 0, "unmapping shared_info");
    check_eq(HYPERVISOR_memory_op(XENMEM_maximum_gpfn, &id), NR - 1,
             "the domU's maximum_gpfn once max_pfn is set");
}

/* Its M2P entries, written for it: gfn i for frame i. */
static void write_m2p(const struct dom *dm)
{
    struct mmu_update u[NR];

    for ( unsigned int i = 0; i < NR; i++ )
        u[i] = (struct mmu_update){
            .ptr = (dm->mfn[i] << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, .val = i };
    check_eq(HYPERVISOR_mmu_update(u, NR, NULL, dm->id), 0,
             "MMU_MACHPHYS_UPDATE for the domU");
    check_eq(((const unsigned long *)MACH2PHYS_VIRT_START)[dm->mfn[G_DATA]],
             G_DATA, "the domU's M2P entry as dom0 reads it");
}

static void ports(struct dom *dm)
{
    struct evtchn_alloc_unbound au = { .dom = dm->id, .remote_dom = 0 };

    check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
                   "alloc_unbound for the domU's console");
    dm->cons_port = au.port;
    au = (struct evtchn_alloc_unbound){ .dom = dm->id, .remote_dom = 0 };
    check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
                   "alloc_unbound for the domU's store");
    dm->store_port = au.port;
    check(dm->cons_port != dm->store_port && dm->store_port,
          "ports %u and %u", dm->cons_port, dm->store_port);
}

static struct evtchn_status port_status(domid_t d, evtchn_port_t p)
{
    struct evtchn_status st = { .dom = d, .port = p };

    check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_status, &st),
                   "EVTCHNOP_status");
    return st;
}

/* The ports as a backend sees them: remote_dom DOMID_SELF means the
 * caller (dom0), and dom0 connects to the console port, as a console
 * daemon would, then lets go of its end. */
static void ports_seen(const struct dom *dm)
{
    struct evtchn_alloc_unbound au = { .dom = dm->id, .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = dm->id,
                                          .remote_port = dm->cons_port };
    struct evtchn_status st;
    struct evtchn_close cl;

    st = port_status(dm->id, dm->store_port);
    check_eq(st.status, EVTCHNSTAT_unbound, "the store port's status");
    check_eq(st.u.unbound.dom, 0, "who may bind the store port");
    if ( check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
                        "alloc_unbound with remote DOMID_SELF") )
    {
        st = port_status(dm->id, au.port);
        check_eq(st.u.unbound.dom, 0, "remote DOMID_SELF is the caller");
    }
    if ( !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bi),
                         "dom0 binds the domU's console port") )
        return;
    st = port_status(dm->id, dm->cons_port);
    check_eq(st.status, EVTCHNSTAT_interdomain, "the console port's status");
    check_eq(st.u.interdomain.dom, 0, "the console port's peer");
    check_eq(st.u.interdomain.port, bi.local_port, "the peer's port");
    cl.port = bi.local_port;
    check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_close, &cl),
                   "closing dom0's end");
}

/* Its grant table: one frame, entries 0 and 1 written by us, then
 * entry 1 mapped back by dom0. */
static void grants(struct dom *dm, bool hostile)
{
    struct gnttab_setup_table st = { .dom = dm->id, .nr_frames = 1 };
    struct gnttab_query_size qs = { .dom = dm->id };
    xen_pfn_t frame = 0;
    grant_entry_v1_t *g = (void *)pfn_to_va(PFN_GNT);
    grant_handle_t h;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( hostile )
    {
        struct gnttab_query_size none = { .dom = 0x7777 };

        st.nr_frames = 5;
        check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                       "setup_table above the domU's limit");
        check_eq(st.status, GNTST_general_error,
                 "setup_table above the domU's limit");
        st.nr_frames = 1;
        check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_query_size, &none, 1),
                       "query_size of no domain");
        check_eq(none.status, GNTST_bad_domain, "query_size of no domain");
    }
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                         "setup_table for the domU") ||
         !check_eq(st.status, GNTST_okay, "setup_table's status") )
        return;
    dm->gnt_mfn = frame;
    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1),
                   "query_size for the domU");
    check_eq(qs.status, GNTST_okay, "query_size's status");
    check_eq(qs.nr_frames, 1, "the domU's grant frames");
    check_eq(qs.max_nr_frames, 4, "the domU's grant frame limit");
    if ( !check_eq(map_at(PFN_GNT, frame, PTE_RW, dm->id), 0,
                   "foreign mapping of the domU's grant frame") )
        return;
    g[GNTTAB_RESERVED_CONSOLE] = (grant_entry_v1_t){ .domid = 0,
                                 .frame = dm->mfn[G_CONS] };
    g[GNTTAB_RESERVED_XENSTORE] = (grant_entry_v1_t){ .domid = 0,
                                  .frame = dm->mfn[G_STORE] };
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    g[GNTTAB_RESERVED_CONSOLE].flags = GTF_permit_access;
    g[GNTTAB_RESERVED_XENSTORE].flags = GTF_permit_access;
    *(volatile uint64_t *)gva_in_dom0(G_STORE) = 0x5707e;
    if ( check_eq(peer_map(dm->id, GNTTAB_RESERVED_XENSTORE, PFN_GMAP,
                           GNTMAP_host_map, &h), GNTST_okay,
                  "dom0 maps the domU's store grant") )
    {
        check_eq(*(volatile uint64_t *)pfn_to_va(PFN_GMAP), 0x5707e,
                 "the store page through the grant");
        check_eq(peer_unmap(PFN_GMAP, h), GNTST_okay, "unmapping it");
    }
    check_eq(map_at(PFN_GNT, 0, 0, DOMID_SELF), 0, "unmapping the grant frame");
}

static void fill_context(const struct dom *dm, struct vcpu_guest_context *c)
{
    memset(c, 0, sizeof(*c));
    c->flags = VGCF_in_kernel | VGCF_online;
    c->user_regs.rip = GVA(G_CODE);
    c->user_regs.rsp = GVA(G_STACK + 1);
    c->user_regs.rsi = GVA(G_SI);
    c->user_regs.cs = FLAT_KERNEL_CS;
    c->user_regs.ss = FLAT_KERNEL_SS;
    c->user_regs.rflags = 0x200;
    c->kernel_ss = FLAT_KERNEL_SS;
    c->kernel_sp = GVA(G_STACK + 1);
    c->ctrlreg[3] = dm->mfn[G_L4] << PAGE_SHIFT;
    /* Never used by the guest, but read back. */
    c->event_callback_eip = GVA(G_CODE) + 0x100;
    c->failsafe_callback_eip = GVA(G_CODE) + 0x200;
    c->syscall_callback_eip = GVA(G_CODE) + 0x300;
    c->fs_base = 0x12340000;
    c->gs_base_kernel = 0x56780000;
    c->gs_base_user = 0x9abc0000;
    c->debugreg[0] = GVA(G_DATA);
    c->trap_ctxt[3] = (struct trap_info){ .vector = 3, .flags = 3,
                                          .cs = FLAT_KERNEL_CS,
                                          .address = GVA(G_CODE) + 0x400 };
}

static long vcpu_context(domid_t d, unsigned int cmd, unsigned int vcpu,
                         struct vcpu_guest_context *c)
{
    struct xen_domctl dc = { .cmd = cmd, .domain = d };

    dc.u.vcpucontext.vcpu = vcpu;
    set_xen_guest_handle(dc.u.vcpucontext.ctxt, c);
    return domctl(&dc);
}

static long hypercall_init(domid_t d, unsigned long mfn)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_hypercall_init, .domain = d };

    dc.u.hypercall_init.gmfn = mfn;
    return domctl(&dc);
}

static long max_mem(domid_t d, unsigned long pages)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_max_mem, .domain = d };

    dc.u.max_mem.max_memkb = pages * 4;
    return domctl(&dc);
}

/* The extent order limit is the caller's (Xen: dom0 may ask for order
 * 12 for anyone, a domU for 9): order 10 for the domU from dom0 works,
 * and goes back with decrease_reservation; 13 is refused. */
static void order_limits(struct dom *dm)
{
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = dm->id,
                                        .extent_order = 10 };
    xen_pfn_t gfn = 0x1000;
    domid_t id = dm->id;

    check_rc_setup(max_mem(dm->id, NR + 2048), "raising max_mem");
    set_xen_guest_handle(r.extent_start, &gfn);
    if ( check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), 1,
                  "an order-10 extent for the domU from dom0") )
    {
        check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &id),
                 NR + 1024, "the domU's reservation with it");
        check_eq(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r), 1,
                 "giving the order-10 extent back for the domU");
    }
    check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &id), NR,
             "the domU's reservation after giving it back");
    r.extent_order = 13;
    gfn = 0x1000;
    check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), 0,
             "an order-13 extent (above dom0's limit)");
    check_rc_setup(max_mem(dm->id, NR), "restoring max_mem");
}

/* The refusals that need a domain but no finished build. */
static void hostile_early(struct dom *dm)
{
    static struct vcpu_guest_context c;
    unsigned long mine = va_to_mfn(pfn_to_va(PFN_MINE));
    struct mmu_update u;
    uint64_t *spare = gva_in_dom0(G_SPARE);
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = dm->id };
    xen_pfn_t gfn = NR;

    fill_context(dm, &c);
    check_eq(vcpu_context(0, XEN_DOMCTL_setvcpucontext, 0, &c),
             -XEN_EINVAL, "setvcpucontext on dom0 itself");
    check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 1, &c),
             -XEN_EINVAL, "setvcpucontext on a vCPU beyond max_vcpus");
    check_eq(vcpu_context(dm->id, XEN_DOMCTL_getvcpucontext, 0, &c),
             -XEN_ENODATA, "getvcpucontext before any context");
    c.user_regs.rip = 0x0000800000000000UL;
    check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 0, &c),
             -XEN_EINVAL, "setvcpucontext with a non-canonical rip");
    fill_context(dm, &c);
    c.flags = VGCF_online;
    check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 0, &c),
             -XEN_EINVAL, "setvcpucontext in user mode without a user L4");
    check_eq(vcpu_context(dm->id, XEN_DOMCTL_getvcpucontext, 0, &c),
             -XEN_ENODATA, "getvcpucontext after refused contexts");

    /* dom0's own frame is not the domU's. */
    check_eq(map_at(PFN_MAP + G_SPARE, mine, PTE_RO, dm->id), -XEN_EBUSY,
             "a foreign mapping of a frame the domU does not own");
    u = (struct mmu_update){ .ptr = (mine << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
                             .val = 5 };
    check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, dm->id), -XEN_EINVAL,
             "M2P update of dom0's frame naming the domU");
    check_eq(mmuext_for(dm->id, MMUEXT_PIN_L1_TABLE, mine), -XEN_EINVAL,
             "pinning dom0's frame for the domU");
    check_eq(hypercall_init(dm->id, mine), -XEN_EINVAL,
             "hypercall_init on a frame not the domU's");
    check_eq(mmuext_for(dm->id, MMUEXT_NEW_BASEPTR, dm->mfn[G_L4]), -XEN_EPERM,
             "NEW_BASEPTR naming another domain");
    check_eq(mmuext_for(0x7777, MMUEXT_PIN_L1_TABLE, dm->mfn[G_SPARE]),
             -XEN_ESRCH, "pinning for a domain that does not exist");
    /* Naming oneself by id instead of DOMID_SELF (harmless requests). */
    u = (struct mmu_update){ .ptr = (mine << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
                             .val = PFN_MINE };
    check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, 0), -XEN_ESRCH,
             "mmu_update naming dom0 by its id");
    check_eq(mmuext_for(0, MMUEXT_TLB_FLUSH_LOCAL, 0), -XEN_ESRCH,
             "mmuext_op naming dom0 by its id");

    /* Garbage: an L1 whose entry maps dom0's frame. */
    memset(spare, 0, PAGE_SIZE);
    spare[7] = (mine << PAGE_SHIFT) | PTE_RO;
    check_eq(map_at(PFN_MAP + G_SPARE, 0, 0, DOMID_SELF), 0, "unmap spare");
    check_eq(mmuext_for(dm->id, MMUEXT_PIN_L1_TABLE, dm->mfn[G_SPARE]),
             -XEN_EBUSY, "pinning an L1 that maps dom0's frame");
    check_eq(map_at(PFN_MAP + G_SPARE, dm->mfn[G_SPARE], PTE_RW, dm->id), 0,
             "remapping the spare frame writable (it is no table)");
    spare[7] = 0;

    /* Its max_pages is reached: one more frame is refused. */
    set_xen_guest_handle(r.extent_start, &gfn);
    check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), 0,
             "populate beyond max_pages");
    r.domid = 0x7777;
    check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), 0,
             "populate for a domain that does not exist");
    {
        domid_t id = dm->id;

        check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &id), NR,
                 "the domU's current_reservation");
        check_eq(HYPERVISOR_memory_op(XENMEM_maximum_reservation, &id), NR,
                 "the domU's maximum_reservation");
        /* Xen: the highest pfn the domain stated in shared_info (none
         * yet: 0), not what it holds. */
        check_eq(HYPERVISOR_memory_op(XENMEM_maximum_gpfn, &id), 0,
                 "the domU's maximum_gpfn before it stated one");
        id = 0x7777;
        check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &id),
                 -XEN_ESRCH, "current_reservation of no domain");
        order_limits(dm);
    }
}

static bool unpause(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_unpausedomain, .domain = d };

    return check_rc_setup(domctl(&dc), "unpausedomain");
}

/*
 * Build and start one domU; false if it cannot run.  late: unpause the
 * domain before its vCPU has a context (nothing runs), and let
 * setvcpucontext start it (Xen pauses the domain itself around the load;
 * VGCF_online brings the vCPU up).
 */
static bool build(struct dom *dm, unsigned int mode, bool hostile, bool late)
{
    static struct vcpu_guest_context c, back;
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo };
    struct guest_data *gd = gva_in_dom0(G_DATA);

    for ( unsigned int i = 0; i < NR; i++ )
        if ( !check_eq(map_at(PFN_MAP + i, dm->mfn[i], PTE_RW, dm->id), 0,
                       "foreign mapping of the domU's frame") )
            return false;
    if ( hostile )
        hostile_early(dm);
    memcpy(gva_in_dom0(G_CODE), domu_code, domu_code_end - domu_code);
    gd->mode = mode;
    write_tables(dm);
    ports(dm);
    dc.domain = dm->id;
    check_rc_setup(domctl(&dc), "getdomaininfo");
    write_start_info(dm, dc.u.getdomaininfo.shared_info_frame);
    set_max_pfn(dm, dc.u.getdomaininfo.shared_info_frame);
    write_m2p(dm);
    if ( hostile )
        ports_seen(dm);
    if ( !check_eq(hypercall_init(dm->id, dm->mfn[G_HC]), 0,
                   "hypercall_init for the domU") )
        return false;
    check(*(uint8_t *)gva_in_dom0(G_HC) != 0, "the hypercall page is empty");
    grants(dm, hostile);
    /* The tables may not stay writable for dom0 once they are tables. */
    for ( unsigned int i = 0; i < NR_PT; i++ )
        check_rc_setup(map_at(PFN_MAP + i, 0, 0, DOMID_SELF), "unmap table");
    if ( !check_eq(mmuext_for(dm->id, MMUEXT_PIN_L4_TABLE, dm->mfn[G_L4]), 0,
                   "pinning the domU's L4 for it") )
        return false;
    check_eq(map_at(PFN_MAP + G_L1, dm->mfn[G_L1], PTE_RW, dm->id), -XEN_EBUSY,
             "a writable foreign mapping of the domU's pinned L1");
    /* Read-only is fine; this one is kept past the domain's death. */
    check_eq(map_at(PFN_MAP + G_L4, dm->mfn[G_L4], PTE_RO, dm->id), 0,
             "a read-only foreign mapping of the domU's pinned L4");
    if ( hostile )
        check_eq(hypercall_init(dm->id, dm->mfn[G_L1]), -XEN_EPERM,
                 "hypercall_init on the domU's page table");
    fill_context(dm, &c);
    evtchn_clear(dom_exc);
    if ( late )
        return unpause(dm->id) &&
               check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 0, &c),
                        0, "setvcpucontext for vCPU 0 of an unpaused domain");
    if ( !check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 0, &c), 0,
                   "setvcpucontext for vCPU 0") )
        return false;
    if ( check_eq(vcpu_context(dm->id, XEN_DOMCTL_getvcpucontext, 0, &back), 0,
                  "getvcpucontext") )
    {
        check_eq(back.ctrlreg[3], c.ctrlreg[3], "ctrlreg[3] read back");
        check_eq(back.user_regs.rip, c.user_regs.rip, "rip read back");
        check_eq(back.user_regs.rsp, c.user_regs.rsp, "rsp read back");
        check_eq(back.kernel_sp, c.kernel_sp, "kernel_sp read back");
        check_eq(back.kernel_ss, c.kernel_ss, "kernel_ss read back");
        check_eq(back.user_regs.rsi, c.user_regs.rsi, "rsi read back");
        check_eq(back.user_regs.cs, FLAT_KERNEL_CS, "cs read back");
        check_eq(back.event_callback_eip, c.event_callback_eip,
                 "event callback read back");
        check_eq(back.failsafe_callback_eip, c.failsafe_callback_eip,
                 "failsafe callback read back");
        check_eq(back.syscall_callback_eip, c.syscall_callback_eip,
                 "syscall callback read back");
        check_eq(back.fs_base, c.fs_base, "fs_base read back");
        check_eq(back.gs_base_kernel, c.gs_base_kernel, "gs_base_kernel read back");
        check_eq(back.gs_base_user, c.gs_base_user, "gs_base_user read back");
        check_eq(back.debugreg[0], c.debugreg[0], "DR0 read back");
        check_eq(back.trap_ctxt[3].address, c.trap_ctxt[3].address,
                 "the int3 gate read back");
        check_eq(back.trap_ctxt[3].flags, 3, "the int3 gate's flags");
        check_eq(back.ctrlreg[1], 0, "no user L4 read back");
        check_eq(back.gdt_ents, 0, "gdt_ents read back");
        /* Before it ever ran: no FPU state of its own, flags as set. */
        check_eq(back.flags, VGCF_in_kernel | VGCF_online, "flags read back");
        check_eq(back.user_regs.rflags, 0x200, "rflags read back");
        check_eq(back.debugreg[7], 0x400, "DR7 read back");
        check_eq(back.debugreg[6], 0xffff0ff0, "DR6 read back");
    }
    if ( hostile )
    {
        c.ctrlreg[3] = dm->mfn[G_L3] << PAGE_SHIFT;
        check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 0, &c),
                 -XEN_EOPNOTSUPP, "a second context with another L4");
    }
    /* No context: the vCPU is reset (its tables given back, which the
     * free-page count checks), and takes a first context again. */
    check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 0, NULL), 0,
             "setvcpucontext without a context (reset)");
    check_eq(vcpu_context(dm->id, XEN_DOMCTL_getvcpucontext, 0, &back),
             -XEN_ENODATA, "getvcpucontext after the reset");
    if ( hostile )
    {
        /* The reset let go of the L4's type: unpinned, it can be mapped
         * writable again. */
        check_eq(mmuext_for(dm->id, MMUEXT_UNPIN_TABLE, dm->mfn[G_L4]), 0,
                 "unpinning the domU's L4 for it");
        check_eq(map_at(PFN_GNT, dm->mfn[G_L4], PTE_RW, dm->id), 0,
                 "a writable mapping of the unused L4 after the reset");
        check_eq(map_at(PFN_GNT, 0, 0, DOMID_SELF), 0, "unmapping it");
        check_eq(mmuext_for(dm->id, MMUEXT_PIN_L4_TABLE, dm->mfn[G_L4]), 0,
                 "pinning the L4 again");
    }
    fill_context(dm, &c);
    if ( !check_eq(vcpu_context(dm->id, XEN_DOMCTL_setvcpucontext, 0, &c), 0,
                   "setvcpucontext after the reset") )
        return false;
    return unpause(dm->id);
}

/* Wait for VIRQ_DOM_EXC and the domain to be gone from the list. */
static bool wait_gone(domid_t d)
{
    uint64_t deadline = pv_system_time(0) + 5 * NS_PER_S;
    struct xen_domctl dc;

    for ( ; ; )
    {
        dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };
        if ( (domctl(&dc) || dc.domain != d) && evtchn_pending(dom_exc) )
            break;
        if ( pv_system_time(0) >= deadline )
            break;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    check(domctl(&dc) || dc.domain != d, "domain %u still listed", d);
    return check(evtchn_pending(dom_exc),
                 "no VIRQ_DOM_EXC once domain %u was gone", d);
}

/*
 * The toolstack's CPU policy reaches the guest: before the domain first
 * runs, dom0 sets leaf 1 as the PV default has it but without SSE3; the
 * guest's (emulated) CPUID then shows no SSE3, SSE2 still, and the
 * hypervisor bit.  *c1, *d1: the PV default's leaf 1 ECX and EDX.
 */
static bool set_policy(domid_t d, uint32_t *c1, uint32_t *d1)
{
    static xen_cpuid_leaf_t leaves[160];
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_get_cpu_policy };
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_set_cpu_policy, .domain = d };
    xen_cpuid_leaf_t *l = NULL;

    sc.u.cpu_policy.index = XEN_SYSCTL_cpu_policy_pv_default;
    sc.u.cpu_policy.nr_leaves = 160;
    set_xen_guest_handle(sc.u.cpu_policy.leaves, leaves);
    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "PV default policy") )
        return false;
    for ( uint32_t i = 0; i < sc.u.cpu_policy.nr_leaves; i++ )
        if ( leaves[i].leaf == 1 )
            l = &leaves[i];
    if ( !check(l != NULL, "no leaf 1 in the PV default policy") )
        return false;
    *c1 = l->c;
    *d1 = l->d;
    l->c &= ~1u;                                    /* SSE3 */
    dc.u.cpu_policy.nr_leaves = 1;
    set_xen_guest_handle(dc.u.cpu_policy.leaves, l);
    return check_eq(domctl(&dc), 0, "set_cpu_policy without SSE3");
}

static void cycle(unsigned int n, bool crash)
{
    uint32_t c1 = 0, d1 = 0;
    bool policy;
    struct dom dm = { 0 };
    struct guest_data *gd = gva_in_dom0(G_DATA);
    struct xen_domctl dc;
    uint64_t before = free_pages(), after;

    if ( !create(&dm) )
        return;
    policy = set_policy(dm.id, &c1, &d1);
    if ( build(&dm, crash, n == 0, n == 3) )
    {
        expect_shutdown(dm.id, dom_exc, 5 * NS_PER_S,
                        crash ? SHUTDOWN_crash : SHUTDOWN_poweroff, true);
        if ( policy )
        {
            xtest_info("leaf 1: default %08x %08x, the guest's %08x %08x",
                       c1, d1, gd->cpuid1_c, gd->cpuid1_d);
            check(!(gd->cpuid1_c & 1), "SSE3 in the guest's CPUID");
            check(!(c1 & 1) || (d1 & (1u << 26)), "no SSE3/SSE2 to test");
            check(gd->cpuid1_d & (1u << 26), "no SSE2 in the guest's CPUID "
                  "(cycle %u: %08x %08x)", n, gd->cpuid1_c, gd->cpuid1_d);
            check(gd->cpuid1_c & (1u << 31), "no hypervisor bit");
        }
        check_eq(gd->marker, MARKER, "the guest's marker");
        check_eq(gd->rsi, GVA(G_SI), "the guest's rsi");
        check_eq(gd->store_evtchn, dm.store_port, "store_evtchn the guest read");
        if ( !crash )
            xtest_info("guest's console_io returned %ld",
                       (long)gd->console_rc);
        check_eq(gd->shutdown_rc, 0, "SCHEDOP_shutdown came back");
    }
    /* Let go of everything but the data frame and the L4, then destroy. */
    for ( unsigned int i = 0; i < NR; i++ )
        if ( i != G_DATA && i != G_L4 )
            map_at(PFN_MAP + i, 0, 0, DOMID_SELF);
    evtchn_clear(dom_exc);
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = dm.id };
    check_rc_setup(domctl(&dc), "destroydomain");
    check_eq(gd->marker, MARKER, "the data frame after its domain died");
    check_eq(map_at(PFN_MAP + G_DATA, 0, 0, DOMID_SELF), 0,
             "the last unmap of the dead domain's frame");
    if ( dm.mfn[G_L4] )
    {
        const volatile uint64_t *l4 = gva_in_dom0(G_L4);

        check_eq(l4[0], (dm.mfn[G_L3] << PAGE_SHIFT) | PDE,
                 "the dead domain's L4, still mapped");
        check_eq(map_at(PFN_MAP + G_L4, 0, 0, DOMID_SELF), 0,
                 "the last unmap of the dead domain's L4");
    }
    wait_gone(dm.id);
    after = free_pages();
    printf("cycle %u (domain %u): %lu free pages before, %lu after\n", n,
           dm.id, (unsigned long)before, (unsigned long)after);
    if ( !hv_is_xen() && n > 0 )
        check_eq(after, before, "free pages after the cycle");
}

void test_main(void)
{
    dom_exc = bind_dom_exc();
    for ( unsigned int n = 0; n < 4; n++ )
        cycle(n, n == 2);
}
