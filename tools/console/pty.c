/* SPDX-License-Identifier: MIT */
/*
 * The pty a console client (xl console) attaches to.  We keep our own
 * descriptor of the slave open for the pty's whole life: otherwise every
 * time the last client left, the master would report a hangup on each
 * poll and the loop would spin.  The slave is raw, so guest output
 * written to the master is never echoed back to us as input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "console.h"

static int open_slave(struct pty *p)
{
    struct termios t;

    if (grantpt(p->master) || unlockpt(p->master) ||
        ptsname_r(p->master, p->path, sizeof(p->path)))
        return -errno;
    p->slave = open(p->path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (p->slave < 0)
        return -errno;
    /* Only root may attach: the console is the guest's keyboard. */
    if (fchmod(p->slave, 0600) || tcgetattr(p->slave, &t))
        return -errno;
    cfmakeraw(&t);
    if (tcsetattr(p->slave, TCSANOW, &t))
        return -errno;
    return 0;
}

int pty_open(struct pty *p)
{
    int err;

    p->slave = -1;
    p->path[0] = '\0';
    p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (p->master < 0)
        return -errno;
    err = open_slave(p);
    if (err)
        pty_close(p);
    return err;
}

void pty_close(struct pty *p)
{
    if (p->slave >= 0)
        close(p->slave);
    if (p->master >= 0)
        close(p->master);
    p->master = p->slave = -1;
    p->path[0] = '\0';
}
