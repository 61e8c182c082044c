/*
 * console.c - console output through HYPERVISOR_console_io.
 *
 * As dom0 we write straight into the hypervisor's console, which goes to
 * the serial port.  Large buffers are split because the hypervisor may
 * accept fewer bytes than asked for per call.
 */
#include <pv/console.h>
#include <pv/hypercall.h>
#include <pv/string.h>

void console_write(const char *buf, size_t len)
{
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
