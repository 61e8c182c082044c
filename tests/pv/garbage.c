/*
 * garbage.c - every hypercall number handed garbage.
 *
 * Each hypercall 0..63 (and a few numbers beyond) is called with bad
 * arguments: pointers that are NULL, non-canonical, inside the hypervisor
 * range (0xffff830000000000) or unmapped guest addresses; huge counts;
 * unknown sub-ops; and -1 in every argument.  Every case must come back
 * with a negative errno and leave the domain running.  Where Xen 4.17's
 * answer is stable the exact errno is pinned (unknown numbers and
 * sub-ops: -ENOSYS; bad guest pointers: -EFAULT; bad values: -EINVAL,
 * nonexistent domains: -ESRCH, ...); otherwise any negative value passes
 * and the value is printed.  At the end a console write and xen_version
 * must still work.
 *
 * Not garbage-tested (they accept any value or would wreck the domain):
 * stack_switch (3), set_callbacks (4), fpu_taskswitch (5) and iret (23);
 * set_trap_table with NULL (it clears the virtual IDT); SCHEDOP_shutdown.
 */
#include "garbage.h"
#include <public/grant_table.h>

const char test_title[] = "garbage: bad arguments to every hypercall";

static const struct gcase cases[] = {
    C(0, HVPTR, 0, 0, 0, 0, EF, "set_trap_table(hv ptr)"),
    C(0, NONCANON, 0, 0, 0, 0, EF, "set_trap_table(non-canonical)"),
    C(0, UNMAPPED, 0, 0, 0, 0, EF, "set_trap_table(unmapped)"),
    C(1, HVPTR, 1, 0, DOMID_SELF, 0, EF, "mmu_update(hv ptr)"),
    C(1, NULLP, 1, 0, DOMID_SELF, 0, EF, "mmu_update(NULL)"),
    C(1, UNMAPPED, 1, 0, DOMID_SELF, 0, EF, "mmu_update(unmapped)"),
    C(1, HVPTR, 0x7fffffff, 0, DOMID_SELF, 0, EF, "mmu_update(huge count)"),
    C(1, UNMAPPED, 1, 0, NODOM, 0, -XEN_ESRCH, "mmu_update(no such dom)"),
    C(2, HVPTR, 16, 0, 0, 0, EF, "set_gdt(hv ptr)"),
    C(2, UNMAPPED, 0xffffffff, 0, 0, 0, EI, "set_gdt(huge count)"),
    C(6, M1, M1, 0, 0, 0, NS, "sched_op_compat(-1)"),
    C(7, HVPTR, 0, 0, 0, 0, EF, "platform_op(hv ptr)"),
    C(7, NULLP, 0, 0, 0, 0, EF, "platform_op(NULL)"),
    C(8, 8, 0, 0, 0, 0, (-XEN_ENODEV), "set_debugreg(reg 8)"),
    C(8, 0, HVPTR, 0, 0, 0, (-XEN_EPERM), "set_debugreg(0, hv addr)"),
    C(9, 8, 0, 0, 0, 0, (-XEN_ENODEV), "get_debugreg(reg 8)"),
    C(10, 1, 0, 0, 0, 0, EI, "update_descriptor(misaligned)"),
    C(10, 0, M1, 0, 0, 0, EI, "update_descriptor(maddr 0)"),
    C(11, 0, 0, 0, 0, 0, NS, "11 (unused)"),
    C(12, 0x7fff, 0, 0, 0, 0, NS, "memory_op(unknown cmd)"),
    /* A reservation op returns the extents done so far: 0, not -EFAULT. */
    C(12, XENMEM_increase_reservation, HVPTR, 0, 0, 0, ZERO_OK,
      "memory_op(increase, hv ptr)"),
    C(12, XENMEM_current_reservation, UNMAPPED, 0, 0, 0, EF,
      "memory_op(current_reservation, unmapped)"),
    C(13, HVPTR, 1, 0, 0, 0, EF, "multicall(hv ptr)"),
    C(13, UNMAPPED, 1, 0, 0, 0, EF, "multicall(unmapped)"),
    C(14, HVPTR, 0, 0, 0, 0, EI, "update_va_mapping(hv va)"),
    C(14, NONCANON, 0, 0, 0, 0, EI, "update_va_mapping(non-canonical)"),
    C(16, HVPTR, 0, 0, 0, 0, EF, "event_channel_op_compat(hv ptr)"),
    C(17, 0x7fff, 0, 0, 0, 0, NS, "xen_version(unknown)"),
    C(17, XENVER_extraversion, HVPTR, 0, 0, 0, EF, "xen_version(extra, hv)"),
    C(17, XENVER_compile_info, UNMAPPED, 0, 0, 0, EF,
      "xen_version(compile_info, unmapped)"),
    C(18, 0x7fff, 0, 0, 0, 0, NS, "console_io(unknown)"),
    C(18, CONSOLEIO_write, 16, HVPTR, 0, 0, EF, "console_io(write, hv)"),
    C(18, CONSOLEIO_write, 16, UNMAPPED, 0, 0, EF,
      "console_io(write, unmapped)"),
    C(19, HVPTR, 0, 0, 0, 0, EF, "physdev_op_compat(hv ptr)"),
    C(20, 0x3f, 0, 1, 0, 0, NS, "grant_table_op(unknown)"),
    /* Bits above GNTTABOP_CMD_MASK are an opaque continuation value. */
    C(20, 0x7fff, 0, 1, 0, 0, EI, "grant_table_op(opaque bits)"),
    C(20, GNTTABOP_setup_table, HVPTR, 1, 0, 0, EF,
      "grant_table_op(setup_table, hv)"),
    C(20, GNTTABOP_query_size, UNMAPPED, 1, 0, 0, EF,
      "grant_table_op(query_size, unmapped)"),
    C(21, VMASST_CMD_enable, 63, 0, 0, 0, EI, "vm_assist(type 63)"),
    C(22, 0, 0, 0, NODOM, 0, -XEN_ESRCH,
      "update_va_mapping_otherdomain(nodom)"),
    C(24, 0x7fff, 0, 0, 0, 0, NS, "vcpu_op(unknown)"),
    C(24, VCPUOP_is_up, 1000, 0, 0, 0, (-XEN_ENOENT), "vcpu_op(is_up, vcpu 1000)"),
    C(24, VCPUOP_register_vcpu_info, 0, HVPTR, 0, 0, EF,
      "vcpu_op(register_vcpu_info, hv)"),
    C(25, 42, 0, 0, 0, 0, EI, "set_segment_base(which 42)"),
    C(25, SEGBASE_FS, NONCANON, 0, 0, 0, EI, "set_segment_base(non-canon)"),
    C(26, HVPTR, 1, 0, DOMID_SELF, 0, EF, "mmuext_op(hv ptr)"),
    C(26, UNMAPPED, 1, 0, DOMID_SELF, 0, EF, "mmuext_op(unmapped)"),
    C(26, UNMAPPED, 1, 0, NODOM, 0, -XEN_ESRCH, "mmuext_op(no such dom)"),
    C(27, HVPTR, 0, 0, 0, 0, ANYNEG, "xsm_op(hv ptr)"),
    C(28, 0x7fff, 0, 0, 0, 0, NS, "nmi_op(unknown)"),
    C(29, 0x7fff, 0, 0, 0, 0, NS, "sched_op(unknown)"),
    C(29, SCHEDOP_remote_shutdown, HVPTR, 0, 0, 0, EF,
      "sched_op(remote_shutdown, hv)"),
    C(29, SCHEDOP_poll, HVPTR, 0, 0, 0, EF, "sched_op(poll, hv)"),
    C(30, 0x7fff, 0, 0, 0, 0, NS, "callback_op(unknown)"),
    C(30, CALLBACKOP_register, HVPTR, 0, 0, 0, EF, "callback_op(reg, hv)"),
    C(31, 0x7fff, 0, 0, 0, 0, ANYNEG, "xenoprof_op(unknown)"),
    C(32, 0x7fff, 0, 0, 0, 0, NS, "event_channel_op(unknown)"),
    C(32, EVTCHNOP_send, HVPTR, 0, 0, 0, EF, "event_channel_op(send, hv)"),
    C(32, EVTCHNOP_status, UNMAPPED, 0, 0, 0, EF,
      "event_channel_op(status, unmapped)"),
    C(33, 0x7fff, 0, 0, 0, 0, NS, "physdev_op(unknown)"),
    C(33, PHYSDEVOP_set_iopl, HVPTR, 0, 0, 0, EF, "physdev_op(set_iopl, hv)"),
    C(34, 0x7fff, 0, 0, 0, 0, NS, "hvm_op(unknown)"),
    C(35, HVPTR, 0, 0, 0, 0, EF, "sysctl(hv ptr)"),
    C(35, NULLP, 0, 0, 0, 0, EF, "sysctl(NULL)"),
    C(36, HVPTR, 0, 0, 0, 0, EF, "domctl(hv ptr)"),
    C(36, NULLP, 0, 0, 0, 0, EF, "domctl(NULL)"),
    C(37, 0x7fff, HVPTR, 0, 0, 0, ANY_RC, "kexec_op(unknown)"),
    C(38, HVPTR, 0, 0, 0, 0, ANYNEG, "tmem_op"),
    C(39, 0x7fff, 0, 0, 0, 0, ANYNEG, "argo_op(unknown)"),
    C(40, 0x7fff, 0, 0, 0, 0, (-XEN_EOPNOTSUPP), "xenpmu_op(unknown)"),
    C(41, NODOM, 1, HVPTR, 0, 0, ANYNEG, "dm_op(no such dom, hv)"),
    C(42, 0x7fff, 0, 0, 0, 0, ANYNEG, "hypfs_op(unknown)"),
    C(48, HVPTR, 0, 0, 0, 0, ANYNEG, "mca(hv ptr)"),
    C(49, HVPTR, 0, 0, 0, 0, ANYNEG, "paging_domctl_cont(hv ptr)"),
};

/* Numbers with nothing behind them on x86_64 PV: -ENOSYS. */
static const unsigned int unused_nrs[] = {
    11, 43, 44, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60,
    61, 62, 63, 64, 65, 100, 127, 128, 255, 256, 1000, 0x7fffffff,
};

/* Hypercalls given -1 in every argument; the rest are skipped above. */
static bool skip_all_m1(unsigned int nr)
{
    return nr == __HYPERVISOR_stack_switch ||
           nr == __HYPERVISOR_set_callbacks ||
           nr == __HYPERVISOR_fpu_taskswitch ||
           nr == __HYPERVISOR_iret ||
           nr == __HYPERVISOR_set_timer_op;   /* takes any timeout */
}

/*
 * Hypercalls our hypervisor does not implement yet: there -ENOSYS is the
 * honest answer, and it is reported, not failed.  Remove a number from
 * this list as its hypercall lands; any other answer is judged as usual.
 */
static const struct gap not_yet_ours[] = {
    { __HYPERVISOR_platform_op, GAP_ALL },
    { __HYPERVISOR_event_channel_op_compat, GAP_ALL },
    { __HYPERVISOR_physdev_op_compat, GAP_ALL },
    { __HYPERVISOR_xenpmu_op, GAP_ALL },
    { __HYPERVISOR_arch_0 /* mca */, GAP_ALL },
    { __HYPERVISOR_arch_1 /* paging_domctl_cont */, GAP_ALL },
};

static const struct garbage pv_garbage = {
    .mode = HYPERCALL_VIA_SYSCALL,
    .gaps = not_yet_ours, .nr_gaps = ARRAY_SIZE(not_yet_ours),
};

static const long all_m1_expect[64] = {
    [0] = EF, [1] = -XEN_ESRCH, [2] = EI, [6] = NS, [7] = EF,
    [8] = -XEN_ENODEV, [9] = -XEN_ENODEV, [10] = EI, [11] = NS, [12] = NS,
    [13] = EF, [14] = EI, [16] = EF, [17] = NS, [18] = NS, [19] = EF,
    [20] = EI, [21] = EI, [22] = -XEN_ESRCH, [24] = -XEN_ENOENT, [25] = EI,
    [26] = -XEN_ESRCH, [27] = NS, [28] = NS, [29] = NS, [30] = NS,
    [32] = NS, [33] = NS, [34] = NS, [35] = EF, [36] = EF, [37] = ANY_RC,
    [38] = NS, [40] = -XEN_EOPNOTSUPP, [43 ... 47] = NS, [48] = EF,
    [49] = EF, [50 ... 63] = NS,
};

static void still_alive(void)
{
    static const char msg[] = "garbage: hypervisor still answers\n";
    long rc = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg);

    check_eq(rc, 0, "final console write");
    check(HYPERVISOR_xen_version(XENVER_version, NULL) > 0x30000,
          "final xen_version");
    /* The -1 sweep must not have left a timer or TS behind. */
    HYPERVISOR_set_timer_op(0);
}

void test_main(void)
{
    garbage_cases(&pv_garbage, cases, ARRAY_SIZE(cases));
    garbage_unused(&pv_garbage, unused_nrs, ARRAY_SIZE(unused_nrs));
    garbage_all_m1(&pv_garbage, skip_all_m1, all_m1_expect);
    still_alive();
}
