/* SPDX-License-Identifier: MIT */
/*
 * Guest output waiting for the pty.  Nobody may be reading the pty, so
 * the buffer is bounded: past the limit the oldest bytes go (they are in
 * the log file already) and the guest is never held up by a missing
 * reader.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "console.h"

void outbuf_init(struct outbuf *b, size_t cap)
{
    memset(b, 0, sizeof(*b));
    b->cap = cap ? cap : 1;
}

void outbuf_free(struct outbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->start = b->len = 0;
}

/* Room for n more bytes at the end: slide to the front, allocating the
 * whole limit on first use. */
static bool make_room(struct outbuf *b, size_t n)
{
    if (!b->data && !(b->data = malloc(b->cap)))
        return false;
    if (b->start + b->len + n > b->cap) {
        memmove(b->data, b->data + b->start, b->len);
        b->start = 0;
    }
    return true;
}

void outbuf_put(struct outbuf *b, const char *p, size_t n)
{
    size_t drop;

    if (n > b->cap) {               /* only the newest part can stay */
        b->dropped += n - b->cap;
        p += n - b->cap;
        n = b->cap;
    }
    if (b->len + n > b->cap) {
        drop = b->len + n - b->cap;
        b->start += drop;
        b->len -= drop;
        b->dropped += drop;
    }
    if (!make_room(b, n)) {
        b->dropped += n;
        return;
    }
    memcpy(b->data + b->start + b->len, p, n);
    b->len += n;
}

int outbuf_flush(struct outbuf *b, int fd)
{
    while (b->len) {
        ssize_t w = write(fd, b->data + b->start, b->len);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
        }
        b->start += w;
        b->len -= w;
    }
    b->start = 0;
    return 0;
}
