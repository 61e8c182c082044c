/* SPDX-License-Identifier: MIT */
/* xl unpause <Domain>: let a paused domain run again. */
#include <getopt.h>
#include "xl.h"

int cmd_unpause(int argc, char **argv)
{
    uint32_t domid;
    int opt, r;

    while ((opt = xl_getopt(argc, argv, "", 1)) != -1)
        return opt;
    domid = xl_find_domain(argv[optind]);
    r = xt_domain_unpause(xl_call(), (domid_t)domid);
    return r < 0 ? xl_op_failed(domid, "Unpausing domain", -r) : 0;
}
