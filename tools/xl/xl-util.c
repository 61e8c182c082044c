/* SPDX-License-Identifier: MIT */
/* Handles and domain lookups shared by the xl commands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xl.h"

static struct xt_call *call_handle;
static struct xt_store *store_handle;
static int store_tried;

struct xt_call *xl_call(void)
{
    if (!call_handle) {
        call_handle = xt_call_open();
        if (!call_handle) {
            fprintf(stderr, "xl: cannot open /dev/xen/privcmd: %s\n",
                    strerror(errno));
            fprintf(stderr, "cannot init xl context\n");
            exit(1);
        }
    }
    return call_handle;
}

struct xt_store *xl_store(void)
{
    if (!store_tried) {
        store_tried = 1;
        store_handle = xt_store_open();
    }
    return store_handle;
}

/* A forked child must not share the parent's store connection (replies
 * would go to whichever reads first) nor its hypercall buffers. */
void xl_handles_after_fork(void)
{
    xt_store_close(store_handle);
    xt_call_close(call_handle);
    store_handle = NULL;
    call_handle = NULL;
    store_tried = 0;
}

char *xl_domain_name(uint32_t domid)
{
    char path[64];
    char *name = NULL;

    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    if (xl_store())
        name = xt_store_read(xl_store(), XT_TX_NONE, path, NULL);
    /* dom0 is Domain-0 even before anyone wrote it down. */
    if (!name && domid == 0)
        name = strdup("Domain-0");
    return name;
}

/* Decimal digits only, as xl's qualifier parsing wants them. */
static int parse_domid(const char *s, uint32_t *domid)
{
    unsigned long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > UINT32_MAX)
            return -1;
    }
    *domid = (uint32_t)v;
    return 0;
}

int xl_name_to_domid(const char *name, uint32_t *domid)
{
    xt_dominfo_t info[64];
    uint32_t next = 0;
    int n, i, found = 0;

    do {
        n = xt_domain_getinfolist(xl_call(), (domid_t)next, 64, info);
        for (i = 0; i < n && !found; i++) {
            char *dn = xl_domain_name(info[i].domain);

            found = dn && !strcmp(dn, name);
            if (found)
                *domid = info[i].domain;
            free(dn);
        }
        if (n > 0)
            next = info[n - 1].domain + 1u;
    } while (n == 64 && !found && next < DOMID_FIRST_RESERVED);
    return found ? 0 : -1;
}

/*
 * Ids at or above DOMID_FIRST_RESERVED are not domains but special values
 * (DOMID_SELF would make "xl pause 32752" pause dom0), and ids do not fit
 * above 16 bits (65536 would wrap to 0): both are refused here.
 */
uint32_t xl_find_domain(const char *spec)
{
    uint32_t domid;

    if (parse_domid(spec, &domid) == 0) {
        if (domid < DOMID_FIRST_RESERVED)
            return domid;
    } else if (xl_name_to_domid(spec, &domid) == 0) {
        return domid;
    }
    /* libxl's ERROR_INVAL is -6. */
    fprintf(stderr, "%s is an invalid domain identifier (rc=-6)\n", spec);
    exit(1);
}

int xl_op_failed(uint32_t domid, const char *what, int err)
{
    fprintf(stderr, "libxl: error: Domain %u:%s: %s\n", domid, what,
            strerror(err));
    return 1;
}
