/*
 * The hypervisor console: printk's destination.  Output goes to a ring
 * buffer (kept for dumps and later for dom0's console reads) and to every
 * enabled console device (the 16550 serial ports).  Messages printed before
 * the serial port is initialised wait in the ring and are replayed then.
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

/* Parse console options and bring up the chosen serial port(s). */
void console_init(void);
/* panic/crash paths: break any console lock so the final words get out. */
void console_force_unlock(void);
/* Write raw bytes to the console devices (no prefix, no level). */
void console_write(const char *s, size_t len);
/* Copy the most recent part of the ring into buf; returns bytes copied. */
size_t console_ring_read(char *buf, size_t len);
/*
 * XEN_SYSCTL_readconsole: up to count bytes of the ring, from the oldest
 * not cleared, or from index if incremental and index is still in the
 * ring, into the guest's buffer.  Afterwards count is
 * the bytes given and index where the next incremental read starts;
 * clear drops what was read.  0 or -EFAULT (buffer is the guest's; it is
 * written without the console lock held).
 */
struct console_ring_read {
    bool clear, incremental;
    uint32_t index, count;
    char *buffer;
};
int console_ring_read_guest(struct console_ring_read *r);
/* Is this I/O port one of the console UARTs (off limits to guests)? */
bool console_uses_ioport(unsigned int port);
/*
 * Move waiting serial input on (safe from a timer): dom0's bytes into the
 * input ring (*for_dom0: some arrived), the hypervisor's debug keys into
 * keys (up to max; returns how many).  *switched_to_xen: the input was
 * just switched to the hypervisor (CTRL-a three times).
 */
unsigned int console_poll_input(char *keys, unsigned int max, bool *for_dom0,
                                bool *switched_to_xen);
/* Take up to len bytes of serial input (polling first); returns count. */
size_t console_read_input(char *buf, size_t len);

#endif /* XEN_CONSOLE_H */
