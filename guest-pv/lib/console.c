/*
 * console.c - console output.
 *
 * Everything goes to HYPERVISOR_console_io: as dom0 that is the
 * hypervisor's console (the serial port); a domU's writes there are
 * dropped by Xen.  A domU built by a toolstack also has a console ring
 * that xenconsoled reads into its log, so a test kernel run through xl
 * leaves its lines in /var/log/xen/console:
 *  - a PV domU finds it in start_info (console.domU page and port), and
 *    its output is copied there as well as to console_io;
 *  - a PVH domU has no start_info ring: it looks the ring up itself (HVM
 *    params) and hands it over with console_use_ring(); from then on the
 *    ring is its only console.
 * Large buffers are split because the hypervisor may accept fewer bytes
 * per call.
 */
#include <pv/console.h>
#include <pv/hypercall.h>
#include <pv/kernel.h>
#include <pv/string.h>
#include <pv/time.h>
#include <public/io/console.h>
#include <public/event_channel.h>
#include <public/sched.h>

/* A ring full for this many yields is one nobody reads: the rest of the
 * text is dropped rather than stalling the kernel for ever. */
#define RING_PATIENCE 100000UL

static struct xencons_interface *given_ring;   /* console_use_ring() */
static uint32_t given_port;

void console_use_ring(void *page, uint32_t port)
{
    given_port = port;
    given_ring = page;
}

/*
 * A PV domU's ring, if the builder made one.  The ABI places it among the
 * bootstrap elements, after start_info and before the bootstrap page
 * tables, inside the boot mapping; any other place is not trusted.
 */
static struct xencons_interface *pv_domu_ring(void)
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

static void ring_notify(uint32_t port)
{
    struct evtchn_send send = { .port = port };

    HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

/* Bytes go in as long as the backend makes room. */
static void ring_write(struct xencons_interface *r, uint32_t port,
                       const char *buf, size_t len)
{
    unsigned long waits = 0;

    while ( len && waits < RING_PATIENCE )
    {
        XENCONS_RING_IDX cons = __atomic_load_n(&r->out_cons, __ATOMIC_ACQUIRE);
        XENCONS_RING_IDX prod = r->out_prod;

        if ( prod - cons >= sizeof(r->out) )
        {
            ring_notify(port);
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
            waits++;
            continue;
        }
        r->out[MASK_XENCONS_IDX(prod, r->out)] = *buf++;
        len--;
        __atomic_store_n(&r->out_prod, prod + 1, __ATOMIC_RELEASE);
    }
    ring_notify(port);
}

void console_flush(void)
{
    struct xencons_interface *r = pv_domu_ring();
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
    struct xencons_interface *r;

    if ( given_ring )
    {
        ring_write(given_ring, given_port, buf, len);
        return;
    }
    if ( (r = pv_domu_ring()) )
        ring_write(r, start_info->console.domU.evtchn, buf, len);
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
