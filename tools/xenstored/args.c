/* SPDX-License-Identifier: MIT */
/*
 * Payload parsing helpers: NUL-separated strings, strict decimal numbers,
 * and turning a request's path into a checked absolute one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

unsigned int count_strings(const char *buf, size_t len)
{
    unsigned int n = 0;
    size_t i;

    for (i = 0; i < len; i++)
        n += (buf[i] == '\0');
    return n;
}

const char *nth_string(const char *buf, size_t len, unsigned int n)
{
    const char *s = buf;

    while (n--)
        s += strlen(s) + 1;
    return s < buf + len ? s : NULL;
}

/*
 * Domain ids and DIRECTORY_PART offsets are read the way Xen's daemon
 * reads them (C's atoi: leading digits, anything else is 0), so that
 * every answer, including to garbage, is Xen's.
 */
unsigned int xen_atoi(const char *s)
{
    return (unsigned int)(int)strtol(s, NULL, 10);
}

/* Plain decimal only: no sign, no spaces, no empty string. */
int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > max)
            return -1;
    }
    *out = v;
    return 0;
}

/*
 * Relative paths live under the caller's /local/domain/<id>.  Names
 * starting with '@' are watch-only and rejected here.
 */
int canonical_path(const struct conn *c, const char *in, char *out,
                   size_t size)
{
    if (in[0] == '@')
        return XEN_EINVAL;
    if (in[0] == '/') {
        if (strlen(in) >= size)
            return XEN_EINVAL;
        strcpy(out, in);
    } else {
        if (strlen(in) > XENSTORE_REL_PATH_MAX)
            return XEN_EINVAL;
        snprintf(out, size, "/local/domain/%u/%s", c->domid, in);
    }
    return path_valid(out) ? 0 : XEN_EINVAL;
}
