/* SPDX-License-Identifier: MIT */
/*
 * xl: the commands that need no domain builder.  One command per
 * cmd-*.c file; xl.c holds the table, main() and help.  Messages and
 * exit codes follow Xen's xl: 0 success, 1 failure, 2 bad usage.
 */
#ifndef XL_H
#define XL_H

#include <stdint.h>
#include <xt/call.h>
#include <xt/ctrl.h>
#include <xt/store.h>

struct xl_cmd {
    const char *name;
    int (*run)(int argc, char **argv);  /* argv[0] is the command name */
    const char *summary;
    const char *usage;                  /* arguments, after the name */
    const char *options;                /* option lines, or "" */
};

int cmd_list(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_dmesg(int argc, char **argv);
int cmd_domid(int argc, char **argv);
int cmd_domname(int argc, char **argv);
int cmd_pause(int argc, char **argv);
int cmd_unpause(int argc, char **argv);
int cmd_destroy(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_shutdown(int argc, char **argv);
int cmd_reboot(int argc, char **argv);
int cmd_console(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Help for one command (or all, for NULL) on stdout. */
void xl_help(const char *name);
/* getopt over the command's options plus -h; returns the option, -1 at
 * the end, or 0 / 2 when the command must return (help shown / usage
 * error).  Checks that at least min arguments remain. */
int xl_getopt(int argc, char **argv, const char *opts, int min);

/* Hypervisor and store handles, opened on first use; failing to open
 * the hypervisor is fatal, as for xl (no store only loses names). */
struct xt_call *xl_call(void);
struct xt_store *xl_store(void);
/* In a forked child: drop the inherited handles (reopened on use). */
void xl_handles_after_fork(void);

/* Domain names from /local/domain/<id>/name: malloc()ed or NULL. */
char *xl_domain_name(uint32_t domid);
/* The id of the domain named name: 0, or -1 when there is none. */
int xl_name_to_domid(const char *name, uint32_t *domid);
/* A domain given by id or name; exits 1 like xl when it is neither. */
uint32_t xl_find_domain(const char *spec);
/* Reports a failed domain operation the way libxl logs it. */
int xl_op_failed(uint32_t domid, const char *what, int err);

#endif
