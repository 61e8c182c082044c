/* SPDX-License-Identifier: MIT */
/* xl dmesg [-c]: the hypervisor's console ring, optionally cleared. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "xl.h"

#define DMESG_CHUNK 16384

int cmd_dmesg(int argc, char **argv)
{
    static char buf[DMESG_CHUNK];
    uint32_t index = 0, len;
    int opt, clear = 0, r;

    while ((opt = xl_getopt(argc, argv, "c", 0)) != -1) {
        if (opt != 'c')
            return opt;
        clear = 1;
    }
    /* Incremental reads from the oldest byte until nothing is left;
     * clearing on the first read still hands back what was there. */
    do {
        len = sizeof(buf);
        r = xt_readconsole(xl_call(), buf, &len, &index, clear);
        if (r < 0) {
            fprintf(stderr, "libxl: error: reading the hypervisor console "
                    "(sysctl readconsole): %s\n", strerror(-r));
            return 1;
        }
        fwrite(buf, 1, len, stdout);
    } while (len == sizeof(buf));
    return 0;
}
