/* SPDX-License-Identifier: MIT */
/*
 * Shared by the request files: the request being handled, the payload
 * helpers every handler uses, and the handlers the dispatch table names
 * (req_node.c: the tree; req_session.c: watches, transactions, domains,
 * control).
 */
#ifndef XENSTORED_REQUEST_H
#define XENSTORED_REQUEST_H

#include "xenstored.h"

struct req {
    struct conn *c;
    const struct xsd_sockmsg *h;
    char *body;                 /* body[h->len] == 0, see conn.c */
    char reply[XENSTORE_PAYLOAD_MAX];
    size_t rlen;
};

int one_arg(struct req *r, const char **arg);
int path_arg(struct req *r, char *path);
void reply_str(struct req *r, const char *s);
int pick_tree(struct req *r, struct opctx *o);

typedef int handler_fn(struct req *r);
handler_fn do_read, do_directory, do_directory_part, do_get_perms;
handler_fn do_write, do_mkdir_rm, do_set_perms;
handler_fn do_watch, do_tx_start, do_tx_end, do_get_domain_path;
handler_fn do_is_introduced, do_introduce, do_domain_op, do_set_target;
handler_fn do_reset_watches;
handler_fn do_control;

#endif
