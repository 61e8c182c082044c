/*
 * acpi-sleep.c - XENPF_enter_acpi_sleep's refusals (the request that
 * succeeds, S5, powers the machine off: tests/boot/run-dom0-devices.sh
 * checks that Linux's dom0 powers off through it).
 *
 * Xen 4.17 checks the registers first (XENPF_ACPI_SLEEP_EXTENDED names
 * the hardware-reduced sleep control register, which q35's FADT does not
 * have: -EPERM), then the state: anything but S1-S5 is -EINVAL.  S1, S2
 * and S4 end in -EINVAL on Xen only after it has frozen the domains and
 * taken the other CPUs down, and S3 suspends the machine, so those are
 * asked on ours only: S1/S2/S4 -EINVAL, S3 -EOPNOTSUPP (no suspend).
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/platform.h>
#include <pv/hvinfo.h>

const char test_title[] = "acpi-sleep: XENPF_enter_acpi_sleep refusals";

static long sleep_op(uint32_t state, uint32_t flags, uint16_t a, uint16_t b)
{
    struct xen_platform_op op = {
        .cmd = XENPF_enter_acpi_sleep,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.enter_acpi_sleep = { .val_a = a, .val_b = b,
                                .sleep_state = state, .flags = flags },
    };

    return HYPERVISOR_platform_op(&op);
}

void test_main(void)
{
    check_eq(sleep_op(0, 0, 0, 0), -XEN_EINVAL, "S0");
    check_eq(sleep_op(6, 0, 0, 0), -XEN_EINVAL, "S6");
    check_eq(sleep_op(0xffffffffu, 0, 0x2000, 0), -XEN_EINVAL, "state 0xffffffff");
    check_eq(sleep_op(5, XENPF_ACPI_SLEEP_EXTENDED, 0, 0), -XEN_EPERM,
             "S5 through a sleep control register q35 does not have");
    check_eq(sleep_op(0, XENPF_ACPI_SLEEP_EXTENDED, 0, 0), -XEN_EPERM,
             "... checked before the state");
    if ( hv_is_xen() )
        return;
    check_eq(sleep_op(1, 0, 0x2000, 0), -XEN_EINVAL, "S1");
    check_eq(sleep_op(2, 0, 0x2000, 0), -XEN_EINVAL, "S2");
    check_eq(sleep_op(4, 0, 0x2000, 0), -XEN_EINVAL, "S4");
    check_eq(sleep_op(3, 0, 0x2000, 0), -XEN_EOPNOTSUPP, "S3 (no suspend)");
}
