/* SPDX-License-Identifier: MIT */
/*
 * xl destroy [-f] <Domain>: kill a domain at once.  Domain 0 only with
 * -f, which makes sense only from a separate toolstack domain.
 */
#include <getopt.h>
#include <stdio.h>
#include "xl.h"

int cmd_destroy(int argc, char **argv)
{
    uint32_t domid;
    int opt, r, force = 0;

    while ((opt = xl_getopt(argc, argv, "f", 1)) != -1) {
        if (opt != 'f')
            return opt;
        force = 1;
    }
    domid = xl_find_domain(argv[optind]);
    if (domid == 0 && !force) {
        fprintf(stderr, "Destroying domain 0 needs -f.\n");
        return 1;
    }
    r = xt_domain_destroy(xl_call(), (domid_t)domid);
    return r < 0 ? xl_op_failed(domid, "Destroying domain", -r) : 0;
}
