/* SPDX-License-Identifier: MIT */
/*
 * Shared declarations of the xenstore daemon.  One concept per file:
 * main.c (command line, poll loop), conn.c (framing, transports),
 * request.c (dispatch), req_node.c and req_session.c (handlers), args.c
 * (payload parsing), ops.c (checked tree changes), tree.c, perms.c,
 * transaction.c, watch.c, domain.c (introduced domains), ring.c (the
 * shared-ring transport), control.c, log.c; domain_io.h is what domains
 * need from the OS, with domain_io_linux.c and domain_io_fake.c.
 */
#ifndef XENSTORED_H
#define XENSTORED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/io/xs_wire.h>

#define DOM0 0u

/* ---- log.c ---- */
extern int log_level;           /* 0 errors, 1 info, 2 debug */
void xs_log(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void *xs_alloc(size_t size);    /* zeroed; aborts when memory is gone */
char *xs_strdup(const char *s);

/* ---- quotas (main.c sets them from the command line) ---- */
struct quotas {
    unsigned int nodes;         /* nodes owned by one domain */
    unsigned int entry_size;    /* bytes of one node's record (Xen's) */
    unsigned int watches;       /* watches of one domain */
    unsigned int transactions;  /* open transactions of one domain */
    unsigned int outstanding;   /* replies queued per domain before its
                                   input pauses (unprivileged only) */
    unsigned int perms;         /* entries in one permission list */
};
extern struct quotas quota;

/* ---- perms.c ---- */
#define PERM_READ  1u
#define PERM_WRITE 2u
struct perm {
    unsigned int domid;
    unsigned int mode;          /* PERM_READ | PERM_WRITE */
};
struct perms {
    unsigned int n;             /* entry 0 is owner and default */
    struct perm *e;
};
int perms_parse(struct perms *out, const char *strs, size_t len,
                unsigned int nstrs);
size_t perms_format(const struct perms *p, char *buf, size_t size);
unsigned int perms_mode_for(const struct perms *p, unsigned int domid,
                            int target, bool privileged);
void perms_copy(struct perms *dst, const struct perms *src);
void perms_free(struct perms *p);

/* ---- tree.c ---- */
struct node {
    char *name;                 /* last path component, "" for the root */
    char *value;
    unsigned int vlen;
    struct perms perms;
    uint64_t gen;               /* bumped on every change of this node */
    struct node *parent, *child, *next;
};
struct owner_count {
    unsigned int domid, count;
};
struct tree {
    struct node *root;
    struct owner_count *counts; /* nodes per owner, for the quota */
    unsigned int ncounts;
};
extern struct tree *main_tree;
extern uint64_t tree_generation;

bool path_valid(const char *path);
struct tree *tree_new(void);
struct tree *tree_copy(const struct tree *t);
void tree_free(struct tree *t);
struct node *tree_lookup(struct tree *t, const char *path);
struct node *tree_nearest(struct tree *t, const char *path);
int tree_create(struct tree *t, const char *path, unsigned int owner,
                bool privileged, size_t vlen, struct node **out);
bool record_fits(unsigned int nperms, size_t vlen, size_t childlen);
int tree_set_value(struct tree *t, struct node *n, const char *v,
                   unsigned int len);
void tree_remove(struct tree *t, struct node *n);
void tree_set_perms(struct tree *t, struct node *n, const struct perms *p);
unsigned int tree_owned(const struct tree *t, unsigned int domid);
size_t node_children(const struct node *n, char *buf, size_t size);
size_t node_path(const struct node *n, char *buf, size_t size);

/* ---- conn.c ---- */
struct conn;
/* A transport moves bytes; the socket is one, a shared ring will be another. */
struct transport {
    const char *name;
    long (*read)(struct conn *c, void *buf, size_t len);
    long (*write)(struct conn *c, const void *buf, size_t len);
    void (*close)(struct conn *c);
};
struct outmsg {
    struct outmsg *next;
    size_t len, off;
    char data[];
};
struct watch;
struct tx;
struct domain;
struct conn {
    struct conn *next;
    const struct transport *tp;
    int fd;                     /* socket transport */
    struct domain *dom;         /* ring transport */
    unsigned int domid;
    int target;                 /* SET_TARGET's domain, or -1 */
    bool privileged;
    bool dead;
    bool ignored;               /* a dead ring, kept until its domain goes */
    bool released;              /* its domain went: free it */
    uint32_t ring_error;        /* XENSTORE_ERROR_* when it died */
    struct xsd_sockmsg hdr;
    unsigned int hdr_have, body_have;
    char body[XENSTORE_PAYLOAD_MAX + 1];  /* +1: room for a closing NUL */
    struct outmsg *out_head, *out_tail;
    unsigned int out_count;
    unsigned int out_replies;   /* out_count without watch events */
    bool dropping;              /* watch events are being dropped */
    struct watch *watches;
    unsigned int nwatches;
    struct tx *txs;
    unsigned int ntxs;
};
extern struct conn *conns;
extern const struct transport socket_transport;
struct conn *conn_new(const struct transport *tp, int fd);
void conn_restart(struct conn *c);
unsigned int domain_outstanding(unsigned int domid);
void conn_input(struct conn *c);
void conn_output(struct conn *c);
bool conn_wants_input(const struct conn *c);
void conn_reap(void);
void conn_send(struct conn *c, uint32_t type, uint32_t req_id,
               uint32_t tx_id, const void *data, size_t len);
void conn_send_error(struct conn *c, const struct xsd_sockmsg *req, int err);

/* ---- request.c, args.c ---- */
void request_dispatch(struct conn *c, const struct xsd_sockmsg *h,
                      char *body);
int canonical_path(const struct conn *c, const char *in, char *out,
                   size_t size);

/* ---- ops.c: tree changes shared by requests and commits ---- */
struct events;
struct opctx {
    struct tree *tree;
    unsigned int domid;
    int target;
    bool privileged;
    struct tx *tx;              /* records accesses; NULL outside one */
    struct events *events;      /* collects watch events; NULL: none */
};
int missing_error(const struct opctx *o, const char *path, unsigned int mode);
int op_write(struct opctx *o, const char *path, const char *v,
             unsigned int len);
int op_mkdir(struct opctx *o, const char *path);
int op_rm(struct opctx *o, const char *path);
int op_set_perms(struct opctx *o, const char *path, const struct perms *p);

/* ---- transaction.c ---- */
enum tx_op { TXOP_WRITE, TXOP_MKDIR, TXOP_RM, TXOP_SET_PERMS };
struct tx *tx_start(struct conn *c, uint32_t *id);
struct tx *tx_find(struct conn *c, uint32_t id);
struct tree *tx_tree(struct tx *t);
void tx_note(struct tx *t, const char *path);
void tx_log(struct tx *t, enum tx_op op, const char *path,
            const char *data, size_t len);
int tx_end(struct conn *c, struct tx *t, bool commit);
void tx_free_all(struct conn *c);
unsigned int domain_transactions(unsigned int domid);

/* ---- watch.c ---- */
int watch_add(struct conn *c, const char *path, const char *token,
              const char *relative_to);
int watch_remove(struct conn *c, const char *path, const char *token);
unsigned int domain_watches(unsigned int domid);
void watch_free_all(struct conn *c);
/*
 * Changes queue their watch events while they run; the events go out
 * only once the change is final (at once, or when a commit succeeds).
 */
struct pending_event;
struct events {
    struct pending_event *head;
};
void events_add(struct events *e, const char *path, bool exact,
                const struct perms *old);
void events_deliver(struct events *e);
void events_discard(struct events *e);
void watch_fire_special(const char *name);
int watch_set_special_perms(const struct conn *c, const char *name,
                            const struct perms *p);
void watch_fire_initial(struct conn *c, const char *path, const char *token);

/* ---- domain.c, ring.c ---- */
struct domain {
    struct domain *next;
    unsigned int domid;
    uint64_t mfn;
    int port;                   /* local port bound to the guest's */
    struct xenstore_domain_interface *intf;
    XENSTORE_RING_IDX req_cons, rsp_prod;   /* ours: never read back */
    struct conn *conn;
    bool kick;                  /* indexes moved: notify the guest */
    bool shutdown;              /* @releaseDomain fired for a shutdown */
    bool is_dom0;               /* dom0's kernel's page, not a grant */
};
struct domain_io;
extern const struct domain_io *dio;
int domain_init(const struct domain_io *io);
void domain_fini(void);
void domain_events(void);
void domain_service(void);
void domain_destroy(struct domain *d);
int domain_introduce(unsigned int domid, uint64_t mfn, unsigned int port);
int domain_release(unsigned int domid);
int domain_resume(unsigned int domid);
int domain_set_target(unsigned int domid, unsigned int target);
bool domain_introduced(unsigned int domid);
extern const struct transport ring_transport;
void ring_reset(struct domain *d);
void ring_adopt(struct domain *d);
void ring_kick(struct domain *d);
void ring_set_error(struct domain *d, uint32_t err);

/* ---- control.c ---- */
extern bool test_mode;
int control(struct conn *c, const struct xsd_sockmsg *h, char *body,
            char *reply, size_t *rlen);

/* ---- args.c ---- */
unsigned int count_strings(const char *buf, size_t len);
const char *nth_string(const char *buf, size_t len, unsigned int n);
int parse_uint(const char *s, unsigned long max, unsigned long *out);
unsigned int xen_atoi(const char *s);

#endif
