/*
 * HYPERVISOR_console_io(cmd, count, buffer): the hypervisor console as
 * seen by guests.
 *
 *   CONSOLEIO_write  print count bytes from buffer; returns 0
 *   CONSOLEIO_read   take up to count bytes of serial input into buffer;
 *                    returns the number of bytes taken
 *   anything else    -ENOSYS
 *
 * As in Xen 4.17 with its default policy, only the privileged domain may
 * use the console at all (others get -EPERM, whatever the command), and
 * its output goes to the serial line unprefixed and unfiltered: dom0's
 * console is interactive, so it is passed on byte for byte.  The one
 * exception is a domain marked is_console (boot-time domUs, which have no
 * console backend): it may write, not read, and its output is collected
 * into whole lines, stripped of control characters and printed as
 * "(d<id>) line", so it cannot forge the hypervisor's or dom0's lines.  cmd and count
 * are 32-bit quantities in Xen's ABI; the upper register halves are
 * ignored.  A read count above INT_MAX is -E2BIG so that the byte count
 * returned can never look like an error.
 *
 * Guest bytes travel through a bounded on-stack buffer; a long write
 * checks for preemption between chunks and continues as a fresh
 * hypercall with the remaining count.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <asm/current.h>

#define CHUNK 128
#define COUNT_MAX 0x7fffffffu   /* INT_MAX */

/* Append a domU's bytes to its line buffer, printing each full line. */
static void domu_console_put(struct domain *d, const char *s, unsigned int n)
{
    spin_lock(&d->console_lock);
    for ( ; n; n--, s++ )
    {
        bool end = *s == '\n';

        if ( !end && (*s < ' ' || *s > '~') )
            continue;
        if ( !end )
            d->console_line[d->console_len++] = *s;
        if ( end || d->console_len == sizeof(d->console_line) - 1 )
        {
            d->console_line[d->console_len] = '\0';
            printk("(d%u) %s\n", d->domain_id, d->console_line);
            d->console_len = 0;
        }
    }
    spin_unlock(&d->console_lock);
}

static long console_write_guest(unsigned int count, const char *buf)
{
    struct domain *d = current->domain;
    char kbuf[CHUNK];
    unsigned int n;
    bool first = true;

    while ( count )
    {
        if ( !first && hypercall_preempt_check() )
            return hypercall_create_continuation(__HYPERVISOR_console_io, 3,
                                                 CONSOLEIO_write, count,
                                                 (unsigned long)buf);
        first = false;
        n = min(count, (unsigned int)sizeof(kbuf));
        if ( copy_from_guest_ptr(kbuf, buf, n) )
            return -EFAULT;
        if ( d->is_privileged )
            console_write(kbuf, n);
        else
            domu_console_put(d, kbuf, n);
        buf += n;
        count -= n;
    }
    return 0;
}

static long console_read_guest(unsigned int count, char *buf)
{
    char kbuf[CHUNK];
    unsigned int done = 0, want, got;

    if ( count > COUNT_MAX )
        return -E2BIG;
    while ( done < count )
    {
        want = min(count - done, (unsigned int)sizeof(kbuf));
        got = console_read_input(kbuf, want);
        if ( copy_to_guest_ptr(buf + done, kbuf, got) )
            return -EFAULT;
        done += got;
        if ( got < want )
            break;
    }
    return done;
}

long do_console_io(unsigned long cmd, unsigned long count, unsigned long buf,
                   unsigned long a4, unsigned long a5)
{
    const struct domain *d = current->domain;

    if ( !d->is_privileged &&
         !(d->is_console && (unsigned int)cmd == CONSOLEIO_write) )
        return -EPERM;

    switch ( (unsigned int)cmd )
    {
    case CONSOLEIO_write:
        return console_write_guest(count, (const char *)buf);
    case CONSOLEIO_read:
        return console_read_guest(count, (char *)buf);
    }
    return -ENOSYS;
}
