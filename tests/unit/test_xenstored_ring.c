/* SPDX-License-Identifier: MIT */
/*
 * xenstored host tests with fake guests on shared rings (xenstored -X):
 * every message type over a ring, wraps, a full response ring, hostile
 * indexes and lengths, a guest that never reads, domain death through
 * VIRQ_DOM_EXC, SET_TARGET, per-domain quotas, dom0's own ring, and a
 * fuzz of malformed input over the socket and the ring.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "xs_client.h"

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define MB() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define VIRQ_DOM_EXC 3

/* A home /local/domain/<id> owned by the domain, made by dom0. */
static void make_home(struct cli *d0, unsigned int domid)
{
    char path[64], owner[16];

    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    snprintf(owner, sizeof(owner), "n%u", domid);
    EXPECT(ask(d0, XS_MKDIR, 0, path, NULL), "OK");
    EXPECT(ask(d0, XS_SET_PERMS, 0, path, owner, NULL), "OK");
}

static void drop_home(struct cli *d0, unsigned int domid)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    ask(d0, XS_RM, 0, path, NULL);
}

/* Wait for the daemon to report 'want' in the ring's error field. */
static int ring_error_is(struct cli *c, uint32_t want)
{
    int i;

    for (i = 0; i < 200; i++) {
        if (LOAD(c->g->intf->error) == want)
            return 1;
        g_kick(c->g);
        usleep(10000);
    }
    return 0;
}

/* Wait (up to 3 s, the machine may be loaded) for 'bytes' of responses. */
static int rsp_full(struct cli *g, uint32_t bytes)
{
    struct xenstore_domain_interface *in = g->g->intf;
    int i;

    for (i = 0; i < 300; i++) {
        if (LOAD(in->rsp_prod) - LOAD(in->rsp_cons) >= bytes)
            return 1;
        usleep(10000);
    }
    return 0;
}

/* Does the ring (or socket) still get answers? */
static int answers(struct cli *c)
{
    return !strncmp(ask(c, XS_GET_DOMAIN_PATH, 0, "5", NULL),
                    "/local/domain/5", 15);
}

static void reintroduce(struct cli *g)
{
    char d[16], m[32], p[16];
    struct cli d0;

    snprintf(d, sizeof(d), "%u", g->g->domid);
    snprintf(m, sizeof(m), "%llu", g->g->mfn);
    snprintf(p, sizeof(p), "%u", g->g->port);
    cli_open(&d0);
    EXPECT(ask(&d0, XS_INTRODUCE, 0, d, m, p, NULL), "OK");
    cli_close(&d0);
}

void t_ring_messages(void)
{
    struct cli d0, w, g;
    struct xsd_sockmsg h;
    struct reply r;
    char buf[128];

    cli_open(&d0);
    cli_open(&w);
    EXPECT(ask(&w, XS_WATCH, 0, "@introduceDomain", "in", NULL), "OK");
    EXPECT(ask(&w, XS_WATCH, 0, "@releaseDomain", "out", NULL), "OK");
    EXPECT_EVENT(&w, "@introduceDomain", "in");
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    ring_open(&g, 11);
    EXPECT_EVENT(&w, "@introduceDomain", "in");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "11", NULL), "T");
    make_home(&d0, 11);
    /* The daemon notifies after it consumed and produced. */
    while (g_wait(g.g, 0))
        ;
    EXPECT(ask(&g, XS_GET_DOMAIN_PATH, 0, "11", NULL), "/local/domain/11");
    send_raw(&g, XS_GET_DOMAIN_PATH, 99, 0, "1", 2);
    CHECK(g_wait(g.g, 2000), "no notification after a request");
    CHECK(!recv_msg(&g, &h, &r, 2000) &&
          !strcmp(r.data, "/local/domain/1"), "reply after notification");
    EXPECT(xwrite(&g, 0, "data/a", "v1"), "OK");
    EXPECT(ask(&g, XS_READ, 0, "/local/domain/11/data/a", NULL), "v1");
    EXPECT(ask(&g, XS_MKDIR, 0, "data/b", NULL), "OK");
    request(&g, XS_DIRECTORY, 0, buf, strs(buf, "data", NULL), &r);
    CHECK(r.len == 4 && !memcmp(r.data, "a\0b\0", 4), "directory %u", r.len);
    request(&g, XS_DIRECTORY_PART, 0, buf, strs(buf, "data", "0", NULL), &r);
    CHECK(r.type == XS_DIRECTORY_PART &&
          !memcmp(r.data + strlen(r.data) + 1, "a\0b\0\0", 5),
          "directory_part type %u", r.type);
    request(&g, XS_GET_PERMS, 0, buf, strs(buf, "data/a", NULL), &r);
    CHECK(r.len == 4 && !memcmp(r.data, "n11\0", 4), "perms %s", r.data);
    EXPECT(ask(&g, XS_SET_PERMS, 0, "data/a", "n11", "r0", NULL), "OK");
    EXPECT(ask(&g, XS_WATCH, 0, "data", "tok", NULL), "OK");
    EXPECT_EVENT(&g, "data", "tok");
    EXPECT(xwrite(&d0, 0, "/local/domain/11/data/c", "x"), "OK");
    EXPECT_EVENT(&g, "data/c", "tok");
    EXPECT(ask(&g, XS_UNWATCH, 0, "data", "tok", NULL), "OK");
    {
        uint32_t tx = strtoul(ask(&g, XS_TRANSACTION_START, 0, "", NULL),
                              NULL, 10);

        CHECK(tx, "transaction start over the ring");
        EXPECT(xwrite(&g, tx, "data/t", "in-tx"), "OK");
        EXPECT(ask(&g, XS_TRANSACTION_END, tx, "T", NULL), "OK");
    }
    EXPECT(ask(&g, XS_READ, 0, "data/t", NULL), "in-tx");
    EXPECT(ask(&g, XS_RM, 0, "data/b", NULL), "OK");
    EXPECT(ask(&g, XS_RESET_WATCHES, 0, NULL), "OK");
    EXPECT(ask(&g, XS_READ, 0, "/local/domain/11/none", NULL), "ENOENT");
    EXPECT(ask(&g, XS_INTRODUCE, 0, "12", "1", "1", NULL), "EACCES");
    EXPECT(ask(&g, XS_RELEASE, 0, "11", NULL), "EACCES");
    EXPECT(ask(&g, XS_IS_DOMAIN_INTRODUCED, 0, "11", NULL), "EACCES");
    EXPECT(ask(&g, XS_RESUME, 0, "11", NULL), "EACCES");
    EXPECT(ask(&g, XS_SET_TARGET, 0, "11", "0", NULL), "EACCES");
    EXPECT(ask(&g, XS_CONTROL, 0, "print", "x", NULL), "EACCES");
    EXPECT(raw(&g, 99, "", 0), "ENOSYS");
    /* Special watches: the first event only, as their perms are n0. */
    EXPECT(ask(&g, XS_WATCH, 0, "@introduceDomain", "gi", NULL), "OK");
    EXPECT_EVENT(&g, "@introduceDomain", "gi");
    {
        struct cli other;

        ring_open(&other, 19);
        EXPECT_EVENT(&w, "@introduceDomain", "in");
        EXPECT_NO_EVENT(&g);
        ring_close(&other);
        EXPECT_EVENT(&w, "@releaseDomain", "out");
        EXPECT_NO_EVENT(&g);
        /* ... unless dom0 lets it read them. */
        EXPECT(ask(&g, XS_SET_PERMS, 0, "@introduceDomain", "n11", NULL),
               "EACCES");
        EXPECT(ask(&d0, XS_SET_PERMS, 0, "@bogus", "n0", NULL), "EINVAL");
        EXPECT(ask(&d0, XS_SET_PERMS, 0, "@introduceDomain", "n0", "r11",
                   NULL), "OK");
        ring_open(&other, 20);
        EXPECT_EVENT(&w, "@introduceDomain", "in");
        EXPECT_EVENT(&g, "@introduceDomain", "gi");
        EXPECT(ask(&d0, XS_SET_PERMS, 0, "@introduceDomain", "n0", NULL),
               "OK");
        ring_close(&other);
        EXPECT_EVENT(&w, "@releaseDomain", "out");
    }
    /* A second INTRODUCE starts the session over, quietly. */
    EXPECT(ask(&g, XS_WATCH, 0, "data", "again", NULL), "OK");
    EXPECT_EVENT(&g, "data", "again");
    reintroduce(&g);
    EXPECT_NO_EVENT(&w);
    EXPECT(xwrite(&d0, 0, "/local/domain/11/data/d", "x"), "OK");
    EXPECT_NO_EVENT(&g);        /* the watch went with the old session */
    EXPECT(ask(&d0, XS_RELEASE, 0, "11", NULL), "OK");
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    send_raw(&g, XS_GET_DOMAIN_PATH, 7, 0, "1", 2);
    CHECK(recv_msg(&g, &h, &r, 300) != 0,
          "a released ring is still served");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "11", NULL), "F");
    EXPECT(ask(&d0, XS_RELEASE, 0, "11", NULL), "ENOENT");
    EXPECT(ask(&d0, XS_INTRODUCE, 0, "11", "1011", "0", NULL), "EINVAL");
    EXPECT(ask(&d0, XS_INTRODUCE, 0, "11", "999999", "5", NULL), "ENOENT");
    EXPECT(ask(&d0, XS_INTRODUCE, 0, "11", "1011", NULL), "EINVAL");
    drop_home(&d0, 11);
    ring_close(&g);
    cli_close(&w);
    cli_close(&d0);
}

/* RELEASE and INTRODUCE of one domain in one write: both succeed. */
void t_ring_release_reintroduce(void)
{
    struct xsd_sockmsg h;
    struct reply r;
    struct cli d0, g;
    char buf[128];
    uint32_t len;
    int i, ok = 0;

    cli_open(&d0);
    ring_open(&g, 61);
    len = strs(buf + sizeof(h), "61", NULL);
    h = (struct xsd_sockmsg){ XS_RELEASE, 1, 0, len };
    memcpy(buf, &h, sizeof(h));
    len += sizeof(h);
    h = (struct xsd_sockmsg){ XS_INTRODUCE, 2, 0,
                              strs(buf + len + sizeof(h), "61", "1061",
                                   "161", NULL) };
    memcpy(buf + len, &h, sizeof(h));
    len += sizeof(h) + h.len;
    CHECK(write(d0.fd, buf, len) == (long)len, "write");
    for (i = 0; i < 2; i++)
        ok += !recv_msg(&d0, &h, &r, 3000) && !strcmp(r.data, "OK");
    CHECK(ok == 2, "release + introduce in one round: %d OK", ok);
    CHECK(answers(&g), "the re-introduced ring");
    ring_close(&g);
    cli_close(&d0);
}

/* Messages of every size straddle the ring's end, both ways. */
void t_ring_wrap(void)
{
    struct cli d0, g;
    struct reply r;
    char val[Q_ENTRY + 1], path[96], buf[64];
    unsigned int i, len;

    cli_open(&d0);
    ring_open(&g, 12);
    make_home(&d0, 12);
    for (i = 0; i < 60; i++) {
        len = (i * 397) % 2000 + 1;    /* within the entry size */
        memset(val, 'a' + i % 26, len);
        val[len] = 0;
        EXPECT(xwrite(&g, 0, "v", val), "OK");
        request(&g, XS_READ, 0, buf, strs(buf, "v", NULL), &r);
        CHECK(r.len == len && !memcmp(r.data, val, len),
              "round %u: read back %u of %u bytes", i, r.len, len);
    }
    /* A reply three times the ring's size. */
    EXPECT(ask(&d0, XS_MKDIR, 0, "/wrap", NULL), "OK");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/wrap", "n0", "r12", NULL), "OK");
    for (i = 0; i < 80; i++) {
        snprintf(path, sizeof(path), "/wrap/child-with-a-long-name-%03u", i);
        EXPECT(ask(&d0, XS_MKDIR, 0, path, NULL), "OK");
    }
    request(&g, XS_DIRECTORY, 0, buf, strs(buf, "/wrap", NULL), &r);
    CHECK(r.len == 80 * 27 && !strcmp(r.data, "child-with-a-long-name-000") &&
          !strcmp(r.data + 79 * 27, "child-with-a-long-name-079"),
          "directory over the ring: %u bytes", r.len);
    EXPECT(ask(&d0, XS_RM, 0, "/wrap", NULL), "OK");
    drop_home(&d0, 12);
    ring_close(&g);
    cli_close(&d0);
}

/* Replies beyond the response ring wait for the guest, then all arrive. */
void t_ring_full_response(void)
{
    struct cli d0, g;
    struct xenstore_domain_interface *in;
    struct xsd_sockmsg h;
    struct reply r;
    char val[1001];
    unsigned int i;

    cli_open(&d0);
    ring_open(&g, 13);
    in = g.g->intf;
    memset(val, 'f', 1000);
    val[1000] = 0;
    EXPECT(xwrite(&d0, 0, "/fr", val), "OK");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/fr", "n0", "r13", NULL), "OK");
    for (i = 0; i < 10; i++)
        send_raw(&g, XS_READ, 100 + i, 0, "/fr", 4);
    CHECK(rsp_full(&g, XENSTORE_RING_SIZE) &&
          LOAD(in->rsp_prod) - LOAD(in->rsp_cons) == XENSTORE_RING_SIZE,
          "response ring not full: %u bytes",
          LOAD(in->rsp_prod) - LOAD(in->rsp_cons));
    CHECK(answers(&d0), "dom0 not served meanwhile");
    for (i = 0; i < 10; i++) {
        if (recv_msg(&g, &h, &r, 3000) || h.req_id != 100 + i ||
            r.len != 1000 || r.data[999] != 'f')
            break;
    }
    CHECK(i == 10, "%u of 10 large replies arrived in order", i);
    EXPECT(ask(&d0, XS_RM, 0, "/fr", NULL), "OK");
    ring_close(&g);
    cli_close(&d0);
}

/* Put bytes straight into the request ring, whatever the indexes say. */
static void put_raw(struct cli *g, const void *p, uint32_t len)
{
    struct xenstore_domain_interface *in = g->g->intf;
    XENSTORE_RING_IDX prod = LOAD(in->req_prod);
    uint32_t i;

    for (i = 0; i < len; i++)
        in->req[MASK_XENSTORE_IDX(prod + i)] = ((const char *)p)[i];
    MB();
    STORE(in->req_prod, prod + len);
    g_kick(g->g);
}

void t_ring_hostile(void)
{
    struct cli d0, g, by;
    struct xenstore_domain_interface *in;
    struct xsd_sockmsg h = { XS_GET_DOMAIN_PATH, 1, 0, 2 };
    struct reply r;
    char msg[sizeof(h) + 2];

    cli_open(&d0);
    ring_open(&g, 14);
    ring_open(&by, 15);
    in = g.g->intf;
    CHECK(answers(&g), "fresh ring");
    /* Producer far ahead: impossible, the ring is ignored. */
    STORE(in->req_prod, LOAD(in->req_cons) + 5000);
    g_kick(g.g);
    CHECK(ring_error_is(&g, XENSTORE_ERROR_RINGIDX), "prod ahead: error %u",
          LOAD(in->error));
    CHECK(answers(&by) && answers(&d0), "others after prod ahead");
    reintroduce(&g);
    CHECK(LOAD(in->error) == 0 && LOAD(in->req_prod) == 0, "reset ring");
    CHECK(answers(&g), "re-introduced ring");
    /* Consumer of responses moved back: as impossible. */
    STORE(in->rsp_cons, LOAD(in->rsp_prod) - 3000);
    memcpy(msg, &h, sizeof(h));
    memcpy(msg + sizeof(h), "1", 2);
    put_raw(&g, msg, sizeof(msg));
    CHECK(ring_error_is(&g, XENSTORE_ERROR_RINGIDX), "rsp_cons back: %u",
          LOAD(in->error));
    reintroduce(&g);
    /* The daemon's own index scribbled on: it keeps its own copy. */
    CHECK(answers(&g), "before req_cons scribble");
    STORE(in->req_cons, LOAD(in->req_cons) - 2000);
    put_raw(&g, msg, sizeof(msg));
    CHECK(!recv_msg(&g, &h, &r, 2000) && !strcmp(r.data, "/local/domain/1"),
          "answer despite a scribbled req_cons");
    CHECK(LOAD(in->req_cons) == LOAD(in->req_prod) && LOAD(in->error) == 0,
          "req_cons restored");
    /* A length the protocol forbids. */
    h = (struct xsd_sockmsg){ XS_READ, 2, 0, 0xffffffffu };
    put_raw(&g, &h, sizeof(h));
    CHECK(ring_error_is(&g, XENSTORE_ERROR_PROTO), "huge length: %u",
          LOAD(in->error));
    CHECK(answers(&by) && answers(&d0), "others after a huge length");
    reintroduce(&g);
    h = (struct xsd_sockmsg){ XS_READ, 3, 0, XENSTORE_PAYLOAD_MAX + 1 };
    put_raw(&g, &h, sizeof(h));
    CHECK(ring_error_is(&g, XENSTORE_ERROR_PROTO), "4097: %u",
          LOAD(in->error));
    reintroduce(&g);
    CHECK(answers(&g), "ring after all that");
    ring_close(&by);
    ring_close(&g);
    cli_close(&d0);
}

/* Send without reading: stops at the outstanding quota, others go on. */
void t_ring_stalled_guest(void)
{
    struct cli d0, g, by;
    struct xenstore_domain_interface *in;
    struct xsd_sockmsg h;
    struct reply r;
    unsigned int sent = 0, got = 0, events = 0, i;
    int idle = 0;

    cli_open(&d0);
    ring_open(&g, 16);
    ring_open(&by, 17);
    in = g.g->intf;
    EXPECT(ask(&d0, XS_MKDIR, 0, "/stall", NULL), "OK");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/stall", "n0", "r16", NULL), "OK");
    EXPECT(ask(&g, XS_WATCH, 0, "/stall", "w", NULL), "OK");
    EXPECT_EVENT(&g, "/stall", "w");
    while (sent < 400 && idle < 5) {
        uint32_t used = LOAD(in->req_prod) - LOAD(in->req_cons);

        if (XENSTORE_RING_SIZE - used >= sizeof(h) + 2) {
            send_raw(&g, XS_GET_DOMAIN_PATH, sent++, 0, "7", 2);
            idle = 0;
        } else {
            g_wait(g.g, 50);
            idle++;
        }
    }
    CHECK(sent < 400, "never stalled after %u requests", sent);
    CHECK(rsp_full(&g, XENSTORE_RING_SIZE - 40), "response ring not full");
    CHECK(LOAD(in->req_prod) != LOAD(in->req_cons),
          "the daemon read past the outstanding quota");
    CHECK(answers(&by) && answers(&d0), "others starved by a stalled guest");
    /* Events for it pile up only to a bound. */
    for (i = 0; i < 1500; i++)
        xwrite(&d0, 0, "/stall/x", "1");
    CHECK(answers(&by), "others after the event pile-up");
    while (got < sent) {
        if (recv_msg(&g, &h, &r, 3000))
            break;
        if (h.type == XS_WATCH_EVENT) {
            events++;
            continue;
        }
        if (h.req_id != got || strcmp(r.data, "/local/domain/7"))
            break;
        got++;
    }
    CHECK(got == sent, "%u of %u replies in order after the stall", got,
          sent);
    CHECK(events > 0 && events <= 1025, "%u events", events);
    EXPECT(ask(&d0, XS_RM, 0, "/stall", NULL), "OK");
    ring_close(&by);
    ring_close(&g);
    cli_close(&d0);
}

void t_ring_domain_death(void)
{
    struct cli d0, w, g;

    cli_open(&d0);
    cli_open(&w);
    ring_open(&g, 18);
    EXPECT(ask(&w, XS_WATCH, 0, "@releaseDomain", "out", NULL), "OK");
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    g_virq(VIRQ_DOM_EXC);       /* nothing happened to anyone */
    EXPECT_NO_EVENT(&w);
    fake_file("shutdown", 18, 1);
    g_virq(VIRQ_DOM_EXC);
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "18", NULL), "T");
    g_virq(VIRQ_DOM_EXC);       /* told once per shutdown */
    EXPECT_NO_EVENT(&w);
    EXPECT(ask(&d0, XS_RESUME, 0, "18", NULL), "OK");
    g_virq(VIRQ_DOM_EXC);
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    fake_file("dead", 18, 1);
    g_virq(VIRQ_DOM_EXC);
    EXPECT_EVENT(&w, "@releaseDomain", "out");
    EXPECT(ask(&d0, XS_IS_DOMAIN_INTRODUCED, 0, "18", NULL), "F");
    EXPECT(ask(&d0, XS_RESUME, 0, "18", NULL), "ENOENT");
    fake_file("shutdown", 18, 0);
    fake_file("dead", 18, 0);
    ring_close(&g);
    cli_close(&w);
    cli_close(&d0);
}

/* A device model with a target acts as the target on its nodes. */
void t_ring_set_target(void)
{
    struct cli d0, dm, t;

    cli_open(&d0);
    ring_open(&dm, 21);
    ring_open(&t, 22);
    make_home(&d0, 22);
    EXPECT(xwrite(&t, 0, "dev", "mine"), "OK");
    EXPECT(ask(&dm, XS_READ, 0, "/local/domain/22/dev", NULL), "EACCES");
    EXPECT(ask(&d0, XS_SET_TARGET, 0, "21", NULL), "EINVAL");
    EXPECT(ask(&d0, XS_SET_TARGET, 0, "21", "99", NULL), "ENOENT");
    EXPECT(ask(&d0, XS_SET_TARGET, 0, "99", "22", NULL), "ENOENT");
    EXPECT(ask(&d0, XS_SET_TARGET, 0, "21", "22", NULL), "OK");
    EXPECT(ask(&dm, XS_READ, 0, "/local/domain/22/dev", NULL), "mine");
    EXPECT(xwrite(&dm, 0, "/local/domain/22/dev", "dm"), "OK");
    EXPECT(ask(&dm, XS_SET_PERMS, 0, "/local/domain/22/dev", "n22", "r21",
               NULL), "OK");
    EXPECT(ask(&dm, XS_SET_PERMS, 0, "/local/domain/22/dev", "n21", NULL),
           "EPERM");
    EXPECT(ask(&t, XS_READ, 0, "dev", NULL), "dm");
    /* Only the target's privileges: dom0's nodes stay closed. */
    EXPECT(xwrite(&d0, 0, "/tgt", "x"), "OK");
    EXPECT(ask(&dm, XS_READ, 0, "/tgt", NULL), "EACCES");
    EXPECT(ask(&d0, XS_RM, 0, "/tgt", NULL), "OK");
    drop_home(&d0, 22);
    ring_close(&t);
    ring_close(&dm);
    cli_close(&d0);
}

/* Each quota stops one domain while another domain goes on. */
void t_ring_domain_quotas(void)
{
    struct cli d0, a, b, s1, s2;
    char path[96], big[Q_ENTRY + 2];
    unsigned int i, made = 0;
    const char *res = "";

    cli_open(&d0);
    ring_open(&a, 31);
    ring_open(&b, 32);
    make_home(&d0, 31);
    make_home(&d0, 32);
    for (i = 0; i < Q_NODES + 5; i++) {
        snprintf(path, sizeof(path), "n%u", i);
        res = ask(&a, XS_MKDIR, 0, path, NULL);
        if (strcmp(res, "OK"))
            break;
        made++;
    }
    CHECK(made == Q_NODES - 1 && !strcmp(res, "ENOSPC"), "nodes: %u, %s",
          made, res);
    EXPECT(ask(&b, XS_MKDIR, 0, "other", NULL), "OK");
    for (i = 0; i < Q_WATCHES + 1; i++) {
        snprintf(path, sizeof(path), "t%u", i);
        EXPECT(ask(&a, XS_WATCH, 0, "n1", path, NULL), "OK");
    }
    EXPECT(ask(&a, XS_WATCH, 0, "n1", "over", NULL), "E2BIG");
    EXPECT(ask(&b, XS_WATCH, 0, "other", "fine", NULL), "OK");
    for (i = 0; i < Q_TRANSACTIONS + 1; i++)
        CHECK(strtoul(ask(&a, XS_TRANSACTION_START, 0, "", NULL), NULL, 10),
              "transaction %u", i);
    EXPECT(ask(&a, XS_TRANSACTION_START, 0, "", NULL), "ENOSPC");
    CHECK(strtoul(ask(&b, XS_TRANSACTION_START, 0, "", NULL), NULL, 10),
          "other domain's transaction");
    memset(big, 'q', sizeof(big));
    big[Q_ENTRY + 1] = 0;
    EXPECT(xwrite(&a, 0, "n1", big), "ENOSPC");
    EXPECT(xwrite(&d0, 0, "/local/domain/31/n1", big), "OK");
    big[Q_ENTRY - 24 - 8] = 0;     /* a 2048-byte record */
    EXPECT(xwrite(&b, 0, "other", big), "ENOSPC");
    big[Q_ENTRY - 24 - 8 - 1] = 0;
    EXPECT(xwrite(&b, 0, "other", big), "OK");
    /* Children's names count in their parent's record too. */
    EXPECT(ask(&b, XS_MKDIR, 0, "dir", NULL), "OK");
    for (i = 0; i < 11; i++) {
        memset(path, 'a' + i, 70);     /* 211 bytes with the NUL */
        path[70] = 0;
        snprintf(big, sizeof(big), "dir/%s%s%s", path, path, path);
        res = ask(&b, XS_MKDIR, 0, big, NULL);
        if (strcmp(res, "OK"))
            break;
    }
    CHECK(i == 9 && !strcmp(res, "ENOSPC"), "children: %u, then %s", i,
          res);
    snprintf(big, sizeof(big), "/local/domain/32/%s", "dir/by-dom0");
    EXPECT(ask(&d0, XS_MKDIR, 0, big, NULL), "OK");
    EXPECT(ask(&a, XS_SET_PERMS, 0, "n1", "n31", "r1", "r2", "r3", "r4",
               "r5", NULL), "ENOSPC");
    EXPECT(ask(&d0, XS_SET_PERMS, 0, "/local/domain/31/n1", "n31", "r1",
               "r2", "r3", "r4", "r5", NULL), "OK");
    /* Watches count per domain, not per connection. */
    cli_open(&s1);
    cli_open(&s2);
    become(&s1, 33);
    become(&s2, 33);
    for (i = 0; i < Q_WATCHES + 1; i++) {
        snprintf(path, sizeof(path), "s%u", i);
        EXPECT(ask(&s1, XS_WATCH, 0, "/local", path, NULL), "OK");
    }
    EXPECT(ask(&s2, XS_WATCH, 0, "/local", "other-conn", NULL), "E2BIG");
    cli_close(&s1);
    CHECK(answers(&d0), "sync");    /* the daemon has seen s1 go */
    EXPECT(ask(&s2, XS_WATCH, 0, "/local", "after-close", NULL), "OK");
    cli_close(&s2);
    drop_home(&d0, 31);
    drop_home(&d0, 32);
    ring_close(&a);
    ring_close(&b);
    cli_close(&d0);
}

/*
 * Before the daemon starts: dom0's kernel's page with a request already
 * queued, as Linux queues them before a local xenstored runs.
 */
int prepare_dom0_ring(const char *dir)
{
    struct xsd_sockmsg h = { XS_GET_DOMAIN_PATH, 4711, 0, 2 };
    struct xenstore_domain_interface *in;
    char path[256];
    int fd;

    snprintf(path, sizeof(path), "%s/dom0-ring", dir);
    fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 4096))
        return 1;
    in = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (in == MAP_FAILED)
        return 1;
    memcpy(in->req, &h, sizeof(h));
    memcpy(in->req + sizeof(h), "0", 2);
    in->req_prod = sizeof(h) + 2;
    munmap(in, 4096);
    return 0;
}

void t_ring_dom0(void)
{
    struct ring_guest g0 = { .domid = 0, .port = 1 };
    struct cli c = { .fd = -1, .g = &g0, .next_id = 1 };
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct xsd_sockmsg h;
    struct reply r;
    char path[256];
    int fd;

    snprintf(path, sizeof(path), "%s/dom0-ring", fake_dir);
    fd = open(path, O_RDWR);
    g0.intf = fd < 0 ? MAP_FAILED : mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                         MAP_SHARED, fd, 0);
    if (fd >= 0)
        close(fd);
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/guest-0", fake_dir);
    unlink(sa.sun_path);
    g0.evfd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (g0.intf == MAP_FAILED ||
        bind(g0.evfd, (struct sockaddr *)&sa, sizeof(sa))) {
        CHECK(0, "no dom0 ring (run with --prepare-dom0 first)");
        return;
    }
    /* The request queued before the daemon started was answered. */
    CHECK(!recv_msg(&c, &h, &r, 3000) && h.req_id == 4711 &&
          !strcmp(r.data, "/local/domain/0"), "queued request: %s", r.data);
    /* Dom0's kernel is privileged. */
    EXPECT(xwrite(&c, 0, "/dom0ring", "k"), "OK");
    EXPECT(ask(&c, XS_IS_DOMAIN_INTRODUCED, 0, "0", NULL), "T");
    EXPECT(ask(&c, XS_CONTROL, 0, "print", "from dom0's ring", NULL), "OK");
    EXPECT(ask(&c, XS_RELEASE, 0, "0", NULL), "EINVAL");
    EXPECT(ask(&c, XS_RM, 0, "/dom0ring", NULL), "OK");
    munmap(g0.intf, 4096);
    close(g0.evfd);
    unlink(sa.sun_path);
}

static void random_payload(char *buf, uint32_t len)
{
    static const char alphabet[] = "/a\0b@T F0123-_.\xff";
    uint32_t i;

    for (i = 0; i < len; i++)
        buf[i] = rand() % 4 ? alphabet[rand() % (sizeof(alphabet) - 1)]
                            : (char)rand();
}

static uint32_t random_len(void)
{
    switch (rand() % 8) {
    case 0: return 0;
    case 1: return XENSTORE_PAYLOAD_MAX;
    case 2: return rand() % XENSTORE_PAYLOAD_MAX;
    default: return rand() % 48;
    }
}

static uint32_t random_type(void)
{
    return rand() % 5 ? (uint32_t)rand() % (XS_TYPE_COUNT + 2)
                      : (uint32_t)rand();
}

/* Socket: answered or dropped; a dropped client just reconnects. */
static void fuzz_socket(void)
{
    static char buf[XENSTORE_PAYLOAD_MAX + 64];
    struct xsd_sockmsg h;
    struct reply r;
    struct cli c;
    unsigned int n, i;

    cli_open(&c);
    for (n = 0; n < 400; n++) {
        uint32_t len = random_len();

        random_payload(buf, len);
        h = (struct xsd_sockmsg){ random_type(), n, rand() % 3, len };
        if (rand() % 50 == 0)
            h.len = rand();     /* a lie: may drop the connection */
        if (write(c.fd, &h, sizeof(h)) != sizeof(h) ||
            (len && write(c.fd, buf, len) != (long)len) ||
            recv_msg(&c, &h, &r, 500)) {
            cli_close(&c);
            cli_open(&c);
        }
    }
    /* A flood nobody reads, then gone. */
    for (i = 0; i < 300; i++) {
        h = (struct xsd_sockmsg){ XS_DIRECTORY, i, 0, 2 };
        if (write(c.fd, &h, sizeof(h)) != sizeof(h) ||
            write(c.fd, "/", 2) != 2)
            break;
    }
    cli_close(&c);
}

/* Ring: garbage in, errors out or the ring ignored; re-introduce, go on. */
static void fuzz_ring(void)
{
    static char buf[XENSTORE_PAYLOAD_MAX + 64];
    struct xenstore_domain_interface *in;
    struct xsd_sockmsg h;
    struct cli g;
    unsigned int n;

    ring_open(&g, 51);
    in = g.g->intf;
    for (n = 0; n < 300; n++) {
        uint32_t len = random_len();

        random_payload(buf + sizeof(h), len);
        h = (struct xsd_sockmsg){ random_type(), n, rand() % 3, len };
        if (rand() % 40 == 0)
            h.len = rand();
        memcpy(buf, &h, sizeof(h));
        if (LOAD(in->error))
            reintroduce(&g);
        if (rand() % 30 == 0)
            STORE(in->rsp_cons, rand());        /* hostile indexes */
        if (rand() % 30 == 0)
            STORE(in->req_cons, rand());
        cli_write(&g, buf, sizeof(h) + len, 200);
        usleep(2000);
        STORE(in->rsp_cons, LOAD(in->rsp_prod));    /* discard replies */
        g_kick(g.g);
        if (LOAD(in->error) || rand() % 25 == 0)
            reintroduce(&g);
    }
    reintroduce(&g);
    CHECK(answers(&g), "fuzzed ring after a re-introduce");
    ring_close(&g);
}

void t_fuzz(void)
{
    struct cli d0, by;

    srand(4242);
    ring_open(&by, 52);
    fuzz_socket();
    fuzz_ring();
    cli_open(&d0);
    CHECK(answers(&d0), "socket after the fuzz");
    CHECK(answers(&by), "bystander ring after the fuzz");
    ring_close(&by);
    cli_close(&d0);
}
