/* SPDX-License-Identifier: MIT */
/* xl: dispatch, help and option handling shared by the commands. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xl.h"

static const struct xl_cmd cmds[] = {
    { "create", cmd_create, "Create a domain from config file <filename>",
      "<ConfigFile> [options]",
      "-p                      Leave the domain paused after it is created.\n"
      "-c                      Connect to the console after the domain is "
      "created.\n" },
    { "console", cmd_console, "Attach to domain's console", "<Domain>",
      "" },
    { "shutdown", cmd_shutdown, "Issue a shutdown signal to a domain",
      "[options] <Domain>",
      "-w                      Wait for guest to shutdown.\n" },
    { "reboot", cmd_reboot, "Issue a reboot signal to a domain",
      "[options] <Domain>",
      "-w                      Wait for guest to reboot.\n" },
    { "destroy", cmd_destroy, "Terminate a domain immediately",
      "[options] <Domain>",
      "-f                      Permit destroying domain 0\n" },
    { "list", cmd_list, "List information about all/some domains",
      "[options] [Domain]", "" },
    { "pause", cmd_pause, "Pause execution of a domain", "<Domain>", "" },
    { "unpause", cmd_unpause, "Unpause a paused domain", "<Domain>", "" },
    { "dmesg", cmd_dmesg, "Read and/or clear dmesg buffer", "[-c]",
      "  -c                        Clear dmesg buffer as well as "
      "printing it\n" },
    { "info", cmd_info, "Get information about Xen host", "", "" },
    { "domid", cmd_domid, "Convert a domain name to domain id",
      "<DomainName>", "" },
    { "domname", cmd_domname, "Convert a domain id to domain name",
      "<DomainId>", "" },
    { "help", cmd_help, "Print this help", "[command]", "" },
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static const struct xl_cmd *find_cmd(const char *name)
{
    unsigned int i;

    for (i = 0; i < NCMDS; i++)
        if (!strcmp(cmds[i].name, name))
            return &cmds[i];
    return NULL;
}

void xl_help(const char *name)
{
    const struct xl_cmd *c = name ? find_cmd(name) : NULL;
    unsigned int i;

    if (!c) {
        if (name)
            printf("command \"%s\" not implemented\n", name);
        printf("Usage xl [-v] <subcommand> [args]\n\n");
        printf("xl full list of subcommands:\n\n");
        for (i = 0; i < NCMDS; i++)
            printf(" %-19s %s\n", cmds[i].name, cmds[i].summary);
        return;
    }
    printf("Usage: xl %s %s\n\n%s.\n\n", c->name, c->usage, c->summary);
    if (c->options[0])
        printf("Options:\n\n%s\n", c->options);
}

int xl_getopt(int argc, char **argv, const char *opts, int min)
{
    char spec[32];
    int opt;

    snprintf(spec, sizeof(spec), "+h%s", opts);
    opt = getopt(argc, argv, spec);
    if (opt == 'h') {
        xl_help(argv[0]);
        return 0;
    }
    if (opt == '?') {
        xl_help(argv[0]);
        return 2;
    }
    if (opt == -1 && argc - optind < min) {
        fprintf(stderr, "'xl %s' requires at least %d argument%s.\n\n",
                argv[0], min, min > 1 ? "s" : "");
        xl_help(argv[0]);
        return 2;
    }
    return opt;
}

int cmd_help(int argc, char **argv)
{
    xl_help(argc > 1 ? argv[1] : NULL);
    return 0;
}

int main(int argc, char **argv)
{
    const struct xl_cmd *c;
    int opt;

    while ((opt = getopt(argc, argv, "+v")) != -1) {
        if (opt != 'v') {
            fprintf(stderr, "unknown global option\n");
            return 2;
        }
    }
    if (optind >= argc) {
        xl_help(NULL);
        return 1;
    }
    c = find_cmd(argv[optind]);
    if (!c) {
        fprintf(stderr, "command not implemented\n");
        return 1;
    }
    argc -= optind;
    argv += optind;
    optind = 1;         /* the command parses its own options */
    return c->run(argc, argv);
}
