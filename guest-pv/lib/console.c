/*
 * console.c - console output.
 *
 * Everything goes to HYPERVISOR_console_io: as dom0 that is the
 * hypervisor's console (the serial port); a domU's writes there are
 * dropped by Xen.  A domU built by a toolstack also has a console ring
 * (start_info's console.domU page and event channel) that xenconsoled
 * reads into its log: output is copied there too, so a test kernel run
 * through xl leaves its lines in /var/log/xen/console.  Large buffers
 * are split because the hypervisor may accept fewer bytes per call.
 */
#include <pv/console.h>
#include <pv/hypercall.h>
#include <pv/kernel.h>
#include <pv/string.h>
#include <pv/time.h>
#include <public/io/console.h>
#include <public/event_channel.h>
#include <public/sched.h>

/*
 * The domU's ring, if the builder made one.  The ABI places it among the
 * bootstrap elements, after start_info and before the bootstrap page
 * tables, inside the boot mapping; any other place is not trusted.
 */
static struct xencons_interface *domu_ring(void)
{
    unsigned long mfn, pfn, va;

    if ( !start_info || (start_info->flags & SIF_INITDOMAIN) ||
         !(mfn = start_info->console.domU.mfn) )
        return NULL;
    pfn = ((const volatile unsigned long *)MACH2PHYS_VIRT_START)[mfn];
    va = pfn_to_va(pfn);
    if ( va <= (unsigned long)start_info || va >= start_info->pt_base )
        return NULL;
    return (struct xencons_interface *)va;
}

static void ring_notify(void)
{
    struct evtchn_send send = { .port = start_info->console.domU.evtchn };

    HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

/* As much as fits; the rest is dropped (nobody may be reading). */
static void ring_write(struct xencons_interface *r, const char *buf, size_t len)
{
    XENCONS_RING_IDX prod = __atomic_load_n(&r->out_prod, __ATOMIC_RELAXED);

    for ( ; len; len--, buf++, prod++ )
    {
        if ( prod - __atomic_load_n(&r->out_cons, __ATOMIC_ACQUIRE) >=
             sizeof(r->out) )
            break;
        r->out[MASK_XENCONS_IDX(prod, r->out)] = *buf;
    }
    __atomic_store_n(&r->out_prod, prod, __ATOMIC_RELEASE);
    ring_notify();
}

void console_flush(void)
{
    struct xencons_interface *r = domu_ring();
    uint64_t end;

    if ( !r || !shared_info )
        return;
    /* Up to a second for xenconsoled to take what is left: the domain
     * may be destroyed as soon as it shuts down. */
    end = pv_system_time(0) + 1000000000ULL;
    while ( __atomic_load_n(&r->out_cons, __ATOMIC_ACQUIRE) !=
            __atomic_load_n(&r->out_prod, __ATOMIC_ACQUIRE) &&
            pv_system_time(0) < end )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

void console_write(const char *buf, size_t len)
{
    struct xencons_interface *r = domu_ring();

    if ( r )
        ring_write(r, buf, len);
    while ( len > 0 )
    {
        unsigned int chunk = len > 1024 ? 1024 : (unsigned int)len;
        long rc = HYPERVISOR_console_io(CONSOLEIO_write, chunk, buf);

        /* Nothing sensible to do on error: there is no other output. */
        if ( rc < 0 )
            return;
        buf += chunk;
        len -= chunk;
    }
}

void console_puts(const char *s)
{
    console_write(s, strlen(s));
}
