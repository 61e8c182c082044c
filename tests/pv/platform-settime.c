/*
 * platform-settime.c - XENPF_settime32 / settime64: dom0 sets the
 * wallclock every domain sees in shared_info (Linux's dom0 does it when
 * its clock is set).  After a settime saying "secs.nsecs at system time
 * T", shared_info's wallclock (the time at system time 0) plus T is
 * exactly secs.nsecs.  A non-zero mbz is -EINVAL and changes nothing.
 * At boot the wallclock is the machine's RTC (QEMU: the host's time).
 * Ours and Xen 4.17.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/platform.h>
#include <pv/time.h>

const char test_title[] = "platform-settime: XENPF_settime32/64 move the wallclock";

#define NS 1000000000ULL

/* The wallclock at system time 0, in ns (version protocol). */
static uint64_t wallclock_ns(void)
{
    volatile struct shared_info *s = shared_info;
    uint64_t sec;
    uint32_t v, nsec;

    do {
        v = s->wc_version;
        __asm__ volatile ( "" ::: "memory" );
        sec = s->wc_sec | ((uint64_t)s->wc_sec_hi << 32);
        nsec = s->wc_nsec;
        __asm__ volatile ( "" ::: "memory" );
    } while ( (v & 1) || v != s->wc_version );
    return sec * NS + nsec;
}

static long settime64(uint64_t secs, uint32_t nsecs, uint32_t mbz,
                      uint64_t system_time)
{
    struct xen_platform_op op = {
        .cmd = XENPF_settime64,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.settime64 = { .secs = secs, .nsecs = nsecs, .mbz = mbz,
                         .system_time = system_time },
    };

    return HYPERVISOR_platform_op(&op);
}

static long settime32(uint32_t secs, uint32_t nsecs, uint64_t system_time)
{
    struct xen_platform_op op = {
        .cmd = XENPF_settime32,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.settime32 = { .secs = secs, .nsecs = nsecs,
                         .system_time = system_time },
    };

    return HYPERVISOR_platform_op(&op);
}

void test_main(void)
{
    uint64_t boot = wallclock_ns(), t;

    xtest_info("wallclock at system time 0: %lu s", (unsigned long)(boot / NS));
    /* 2023-11-14: any real RTC of today's machines is past it. */
    check(boot / NS > 1700000000ULL, "the boot wallclock (%lu) is a real date",
          (unsigned long)(boot / NS));

    t = pv_system_time(0);
    check_eq(settime64(2000000000ULL, 5, 0, t), 0, "settime64");
    check_eq(wallclock_ns() + t, 2000000000ULL * NS + 5,
             "wallclock + system time is what settime64 said");

    check_eq(settime64(1800000000ULL, 0, 1, t), -XEN_EINVAL,
             "settime64 with mbz set");
    check_eq(wallclock_ns() + t, 2000000000ULL * NS + 5,
             "... changed nothing");

    t = pv_system_time(0);
    check_eq(settime32(1900000000u, 999999999u, t), 0, "settime32");
    check_eq(wallclock_ns() + t, 1900000000ULL * NS + 999999999u,
             "wallclock + system time is what settime32 said");

    check_eq(settime64(boot / NS, boot % NS, 0, 0), 0, "settime64 back");
    check_eq(wallclock_ns(), boot, "the boot wallclock is back");
}
