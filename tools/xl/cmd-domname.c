/* SPDX-License-Identifier: MIT */
/* xl domname <DomainId>: the name of the domain with that id. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "xl.h"

int cmd_domname(int argc, char **argv)
{
    xt_dominfo_t info;
    unsigned long domid;
    char *end, *name = NULL;
    int opt;

    while ((opt = xl_getopt(argc, argv, "", 1)) != -1)
        return opt;
    domid = strtoul(argv[optind], &end, 10);
    if (end == argv[optind] || *end || argv[optind][0] == '-') {
        fprintf(stderr, "Invalid domain id.\n");
        return 1;
    }
    /* Reserved and out-of-range ids name no domain. */
    if (domid < DOMID_FIRST_RESERVED &&
        xt_domain_getinfo(xl_call(), (domid_t)domid, &info) == 0)
        name = xl_domain_name((uint32_t)domid);
    if (!name) {
        fprintf(stderr, "Can't get domain name of domain id '%lu', maybe "
                "this domain does not exist.\n", domid);
        return 1;
    }
    printf("%s\n", name);
    free(name);
    return 0;
}
