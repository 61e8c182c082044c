/* SPDX-License-Identifier: MIT */
/* xl pause <Domain>: stop a domain's vCPUs until unpause. */
#include <getopt.h>
#include "xl.h"

int cmd_pause(int argc, char **argv)
{
    uint32_t domid;
    int opt, r;

    while ((opt = xl_getopt(argc, argv, "", 1)) != -1)
        return opt;
    domid = xl_find_domain(argv[optind]);
    r = xt_domain_pause(xl_call(), (domid_t)domid);
    return r < 0 ? xl_op_failed(domid, "Pausing domain", -r) : 0;
}
