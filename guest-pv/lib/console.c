/*
 * console.c - console output through HYPERVISOR_console_io, or through
 * a console ring.
 *
 * As dom0 we write straight into the hypervisor's console, which goes to
 * the serial port.  Large buffers are split because the hypervisor may
 * accept fewer bytes than asked for per call.  A domU built by a
 * toolstack has no such console (console_io is dom0's only): once it has
 * found its ring (console_use_ring()), output goes there and the backend
 * (xenconsoled) is notified.
 */
#include <pv/console.h>
#include <pv/hypercall.h>
#include <pv/string.h>
#include <public/event_channel.h>
#include <public/io/console.h>

static struct xencons_interface *ring;
static uint32_t ring_port;

void console_use_ring(void *page, uint32_t port)
{
    ring_port = port;
    ring = page;
}

/* Bytes go in as long as the backend makes room; a backend that never
 * reads would stall us, so after a long wait the rest is dropped. */
static void ring_write(const char *buf, size_t len)
{
    struct evtchn_send send = { .port = ring_port };
    unsigned long spins = 0;

    while ( len && spins < 100000000UL )
    {
        XENCONS_RING_IDX cons = __atomic_load_n(&ring->out_cons,
                                                __ATOMIC_ACQUIRE);
        XENCONS_RING_IDX prod = ring->out_prod;

        if ( prod - cons >= sizeof(ring->out) )
        {
            HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
            spins++;
            continue;
        }
        ring->out[MASK_XENCONS_IDX(prod, ring->out)] = *buf++;
        len--;
        __atomic_store_n(&ring->out_prod, prod + 1, __ATOMIC_RELEASE);
    }
    HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

void console_write(const char *buf, size_t len)
{
    if ( ring )
    {
        ring_write(buf, len);
        return;
    }
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
