/* SPDX-License-Identifier: MIT */
/*
 * The per-domain watcher xl leaves behind after `xl create`: a daemon
 * that waits for the domain to shut down (xenstored fires
 * @releaseDomain on every shutdown and death; getdomaininfo says
 * which) and applies the config's action for the reason: destroy,
 * restart (destroy, then build again from the same config under a new
 * domid), or preserve (leave it for the administrator).  It ends when
 * the domain is gone or preserved.  Log: /var/log/xen/xl-NAME.log.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <public/sched.h>
#include "dom.h"
#include "xl.h"

#define LOG_DIR "/var/log/xen"

enum watch_next { KEEP_WAITING, WATCH_OTHER, WATCH_DONE };

static void to_log(const char *name)
{
    char path[128];
    int fd;

    mkdir("/var/log", 0755);
    mkdir(LOG_DIR, 0755);
    snprintf(path, sizeof(path), LOG_DIR "/xl-%s.log", name);
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW,
              0644);
    if (fd < 0)
        fd = open("/dev/null", O_WRONLY);
    dup2(fd, 1);
    dup2(fd, 2);
    if (fd > 2)
        close(fd);
    fd = open("/dev/null", O_RDONLY);
    dup2(fd, 0);
    if (fd > 0)
        close(fd);
    setvbuf(stdout, NULL, _IOLBF, 0);
}

static enum xl_action action_for(const struct xl_domain_config *cfg,
                                 unsigned int reason)
{
    switch (reason) {
    case SHUTDOWN_poweroff: return cfg->on_poweroff;
    case SHUTDOWN_reboot:   return cfg->on_reboot;
    case SHUTDOWN_crash:    return cfg->on_crash;
    default:                return XL_ACTION_DESTROY;  /* watchdog, ... */
    }
}

/* Acts on a shut-down domain; *domid becomes the restarted one. */
static enum watch_next act(const struct xl_domain_config *cfg,
                           uint32_t *domid, unsigned int reason)
{
    enum xl_action a = action_for(cfg, reason);
    uint32_t fresh;

    fprintf(stderr, "Action for shutdown reason code %u is %s\n", reason,
            xl_action_name(a));
    switch (a) {
    case XL_ACTION_PRESERVE:
        fprintf(stderr, "Preserving domain %u\n", *domid);
        return WATCH_DONE;
    case XL_ACTION_RESTART:
    case XL_ACTION_RENAME_RESTART:      /* no rename: a plain restart */
    case XL_ACTION_COREDUMP_RESTART:    /* no core dumps here */
        fprintf(stderr, "Domain %u needs to be cleaned up: destroying the "
                "domain\n", *domid);
        xl_dom_destroy(*domid);
        if (xl_dom_create(cfg, 0, &fresh) < 0) {
            fprintf(stderr, "Restarting %s failed\n", cfg->name);
            return WATCH_DONE;
        }
        fprintf(stderr, "Done. Rebooting now: domain %s is domid %u\n",
                cfg->name, fresh);
        *domid = fresh;
        return WATCH_OTHER;
    default:
        fprintf(stderr, "Domain %u needs to be cleaned up: destroying the "
                "domain\n", *domid);
        xl_dom_destroy(*domid);
        fprintf(stderr, "Done. Exiting now\n");
        return WATCH_DONE;
    }
}

static enum watch_next check(const struct xl_domain_config *cfg,
                             uint32_t *domid)
{
    xt_dominfo_t info;
    unsigned int reason;

    if (xt_domain_getinfo(xl_call(), (domid_t)*domid, &info) < 0 ||
        (info.flags & XEN_DOMINF_dying)) {
        fprintf(stderr, "Domain %u has been destroyed.\n", *domid);
        xl_xs_remove(*domid);
        return WATCH_DONE;
    }
    if (!(info.flags & XEN_DOMINF_shutdown))
        return KEEP_WAITING;
    reason = (info.flags >> XEN_DOMINF_shutdownshift) &
             XEN_DOMINF_shutdownmask;
    fprintf(stderr, "Domain %u has shut down, reason code %u 0x%x\n",
            *domid, reason, info.flags);
    if (reason == SHUTDOWN_suspend)
        return KEEP_WAITING;
    return act(cfg, domid, reason);
}

static void watch_loop(const struct xl_domain_config *cfg, uint32_t domid)
{
    struct xt_store *xs = xl_store();
    enum watch_next n = KEEP_WAITING;

    fprintf(stderr, "Waiting for domain %s (domid %u) to die [pid %ld]\n",
            cfg->name, domid, (long)getpid());
    if (!xs || xt_store_watch(xs, "@releaseDomain", "xl-watch") < 0) {
        fprintf(stderr, "cannot watch @releaseDomain\n");
        return;
    }
    while (n != WATCH_DONE) {
        struct pollfd p = { .fd = xt_store_watch_fd(xs), .events = POLLIN };
        char *path = NULL, *token = NULL;

        /* Woken by the event; the timeout only guards a lost one. */
        if (poll(&p, 1, 10000) == 1 &&
            xt_store_read_watch(xs, &path, &token) < 0) {
            fprintf(stderr, "lost the xenstore connection\n");
            return;
        }
        free(path);             /* the token shares its block */
        n = check(cfg, &domid);
        if (n == WATCH_OTHER)
            fprintf(stderr, "Waiting for domain %s (domid %u) to die "
                    "[pid %ld]\n", cfg->name, domid, (long)getpid());
    }
}

int xl_dom_watch(const struct xl_domain_config *cfg, uint32_t domid)
{
    pid_t pid = fork();
    int status;

    if (pid < 0)
        return -errno;
    if (pid > 0) {
        waitpid(pid, &status, 0);       /* the middle child exits at once */
        return 0;
    }
    if (setsid() < 0 || fork() != 0)    /* the grandchild is the daemon */
        _exit(0);
    xl_handles_after_fork();
    to_log(cfg->name);
    watch_loop(cfg, domid);
    _exit(0);
}
