/*
 * What the libelf sources need from their environment: string functions
 * and errno values.  Inside the hypervisor (-ffreestanding) they come from
 * xen/include; in the host unit tests from the C library.
 */
#ifndef LIBELF_PRIVATE_H
#define LIBELF_PRIVATE_H

#if __STDC_HOSTED__
#include <string.h>
#include <errno.h>
#else
#include <xen/string.h>
#include <xen/errno.h>
#endif

#include "libelf.h"

/* Record why a call failed; every error path returns through this. */
static inline int elf_fail(struct elf_binary *elf, const char *why)
{
    elf->error = why;
    elf->detail = NULL;
    elf->detail_len = 0;
    return -EINVAL;
}

/* a + b <= limit, without overflow. */
static inline bool elf_range_ok(uint64_t off, uint64_t len, uint64_t limit)
{
    return off <= limit && len <= limit - off;
}

#endif /* LIBELF_PRIVATE_H */
