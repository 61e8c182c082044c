/* SPDX-License-Identifier: MIT */
/*
 * xl destroy [-f] <Domain>: kill a domain at once and remove its
 * xenstore nodes.  Domain 0 only with -f, which makes sense only from a
 * separate toolstack domain (and then only the domctl is done).
 */
#include <getopt.h>
#include <stdio.h>
#include "dom.h"
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
    r = domid == 0 ? xt_domain_destroy(xl_call(), 0) : xl_dom_destroy(domid);
    return r < 0 ? xl_op_failed(domid, "Destroying domain", -r) : 0;
}
