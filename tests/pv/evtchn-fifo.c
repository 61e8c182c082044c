/*
 * evtchn-fifo.c - the FIFO event ABI, on channels from dom0 to itself.
 *
 * The kernel switches to FIFO with EVTCHNOP_init_control (control block
 * in a page of its own) and gives one event-array page with
 * EVTCHNOP_expand_array, initialised the way Linux does (every word
 * MASKED).  Events are then read the way Linux's events_fifo.c reads
 * them: take the READY word, walk each ready queue from the control
 * block's HEAD (or the link where the last walk stopped), clearing
 * LINKED and the link field of each word.  Checked: pending state from
 * before the switch and before the array page carries over, queue order
 * (priority first, then arrival), READY and evtchn_upcall_pending only
 * when a queue goes from empty to non-empty, no double linking of a
 * LINKED word, masked words are not linked until EVTCHNOP_unmask, a
 * closed port still linked is not handed out again until it is
 * unlinked, the FIFO-only ops' errors, and EVTCHNOP_reset going back to
 * the 2-level ABI.
 *
 * Events stay disabled (evtchn_upcall_mask = 1) except in one case: the
 * library's upcall handler only knows the 2-level ABI, so this test
 * reads the queues itself.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "evtchn-fifo: FIFO event ABI on channels to self";

#define CB_PFN      16          /* free boot pages (see docs/pv-tests.md) */
#define ARRAY_PFN   17
#define ARRAY2_PFN  18
#define BAD_PORT    0x7fffffffU
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(event_word_t))

#define P_BIT (1U << EVTCHN_FIFO_PENDING)
#define M_BIT (1U << EVTCHN_FIFO_MASKED)
#define L_BIT (1U << EVTCHN_FIFO_LINKED)
#define B_BIT (1U << EVTCHN_FIFO_BUSY)

static struct evtchn_fifo_control_block *cb;
static volatile event_word_t *array;
/* Where the last walk of each queue stopped (0: re-read HEAD). */
static uint32_t walk_head[EVTCHN_FIFO_MAX_QUEUES];

static long evtchn_op(int cmd, void *arg)
{
    return HYPERVISOR_event_channel_op(cmd, arg);
}

#define check_errno(rc, err, what) check_eq((rc), -(long)(err), (what))

static event_word_t word(evtchn_port_t p)
{
    return __atomic_load_n(&array[p], __ATOMIC_SEQ_CST);
}

static void word_or(evtchn_port_t p, event_word_t bits)
{
    __atomic_fetch_or(&array[p], bits, __ATOMIC_SEQ_CST);
}

static void word_and(evtchn_port_t p, event_word_t bits)
{
    __atomic_fetch_and(&array[p], bits, __ATOMIC_SEQ_CST);
}

static long send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    return evtchn_op(EVTCHNOP_send, &s);
}

static long close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    return evtchn_op(EVTCHNOP_close, &c);
}

static long unmask(evtchn_port_t port)
{
    struct evtchn_unmask u = { .port = port };

    return evtchn_op(EVTCHNOP_unmask, &u);
}

static long set_priority(evtchn_port_t port, uint32_t prio)
{
    struct evtchn_set_priority sp = { .port = port, .priority = prio };

    return evtchn_op(EVTCHNOP_set_priority, &sp);
}

static evtchn_port_t new_ipi(void)
{
    struct evtchn_bind_ipi bi = { .vcpu = 0 };

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_bind_ipi, &bi), "bind_ipi") )
        xtest_exit();
    return bi.port;
}

static void make_pair(evtchn_port_t *a, evtchn_port_t *b)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF,
                                       .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &au),
                         "alloc_unbound") )
        xtest_exit();
    bi.remote_port = au.port;
    if ( !check_rc_setup(evtchn_op(EVTCHNOP_bind_interdomain, &bi),
                         "bind_interdomain") )
        xtest_exit();
    *a = au.port;
    *b = bi.local_port;
}

/* Linux's clear_linked(): drop LINKED and the link, return the link. */
static uint32_t unlink_word(evtchn_port_t p)
{
    event_word_t w = word(p), n;

    do
        n = w & ~(L_BIT | EVTCHN_FIFO_LINK_MASK);
    while ( !__atomic_compare_exchange_n(&array[p], &w, n, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) );
    return w & EVTCHN_FIFO_LINK_MASK;
}

/*
 * Walk the ready queues, most urgent first, as Linux does.  Each port
 * found pending and unmasked is recorded (with its queue) and acked
 * (PENDING cleared).  Returns how many were recorded.
 */
static unsigned int consume(evtchn_port_t *ports, uint8_t *queues,
                            unsigned int max)
{
    uint32_t ready = __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
    unsigned int n = 0, guard = 0;

    while ( ready && guard++ < 4096 )
    {
        unsigned int q = __builtin_ctz(ready);
        uint32_t port = walk_head[q], next;

        if ( port == 0 )
            port = __atomic_load_n(&cb->head[q], __ATOMIC_SEQ_CST);
        next = unlink_word(port);
        if ( next == 0 )
            ready &= ~(1U << q);
        if ( (word(port) & (P_BIT | M_BIT)) == P_BIT )
        {
            if ( n < max )
            {
                ports[n] = port;
                queues[n] = q;
            }
            n++;
            word_and(port, ~P_BIT);
        }
        walk_head[q] = next;
        ready |= __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
    }
    return n;
}

static void expect_order(const evtchn_port_t *want, const uint8_t *wantq,
                         unsigned int nr, const char *what)
{
    evtchn_port_t got[16];
    uint8_t gotq[16];
    unsigned int n = consume(got, gotq, 16), i;

    if ( !check_eq(n, nr, what) )
        return;
    for ( i = 0; i < nr; i++ )
        check(got[i] == want[i] && gotq[i] == wantq[i],
              "%s: event %u is port %u on queue %u, expected %u on %u",
              what, i, got[i], gotq[i], want[i], wantq[i]);
}

static void clear_upcall(void)
{
    vcpu0()->evtchn_upcall_pending = 0;
    vcpu0()->evtchn_pending_sel = 0;
}

/* Switch to FIFO with ports a (unbound) and b (pending) already there. */
static void test_init(evtchn_port_t *pa, evtchn_port_t *pb)
{
    struct evtchn_init_control ic = { .control_gfn = pfn_to_mfn(CB_PFN),
                                      .offset = 0, .vcpu = 0 };
    struct evtchn_expand_array ea = { .array_gfn = pfn_to_mfn(ARRAY_PFN) };
    unsigned int i;
    long rc;

    cb = (void *)pfn_to_va(CB_PFN);
    array = (void *)pfn_to_va(ARRAY_PFN);
    memset(cb, 0, PAGE_SIZE);
    for ( i = 0; i < WORDS_PER_PAGE; i++ )
        array[i] = M_BIT;

    /* b is pending (2-level) from its bind; the switch must keep that. */
    make_pair(pa, pb);
    check(evtchn_pending(*pb), "b not pending before the switch");

    ic.link_bits = 0xee;
    rc = evtchn_op(EVTCHNOP_init_control, &ic);
    if ( !check_rc_setup(rc, "EVTCHNOP_init_control") )
        xtest_exit();
    check_eq(ic.link_bits, EVTCHN_FIFO_LINK_BITS, "link_bits");
    check_errno(evtchn_op(EVTCHNOP_init_control, &ic), XEN_EINVAL,
                "init_control for vCPU 0 again");
    check_eq(cb->ready, 0, "READY before any array page");

    ea.array_gfn = ~0ULL >> 12;
    check_errno(evtchn_op(EVTCHNOP_expand_array, &ea), XEN_EINVAL,
                "expand_array with a bad gfn");
    ea.array_gfn = 0;
    check_errno(evtchn_op(EVTCHNOP_expand_array, &ea), XEN_EINVAL,
                "expand_array with a frame dom0 does not own");
    ea.array_gfn = pfn_to_mfn(ARRAY_PFN);
    check_eq(evtchn_op(EVTCHNOP_expand_array, &ea), 0, "expand_array");
    xtest_info("after expand: word a %#x, word b %#x, ready %#x",
               word(*pa), word(*pb), cb->ready);
    check_eq(word(*pb), P_BIT | M_BIT, "b's word: pending, masked");
    check_eq(word(*pa), M_BIT, "a's word: masked");
}

/* A masked pending word is linked by EVTCHNOP_unmask. */
static void test_unmask_links(evtchn_port_t a, evtchn_port_t b)
{
    static const uint8_t q7[] = { EVTCHN_FIFO_PRIORITY_DEFAULT };

    clear_upcall();
    check_eq(unmask(b), 0, "EVTCHNOP_unmask(b)");
    check_eq(word(b), P_BIT | L_BIT, "b's word after unmask");
    check_eq(cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], b, "HEAD[7]");
    check_eq(cb->ready, 1U << EVTCHN_FIFO_PRIORITY_DEFAULT, "READY");
    check_eq(vcpu0()->evtchn_upcall_pending, 1, "upcall_pending");
    check_eq(vcpu0()->evtchn_pending_sel, 0, "pending_sel (2-level only)");
    expect_order(&b, q7, 1, "events after unmask(b)");
    check_eq(word(b), 0, "b's word after consuming");

    /* Unmask a, not pending: nothing happens but the mask bit. */
    clear_upcall();
    check_eq(unmask(a), 0, "EVTCHNOP_unmask(a)");
    check_eq(word(a), 0, "a's word after unmask");
    check(!vcpu0()->evtchn_upcall_pending, "upcall for an idle unmask");

    check_eq(send(a), 0, "send(a)");
    check_eq(word(b), P_BIT | L_BIT, "b's word after send(a)");
    expect_order(&b, q7, 1, "events after send(a)");
}

/* Queues by priority, each in arrival order; READY and upcall only
 * when a queue goes from empty to non-empty. */
static void test_priorities(void)
{
    evtchn_port_t p[5], want[5];
    uint8_t wantq[5];
    unsigned int i;

    for ( i = 0; i < 5; i++ )
    {
        p[i] = new_ipi();
        word_and(p[i], ~M_BIT);
    }
    check_eq(set_priority(p[1], 3), 0, "set_priority 3");
    check_eq(set_priority(p[3], 3), 0, "set_priority 3");
    check_eq(set_priority(p[2], 10), 0, "set_priority 10");
    check_eq(set_priority(p[4], EVTCHN_FIFO_PRIORITY_MAX), 0, "set_priority 0");

    clear_upcall();
    check_eq(send(p[0]), 0, "send p0");
    check_eq(cb->ready, 1U << 7, "READY after p0");
    check_eq(vcpu0()->evtchn_upcall_pending, 1, "upcall after p0");
    clear_upcall();
    check_eq(send(p[1]), 0, "send p1");
    check_eq(vcpu0()->evtchn_upcall_pending, 1, "upcall after p1 (new queue)");
    clear_upcall();
    check_eq(send(p[3]), 0, "send p3");
    check(!vcpu0()->evtchn_upcall_pending, "upcall after p3 (queue 3 busy)");
    check_eq(word(p[1]) & EVTCHN_FIFO_LINK_MASK, p[3], "p1 links to p3");
    check_eq(send(p[2]), 0, "send p2");
    check_eq(send(p[4]), 0, "send p4");
    check_eq(cb->ready, (1U << 0) | (1U << 3) | (1U << 7) | (1U << 10),
             "READY with four queues");
    check_eq(cb->head[3], p[1], "HEAD[3]");

    /* Sending again to linked words links nothing twice. */
    check_eq(send(p[1]), 0, "send p1 again");
    word_and(p[3], ~P_BIT);
    check_eq(send(p[3]), 0, "send p3 again, after its P was cleared");
    check_eq(word(p[3]), P_BIT | L_BIT, "p3's word");
    check_eq(word(p[1]), P_BIT | L_BIT | p[3], "p1's word");

    want[0] = p[4]; wantq[0] = 0;
    want[1] = p[1]; wantq[1] = 3;
    want[2] = p[3]; wantq[2] = 3;
    want[3] = p[0]; wantq[3] = 7;
    want[4] = p[2]; wantq[4] = 10;
    expect_order(want, wantq, 5, "events by priority");
    check_eq(cb->ready, 0, "READY after consuming");

    /* A tail still linked takes the next event without a new READY. */
    clear_upcall();
    check_eq(send(p[1]), 0, "send p1");
    __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);  /* being walked */
    check_eq(send(p[3]), 0, "send p3 behind p1");
    check_eq(cb->ready, 0, "READY when linking behind a tail");
    check_eq(word(p[1]) & EVTCHN_FIFO_LINK_MASK, p[3], "p1 links to p3");
    cb->ready = 1U << 3;
    want[0] = p[1]; want[1] = p[3];
    wantq[0] = wantq[1] = 3;
    expect_order(want, wantq, 2, "events behind a tail");
    for ( i = 0; i < 5; i++ )
        check_eq(close_port(p[i]), 0, "close");
}

/* Masked words are marked pending but not linked. */
static void test_masked(void)
{
    static const uint8_t q7[] = { 7 };
    evtchn_port_t p = new_ipi();

    word_or(p, M_BIT);
    clear_upcall();
    check_eq(send(p), 0, "send to a masked word");
    check_eq(word(p), P_BIT | M_BIT, "masked word after send");
    check_eq(cb->ready, 0, "READY for a masked word");
    check(!vcpu0()->evtchn_upcall_pending, "upcall for a masked word");
    check_eq(unmask(p), 0, "EVTCHNOP_unmask");
    check_eq(word(p), P_BIT | L_BIT, "word after unmask");
    expect_order(&p, q7, 1, "events after unmask");
    check_eq(close_port(p), 0, "close");
}

/* A closed port still on a queue is not reused until it is unlinked. */
static void test_busy_port(void)
{
    static const uint8_t q7[] = { 7 };
    evtchn_port_t p = new_ipi(), q, r;

    word_and(p, ~M_BIT);
    check_eq(send(p), 0, "send");
    check_eq(close_port(p), 0, "close a linked port");
    check_eq(word(p), L_BIT, "closed port's word (P cleared, still LINKED)");
    q = new_ipi();
    check(q != p, "port %u handed out again while still LINKED", p);
    /* Unlinking it (nothing to deliver: P is clear) frees it. */
    expect_order(NULL, q7, 0, "events from a closed port");
    check_eq(word(p), 0, "closed port's word after the walk");
    r = new_ipi();
    check_eq(r, p, "port reused once unlinked");
    check_eq(close_port(q), 0, "close");
    check_eq(close_port(r), 0, "close");
}

static void test_fifo_errors(evtchn_port_t a)
{
    struct evtchn_status st = { .dom = DOMID_SELF, .port = 5000 };
    struct sched_poll sp = { .nr_ports = 1 };
    evtchn_port_t port;

    check_errno(set_priority(a, EVTCHN_FIFO_PRIORITY_MIN + 1), XEN_EINVAL,
                "set_priority 16");
    check_errno(set_priority(BAD_PORT, 3), XEN_EINVAL, "set_priority huge port");
    check_eq(set_priority(a, EVTCHN_FIFO_PRIORITY_MIN), 0, "set_priority 15");
    check_eq(set_priority(a, EVTCHN_FIFO_PRIORITY_DEFAULT), 0,
             "set_priority 7");
    /* Beyond the 2-level range, but not a port that exists yet. */
    check_errno(evtchn_op(EVTCHNOP_status, &st), XEN_EINVAL, "status 5000");
    check_errno(unmask(BAD_PORT), XEN_EINVAL, "unmask huge port");
    /* Poll takes open ports only, on FIFO as on 2-level. */
    port = 5000;
    set_xen_guest_handle(sp.ports, &port);
    sp.timeout = 1;
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), XEN_EINVAL,
                "poll port 5000");
    port = 60;
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), XEN_EINVAL,
                "poll closed port 60");
    port = a;
    check_eq(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), 0, "poll open port a");
}

/* One upcall through the library's callback (which reads nothing). */
static void test_upcall(void)
{
    static const uint8_t q7[] = { 7 };
    evtchn_port_t p = new_ipi();
    unsigned long up = events_upcalls;

    word_and(p, ~M_BIT);
    clear_upcall();
    events_enable();
    check_eq(send(p), 0, "send with events enabled");
    events_disable();
    check_eq(events_upcalls, up + 1, "upcalls");
    expect_order(&p, q7, 1, "events after the upcall");
    check_eq(close_port(p), 0, "close");
}

/* Reset closes everything and goes back to the 2-level ABI. */
static void test_reset(void)
{
    struct evtchn_reset r = { .dom = DOMID_SELF };
    struct evtchn_expand_array ea = { .array_gfn = pfn_to_mfn(ARRAY2_PFN) };
    struct evtchn_init_control ic = { .control_gfn = pfn_to_mfn(CB_PFN),
                                      .offset = 64, .vcpu = 0 };
    evtchn_port_t a, b;

    check_eq(evtchn_op(EVTCHNOP_reset, &r), 0, "reset(self)");
    check_errno(evtchn_op(EVTCHNOP_expand_array, &ea), XEN_EOPNOTSUPP,
                "expand_array after reset");
    make_pair(&a, &b);
    check_errno(set_priority(a, 3), XEN_ENOSYS, "set_priority after reset");
    check(evtchn_pending(b), "2-level pending bit of a new pair after reset");
    check_eq(close_port(a), 0, "close");
    check_eq(close_port(b), 0, "close");
    /* FIFO can be entered again (here with the block at offset 64). */
    memset(cb, 0, PAGE_SIZE);
    check_eq(evtchn_op(EVTCHNOP_init_control, &ic), 0,
             "init_control after reset");
    check_eq(evtchn_op(EVTCHNOP_reset, &r), 0, "reset(self) again");
}

void test_main(void)
{
    evtchn_port_t a, b;

    events_disable();
    test_init(&a, &b);
    test_unmask_links(a, b);
    test_priorities();
    test_masked();
    test_busy_port();
    test_fifo_errors(a);
    test_upcall();
    check_eq(close_port(a), 0, "close a");
    check_eq(close_port(b), 0, "close b");
    test_reset();
}
