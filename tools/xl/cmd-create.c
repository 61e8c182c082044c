/* SPDX-License-Identifier: MIT */
/*
 * xl create [-p] [-c] <ConfigFile>: load and check the domain's XML
 * (nothing is created when it is wrong), build and start the domain,
 * leave a watcher process for its shutdown actions, and with -c attach
 * to its console.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "config.h"
#include "dom.h"
#include "xl.h"

int cmd_create(int argc, char **argv)
{
    static struct xl_domain_config cfg;
    char err[512];
    int opt, paused = 0, console = 0;
    uint32_t domid;

    while ((opt = xl_getopt(argc, argv, "pc", 1)) != -1) {
        if (opt == 'p')
            paused = 1;
        else if (opt == 'c')
            console = 1;
        else
            return opt;
    }
    fprintf(stderr, "Parsing config from %s\n", argv[optind]);
    if (xl_config_load(argv[optind], &cfg, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (xl_dom_create(&cfg, paused, &domid) < 0)
        return 1;
    if (xl_dom_watch(&cfg, domid) < 0)
        fprintf(stderr, "xl: no watcher for domain %u: on_poweroff etc. "
                "will not be applied\n", domid);
    if (console)
        return xl_console_attach_domain(domid);
    return 0;
}
