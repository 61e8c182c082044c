/*
 * Circular doubly linked lists with a sentinel head.  An empty list's head
 * points at itself, so insertion and removal never need a NULL test.
 */
#ifndef XEN_LIST_H
#define XEN_LIST_H

#include <xen/compiler.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *h)
{
    h->next = h;
    h->prev = h;
}

static inline void __list_link(struct list_head *n, struct list_head *prev,
                               struct list_head *next)
{
    next->prev = n;
    n->next = next;
    n->prev = prev;
    prev->next = n;
}

/* Insert right after the head: the list behaves as a stack. */
static inline void list_add(struct list_head *n, struct list_head *head)
{
    __list_link(n, head, head->next);
}

/* Insert right before the head: the list behaves as a queue. */
static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
    __list_link(n, head->prev, head);
}

static inline void list_del(struct list_head *e)
{
    e->next->prev = e->prev;
    e->prev->next = e->next;
    e->next = e->prev = NULL;
}

static inline void list_del_init(struct list_head *e)
{
    e->next->prev = e->prev;
    e->prev->next = e->next;
    INIT_LIST_HEAD(e);
}

/* Move e to the end of the list whose head is head. */
static inline void list_move_tail(struct list_head *e, struct list_head *head)
{
    list_del(e);
    list_add_tail(e, head);
}

static inline bool list_empty(const struct list_head *h)
{
    return h->next == h;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_first_entry_or_null(head, type, member) \
    (list_empty(head) ? NULL : list_first_entry(head, type, member))

#define list_for_each(pos, head) \
    for ( (pos) = (head)->next; (pos) != (head); (pos) = (pos)->next )

#define list_for_each_entry(pos, head, member)                          \
    for ( (pos) = list_entry((head)->next, __typeof__(*(pos)), member); \
          &(pos)->member != (head);                                     \
          (pos) = list_entry((pos)->member.next, __typeof__(*(pos)), member) )

/* Safe against removal of the current entry. */
#define list_for_each_entry_safe(pos, n, head, member)                     \
    for ( (pos) = list_entry((head)->next, __typeof__(*(pos)), member),    \
          (n) = list_entry((pos)->member.next, __typeof__(*(pos)), member); \
          &(pos)->member != (head);                                        \
          (pos) = (n),                                                     \
          (n) = list_entry((n)->member.next, __typeof__(*(n)), member) )

#endif /* XEN_LIST_H */
