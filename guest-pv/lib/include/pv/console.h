/*
 * console.h - text output of a PV test kernel.
 *
 * Kernels boot as dom0, whose console is the hypervisor's own console
 * (CONSOLEIO_write), so output shows up on the serial line.  A domU
 * built by a toolstack writes its console ring as well (xenconsoled).
 */
#ifndef PV_CONSOLE_H
#define PV_CONSOLE_H

#include <pv/types.h>

/* Write len bytes as-is. */
void console_write(const char *buf, size_t len);
void console_puts(const char *s);
/* A domU: wait (a second at most) until xenconsoled has read the ring. */
void console_flush(void);
/* A PVH domU: from now on, write only into this console ring page
 * (struct xencons_interface, mapped) and notify port. */
void console_use_ring(void *page, uint32_t port);

#endif /* PV_CONSOLE_H */
