/* SPDX-License-Identifier: MIT */
/* Logging to stderr and allocation helpers that never return NULL. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

int log_level = 1;

void xs_log(int level, const char *fmt, ...)
{
    va_list ap;

    if (level > log_level)
        return;
    va_start(ap, fmt);
    fputs("xenstored: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/*
 * A daemon that half-handles an allocation failure corrupts its tree;
 * stopping is safer, and the quotas keep guests from causing it.
 */
void *xs_alloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);

    if (!p) {
        xs_log(0, "out of memory");
        abort();
    }
    return p;
}

char *xs_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xs_alloc(n);

    memcpy(p, s, n);
    return p;
}
