/* SPDX-License-Identifier: MIT */
/*
 * Client side of the xenstored host tests: a client talks to the daemon
 * either over its Unix socket (as dom0's tools) or as a fake guest over a
 * shared ring (xenstored -X DIR, see tools/xenstored/domain_io_fake.c).
 * Requests, replies and watch events look the same on both.
 */
#ifndef XS_CLIENT_H
#define XS_CLIENT_H

#include <stdint.h>
#include <stdio.h>
#include <public/io/xs_wire.h>

/* Must match run-xenstored.sh. */
#define Q_NODES 50
#define Q_WATCHES 8
#define Q_TRANSACTIONS 3
#define Q_ENTRY 2048
#define Q_OUTSTANDING 20

extern const char *sock_path;
extern const char *fake_dir;
extern char why[512];           /* first failure of the current case */

#define CHECK(cond, ...) do {                                           \
        if (!(cond) && !why[0])                                         \
            snprintf(why, sizeof(why), __VA_ARGS__);                    \
    } while (0)

struct event {
    char path[256], token[64];
};
struct ring_guest {
    unsigned int domid, port;
    unsigned long long mfn;
    struct xenstore_domain_interface *intf;
    int evfd;                   /* DIR/guest-<domid>: the daemon's kicks */
};
struct cli {
    int fd;                     /* socket, or -1 */
    struct ring_guest *g;       /* ring, or NULL */
    uint32_t next_id;
    struct event ev[16];
    unsigned int nev;
};
struct reply {
    uint32_t type, tx_id;
    char data[XENSTORE_PAYLOAD_MAX + 1];
    unsigned int len;
};

int cli_open(struct cli *c);
void cli_close(struct cli *c);
/* Introduce domid with a fresh ring (frame 1000+domid, port 100+domid). */
int ring_open(struct cli *c, unsigned int domid);
void ring_close(struct cli *c);
int cli_write(struct cli *c, const void *buf, size_t len, int ms);
int cli_read(struct cli *c, void *buf, size_t len, int ms);

void send_raw(struct cli *c, uint32_t type, uint32_t id, uint32_t tx,
              const void *data, uint32_t len);
int recv_msg(struct cli *c, struct xsd_sockmsg *h, struct reply *r, int ms);
int request(struct cli *c, uint32_t type, uint32_t tx, const void *data,
            uint32_t len, struct reply *r);
uint32_t strs(char *buf, ...);
const char *ask(struct cli *c, uint32_t type, uint32_t tx, ...);
const char *xwrite(struct cli *c, uint32_t tx, const char *path,
                   const char *val);
const char *raw(struct cli *c, uint32_t type, const void *p, uint32_t len);
void become(struct cli *c, unsigned int domid);
void sync_events(struct cli *c);
int take_event(struct cli *c, const char *path, const char *token);

/* The fake guest's side of the ring and event channels. */
void g_kick(struct ring_guest *g);
int g_wait(struct ring_guest *g, int ms);
void g_virq(unsigned int virq);
void fake_file(const char *what, unsigned int domid, int present);

#define EXPECT(got, want) do {                                          \
        const char *g_ = (got);                                         \
        CHECK(!strcmp(g_, (want)), "line %d: got \"%s\", want \"%s\"",  \
              __LINE__, g_, (want));                                    \
    } while (0)
#define EXPECT_EVENT(c, p, t) do {                                      \
        sync_events(c);                                                 \
        CHECK(take_event(c, p, t), "line %d: no event %s/%s",           \
              __LINE__, p, t);                                          \
    } while (0)
#define EXPECT_NO_EVENT(c) do {                                         \
        sync_events(c);                                                 \
        CHECK((c)->nev == 0, "line %d: unexpected event %s/%s",         \
              __LINE__, (c)->ev[0].path, (c)->ev[0].token);             \
    } while (0)

/* Ring cases (test_xenstored_ring.c). */
void t_ring_messages(void);
void t_ring_release_reintroduce(void);
void t_ring_wrap(void);
void t_ring_full_response(void);
void t_ring_hostile(void);
void t_ring_stalled_guest(void);
void t_ring_domain_death(void);
void t_ring_set_target(void);
void t_ring_domain_quotas(void);
void t_ring_dom0(void);
void t_fuzz(void);
int prepare_dom0_ring(const char *dir);

#endif
