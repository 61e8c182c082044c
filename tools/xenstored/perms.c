/* SPDX-License-Identifier: MIT */
/*
 * Node permissions.  A list "<letter><domid>": the first entry names the
 * owner and the mode every domain not listed gets; later entries give one
 * domain its own mode.  Letters: n none, r read, w write, b both.  The
 * owner and privileged callers (dom0) may do everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

static int letter_mode(char l, unsigned int *mode)
{
    switch (l) {
    case 'n': *mode = 0; return 0;
    case 'r': *mode = PERM_READ; return 0;
    case 'w': *mode = PERM_WRITE; return 0;
    case 'b': *mode = PERM_READ | PERM_WRITE; return 0;
    }
    return -1;
}

static char mode_letter(unsigned int mode)
{
    static const char letters[] = "nrwb";

    return letters[mode & 3];
}

/* Parse 'nstrs' NUL-terminated entries; returns 0 or an XEN_E* value. */
int perms_parse(struct perms *out, const char *strs, size_t len,
                unsigned int nstrs)
{
    unsigned int i;
    unsigned long id;
    const char *s = strs;

    if (nstrs == 0)
        return XEN_EINVAL;
    out->n = nstrs;
    out->e = xs_alloc(nstrs * sizeof(*out->e));
    for (i = 0; i < nstrs; i++, s += strlen(s) + 1) {
        if (letter_mode(s[0], &out->e[i].mode) ||
            parse_uint(s + 1, 0xffff, &id)) {
            perms_free(out);
            return XEN_EINVAL;
        }
        out->e[i].domid = id;
    }
    (void)len;
    return 0;
}

/* Write the list as NUL-terminated strings; returns the bytes needed. */
size_t perms_format(const struct perms *p, char *buf, size_t size)
{
    size_t used = 0;
    unsigned int i;
    char one[16];

    for (i = 0; i < p->n; i++) {
        int n = snprintf(one, sizeof(one), "%c%u",
                         mode_letter(p->e[i].mode), p->e[i].domid) + 1;

        if (used + n <= size)
            memcpy(buf + used, one, n);
        used += n;
    }
    return used;
}

/* 'target' (SET_TARGET, or -1) counts as the caller itself, as in Xen. */
static bool is_me(unsigned int id, unsigned int domid, int target)
{
    return id == domid || (target >= 0 && id == (unsigned int)target);
}

unsigned int perms_mode_for(const struct perms *p, unsigned int domid,
                            int target, bool privileged)
{
    unsigned int i;

    if (privileged || p->n == 0 || is_me(p->e[0].domid, domid, target))
        return PERM_READ | PERM_WRITE;
    for (i = 1; i < p->n; i++)
        if (is_me(p->e[i].domid, domid, target))
            return p->e[i].mode;
    return p->e[0].mode;
}

void perms_copy(struct perms *dst, const struct perms *src)
{
    dst->n = src->n;
    dst->e = xs_alloc(src->n * sizeof(*src->e));
    memcpy(dst->e, src->e, src->n * sizeof(*src->e));
}

void perms_free(struct perms *p)
{
    free(p->e);
    p->e = NULL;
    p->n = 0;
}
