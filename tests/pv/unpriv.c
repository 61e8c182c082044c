/*
 * unpriv.c - an unprivileged domain gets -EPERM from every privileged
 * operation (ours only: the domain is a boot-time domU).
 *
 * The same kernel runs as dom0 and as domain 1.  Domain 1 tries what only
 * dom0 may do, each aimed at dom0 where a target is needed, and expects
 * Xen's answer: domctl and sysctl (configuration sub-ops too; a target
 * that does not exist is -ESRCH first), reading the console, shutting dom0
 * down, PTE updates and memory reservations on dom0's behalf (the
 * latter answer 0 extents done, not -EPERM, as Xen 4.17's source does), the
 * machine's memory map, event channels in dom0, and writable mappings of
 * a frame that is not its own; dom0's grant table (query_size,
 * setup_table: GNTST_permission_denied; get_version: -EPERM) and dom0's
 * reservation (current/maximum_reservation, maximum_gpfn: -EPERM);
 * cpupool_op, get_cpu_policy, settscinfo, set_cpu_policy, and
 * acquire_resource of dom0's grant table (-EPERM; of no domain -ESRCH); a
 * grant copy naming dom0 by frame number (GNTST_permission_denied) or a
 * frame not its own (GNTST_bad_page), leaving its page untouched;
 * physical interrupts (map_pirq, apic_read, apic_write, setup_gsi,
 * alloc_irq_vector, bind_pirq: -EPERM; the IO-APIC ones and
 * alloc_irq_vector read their argument first, so a bad pointer is -EFAULT) and platform_op (get_cpuinfo: -EPERM); it does
 * not see the CPUID APIC bit dom0 sees.
 * Nothing may have changed for dom0 afterwards.  dom0 itself may not
 * copy from domain 1's frame by number either (GNTST_bad_page).  Domain 1 prints its own result and powers off; dom0 waits
 * for that (VIRQ_DOM_EXC), checks it is still fine itself, and ends.
 *
 * pvtest-domU: name=intruder,mem=16M self
 */
#include "peer.h"
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/arch-x86/xen-mca.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/platform.h>

const char test_title[] = "unpriv: a domU gets -EPERM from privileged operations";

static uint8_t probe_page[4096] __aligned(4096);

static void try_toolstack(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0 };
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "domctl getdomaininfo(0)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = 0 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "domctl destroydomain(0)");
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl physinfo");
    sc = (struct xen_sysctl){ .cmd = XEN_SYSCTL_readconsole };
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl readconsole");
    /* The configuration sub-ops, aimed at dom0. */
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_setdomainhandle, .domain = 0 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "setdomainhandle(0)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_settimeoffset, .domain = 0 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "settimeoffset(0)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_setvcpuaffinity, .domain = 0 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "setvcpuaffinity(0)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_ioport_permission, .domain = 1 };
    dc.u.ioport_permission.first_port = 0x300;
    dc.u.ioport_permission.nr_ports = 1;
    dc.u.ioport_permission.allow_access = 1;
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "ioport_permission(self)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_createdomain };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "createdomain");
    /* Xen looks the target up before it checks the caller. */
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_pausedomain, .domain = 999 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_ESRCH, "pausedomain(999)");
    /* What Xen's own toolstack added: pools, TSC, CPU policies, and the
     * resource frames of dom0's grant table. */
    sc = (struct xen_sysctl){ .cmd = XEN_SYSCTL_cpupool_op };
    sc.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_INFO;
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl cpupool_op");
    sc = (struct xen_sysctl){ .cmd = XEN_SYSCTL_get_cpu_policy };
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl get_cpu_policy");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_settscinfo, .domain = 0 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "settscinfo(0)");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_set_cpu_policy, .domain = 0 };
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EPERM, "set_cpu_policy(0)");
    {
        struct xen_mem_acquire_resource r = {
            .domid = 0, .type = XENMEM_resource_grant_table,
            .id = XENMEM_resource_grant_table_id_shared,
        };

        check_eq(HYPERVISOR_memory_op(XENMEM_acquire_resource, &r),
                 -XEN_EPERM, "acquire_resource of dom0's grant table");
        r.domid = 999;
        check_eq(HYPERVISOR_memory_op(XENMEM_acquire_resource, &r),
                 -XEN_ESRCH, "acquire_resource of domain 999");
    }
}

static void try_console_and_shutdown(void)
{
    char buf[8];
    struct sched_remote_shutdown rs = { .domain_id = 0,
                                        .reason = SHUTDOWN_poweroff };

    check_eq(HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf),
             -XEN_EPERM, "console_io read");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_EPERM,
             "remote_shutdown of dom0");
}

static void try_memory(void)
{
    xen_pfn_t frame = 0;
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = 0 };
    struct xen_memory_map map = { .nr_entries = 0 };
    struct mmu_update u = { .ptr = 0, .val = 0 };
    uint64_t pte;

    set_xen_guest_handle(r.extent_start, &frame);
    /* Xen 4.17's do_memory_op answers a refused reservation change with
     * the number of extents done (0), dropping the -EPERM. */
    check_eq(HYPERVISOR_memory_op(XENMEM_increase_reservation, &r), 0,
             "increase_reservation for dom0");
    check_eq(frame, 0, "the extent list after a refused increase");
    r.domid = 0x7777;
    check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &r.domid),
             -XEN_ESRCH, "current_reservation of a domain that does not exist");
    r.domid = 0;
    check_eq(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &map), -XEN_EPERM,
             "machine_memory_map");
    check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, 0), -XEN_EPERM,
             "mmu_update with dom0 as the foreign domain");
    check_eq(hypercall4(__HYPERVISOR_update_va_mapping_otherdomain,
                        (unsigned long)probe_page, 0, UVMF_INVLPG, 0),
             -XEN_EPERM, "update_va_mapping_otherdomain(dom0)");
    /* Xen's get_pg_owner(): DOMID_SELF is the plain call, allowed to
     * anyone; one's own id is -ESRCH. */
    pte = pt_leaf((unsigned long)probe_page);
    check_eq(hypercall4(__HYPERVISOR_update_va_mapping_otherdomain,
                        (unsigned long)probe_page, pte, UVMF_INVLPG, DOMID_SELF),
             0, "update_va_mapping_otherdomain(DOMID_SELF)");
    check_eq(hypercall4(__HYPERVISOR_update_va_mapping_otherdomain,
                        (unsigned long)probe_page, pte, UVMF_INVLPG, 1),
             -XEN_ESRCH, "update_va_mapping_otherdomain naming itself by id");
    check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, 1), -XEN_ESRCH,
             "mmu_update naming itself by id");
    /* Frame 0x100 is the hypervisor's here: not ours to map at all (a
     * writable mapping of it would be -EBUSY instead). */
    pte = (0x100ULL << 12) | _PAGE_PRESENT | _PAGE_USER;
    check_eq(HYPERVISOR_update_va_mapping((unsigned long)probe_page, pte,
                                          UVMF_INVLPG),
             -XEN_EINVAL, "mapping a frame that is not ours");
}

static void try_events(void)
{
    struct evtchn_alloc_unbound au = { .dom = 0, .remote_dom = DOMID_SELF };
    struct evtchn_status st = { .dom = 0, .port = 1 };

    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
             -XEN_EPERM, "alloc_unbound in dom0");
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_status, &st), -XEN_EPERM,
             "evtchn status of a dom0 port");
}

static void try_grant_tables(void)
{
    struct gnttab_query_size q = { .dom = 0, .status = 99 };
    struct gnttab_setup_table st = { .dom = 0, .nr_frames = 1, .status = 99 };
    struct gnttab_get_version gv = { .dom = 0, .version = 77 };
    xen_pfn_t frame = 0x5555;

    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1), 0,
             "query_size(dom0)");
    check_eq(q.status, GNTST_permission_denied, "query_size(dom0) status");
    set_xen_guest_handle(st.frame_list, &frame);
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1), 0,
             "setup_table(dom0)");
    check_eq(st.status, GNTST_permission_denied, "setup_table(dom0) status");
    check_eq(frame, 0x5555, "setup_table(dom0) wrote a frame");
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_get_version, &gv, 1),
             -XEN_EPERM, "get_version(dom0)");
    check_eq(gv.version, 77, "get_version(dom0) wrote a version");
}

static void try_reservations(void)
{
    static const unsigned int cmds[] = { XENMEM_current_reservation,
                                         XENMEM_maximum_reservation,
                                         XENMEM_maximum_gpfn };
    static const char *const names[] = { "current_reservation(dom0)",
                                         "maximum_reservation(dom0)",
                                         "maximum_gpfn(dom0)" };

    for ( unsigned int i = 0; i < 3; i++ )
    {
        domid_t d = 0;

        check_eq(HYPERVISOR_memory_op(cmds[i], &d), -XEN_EPERM, names[i]);
    }
}

/* A grant copy by frame number, into our probe page; its status. */
static int16_t copy_by_frame(unsigned long src, domid_t sdom)
{
    struct gnttab_copy c = {
        .source = { .u.gmfn = src, .domid = sdom },
        .dest = { .u.gmfn = pfn_to_mfn(((unsigned long)probe_page -
                                        PV_VIRT_BASE) >> PAGE_SHIFT),
                  .domid = DOMID_SELF },
        .len = 64,
    };

    check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_copy, &c, 1),
                   "grant copy");
    return c.status;
}

static void try_copy_by_frame(void)
{
    memset(probe_page, 0xee, sizeof(probe_page));
    check_eq(copy_by_frame(0x100, 0), GNTST_permission_denied,
             "copy by frame naming dom0");
    check_eq(copy_by_frame(0x100, DOMID_SELF), GNTST_bad_page,
             "copy by frame of a frame not ours");
    for ( unsigned int i = 0; i < sizeof(probe_page); i++ )
        if ( probe_page[i] != 0xee )
        {
            xtest_fail("refused copies changed byte %u", i);
            break;
        }
}

/* dom0: domain 1's shared_info frame is not ours to copy by number. */
static void dom0_copy_by_frame(void)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 1 };

    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "getdomaininfo(1)") )
        return;
    memset(probe_page, 0xee, sizeof(probe_page));
    check_eq(copy_by_frame(dc.u.getdomaininfo.shared_info_frame, DOMID_SELF),
             GNTST_bad_page, "dom0 copying domain 1's frame by number");
    check_eq(copy_by_frame(dc.u.getdomaininfo.shared_info_frame, 1),
             GNTST_permission_denied, "dom0 naming domain 1 by frame");
    check_eq(probe_page[0], 0xee, "dom0's page after refused copies");
}

/* An address in the hypervisor's half: never readable by a guest. */
#define BAD_ARG ((void *)0xffff800000001000UL)

/* Nor an MSI, nor the PCI device registry (AHCI is 00:1f.2 on q35). */
static void try_pci(void)
{
    struct physdev_map_pirq m = { .domid = DOMID_SELF,
                                  .type = MAP_PIRQ_TYPE_MSI_SEG,
                                  .index = -1, .pirq = -1, .devfn = 0xfa };
    struct physdev_pci_device_add add = { .devfn = 0xfa };
    struct physdev_pci_device d = { .devfn = 0xfa };
    struct physdev_manage_pci mp = { .devfn = 0xfa };
    struct physdev_pci_mmcfg_reserved r = { .address = 0xb0000000UL,
                                            .end_bus = 0xff,
                                            .flags = XEN_PCI_MMCFG_RESERVED };

    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_pci_mmcfg_reserved, &r), -XEN_EPERM,
             "physdev pci_mmcfg_reserved");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_pci_mmcfg_reserved, BAD_ARG),
             -XEN_EPERM, "physdev pci_mmcfg_reserved of a bad pointer");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, &m), -XEN_EPERM,
             "physdev map_pirq(MSI of 00:1f.2)");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_pci_device_add, &add), -XEN_EPERM,
             "physdev pci_device_add");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_manage_pci_add, &mp), -XEN_EPERM,
             "physdev manage_pci_add");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_manage_pci_remove, &mp), -XEN_EPERM,
             "physdev manage_pci_remove");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_restore_msi, &mp), -XEN_EPERM,
             "physdev restore_msi");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_pci_device_remove, &d), -XEN_EPERM,
             "physdev pci_device_remove");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_restore_msi_ext, &d), -XEN_EPERM,
             "physdev restore_msi_ext");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_prepare_msix, &d), -XEN_EPERM,
             "physdev prepare_msix");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_release_msix, &d), -XEN_EPERM,
             "physdev release_msix");
}


/* A domU never reaches a physical interrupt: naming a GSI, reading the
 * IO-APIC, binding a PIRQ or setting a line's mode are dom0's alone. */
static void try_interrupts(void)
{
    struct physdev_map_pirq m = { .domid = DOMID_SELF,
                                  .type = MAP_PIRQ_TYPE_GSI,
                                  .index = 8, .pirq = 8 };
    struct physdev_apic a = { .apic_physbase = 0xfec00000UL, .reg = 1 };
    struct physdev_setup_gsi g = { .gsi = 8 };
    struct physdev_irq v = { .irq = 8 };
    struct evtchn_bind_pirq b = { .pirq = 8 };

    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, &m), -XEN_EPERM,
             "physdev map_pirq(GSI 8)");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_apic_read, &a), -XEN_EPERM,
             "physdev apic_read");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_apic_write, &a), -XEN_EPERM,
             "physdev apic_write");
    /* Xen reads these arguments before it checks the caller. */
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_apic_read, BAD_ARG), -XEN_EFAULT,
             "physdev apic_read of a bad pointer");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_apic_write, BAD_ARG), -XEN_EFAULT,
             "physdev apic_write of a bad pointer");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_alloc_irq_vector, BAD_ARG),
             -XEN_EFAULT, "physdev alloc_irq_vector of a bad pointer");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_setup_gsi, &g), -XEN_EPERM,
             "physdev setup_gsi(8)");
    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_alloc_irq_vector, &v),
             -XEN_EPERM, "physdev alloc_irq_vector(8)");
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, &b),
             -XEN_EPERM, "bind_pirq(8)");
    try_pci();
}

/* The APIC bit (leaf 1 EDX bit 9, and its 0x80000001 copy) is the
 * hardware domain's alone. */
static void check_no_apic(void)
{
    struct cpuid_regs r;

    cpuid_pv(1, 0, &r);
    check(!(r.d & (1u << 9)), "leaf 1 edx %#x: APIC visible to a domU", r.d);
    cpuid_pv(0x80000001u, 0, &r);
    check(!(r.d & (1u << 9)), "leaf 0x80000001 edx %#x: APIC visible to a domU",
          r.d);
}

static void try_platform(void)
{
    struct xen_platform_op op = {
        .cmd = XENPF_get_cpuinfo,
        .interface_version = XENPF_INTERFACE_VERSION,
    };

    struct xen_mc mc = { .cmd = XEN_MC_physcpuinfo,
                         .interface_version = XEN_MCA_INTERFACE_VERSION };

    check_eq(HYPERVISOR_platform_op(&op), -XEN_EPERM,
             "platform_op get_cpuinfo(0)");
    op.cmd = XENPF_settime64;
    check_eq(HYPERVISOR_platform_op(&op), -XEN_EPERM, "platform_op settime64");
    check_eq(hypercall1(__HYPERVISOR_mca, &mc), -XEN_EPERM,
             "mca physcpuinfo");
}

void test_main(void)
{
    evtchn_port_t dom_exc;

    if ( !pv_is_initdomain() )
    {
        try_toolstack();
        try_console_and_shutdown();
        try_memory();
        try_events();
        try_grant_tables();
        try_reservations();
        try_copy_by_frame();
        try_interrupts();
        try_platform();
        check_no_apic();
        return;
    }
    dom0_copy_by_frame();
    /* The domU may be done before we bind: then no VIRQ for us. */
    dom_exc = bind_dom_exc();
    expect_shutdown(1, dom_exc, 10 * NS_PER_S, SHUTDOWN_poweroff, false);
}
