/*
 * garbage.c - every hypercall number a PVH guest can issue, handed
 * garbage (the PVH counterpart of tests/pv/garbage.c; the judging is
 * shared: tests/pv/garbage.h).
 *
 * Through the hypercall page: each pointer-taking sub-op of memory_op,
 * xen_version, console_io, grant_table_op, vcpu_op, sched_op,
 * event_channel_op, hvm_op, platform_op, sysctl and domctl with a NULL
 * pointer (page 0 taken out of the identity map for it), a non-canonical one, the hypervisor's half of
 * a PV guest's address space, an unmapped guest address and a guest-
 * physical address with no RAM behind it; unknown sub-ops; good pointers
 * to bad contents (HVMOP_set/get_param with a bad index or domain,
 * HVMOP_set_evtchn_upcall_vector with a bad vCPU or vector,
 * XENMEM_add_to_physmap with a bad space, index, frame or domain, event
 * channels with bad domains, vCPUs, VIRQs and ports, huge counts); the
 * grant-table, hvm_op and physdev_op sub-ops an HVM guest is not offered;
 * vm_assist; every number 0..63 with -1 in every argument; the numbers
 * nothing answers, and ones past the page up to 64 bits (rax set by hand
 * before a stub's vmmcall/vmcall).  Every answer must be Xen 4.17's errno
 * (calls ours does not offer yet: -ENOSYS here, reported as gaps), the
 * guest must live, and good calls must still work at the end.
 *
 * Not handed garbage (they accept any value or would end the test):
 * set_timer_op, SCHEDOP_block/shutdown with good arguments, VCPUOP_down.
 */
#include "../pv/garbage.h"
#include <pv/pvh.h>
#include <public/grant_table.h>
#include <public/physdev.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

const char test_title[] = "garbage: bad arguments to every hypercall from a PVH guest";

#define NORAM       0xf0000000UL    /* identity-mapped, no RAM there */
#define EP          (-XEN_EPERM)
#define ESRCH_      (-XEN_ESRCH)
#define ENOENT_     (-XEN_ENOENT)

/* Arguments that are good pointers to bad contents, filled at run time. */
static struct xen_hvm_param hp_bad_index, hp_huge_index, hp_bad_dom,
    hp_xen_dom, hp_get_bad_dom;
static struct xen_hvm_evtchn_upcall_vector uv_bad_vcpu, uv_low_vector,
    uv_huge_vcpu;
static struct xen_add_to_physmap atp_space, atp_shinfo_idx, atp_gnt_idx,
    atp_gpfn, atp_dom, atp_gmfn_idx, atp_foreign;
static struct evtchn_alloc_unbound eau_dom;
static struct evtchn_bind_virq ebv_virq, ebv_vcpu;
static struct evtchn_bind_ipi ebi_vcpu;
static struct evtchn_close ec_port;
static struct evtchn_send es_port;
static struct sched_poll sp_many;
static struct xen_memory_reservation mr_dom;
static struct gnttab_setup_table gst_dom;

static unsigned long P(const void *p)
{
    return (unsigned long)p;
}

static void fill_args(void)
{
    hp_bad_index = (struct xen_hvm_param){ .domid = DOMID_SELF,
                                           .index = HVM_NR_PARAMS };
    hp_huge_index = (struct xen_hvm_param){ .domid = DOMID_SELF,
                                            .index = 0xffffffff };
    hp_bad_dom = (struct xen_hvm_param){ .domid = NODOM,
                                         .index = HVM_PARAM_STORE_PFN };
    hp_xen_dom = (struct xen_hvm_param){ .domid = DOMID_XEN,
                                         .index = HVM_PARAM_STORE_PFN };
    hp_get_bad_dom = hp_bad_dom;
    uv_bad_vcpu.vcpu = 1000;
    uv_bad_vcpu.vector = 0xf3;
    uv_huge_vcpu.vcpu = 0xffffffff;
    uv_huge_vcpu.vector = 0xf3;
    uv_low_vector.vcpu = 0;
    uv_low_vector.vector = 0x0f;
    atp_space = (struct xen_add_to_physmap){ .domid = DOMID_SELF,
        .space = 0x7fff, .gpfn = 0x7ffff };
    atp_shinfo_idx = (struct xen_add_to_physmap){ .domid = DOMID_SELF,
        .space = XENMAPSPACE_shared_info, .idx = 1, .gpfn = 0x7ffff };
    atp_gnt_idx = (struct xen_add_to_physmap){ .domid = DOMID_SELF,
        .space = XENMAPSPACE_grant_table, .idx = 0x7fffffff, .gpfn = 0x7ffff };
    atp_gpfn = (struct xen_add_to_physmap){ .domid = DOMID_SELF,
        .space = XENMAPSPACE_shared_info, .idx = 0, .gpfn = ~0UL };
    atp_dom = (struct xen_add_to_physmap){ .domid = NODOM,
        .space = XENMAPSPACE_shared_info, .gpfn = 0x7ffff };
    atp_gmfn_idx = (struct xen_add_to_physmap){ .domid = DOMID_SELF,
        .space = XENMAPSPACE_gmfn, .idx = ~0UL, .gpfn = 0x7ffff };
    atp_foreign = (struct xen_add_to_physmap){ .domid = DOMID_SELF,
        .space = XENMAPSPACE_gmfn_foreign, .idx = 0, .gpfn = 0x7ffff };
    eau_dom = (struct evtchn_alloc_unbound){ .dom = NODOM,
                                             .remote_dom = DOMID_SELF };
    ebv_virq = (struct evtchn_bind_virq){ .virq = 0x7fff, .vcpu = 0 };
    ebv_vcpu = (struct evtchn_bind_virq){ .virq = VIRQ_TIMER, .vcpu = 1000 };
    ebi_vcpu = (struct evtchn_bind_ipi){ .vcpu = 1000 };
    ec_port.port = 0x7fffffff;
    es_port.port = 0x7fffffff;
    sp_many = (struct sched_poll){ .nr_ports = 0x7fffffff, .timeout = 1 };
    set_xen_guest_handle(sp_many.ports, (evtchn_port_t *)HVPTR);
    mr_dom = (struct xen_memory_reservation){ .nr_extents = 1,
                                              .domid = NODOM };
    gst_dom = (struct gnttab_setup_table){ .dom = NODOM, .nr_frames = 1 };
}

/* What ours does not offer a PVH guest yet (-ENOSYS here): reported. */
static const struct gap not_yet_ours[] = {
    { __HYPERVISOR_mmuext_op, GAP_ALL },
    { __HYPERVISOR_xsm_op, GAP_ALL },
    { __HYPERVISOR_physdev_op, GAP_ALL },
    { __HYPERVISOR_kexec_op, GAP_ALL },
    { __HYPERVISOR_argo_op, GAP_ALL },
    { __HYPERVISOR_xenpmu_op, GAP_ALL },
    { __HYPERVISOR_dm_op, GAP_ALL },
    { __HYPERVISOR_hypfs_op, GAP_ALL },
    { __HYPERVISOR_arch_1 /* paging_domctl_cont */, GAP_ALL },
    { __HYPERVISOR_hvm_op, HVMOP_pagetable_dying },
    { __HYPERVISOR_hvm_op, HVMOP_get_mem_type },
    { __HYPERVISOR_hvm_op, HVMOP_guest_request_vm_event },
    { __HYPERVISOR_hvm_op, HVMOP_altp2m },
};

static const struct garbage pvh_garbage = {
    .mode = HYPERCALL_VIA_PAGE,
    .gaps = not_yet_ours, .nr_gaps = ARRAY_SIZE(not_yet_ours),
};

extern uint64_t pvh_pdpt_low[512];     /* the head's tables (pvh_head.S) */

#define CASES_MAX 200
static struct gcase cases[CASES_MAX];
static unsigned int nr_cases;

static void add(unsigned int nr, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4, long expect,
                const char *what)
{
    if ( nr_cases < CASES_MAX )
        cases[nr_cases++] = (struct gcase)C(nr, a1, a2, a3, a4, 0, expect, what);
}

/* Each pointer-taking sub-op with pointer p, which must not be readable. */
static void pointer_cases(unsigned long p)
{

        add(12, XENMEM_current_reservation, p, 0, 0, EF,
            "memory_op(current_reservation)");
        add(12, XENMEM_add_to_physmap, p, 0, 0, EF, "memory_op(add_to_physmap)");
        add(12, XENMEM_memory_map, p, 0, 0, EF, "memory_op(memory_map)");
        add(17, XENVER_extraversion, p, 0, 0, EF, "xen_version(extraversion)");
        add(17, XENVER_get_features, p, 0, 0, EF, "xen_version(get_features)");
        add(18, CONSOLEIO_write, 16, p, 0, EF, "console_io(write)");
        add(20, GNTTABOP_setup_table, p, 1, 0, EF, "grant_table_op(setup_table)");
        add(20, GNTTABOP_query_size, p, 1, 0, EF, "grant_table_op(query_size)");
        add(24, VCPUOP_register_vcpu_info, 0, p, 0, EF,
            "vcpu_op(register_vcpu_info)");
        add(24, VCPUOP_set_singleshot_timer, 0, p, 0, EF,
            "vcpu_op(set_singleshot_timer)");
        add(29, SCHEDOP_shutdown, p, 0, 0, EF, "sched_op(shutdown)");
        add(29, SCHEDOP_poll, p, 0, 0, EF, "sched_op(poll)");
        add(29, SCHEDOP_remote_shutdown, p, 0, 0, EF, "sched_op(remote_shutdown)");
        add(32, EVTCHNOP_alloc_unbound, p, 0, 0, EF, "event_channel_op(alloc_unbound)");
        add(32, EVTCHNOP_send, p, 0, 0, EF, "event_channel_op(send)");
        add(34, HVMOP_set_param, p, 0, 0, EF, "hvm_op(set_param)");
        add(34, HVMOP_get_param, p, 0, 0, EF, "hvm_op(get_param)");
        add(34, HVMOP_set_evtchn_upcall_vector, p, 0, 0, EF,
            "hvm_op(set_evtchn_upcall_vector)");
        /* A PVH dom0's control calls (real answers: test dom0-ctl). */
        add(7, p, 0, 0, 0, EF, "platform_op");
        add(35, p, 0, 0, 0, EF, "sysctl");
        add(36, p, 0, 0, 0, EF, "domctl");
}

/*
 * NULL: the head's identity map covers guest-virtual 0 (one 2 MiB page),
 * so for these calls that page is split into 4 KiB ones with page 0 left
 * out.
 */
static uint64_t low_pt[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

static void null_cases(void)
{
    volatile uint64_t *pd = (volatile uint64_t *)(PV_VIRT_BASE +
                                                  (pvh_pdpt_low[0] & ~0xfffUL));
    uint64_t low = pd[0];

    for ( unsigned int i = 1; i < 512; i++ )
        low_pt[i] = (i * PAGE_SIZE) | 0x003;           /* present, writable */
    nr_cases = 0;
    pointer_cases(NULLP);
    printf("  (page 0 unmapped for NULL)\n");
    pd[0] = ((unsigned long)low_pt - PV_VIRT_BASE) | 0x003;
    __asm__ __volatile__ ("invlpg (%0)" :: "r" (0UL) : "memory");
    check_exinfo(probe_read8(NULL, NULL), EXINFO(X86_EXC_PF, 0), "a read of NULL");
    garbage_cases(&pvh_garbage, cases, nr_cases);
    pd[0] = low;
    __asm__ __volatile__ ("invlpg (%0)" :: "r" (0UL) : "memory");
    nr_cases = 0;
}

static void value_cases(void)
{
    /* Unknown sub-ops. */
    add(12, 0x3f, 0, 0, 0, NS, "memory_op(unknown)");
    add(17, 0x7fff, 0, 0, 0, NS, "xen_version(unknown)");
    add(18, 0x7fff, 0, 0, 0, NS, "console_io(unknown)");
    add(20, 0x3f, 0, 1, 0, NS, "grant_table_op(unknown)");
    add(24, 0x7fff, 0, 0, 0, NS, "vcpu_op(unknown)");
    add(29, 0x7fff, 0, 0, 0, NS, "sched_op(unknown)");
    add(32, 0x7fff, 0, 0, 0, NS, "event_channel_op(unknown)");
    add(33, 0x7fff, 0, 0, 0, NS, "physdev_op(unknown)");
    add(34, 0x7f, 0, 0, 0, NS, "hvm_op(unknown)");

    /* hvm_op: parameters and the per-vCPU upcall vector. */
    add(34, HVMOP_set_param, P(&hp_bad_index), 0, 0, EI, "set_param(index NR)");
    add(34, HVMOP_set_param, P(&hp_huge_index), 0, 0, EI, "set_param(index ~0)");
    add(34, HVMOP_set_param, P(&hp_bad_dom), 0, 0, ESRCH_, "set_param(no such dom)");
    add(34, HVMOP_set_param, P(&hp_xen_dom), 0, 0, ESRCH_, "set_param(DOMID_XEN)");
    add(34, HVMOP_get_param, P(&hp_bad_index), 0, 0, EI, "get_param(index NR)");
    add(34, HVMOP_get_param, P(&hp_huge_index), 0, 0, EI, "get_param(index ~0)");
    add(34, HVMOP_get_param, P(&hp_get_bad_dom), 0, 0, ESRCH_, "get_param(no such dom)");
    add(34, HVMOP_set_evtchn_upcall_vector, P(&uv_bad_vcpu), 0, 0, ENOENT_,
        "set_evtchn_upcall_vector(vcpu 1000)");
    add(34, HVMOP_set_evtchn_upcall_vector, P(&uv_huge_vcpu), 0, 0, ENOENT_,
        "set_evtchn_upcall_vector(vcpu ~0)");
    add(34, HVMOP_set_evtchn_upcall_vector, P(&uv_low_vector), 0, 0, EI,
        "set_evtchn_upcall_vector(vector 15)");

    /* Sub-ops ours does not offer (gaps below); Xen's answers. */
    add(34, HVMOP_flush_tlbs, HVPTR, 0, 0, EI, "flush_tlbs(non-NULL)");
    add(34, HVMOP_pagetable_dying, HVPTR, 0, 0, EF, "pagetable_dying(hv)");
    add(34, HVMOP_get_time, HVPTR, 0, 0, EF, "get_time(hv)");
    add(34, HVMOP_get_mem_type, HVPTR, 0, 0, EF, "get_mem_type(hv)");
    add(34, HVMOP_guest_request_vm_event, HVPTR, 0, 0, EI,
        "guest_request_vm_event(hv)");
    add(34, HVMOP_altp2m, HVPTR, 0, 0, -XEN_EOPNOTSUPP, "altp2m(hv)");

    /* memory_op: add_to_physmap and reservations. */
    add(12, XENMEM_add_to_physmap, P(&atp_space), 0, 0, EI, "add_to_physmap(space)");
    add(12, XENMEM_add_to_physmap, P(&atp_shinfo_idx), 0, 0, EI,
        "add_to_physmap(shared_info idx 1)");
    add(12, XENMEM_add_to_physmap, P(&atp_gnt_idx), 0, 0, EI,
        "add_to_physmap(grant idx huge)");
    add(12, XENMEM_add_to_physmap, P(&atp_gpfn), 0, 0, EI,
        "add_to_physmap(gpfn ~0)");
    add(12, XENMEM_add_to_physmap, P(&atp_dom), 0, 0, ESRCH_,
        "add_to_physmap(no such dom)");
    add(12, XENMEM_add_to_physmap, P(&atp_gmfn_idx), 0, 0, EI,
        "add_to_physmap(gmfn idx ~0)");
    add(12, XENMEM_add_to_physmap, P(&atp_foreign), 0, 0, NS,
        "add_to_physmap(gmfn_foreign)");
    add(12, XENMEM_increase_reservation, HVPTR, 0, 0, ZERO_OK,
        "memory_op(increase, hv ptr)");
    /* A reservation op returns the extents done so far: 0. */
    add(12, XENMEM_decrease_reservation, P(&mr_dom), 0, 0, ZERO_OK,
        "memory_op(decrease, no such dom)");

    /* vcpu_op. */
    add(24, VCPUOP_is_up, 1000, 0, 0, ENOENT_, "vcpu_op(is_up, vcpu 1000)");
    add(24, VCPUOP_up, 0xffffffff, 0, 0, ENOENT_, "vcpu_op(up, vcpu ~0)");
    add(24, VCPUOP_initialise, 0, HVPTR, 0, EF, "vcpu_op(initialise running, hv)");

    /* event_channel_op. */
    add(32, EVTCHNOP_alloc_unbound, P(&eau_dom), 0, 0, ESRCH_,
        "alloc_unbound(no such dom)");
    add(32, EVTCHNOP_bind_virq, P(&ebv_virq), 0, 0, EI, "bind_virq(virq 0x7fff)");
    add(32, EVTCHNOP_bind_virq, P(&ebv_vcpu), 0, 0, ENOENT_, "bind_virq(vcpu 1000)");
    add(32, EVTCHNOP_bind_ipi, P(&ebi_vcpu), 0, 0, ENOENT_, "bind_ipi(vcpu 1000)");
    add(32, EVTCHNOP_close, P(&ec_port), 0, 0, EI, "close(port huge)");
    add(32, EVTCHNOP_send, P(&es_port), 0, 0, EI, "send(port huge)");

    /* grant_table_op. */
    add(20, GNTTABOP_setup_table, P(&gst_dom), 1, 0, ZERO_OK,
        "setup_table(no such dom: status)");
    add(20, GNTTABOP_copy, HVPTR, 0x7fffffff, 0, EF, "copy(hv, huge count)");
    /* Sub-ops an HVM guest is not offered, and continuation bits on a
     * fresh call: -ENOSYS from Xen's HVM filter. */
    add(20, GNTTABOP_transfer, HVPTR, 1, 0, NS, "transfer(hv)");
    add(20, GNTTABOP_dump_table, HVPTR, 1, 0, NS, "dump_table(hv)");
    add(20, GNTTABOP_cache_flush, HVPTR, 1, 0, NS, "cache_flush(hv)");
    add(20, GNTTABOP_get_status_frames, HVPTR, 1, 0, ANYNEG,
        "get_status_frames(hv)");
    add(20, GNTTABOP_unmap_and_replace, HVPTR, 1, 0, ANYNEG,
        "unmap_and_replace(hv)");
    add(20, 0x7fff, 0, 1, 0, NS, "grant_table_op(opaque bits)");
    add(20, GNTTABOP_query_size | (1u << 12), HVPTR, 1, 0, NS,
        "query_size with opaque bits");
    add(20, GNTTABOP_query_size | (1UL << 32), HVPTR, 1, 0, EF,
        "query_size, bits above 32 (ignored)");

    /* sched_op. */
    add(29, SCHEDOP_poll, P(&sp_many), 0, 0, EI, "poll(nr_ports huge)");

    /* physdev_op. */
    add(33, PHYSDEVOP_set_iopl, HVPTR, 0, 0, NS, "physdev_op(set_iopl)");
    add(33, PHYSDEVOP_pci_device_add, HVPTR, 0, 0, EF,
        "physdev_op(pci_device_add, hv)");
    add(33, PHYSDEVOP_map_pirq, HVPTR, 0, 0, NS, "physdev_op(map_pirq, hv)");

    /* vm_assist: an HVM guest may only ask for the runstate flag. */
    add(21, VMASST_CMD_enable, 63, 0, 0, EI, "vm_assist(enable 63)");
    add(21, VMASST_CMD_enable, VMASST_TYPE_writable_pagetables, 0, 0, EI,
        "vm_assist(enable writable_pagetables)");
    add(21, 0x7fff, VMASST_TYPE_runstate_update_flag, 0, 0, ANYNEG,
        "vm_assist(unknown cmd)");
}

/* Numbers with nothing behind them for a PVH guest on x86_64. */
static const unsigned int unused_nrs[] = {
    0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 14, 16, 19, 22, 25, 28,
    30, 43, 44, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60,
    61, 62, 63, 64, 65, 100, 127,
};

/* set_timer_op takes any timeout; iret's slot is not a stub (below);
 * the rest may have -1. */
static bool skip_all_m1(unsigned int nr)
{
    return nr == __HYPERVISOR_set_timer_op || nr == __HYPERVISOR_iret;
}

/* Xen 4.17's answers (mmuext_op: another domain's tables, refused to a
 * translated guest; dm_op: a buffer count over its limit). */
static const long all_m1_expect[64] = {
    [0 ... 6] = NS, [7] = EF, [8 ... 12] = NS, [13] = EF, [14] = NS,
    [16 ... 20] = NS, [21] = EI, [22] = NS, [24] = ENOENT_, [25] = NS,
    [26] = ESRCH_, [27 ... 34] = NS, [35] = EF, [36] = EF, [37] = ANY_RC,
    [38 ... 39] = NS, [40] = -XEN_EOPNOTSUPP, [41] = -XEN_E2BIG, [42] = EI,
    [43 ... 48] = NS, [49] = EF, [50 ... 63] = NS,
};

/*
 * Numbers the page has no slot for: rax set by hand, then the vmmcall (or
 * vmcall) of slot 0's stub, five bytes in (after its mov to eax).
 */
static long call_raw(unsigned long nr)
{
    register unsigned long rdi __asm__("rdi") = M1;
    register unsigned long rsi __asm__("rsi") = M1;
    register unsigned long rdx __asm__("rdx") = M1;
    register unsigned long r10 __asm__("r10") = M1;
    register unsigned long r8 __asm__("r8") = M1;
    unsigned long rax = nr;

    __asm__ __volatile__ ("call *%[stub]"
                          : "+a" (rax), "+r" (rdi), "+r" (rsi), "+r" (rdx),
                            "+r" (r10), "+r" (r8)
                          : [stub] "r" (hypercall_page + 5)
                          : "rcx", "r11", "r9", "memory");
    return (long)rax;
}

static void huge_numbers(void)
{
    static const unsigned long nrs[] = {
        128, 255, 256, 1000, 0x7fffffff, 0x80000000, 0xffffffff,
        0x100000000UL, 0x100000011UL /* 17 in the low half */,
        0x8000000000000000UL, ~0UL,
    };
    const uint8_t *s = hypercall_page;

    if ( !check(s[0] == 0xb8 && s[5] == 0x0f && s[6] == 0x01 &&
                (s[7] == 0xd9 || s[7] == 0xc1),
                "hypercall page slot 0 is not mov/vmmcall: %02x %02x %02x %02x",
                s[0], s[5], s[6], s[7]) )
        return;
    /* iret has no HVM meaning: Xen puts ud2 in its slot; the number
     * itself is -ENOSYS. */
    check(s[23 * 32] == 0x0f && s[23 * 32 + 1] == 0x0b,
          "iret slot of the hypercall page: %02x %02x, expected ud2 (0f 0b)",
          s[23 * 32], s[23 * 32 + 1]);
    check_eq(call_raw(__HYPERVISOR_iret), NS, "hypercall 23 (iret)");
    for ( unsigned int i = 0; i < ARRAY_SIZE(nrs); i++ )
    {
        long rc = call_raw(nrs[i]);

        printf("  [%#lx] huge number rc %ld\n", nrs[i], rc);
        check(rc == NS, "hypercall %#lx: rc %ld, expected -ENOSYS", nrs[i], rc);
    }
}

/* The hvm_op sub-ops given good arguments answer properly too. */
static void good_hvm_ops(void)
{
    struct xen_hvm_get_time t1 = { 0 }, t2 = { 0 };

    check_eq(hypercall2(__HYPERVISOR_hvm_op, HVMOP_flush_tlbs, NULL), 0,
             "flush_tlbs(NULL)");
    check_eq(hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_time, &t1), 0, "get_time");
    check_eq(hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_time, &t2), 0, "get_time");
    check(t1.now > 0 && t2.now >= t1.now, "get_time: %lu then %lu",
          (unsigned long)t1.now, (unsigned long)t2.now);
}

static void still_alive(void)
{
    static const char msg[] = "garbage: hypervisor still answers\n";
    struct xen_hvm_param p = { .domid = DOMID_SELF,
                               .index = HVM_PARAM_CALLBACK_IRQ };

    check_eq(HYPERVISOR_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg), 0,
             "final console write");
    check(HYPERVISOR_xen_version(XENVER_version, NULL) > 0x30000,
          "final xen_version");
    check_eq(hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, &p), 0,
             "final get_param(CALLBACK_IRQ)");
    check_eq(p.value, 0, "CALLBACK_IRQ still unset");
}

void test_main(void)
{
    fill_args();
    null_cases();
    pointer_cases(HVPTR);
    pointer_cases(NONCANON);
    pointer_cases(UNMAPPED);
    pointer_cases(NORAM);
    value_cases();
    garbage_cases(&pvh_garbage, cases, nr_cases);
    garbage_unused(&pvh_garbage, unused_nrs, ARRAY_SIZE(unused_nrs));
    garbage_all_m1(&pvh_garbage, skip_all_m1, all_m1_expect);
    huge_numbers();
    good_hvm_ops();
    still_alive();
}
