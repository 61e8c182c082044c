/* SPDX-License-Identifier: MIT */
/* Daemon messages on stderr, and the per-guest console log files. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "console.h"

int cons_verbose = 1;

void cons_msg(int level, const char *fmt, ...)
{
    va_list ap;

    if (level > cons_verbose)
        return;
    fputs("xenconsoled: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

const char *cons_printable(const char *s, char *buf, size_t size)
{
    size_t i;

    for (i = 0; s[i] && i + 1 < size; i++)
        buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    buf[i] = '\0';
    return buf;
}

/* Guest names come from xenstore: only plain file-name characters pass,
 * so no name can climb out of the log directory or hide as a dot file. */
static bool name_ok(const char *name)
{
    size_t i, n = strlen(name);

    if (!n || n > 64 || name[0] == '.' || name[0] == '-')
        return false;
    for (i = 0; i < n; i++) {
        char c = name[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

int cons_log_open(const char *dir, const char *name, unsigned int domid)
{
    char path[4096];
    int fd;

    if (name && name_ok(name))
        snprintf(path, sizeof(path), "%s/guest-%s.log", dir, name);
    else
        snprintf(path, sizeof(path), "%s/guest-dom%u.log", dir, domid);
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
              O_NONBLOCK, 0600);
    if (fd < 0)
        cons_msg(0, "dom%u: cannot open log %s: %s", domid, path,
                 strerror(errno));
    return fd;
}
