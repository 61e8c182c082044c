/*
 * XENPF_efi_runtime_call: the hardware domain's way to UEFI runtime
 * services (Linux's drivers/xen/efi.c: the RTC through GetTime, efivars
 * through the variable services).  The answers follow Xen 4.17: -ENOSYS
 * when not booted by UEFI, -EOPNOTSUPP with runtime services off, -EINVAL
 * for flag bits a function does not take, -ENOSYS for an unknown function
 * or the capsule services; otherwise 0 with the firmware's EFI_STATUS in
 * op->status (an EFI error is not an errno).
 *
 * Every guest value is hostile.  The firmware only ever sees hypervisor
 * buffers: names, data and GUIDs are copied in before the call and
 * results copied out after it, with these limits (Xen allocates whatever
 * the guest asks; ours answers -ENOMEM past them, Xen's answer when its
 * allocation fails):
 *   - a variable name for Get/SetVariable: read one unit at a time up to
 *     its NUL, at most NAME_UNITS units with it (-EFAULT if unreadable);
 *   - variable data: DATA_MAX bytes; a bigger GetVariable buffer is
 *     handed to the firmware as DATA_MAX bytes, and -ENOMEM comes back
 *     only if the variable did not fit there but would fit the guest's;
 *   - GetNextVariableName's buffer: NAME_UNITS units likewise, with one
 *     NUL unit behind it that the firmware is never told about, so that
 *     an unterminated name read by the firmware ends there.
 * One lock serialises everything, buffers included.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <asm/efi_fw.h>
#include "efi_rt.h"

#define NAME_UNITS   1024
#define DATA_MAX     (64 * 1024)
#define EFI_ERROR_BIT        (1ULL << 63)
#define EFI_BUFFER_TOO_SMALL (EFI_ERROR_BIT | 5)

/* UEFI's EFI_TIME and EFI_TIME_CAPABILITIES. */
struct efi_time {
    uint16_t year;
    uint8_t month, day, hour, minute, second, pad1;
    uint32_t nanosecond;
    int16_t time_zone;
    uint8_t daylight, pad2;
};
struct efi_time_caps {
    uint32_t resolution, accuracy;
    uint8_t sets_to_zero;
};

static DEFINE_SPINLOCK(rt_lock);
static uint16_t name_buf[NAME_UNITS + 1];      /* + the hidden NUL */
static uint8_t data_buf[DATA_MAX] __aligned(8);
static struct xenpf_efi_guid guid_buf;

static long call(uint64_t fn, uint64_t a0, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, uint64_t *status)
{
    const uint64_t args[EFI_RT_ARGS] = { a0, a1, a2, a3, a4 };

    return efi_rt_invoke(fn, args, status);
}
#define P(x) ((uint64_t)(unsigned long)(x))

static void time_in(struct efi_time *t, const struct xenpf_efi_time *x)
{
    *t = (struct efi_time){
        .year = x->year, .month = x->month, .day = x->day,
        .hour = x->hour, .minute = x->min, .second = x->sec,
        .nanosecond = x->ns, .time_zone = x->tz, .daylight = x->daylight,
    };
}

static void time_out(struct xenpf_efi_time *x, const struct efi_time *t)
{
    x->year = t->year;
    x->month = t->month;
    x->day = t->day;
    x->hour = t->hour;
    x->min = t->minute;
    x->sec = t->second;
    x->ns = t->nanosecond;
    x->tz = t->time_zone;
    x->daylight = t->daylight;
}

static long get_time(const struct efi_fw_rt *rt,
                     struct xenpf_efi_runtime_call *op)
{
    struct efi_time t = { 0 };
    struct efi_time_caps caps = { 0 };
    long rc;

    if ( op->misc )
        return -EINVAL;
    rc = call(rt->get_time, P(&t), P(&caps), 0, 0, 0, &op->status);
    if ( rc || (op->status & EFI_ERROR_BIT) )
        return rc;
    time_out(&op->u.get_time.time, &t);
    op->u.get_time.resolution = caps.resolution;
    op->u.get_time.accuracy = caps.accuracy;
    if ( caps.sets_to_zero )
        op->misc = XEN_EFI_GET_TIME_SET_CLEARS_NS;
    return 0;
}

static long set_time(const struct efi_fw_rt *rt,
                     struct xenpf_efi_runtime_call *op)
{
    struct efi_time t;

    if ( op->misc )
        return -EINVAL;
    time_in(&t, &op->u.set_time);
    return call(rt->set_time, P(&t), 0, 0, 0, 0, &op->status);
}

static long get_wakeup_time(const struct efi_fw_rt *rt,
                            struct xenpf_efi_runtime_call *op)
{
    struct efi_time t = { 0 };
    uint8_t enabled = 0, pending = 0;
    long rc;

    if ( op->misc )
        return -EINVAL;
    rc = call(rt->get_wakeup_time, P(&enabled), P(&pending), P(&t), 0, 0,
              &op->status);
    if ( rc || (op->status & EFI_ERROR_BIT) )
        return rc;
    time_out(&op->u.get_wakeup_time, &t);
    if ( enabled )
        op->misc |= XEN_EFI_GET_WAKEUP_TIME_ENABLED;
    if ( pending )
        op->misc |= XEN_EFI_GET_WAKEUP_TIME_PENDING;
    return 0;
}

static long set_wakeup_time(const struct efi_fw_rt *rt,
                            struct xenpf_efi_runtime_call *op)
{
    struct efi_time t;
    bool only = op->misc & XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY;
    long rc;

    if ( op->misc & ~(XEN_EFI_SET_WAKEUP_TIME_ENABLE |
                      XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY) )
        return -EINVAL;
    time_in(&t, &op->u.set_wakeup_time);
    rc = call(rt->set_wakeup_time,
              !!(op->misc & XEN_EFI_SET_WAKEUP_TIME_ENABLE),
              only ? 0 : P(&t), 0, 0, 0, &op->status);
    op->misc = 0;
    return rc;
}

static long next_count(const struct efi_fw_rt *rt,
                       struct xenpf_efi_runtime_call *op)
{
    uint32_t high = 0;
    long rc;

    if ( op->misc )
        return -EINVAL;
    rc = call(rt->get_next_high_monotonic_count, P(&high), 0, 0, 0, 0,
              &op->status);
    op->misc = high;
    return rc;
}

/* The guest's NUL-ended variable name into name_buf, one unit at a time
 * (never reading past the NUL). */
static long name_in(const uint16_t *g)
{
    for ( unsigned int i = 0; i < NAME_UNITS; i++ )
    {
        if ( copy_from_guest_ptr(&name_buf[i], g + i, sizeof(uint16_t)) )
            return -EFAULT;
        if ( !name_buf[i] )
            return 0;
    }
    return -ENOMEM;                             /* no NUL within the limit */
}

static long get_variable(const struct efi_fw_rt *rt,
                         struct xenpf_efi_runtime_call *op)
{
    uint64_t want = op->u.get_variable.size;
    uint64_t size = want < DATA_MAX ? want : DATA_MAX;
    uint32_t attr = 0;
    long rc;

    if ( op->misc )
        return -EINVAL;
    if ( (rc = name_in(op->u.get_variable.name.p)) )
        return rc;
    guid_buf = op->u.get_variable.vendor_guid;
    rc = call(rt->get_variable, P(name_buf), P(&guid_buf), P(&attr),
              P(&size), size ? P(data_buf) : 0, &op->status);
    if ( rc )
        return rc;
    if ( op->status == EFI_BUFFER_TOO_SMALL && want > DATA_MAX &&
         size <= want )
        return -ENOMEM;                         /* only our limit was hit */
    op->misc = attr;
    if ( !(op->status & EFI_ERROR_BIT) &&
         (size > want ||
          copy_to_guest_ptr(op->u.get_variable.data.p, data_buf, size)) )
        return -EFAULT;
    op->u.get_variable.size = size;
    return 0;
}

static long set_variable(const struct efi_fw_rt *rt,
                         struct xenpf_efi_runtime_call *op)
{
    uint64_t size = op->u.set_variable.size;
    long rc;

    if ( (rc = name_in(op->u.set_variable.name.p)) )
        return rc;
    if ( size > DATA_MAX )
        return -ENOMEM;
    if ( copy_from_guest_ptr(data_buf, op->u.set_variable.data.p, size) )
        return -EFAULT;
    guid_buf = op->u.set_variable.vendor_guid;
    return call(rt->set_variable, P(name_buf), P(&guid_buf), op->misc,
                size, P(data_buf), &op->status);
}

static long next_variable_name(const struct efi_fw_rt *rt,
                               struct xenpf_efi_runtime_call *op)
{
    uint64_t want = op->u.get_next_variable_name.size;
    uint64_t cap = want < NAME_UNITS * 2 ? want : NAME_UNITS * 2;
    uint64_t size = cap;
    long rc;

    if ( op->misc )
        return -EINVAL;
    memset(name_buf, 0, sizeof(name_buf));
    if ( copy_from_guest_ptr(name_buf, op->u.get_next_variable_name.name.p,
                             cap) )
        return -EFAULT;
    guid_buf = op->u.get_next_variable_name.vendor_guid;
    rc = call(rt->get_next_variable_name, P(&size), P(name_buf),
              P(&guid_buf), 0, 0, &op->status);
    if ( rc )
        return rc;
    if ( op->status == EFI_BUFFER_TOO_SMALL && want > cap && size <= want )
        return -ENOMEM;                         /* only our limit was hit */
    if ( !(op->status & EFI_ERROR_BIT) )
    {
        /* Like Xen, the caller's whole buffer back (here: what we held),
         * whatever size the firmware claims to have used. */
        if ( copy_to_guest_ptr(op->u.get_next_variable_name.name.p,
                               name_buf, cap) )
            return -EFAULT;
        op->u.get_next_variable_name.vendor_guid = guid_buf;
    }
    op->u.get_next_variable_name.size = size;
    return 0;
}

static long query_variable_info(const struct efi_fw_rt *rt,
                                struct xenpf_efi_runtime_call *op)
{
    uint64_t max_store = 0, remain = 0, max_size = 0;
    long rc;

    if ( op->misc & ~XEN_EFI_VARINFO_BOOT_SNAPSHOT )
        return -EINVAL;
    /* The boot-time snapshot (taken by Xen's EFI loader before it ends
     * boot services) is not kept by ours. */
    if ( (op->misc & XEN_EFI_VARINFO_BOOT_SNAPSHOT) ||
         (rt->revision >> 16) < 2 )
        return -EOPNOTSUPP;
    rc = call(rt->query_variable_info, op->u.query_variable_info.attr,
              P(&max_store), P(&remain), P(&max_size), 0, &op->status);
    op->u.query_variable_info.max_store_size = max_store;
    op->u.query_variable_info.remain_store_size = remain;
    op->u.query_variable_info.max_size = max_size;
    return rc;
}

static long dispatch(const struct efi_fw_rt *rt,
                     struct xenpf_efi_runtime_call *op)
{
    switch ( op->function )
    {
    case XEN_EFI_get_time:
        return get_time(rt, op);
    case XEN_EFI_set_time:
        return set_time(rt, op);
    case XEN_EFI_get_wakeup_time:
        return get_wakeup_time(rt, op);
    case XEN_EFI_set_wakeup_time:
        return set_wakeup_time(rt, op);
    case XEN_EFI_get_next_high_monotonic_count:
        return next_count(rt, op);
    case XEN_EFI_get_variable:
        return get_variable(rt, op);
    case XEN_EFI_set_variable:
        return set_variable(rt, op);
    case XEN_EFI_get_next_variable_name:
        return next_variable_name(rt, op);
    case XEN_EFI_query_variable_info:
        return query_variable_info(rt, op);
    case XEN_EFI_query_capsule_capabilities:
    case XEN_EFI_update_capsule:
        if ( op->misc )
            return -EINVAL;
        if ( (rt->revision >> 16) < 2 )
            return -EOPNOTSUPP;
        return -ENOSYS;                         /* not offered, as Xen */
    }
    return -ENOSYS;
}

long efi_rt_call(struct xenpf_efi_runtime_call *op)
{
    long rc;

    if ( !efi_fw_booted() )
        return -ENOSYS;
    if ( !efi_rt_enabled() )
        return -EOPNOTSUPP;
    spin_lock(&rt_lock);
    rc = dispatch(efi_fw_rt(), op);
    spin_unlock(&rt_lock);
    return rc;
}
