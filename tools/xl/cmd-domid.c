/* SPDX-License-Identifier: MIT */
/* xl domid <DomainName>: the id of the domain with that name. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xl.h"

int cmd_domid(int argc, char **argv)
{
    xt_dominfo_t info[64];
    uint32_t next = 0;
    int opt, n, i;

    while ((opt = xl_getopt(argc, argv, "", 1)) != -1)
        return opt;
    /* By name only: a number is not a name here, as in xl. */
    do {
        n = xt_domain_getinfolist(xl_call(), (domid_t)next, 64, info);
        for (i = 0; i < n; i++) {
            char *name = xl_domain_name(info[i].domain);
            int match = name && !strcmp(name, argv[optind]);

            free(name);
            if (match) {
                printf("%u\n", info[i].domain);
                return 0;
            }
        }
        if (n > 0)
            next = info[n - 1].domain + 1u;
    } while (n == 64 && next < DOMID_FIRST_RESERVED);
    fprintf(stderr, "Can't get domid of domain name '%s', maybe this domain "
            "does not exist.\n", argv[optind]);
    return 1;
}
