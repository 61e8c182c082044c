/*
 * hypercall.c - hypercalls from a PVH guest through its hypercall page:
 * the two the library made in 32-bit protected mode at entry (xen_version
 * and a console write: the 32-bit calling convention), xen_version
 * sub-ops, console_io, and garbage to several hypercalls,
 * which must come back as errnos (and never crash the guest or the
 * hypervisor).  The errnos are Xen 4.17's.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/errno.h>

const char test_title[] = "hypercall: version, console, garbage from a PVH guest";

static void version_ops(void)
{
    xen_extraversion_t extra;
    xen_capabilities_info_t caps;
    long rc;

    rc = HYPERVISOR_xen_version(XENVER_version, NULL);
    check(rc > 0 && (rc >> 16) >= 4, "XENVER_version %#lx", rc);
    memset(extra, 0x55, sizeof(extra));
    rc = HYPERVISOR_xen_version(XENVER_extraversion, extra);
    check_eq(rc, 0, "XENVER_extraversion");
    check(strnlen(extra, sizeof(extra)) < sizeof(extra),
          "extraversion unterminated");
    rc = HYPERVISOR_xen_version(XENVER_pagesize, NULL);
    check_eq(rc, 4096, "XENVER_pagesize");
    rc = HYPERVISOR_xen_version(XENVER_capabilities, caps);
    check_eq(rc, 0, "XENVER_capabilities");
    xtest_info("capabilities '%s'", caps);
    rc = HYPERVISOR_xen_version(0x7fff, NULL);
    check_eq(rc, -XEN_ENOSYS, "unknown xen_version sub-op");
    /* An output buffer the guest has not mapped. */
    rc = HYPERVISOR_xen_version(XENVER_extraversion, (void *)0x0000700000000000UL);
    check_eq(rc, -XEN_EFAULT, "extraversion to an unmapped address");
}

static void console(void)
{
    static const char msg[] = "console_io from PVH\n";
    long rc;

    rc = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg);
    check_eq(rc, 0, "CONSOLEIO_write");
    rc = HYPERVISOR_console_io(CONSOLEIO_write, 16, (void *)0x0000700000000000UL);
    check_eq(rc, -XEN_EFAULT, "CONSOLEIO_write from an unmapped buffer");
    rc = HYPERVISOR_console_io(0x1234, 0, NULL);
    check_eq(rc, -XEN_ENOSYS, "unknown console_io command");
}

static void garbage(void)
{
    long rc;

    rc = hypercall5(__HYPERVISOR_sched_op, 0x5555, 0, 0, 0, 0);
    check_eq(rc, -XEN_ENOSYS, "sched_op unknown command");
    rc = hypercall2(__HYPERVISOR_event_channel_op, 0x5555, 0);
    check_eq(rc, -XEN_ENOSYS, "event_channel_op unknown command");
    rc = hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound,
                    0x0000700000000000UL);
    check_eq(rc, -XEN_EFAULT, "event_channel_op with an unmapped argument");
    rc = hypercall2(__HYPERVISOR_memory_op, 0x3fff, 0);
    check_eq(rc, -XEN_ENOSYS, "memory_op unknown command");
    /* Calls a PVH guest has no use for: not in the HVM table. */
    rc = hypercall1(__HYPERVISOR_set_trap_table, NULL);
    check_eq(rc, -XEN_ENOSYS, "set_trap_table");
    rc = hypercall4(__HYPERVISOR_mmu_update, NULL, 0, NULL, DOMID_SELF);
    check_eq(rc, -XEN_ENOSYS, "mmu_update");
    rc = hypercall_via(HYPERCALL_VIA_PAGE, 100, 1, 2, 3, 4, 5);
    check_eq(rc, -XEN_ENOSYS, "hypercall 100");
}

/* pvh_head.S made two calls in 32-bit protected mode, paging off:
 * arguments in ebx, ecx, edx, physical pointers. */
static void from_32bit_mode(void)
{
    long ver = HYPERVISOR_xen_version(XENVER_version, NULL);

    xtest_info("32-bit mode: xen_version %#x, console_io %d",
               pvh_early_version, (int)pvh_early_console);
    check_eq(pvh_early_version, (uint32_t)ver,
             "xen_version from 32-bit mode against 64-bit mode");
    check_eq(pvh_early_console, 0, "console_io from 32-bit mode");
}

void test_main(void)
{
    from_32bit_mode();
    version_ops();
    console();
    garbage();
}
