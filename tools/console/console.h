/* SPDX-License-Identifier: MIT */
/*
 * The console daemon's internals.  One concept per file:
 *   ring.c    moving bytes through a guest's xencons_interface
 *   outbuf.c  output waiting for the pty, bounded
 *   pty.c     the pty pair a console client attaches to
 *   log.c     daemon messages and the per-guest log files
 *   domain.c  one guest's console: connect, serve, tear down
 *   daemon.c  the domain table, xenstore watches and the poll loop
 *   main.c    xenconsoled's command line (Linux backend)
 * All OS and hypervisor access goes through backend.h.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/io/console.h>
#include "backend.h"

/* ---- log.c ---- */
extern int cons_verbose;        /* 0 errors, 1 info, 2 debug */
void cons_msg(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Guest text made safe for a message: at most size - 1 printable ASCII
 * characters, others shown as '?' (no escape sequences in our logs). */
const char *cons_printable(const char *s, char *buf, size_t size);
/* Open (append, create 0600) the log of a guest called 'name' in 'dir';
 * names that are not safe file names are replaced by "dom<domid>". */
int cons_log_open(const char *dir, const char *name, unsigned int domid);

/* ---- outbuf.c ---- */
struct outbuf {
    char *data;
    size_t start, len;          /* pending bytes are data[start, start+len) */
    size_t cap;                 /* most bytes ever held */
    uint64_t dropped;           /* oldest bytes discarded when full */
};
void outbuf_init(struct outbuf *b, size_t cap);
void outbuf_free(struct outbuf *b);
/* Append, discarding the oldest bytes beyond the limit. */
void outbuf_put(struct outbuf *b, const char *p, size_t n);
/* Write what the fd takes; negative errno on a real error. */
int outbuf_flush(struct outbuf *b, int fd);

/* ---- ring.c ---- */
/*
 * The daemon's private side of a ring.  Our own indexes live here, not in
 * the shared page, so that a guest rewriting out_cons or in_prod cannot
 * confuse us; only out_prod and in_cons are read from the page, each once
 * per pass.
 */
struct ring {
    struct xencons_interface *intf;
    unsigned int domid;         /* for messages */
    XENCONS_RING_IDX out_cons;  /* next output byte to take */
    XENCONS_RING_IDX in_prod;   /* next input slot to fill */
    uint64_t resyncs;           /* times out_prod was impossible */
    bool in_bad;                /* in_cons was impossible (reported) */
};
void ring_attach(struct ring *r, struct xencons_interface *intf,
                 unsigned int domid);
/* Copy at most one ring's worth of guest output into buf (which has
 * sizeof(intf->out) bytes); returns the count. */
size_t ring_take_output(struct ring *r, char *buf);
/* Free bytes in the guest's input ring (0 when in_cons is impossible). */
size_t ring_input_space(struct ring *r);
/* Queue up to n input bytes (never more than the space); returns count. */
size_t ring_put_input(struct ring *r, const char *p, size_t n);

/* ---- pty.c ---- */
struct pty {
    int master, slave;          /* -1 when closed */
    char path[64];              /* the slave's name, for console/tty */
};
int pty_open(struct pty *p);
void pty_close(struct pty *p);

/* ---- domain.c ---- */
struct cons_options {
    const char *log_dir;        /* NULL: no guest log files */
    size_t buffer_max;          /* output held for a slow pty reader */
};

struct dom {
    struct dom *next;
    unsigned int domid;
    char token[16];             /* of the watch on .../console */
    /* connected ring, if any */
    void *page;                 /* mapped page, NULL when not connected */
    bool by_grant;              /* page came from map_grant */
    uint64_t ring_ref;
    uint32_t remote_port;
    int local_port;             /* -1 when unbound */
    struct ring ring;
    uint64_t resyncs_seen;      /* ring.resyncs already notified */
    /* the host side */
    struct pty pty;
    unsigned int pty_reopens;
    bool tty_written;           /* console/tty holds pty.path */
    int log_fd;
    struct outbuf out;
};

struct cons_ctx {
    struct cons_backend *be;
    struct cons_options opt;
};

struct dom *dom_new(struct cons_ctx *c, unsigned int domid);
/* Read console/ring-ref and console/port and (re)connect if they changed. */
void dom_refresh(struct cons_ctx *c, struct dom *d);
/* An event arrived on the domain's port. */
void dom_event(struct cons_ctx *c, struct dom *d);
/* The pty has input, room for output, or trouble (poll revents). */
void dom_pty_ready(struct cons_ctx *c, struct dom *d, short revents);
/* poll() events wanted on d->pty.master (0: leave it out). */
short dom_pty_events(struct dom *d);
void dom_free(struct cons_ctx *c, struct dom *d);
void dom_reopen_log(struct cons_ctx *c, struct dom *d);

/* ---- daemon.c ---- */
struct cons_daemon;
struct cons_daemon *cons_daemon_new(struct cons_backend *be,
                                    const struct cons_options *opt);
/* One poll (at most timeout_ms) and the work it found: the number of
 * ready fds handled, or negative errno when the store connection died. */
int cons_daemon_step(struct cons_daemon *d, int timeout_ms);
unsigned int cons_daemon_domains(const struct cons_daemon *d);
/* Close and reopen every guest log (after log rotation). */
void cons_daemon_reopen_logs(struct cons_daemon *d);
void cons_daemon_free(struct cons_daemon *d);

#endif /* CONSOLE_H */
