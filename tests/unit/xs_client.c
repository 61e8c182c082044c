/* SPDX-License-Identifier: MIT */
/*
 * Client side of the xenstored host tests (see xs_client.h): framing over
 * a socket or a fake guest's ring, requests and replies, watch events.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "xs_client.h"

const char *sock_path;
const char *fake_dir;
char why[512];

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define MB() __atomic_thread_fence(__ATOMIC_SEQ_CST)

static long long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

int cli_open(struct cli *c)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };

    memset(c, 0, sizeof(*c));
    c->next_id = 1;
    c->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock_path);
    if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa))) {
        CHECK(0, "connect: %s", strerror(errno));
        return -1;
    }
    return 0;
}

void cli_close(struct cli *c)
{
    if (c->g)
        ring_close(c);
    else
        close(c->fd);
}

/* ---- the fake guest ---- */

static void fake_addr(struct sockaddr_un *sa, const char *name)
{
    memset(sa, 0, sizeof(*sa));
    sa->sun_family = AF_UNIX;
    snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", fake_dir, name);
}

static void send_kick(int fd, uint32_t domid, uint32_t port)
{
    struct sockaddr_un sa;
    uint32_t k[2] = { domid, port };

    fake_addr(&sa, "evtchn");
    /* A full queue is fine: like a pending event, kicks coalesce. */
    if (sendto(fd, k, sizeof(k), MSG_DONTWAIT, (struct sockaddr *)&sa,
               sizeof(sa)) < 0 && errno != EAGAIN)
        CHECK(0, "kick: %s", strerror(errno));
}

void g_kick(struct ring_guest *g)
{
    send_kick(g->evfd, g->domid, g->port);
}

void g_virq(unsigned int virq)
{
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

    send_kick(fd, 0xffffffffu, virq);
    close(fd);
}

/* Wait up to 'ms' for the daemon's notification; 1 if one came. */
int g_wait(struct ring_guest *g, int ms)
{
    struct pollfd p = { .fd = g->evfd, .events = POLLIN };
    uint32_t k[2];
    int got = 0;

    if (poll(&p, 1, ms) <= 0)
        return 0;
    while (recv(g->evfd, k, sizeof(k), MSG_DONTWAIT) > 0)
        got = 1;
    return got;
}

void fake_file(const char *what, unsigned int domid, int present)
{
    char path[256];
    int fd;

    snprintf(path, sizeof(path), "%s/%s-%u", fake_dir, what, domid);
    if (!present) {
        unlink(path);
        return;
    }
    fd = open(path, O_CREAT | O_WRONLY, 0600);
    if (fd >= 0)
        close(fd);
}

static void *map_page(const char *path)
{
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    void *p;

    if (fd < 0 || ftruncate(fd, 4096)) {
        CHECK(0, "%s: %s", path, strerror(errno));
        return NULL;
    }
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

int ring_open(struct cli *c, unsigned int domid)
{
    struct ring_guest *g = calloc(1, sizeof(*g));
    struct sockaddr_un sa;
    char path[256], d[16], m[32], p[16];
    struct cli d0;

    memset(c, 0, sizeof(*c));
    c->next_id = 1;
    c->fd = -1;
    c->g = g;
    g->domid = domid;
    g->mfn = 1000 + domid;
    g->port = 100 + domid;
    snprintf(path, sizeof(path), "%s/ring-%llu", fake_dir, g->mfn);
    g->intf = map_page(path);
    snprintf(path, sizeof(path), "guest-%u", domid);
    fake_addr(&sa, path);
    unlink(sa.sun_path);
    g->evfd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (!g->intf || bind(g->evfd, (struct sockaddr *)&sa, sizeof(sa))) {
        CHECK(0, "ring_open dom%u: %s", domid, strerror(errno));
        return -1;
    }
    snprintf(d, sizeof(d), "%u", domid);
    snprintf(m, sizeof(m), "%llu", g->mfn);
    snprintf(p, sizeof(p), "%u", g->port);
    cli_open(&d0);
    EXPECT(ask(&d0, XS_INTRODUCE, 0, d, m, p, NULL), "OK");
    cli_close(&d0);
    return 0;
}

void ring_close(struct cli *c)
{
    struct ring_guest *g = c->g;
    struct sockaddr_un sa;
    char path[64], d[16];
    struct cli d0;

    snprintf(d, sizeof(d), "%u", g->domid);
    cli_open(&d0);
    ask(&d0, XS_RELEASE, 0, d, NULL);   /* may be gone already */
    cli_close(&d0);
    munmap(g->intf, 4096);
    close(g->evfd);
    snprintf(path, sizeof(path), "guest-%u", g->domid);
    fake_addr(&sa, path);
    unlink(sa.sun_path);
    snprintf(path, sizeof(path), "ring-%llu", g->mfn);
    fake_addr(&sa, path);
    unlink(sa.sun_path);
    free(g);
    c->g = NULL;
}

/* Produce into the request ring as room appears; -1 after 'ms'. */
static int ring_put(struct ring_guest *g, const char *buf, size_t len, int ms)
{
    struct xenstore_domain_interface *in = g->intf;
    long long end = now_ms() + ms;
    size_t done = 0;

    while (done < len) {
        XENSTORE_RING_IDX prod = LOAD(in->req_prod), cons = LOAD(in->req_cons);
        uint32_t n = 0, room;

        MB();
        room = XENSTORE_RING_SIZE - (prod - cons);
        while (n < room && n <= XENSTORE_RING_SIZE && done < len)
            in->req[MASK_XENSTORE_IDX(prod + n++)] = buf[done++];
        if (n) {
            MB();
            STORE(in->req_prod, prod + n);
            g_kick(g);
            continue;
        }
        if (now_ms() > end)
            return -1;
        g_wait(g, 10);
    }
    return 0;
}

/* Consume from the response ring, telling the daemon there is room. */
static int ring_get(struct ring_guest *g, char *buf, size_t len, int ms)
{
    struct xenstore_domain_interface *in = g->intf;
    long long end = now_ms() + ms;
    size_t done = 0;

    while (done < len) {
        XENSTORE_RING_IDX cons = LOAD(in->rsp_cons), prod = LOAD(in->rsp_prod);
        uint32_t n = 0, avail = prod - cons;

        MB();
        while (n < avail && n <= XENSTORE_RING_SIZE && done < len)
            buf[done++] = in->rsp[MASK_XENSTORE_IDX(cons + n++)];
        if (n) {
            MB();
            STORE(in->rsp_cons, cons + n);
            g_kick(g);
            continue;
        }
        if (now_ms() > end)
            return -1;
        g_wait(g, 10);
    }
    return 0;
}

/* ---- framing ---- */

int cli_read(struct cli *c, void *buf, size_t len, int ms)
{
    size_t have = 0;
    struct pollfd p = { .fd = c->fd, .events = POLLIN };

    if (c->g)
        return ring_get(c->g, buf, len, ms);
    while (have < len) {
        long n;

        if (poll(&p, 1, ms) <= 0)
            return -1;
        n = read(c->fd, (char *)buf + have, len - have);
        if (n <= 0)
            return -1;
        have += n;
    }
    return 0;
}

int cli_write(struct cli *c, const void *buf, size_t len, int ms)
{
    if (c->g)
        return ring_put(c->g, buf, len, ms);
    return write(c->fd, buf, len) == (long)len ? 0 : -1;
}

void send_raw(struct cli *c, uint32_t type, uint32_t id, uint32_t tx,
              const void *data, uint32_t len)
{
    struct xsd_sockmsg h = { type, id, tx, len };

    if (cli_write(c, &h, sizeof(h), 3000) ||
        (len && cli_write(c, data, len, 3000)))
        CHECK(0, "send failed");
}

/* One message; -1 on timeout or a closed connection. */
int recv_msg(struct cli *c, struct xsd_sockmsg *h, struct reply *r, int ms)
{
    if (cli_read(c, h, sizeof(*h), ms) || h->len > XENSTORE_PAYLOAD_MAX ||
        cli_read(c, r->data, h->len, ms))
        return -1;
    r->data[h->len] = '\0';
    r->len = h->len;
    r->type = h->type;
    r->tx_id = h->tx_id;
    return 0;
}

static void stash_event(struct cli *c, const struct reply *r)
{
    struct event *e;

    if (c->nev == 16)
        return;
    e = &c->ev[c->nev++];
    snprintf(e->path, sizeof(e->path), "%s", r->data);
    snprintf(e->token, sizeof(e->token), "%s",
             r->data + strlen(r->data) + 1);
}

/* Send a request and wait for its reply, keeping watch events aside. */
int request(struct cli *c, uint32_t type, uint32_t tx, const void *data,
            uint32_t len, struct reply *r)
{
    uint32_t id = c->next_id++;
    struct xsd_sockmsg h;

    send_raw(c, type, id, tx, data, len);
    for (;;) {
        if (recv_msg(c, &h, r, 3000)) {
            CHECK(0, "no reply to type %u", type);
            r->type = XS_INVALID;
            r->data[0] = 0;
            return -1;
        }
        if (h.type == XS_WATCH_EVENT) {
            stash_event(c, r);
            continue;
        }
        CHECK(h.req_id == id, "reply req_id %u, sent %u", h.req_id, id);
        return 0;
    }
}

/* Payload of NUL-terminated strings; the list ends with NULL. */
uint32_t strs(char *buf, ...)
{
    va_list ap;
    const char *s;
    uint32_t len = 0;

    va_start(ap, buf);
    while ((s = va_arg(ap, const char *))) {
        strcpy(buf + len, s);
        len += strlen(s) + 1;
    }
    va_end(ap);
    return len;
}

/* "OK", "EACCES", or the value read; static for easy comparison. */
const char *ask(struct cli *c, uint32_t type, uint32_t tx, ...)
{
    static struct reply r;
    char buf[XENSTORE_PAYLOAD_MAX];
    uint32_t len = 0;
    const char *s;
    va_list ap;

    va_start(ap, tx);
    while ((s = va_arg(ap, const char *))) {
        strcpy(buf + len, s);
        len += strlen(s) + 1;
    }
    va_end(ap);
    request(c, type, tx, buf, len, &r);
    return r.data;
}

const char *xwrite(struct cli *c, uint32_t tx, const char *path,
                   const char *val)
{
    static struct reply r;
    char buf[XENSTORE_PAYLOAD_MAX];
    uint32_t pl = strlen(path) + 1, vl = strlen(val);

    memcpy(buf, path, pl);
    memcpy(buf + pl, val, vl);
    request(c, XS_WRITE, tx, buf, pl + vl, &r);
    return r.data;
}

/* Raw payload of a given length, no NUL added. */
const char *raw(struct cli *c, uint32_t type, const void *p, uint32_t len)
{
    static struct reply r;

    request(c, type, 0, p, len, &r);
    return r.data;
}

void become(struct cli *c, unsigned int domid)
{
    char n[16];

    snprintf(n, sizeof(n), "%u", domid);
    EXPECT(ask(c, XS_CONTROL, 0, "test-set-domid", n, NULL), "OK");
}

/* Round-trip so every event queued before it has arrived. */
void sync_events(struct cli *c)
{
    ask(c, XS_GET_DOMAIN_PATH, 0, "0", NULL);
}

int take_event(struct cli *c, const char *path, const char *token)
{
    unsigned int i;

    for (i = 0; i < c->nev; i++) {
        if (!strcmp(c->ev[i].path, path) && !strcmp(c->ev[i].token, token)) {
            memmove(&c->ev[i], &c->ev[i + 1],
                    (c->nev - i - 1) * sizeof(c->ev[0]));
            c->nev--;
            return 1;
        }
    }
    return 0;
}
