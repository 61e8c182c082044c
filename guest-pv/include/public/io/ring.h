/* SPDX-License-Identifier: MIT */
/*
 * Split-driver shared rings: the request/response ring protocol used by
 * every PV device (block, net, console-less devices, ...).
 *
 * Layout of the shared page (all indices are free-running 32-bit
 * counters; an index is turned into a slot with "& (size - 1)"):
 *
 *   offset  0  req_prod   written by the front end: requests published
 *   offset  4  req_event  written by the back end: "notify me when
 *                         req_prod passes this value"
 *   offset  8  rsp_prod   written by the back end: responses published
 *   offset 12  rsp_event  written by the front end, like req_event
 *   offset 16  pvt        4 bytes for protocol-specific use
 *   offset 20  __pad      44 bytes, zero
 *   offset 64  ring[]     slots; each is a union of one request and one
 *                         response.  The slot count is the largest power
 *                         of two that fits in the shared area.
 *
 * The front end puts requests in and takes responses out; the back end
 * does the opposite.  Responses reuse the slots of consumed requests, so
 * the front end must never have more than RING_SIZE requests outstanding.
 *
 * Each end also keeps private state (front_ring / back_ring): its
 * not-yet-published producer index and its consumer index.
 */

#ifndef PUBLIC_IO_RING_H
#define PUBLIC_IO_RING_H

#include <stddef.h>     /* offsetof */
#include <stdint.h>

/*
 * Memory barriers.  Users with their own barrier primitives define these
 * before including this file.  The defaults are for x86_64, which is TSO:
 * loads are not reordered with loads nor stores with stores, so rmb/wmb
 * only need to stop the compiler; a full barrier (store then load, as in
 * "publish producer index, then read the event index") needs MFENCE.
 */
#ifndef xen_mb
#define xen_mb()    __asm__ __volatile__ ( "mfence" : : : "memory" )
#endif
#ifndef xen_rmb
#define xen_rmb()   __asm__ __volatile__ ( "" : : : "memory" )
#endif
#ifndef xen_wmb
#define xen_wmb()   __asm__ __volatile__ ( "" : : : "memory" )
#endif

typedef unsigned int RING_IDX;

/*
 * Largest power of two <= x, as a constant expression (x < 2^32): copy
 * the top set bit into every lower bit, then keep only the top bit.
 */
#define __RING_FILL1(x)     ((x) | ((x) >> 1))
#define __RING_FILL2(x)     (__RING_FILL1(x) | (__RING_FILL1(x) >> 2))
#define __RING_FILL4(x)     (__RING_FILL2(x) | (__RING_FILL2(x) >> 4))
#define __RING_FILL8(x)     (__RING_FILL4(x) | (__RING_FILL4(x) >> 8))
#define __RING_FILL16(x)    (__RING_FILL8(x) | (__RING_FILL8(x) >> 16))
#define __RING_POW2_FLOOR(x) (__RING_FILL16(x) - (__RING_FILL16(x) >> 1))

/*
 * Slots in a ring of type tag _s occupying _sz bytes (constant
 * expression, usable for array sizes).
 */
#define __CONST_RING_SIZE(_s, _sz)                                      \
    ((unsigned int)__RING_POW2_FLOOR(                                   \
        ((_sz) - offsetof(struct _s##_sring, ring)) /                   \
        sizeof(((struct _s##_sring *)0)->ring[0])))

/* Same, given a pointer to the shared ring rather than the tag. */
#define __RING_SIZE(_s, _sz)                                            \
    ((unsigned int)__RING_POW2_FLOOR(                                   \
        ((_sz) - (size_t)((char *)(_s)->ring - (char *)(_s))) /         \
        sizeof((_s)->ring[0])))

/*
 * DEFINE_RING_TYPES(tag, request_type, response_type) declares
 *   union tag_sring_entry, struct tag_sring  (+ tag_sring_t)      shared
 *   struct tag_front_ring (+ tag_front_ring_t)                    private
 *   struct tag_back_ring  (+ tag_back_ring_t)                     private
 */
#define DEFINE_RING_TYPES(__name, __req_t, __rsp_t)                     \
                                                                        \
union __name##_sring_entry                                              \
{                                                                       \
    __req_t req;                                                        \
    __rsp_t rsp;                                                        \
};                                                                      \
                                                                        \
struct __name##_sring                                                   \
{                                                                       \
    RING_IDX req_prod, req_event;                                       \
    RING_IDX rsp_prod, rsp_event;                                       \
    union                                                               \
    {                                                                   \
        struct                                                          \
        {                                                               \
            uint8_t smartpoll_active;                                   \
        } netif;                                                        \
        struct                                                          \
        {                                                               \
            uint8_t msg;                                                \
        } tapif_user;                                                   \
        uint8_t pvt_pad[4];                                             \
    } pvt;                                                              \
    uint8_t __pad[44];                                                  \
    union __name##_sring_entry ring[1]; /* really RING_SIZE entries */  \
};                                                                      \
                                                                        \
struct __name##_front_ring                                              \
{                                                                       \
    RING_IDX req_prod_pvt;      /* requests queued, maybe unpublished */\
    RING_IDX rsp_cons;          /* responses consumed */                \
    unsigned int nr_ents;       /* slots in the ring */                 \
    struct __name##_sring *sring;                                       \
};                                                                      \
                                                                        \
struct __name##_back_ring                                               \
{                                                                       \
    RING_IDX rsp_prod_pvt;      /* responses queued, maybe unpublished */\
    RING_IDX req_cons;          /* requests consumed */                 \
    unsigned int nr_ents;                                               \
    struct __name##_sring *sring;                                       \
};                                                                      \
                                                                        \
typedef struct __name##_sring __name##_sring_t;                         \
typedef struct __name##_front_ring __name##_front_ring_t;               \
typedef struct __name##_back_ring __name##_back_ring_t

/*
 * Set up an empty shared ring (done once, by the front end).  The event
 * indices start at 1 so that the first message triggers a notification.
 */
#define SHARED_RING_INIT(_s) do {                                       \
    unsigned int __i;                                                   \
    (_s)->req_prod = 0;                                                 \
    (_s)->rsp_prod = 0;                                                 \
    (_s)->req_event = 1;                                                \
    (_s)->rsp_event = 1;                                                \
    for ( __i = 0; __i < sizeof((_s)->pvt.pvt_pad); __i++ )             \
        (_s)->pvt.pvt_pad[__i] = 0;                                     \
    for ( __i = 0; __i < sizeof((_s)->__pad); __i++ )                   \
        (_s)->__pad[__i] = 0;                                           \
} while ( 0 )

/* Attach an end's private state to a shared ring of __size bytes. */
#define FRONT_RING_ATTACH(_r, _s, _i, __size) do {                      \
    (_r)->req_prod_pvt = (_i);                                          \
    (_r)->rsp_cons = (_i);                                              \
    (_r)->nr_ents = __RING_SIZE(_s, __size);                            \
    (_r)->sring = (_s);                                                 \
} while ( 0 )

#define FRONT_RING_INIT(_r, _s, __size) FRONT_RING_ATTACH(_r, _s, 0, __size)

/* Front end: initialise the shared ring and attach to it. */
#define XEN_FRONT_RING_INIT(_r, _s, __size) do {                        \
    SHARED_RING_INIT(_s);                                               \
    FRONT_RING_INIT(_r, _s, __size);                                    \
} while ( 0 )

#define BACK_RING_ATTACH(_r, _s, _i, __size) do {                       \
    (_r)->rsp_prod_pvt = (_i);                                          \
    (_r)->req_cons = (_i);                                              \
    (_r)->nr_ents = __RING_SIZE(_s, __size);                            \
    (_r)->sring = (_s);                                                 \
} while ( 0 )

#define BACK_RING_INIT(_r, _s, __size) BACK_RING_ATTACH(_r, _s, 0, __size)

/* Slots in the ring. */
#define RING_SIZE(_r)   ((_r)->nr_ents)

/* Front end: slots still free for new requests. */
#define RING_FREE_REQUESTS(_r)                                          \
    (RING_SIZE(_r) - ((_r)->req_prod_pvt - (_r)->rsp_cons))

/* Front end: no slot free. */
#define RING_FULL(_r)   (RING_FREE_REQUESTS(_r) == 0)

/* Front end: responses published but not yet consumed. */
#define XEN_RING_NR_UNCONSUMED_RESPONSES(_r)                            \
    ((_r)->sring->rsp_prod - (_r)->rsp_cons)

/*
 * Back end: requests published but not yet consumed, capped by the
 * number of slots we could still answer (guards against a front end
 * that publishes a bogus req_prod).
 */
#define __RING_REQS_PENDING(_r)     ((_r)->sring->req_prod - (_r)->req_cons)
#define __RING_REQS_ROOM(_r)                                            \
    (RING_SIZE(_r) - ((_r)->req_cons - (_r)->rsp_prod_pvt))
#define XEN_RING_NR_UNCONSUMED_REQUESTS(_r)                             \
    (__RING_REQS_PENDING(_r) < __RING_REQS_ROOM(_r) ?                   \
     __RING_REQS_PENDING(_r) : __RING_REQS_ROOM(_r))

#ifdef XEN_RING_HAS_UNCONSUMED_IS_BOOL
#define RING_HAS_UNCONSUMED_RESPONSES(_r)                               \
    (!!XEN_RING_NR_UNCONSUMED_RESPONSES(_r))
#define RING_HAS_UNCONSUMED_REQUESTS(_r)                                \
    (!!XEN_RING_NR_UNCONSUMED_REQUESTS(_r))
#else
#define RING_HAS_UNCONSUMED_RESPONSES(_r) XEN_RING_NR_UNCONSUMED_RESPONSES(_r)
#define RING_HAS_UNCONSUMED_REQUESTS(_r)  XEN_RING_NR_UNCONSUMED_REQUESTS(_r)
#endif

/* Pointer to the request / response in the slot for index _idx. */
#define RING_GET_REQUEST(_r, _idx)                                      \
    (&((_r)->sring->ring[(_idx) & (RING_SIZE(_r) - 1)].req))
#define RING_GET_RESPONSE(_r, _idx)                                     \
    (&((_r)->sring->ring[(_idx) & (RING_SIZE(_r) - 1)].rsp))

/*
 * Copy a slot into private memory (through a volatile read, so the copy
 * really happens once) before validating it; the other end can still
 * change the shared copy.
 */
#define RING_COPY_(_type, _r, _idx, _dest) do {                         \
    *(_dest) = *(volatile __typeof__(_dest))RING_GET_##_type(_r, _idx); \
} while ( 0 )
#define RING_COPY_REQUEST(_r, _idx, _req)   RING_COPY_(REQUEST, _r, _idx, _req)
#define RING_COPY_RESPONSE(_r, _idx, _rsp)  RING_COPY_(RESPONSE, _r, _idx, _rsp)

/* Back end: would consuming request _cons overrun our unanswered slots? */
#define RING_REQUEST_CONS_OVERFLOW(_r, _cons)                           \
    (((_cons) - (_r)->rsp_prod_pvt) >= RING_SIZE(_r))

/* Back end: is a published req_prod of _prod impossible (bad front)? */
#define RING_REQUEST_PROD_OVERFLOW(_r, _prod)                           \
    (((_prod) - (_r)->rsp_prod_pvt) > RING_SIZE(_r))

/* Front end: is a published rsp_prod of _prod impossible (bad back)? */
#define RING_RESPONSE_PROD_OVERFLOW(_r, _prod)                          \
    (((_prod) - (_r)->rsp_cons) > RING_SIZE(_r))

/*
 * Publish queued messages: the slot contents must be visible before the
 * new producer index (write barrier in between).
 */
#define RING_PUSH_REQUESTS(_r) do {                                     \
    xen_wmb();                                                          \
    (_r)->sring->req_prod = (_r)->req_prod_pvt;                         \
} while ( 0 )

#define RING_PUSH_RESPONSES(_r) do {                                    \
    xen_wmb();                                                          \
    (_r)->sring->rsp_prod = (_r)->rsp_prod_pvt;                         \
} while ( 0 )

/*
 * Notification hold-off.  A consumer going idle stores "last consumed
 * + 1" into the event index, so it is woken by the next message.  A
 * producer publishing messages old..new-1 then must send an event iff
 * the event index lies in (old, new]; with wrapping 32-bit arithmetic
 * that is (new - event) < (new - old).  The full barrier orders the
 * producer-index store before the event-index load (and, on the
 * consumer side, the event-index store before re-reading the producer
 * index), otherwise both ends could miss each other.
 */
#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(_r, _notify) do {           \
    RING_IDX __old = (_r)->sring->req_prod;                             \
    RING_IDX __new = (_r)->req_prod_pvt;                                \
    xen_wmb();                                                          \
    (_r)->sring->req_prod = __new;                                      \
    xen_mb();                                                           \
    (_notify) = ((RING_IDX)(__new - (_r)->sring->req_event) <           \
                 (RING_IDX)(__new - __old));                            \
} while ( 0 )

#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(_r, _notify) do {          \
    RING_IDX __old = (_r)->sring->rsp_prod;                             \
    RING_IDX __new = (_r)->rsp_prod_pvt;                                \
    xen_wmb();                                                          \
    (_r)->sring->rsp_prod = __new;                                      \
    xen_mb();                                                           \
    (_notify) = ((RING_IDX)(__new - (_r)->sring->rsp_event) <           \
                 (RING_IDX)(__new - __old));                            \
} while ( 0 )

/*
 * Before going idle: if nothing is pending, arm the event index and look
 * once more (a message may have arrived meanwhile).  _work_to_do ends up
 * non-zero if there is something to process.
 */
#define RING_FINAL_CHECK_FOR_REQUESTS(_r, _work_to_do) do {             \
    (_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);                   \
    if ( _work_to_do )                                                  \
        break;                                                          \
    (_r)->sring->req_event = (_r)->req_cons + 1;                        \
    xen_mb();                                                           \
    (_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);                   \
} while ( 0 )

#define RING_FINAL_CHECK_FOR_RESPONSES(_r, _work_to_do) do {            \
    (_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);                  \
    if ( _work_to_do )                                                  \
        break;                                                          \
    (_r)->sring->rsp_event = (_r)->rsp_cons + 1;                        \
    xen_mb();                                                           \
    (_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);                  \
} while ( 0 )

#endif /* PUBLIC_IO_RING_H */
