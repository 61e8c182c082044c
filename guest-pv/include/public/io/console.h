/* SPDX-License-Identifier: MIT */
/*
 * PV console ring page (start_info.console.domU.mfn / HVM_PARAM_CONSOLE_PFN).
 *
 * Two byte rings: 'out' carries guest output to the console backend,
 * 'in' carries keyboard input to the guest.  Indices are free-running
 * 32-bit counters; a byte's slot is index & (ring size - 1).  Each
 * producer writes data, then (after a write barrier) its prod index, then
 * notifies the console event channel.
 */

#ifndef PUBLIC_IO_CONSOLE_H
#define PUBLIC_IO_CONSOLE_H

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

/* Slot in 'ring' (an array, not a pointer) for free-running index idx. */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface
{
    char in[1024];              /* backend -> guest */
    char out[2048];             /* guest -> backend */
    XENCONS_RING_IDX in_cons;   /* guest: bytes of 'in' consumed */
    XENCONS_RING_IDX in_prod;   /* backend: bytes of 'in' produced */
    XENCONS_RING_IDX out_cons;  /* backend: bytes of 'out' consumed */
    XENCONS_RING_IDX out_prod;  /* guest: bytes of 'out' produced */
};

#endif /* PUBLIC_IO_CONSOLE_H */
