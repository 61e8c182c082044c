/*
 * Unit tests of the event channels (common/event_channel.c, event_2l.c,
 * event_fifo.c), compiled unchanged against evtchn_shim.c.
 *
 * Domains are built by hand (a shared_info page, vCPUs, the vcpu_info
 * slots) and go through evtchn_init()/evtchn_destroy(); hypercalls are
 * made through do_event_channel_op() as a given vCPU; the guest side of
 * each ABI (bitmaps, FIFO words and control blocks) is read and written
 * directly, the way a guest kernel would.
 *
 * Usage: evtchn-tests [case ...]   (all cases if none are named)
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <public/sched.h>
#include "shim/shim.h"
#include "evtchn_shim.h"
#include "harness.h"

#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <stdlib.h>
#include <unistd.h>

#define NR_FRAMES 1024            /* shim machine: all RAM */
/* Memory that test threads share with each other or with the code under
 * test is read and written atomically. */
#define LOAD(x)     __atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)
#define BAD_PORT 0x7fffffffU

/* ------------------------------------------------------------------
 * Domains
 */

static struct domain *dom_new(domid_t id, unsigned int nr_vcpus, bool priv)
{
    struct domain *d = calloc(1, sizeof(*d));

    CHECK(d);
    d->domain_id = id;
    d->is_privileged = priv;
    d->max_vcpus = nr_vcpus;
    CHECK(posix_memalign((void **)&d->shared_info, PAGE_SIZE, PAGE_SIZE) == 0);
    memset(d->shared_info, 0, PAGE_SIZE);
    d->vcpu = calloc(nr_vcpus, sizeof(*d->vcpu));
    for ( unsigned int i = 0; i < nr_vcpus; i++ )
    {
        struct vcpu *v = calloc(1, sizeof(*v));

        v->vcpu_id = i;
        v->domain = d;
        v->processor = i;
        if ( i < XEN_LEGACY_MAX_VCPUS )
            v->vcpu_info = &d->shared_info->vcpu_info[i];
        d->vcpu[i] = v;
    }
    CHECK_EQ(evtchn_init(d), 0);
    return d;
}

static void dom_free(struct domain *d)
{
    evtchn_destroy(d);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        free(d->vcpu[i]);
    free(d->vcpu);
    free(d->shared_info);
    free(d);
}

static bool machine_ready;

/* Frames for FIFO pages: RAM [0, NR_FRAMES), once per test process. */
static void machine(void)
{
    static const struct shim_range ram = { 0, NR_FRAMES };

    if ( !machine_ready )
        shim_machine(NR_FRAMES, &ram, 1);
    machine_ready = true;
}

/* ------------------------------------------------------------------
 * Hypercalls as a vCPU
 */

/* The hypercall answers 0 or -errno (ports come back in the argument). */
static long hc(struct vcpu *v, unsigned long cmd, void *arg)
{
    long rc;

    shim_run_as(v, v->processor);
    rc = do_event_channel_op(cmd, (unsigned long)arg, 0, 0, 0);
    CHECKF(rc <= 0 || rc == __HYPERVISOR_event_channel_op,
           "EVTCHNOP %lu returned %ld", cmd, rc);
    return rc;
}

static long alloc_unbound(struct vcpu *v, domid_t dom, domid_t remote)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
    long rc = hc(v, EVTCHNOP_alloc_unbound, &a);

    return rc ? rc : a.port;
}

static long bind_interdomain(struct vcpu *v, domid_t rdom, uint32_t rport)
{
    struct evtchn_bind_interdomain b = { .remote_dom = rdom,
                                         .remote_port = rport };
    long rc = hc(v, EVTCHNOP_bind_interdomain, &b);

    return rc ? rc : b.local_port;
}

static long bind_virq(struct vcpu *v, uint32_t virq, uint32_t vcpu)
{
    struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
    long rc = hc(v, EVTCHNOP_bind_virq, &b);

    return rc ? rc : b.port;
}

static long bind_ipi(struct vcpu *v, uint32_t vcpu)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = hc(v, EVTCHNOP_bind_ipi, &b);

    return rc ? rc : b.port;
}

static long close_port(struct vcpu *v, uint32_t port)
{
    struct evtchn_close c = { .port = port };

    return hc(v, EVTCHNOP_close, &c);
}

static long send(struct vcpu *v, uint32_t port)
{
    struct evtchn_send s = { .port = port };

    return hc(v, EVTCHNOP_send, &s);
}

static long status(struct vcpu *v, domid_t dom, uint32_t port,
                   struct evtchn_status *st)
{
    memset(st, 0xaa, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return hc(v, EVTCHNOP_status, st);
}

static uint32_t state_of(struct vcpu *v, uint32_t port)
{
    struct evtchn_status st;

    CHECK_EQ(status(v, DOMID_SELF, port, &st), 0);
    return st.status;
}

static long bind_vcpu(struct vcpu *v, uint32_t port, uint32_t vcpu)
{
    struct evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

    return hc(v, EVTCHNOP_bind_vcpu, &b);
}

static long unmask(struct vcpu *v, uint32_t port)
{
    struct evtchn_unmask u = { .port = port };

    return hc(v, EVTCHNOP_unmask, &u);
}

static long reset(struct vcpu *v, domid_t dom)
{
    struct evtchn_reset r = { .dom = dom };

    return hc(v, EVTCHNOP_reset, &r);
}

static long set_priority(struct vcpu *v, uint32_t port, uint32_t prio)
{
    struct evtchn_set_priority sp = { .port = port, .priority = prio };

    return hc(v, EVTCHNOP_set_priority, &sp);
}

static long poll(struct vcpu *v, evtchn_port_t *ports, unsigned int nr,
                 uint64_t timeout)
{
    struct sched_poll p = { .nr_ports = nr, .timeout = timeout };

    set_xen_guest_handle(p.ports, ports);
    shim_run_as(v, v->processor);
    return evtchn_poll(&p);
}

/* a = alloc_unbound(self, self), b = bind_interdomain(self, a). */
static void pair(struct vcpu *v, uint32_t *a, uint32_t *b)
{
    long pa = alloc_unbound(v, DOMID_SELF, DOMID_SELF), pb;

    CHECKF(pa > 0, "alloc_unbound: %ld", pa);
    pb = bind_interdomain(v, DOMID_SELF, pa);
    CHECKF(pb > 0, "bind_interdomain: %ld", pb);
    *a = pa;
    *b = pb;
}

/* ------------------------------------------------------------------
 * The guest's view of the 2-level ABI
 */

static bool bit(const xen_ulong_t *w, unsigned int n)
{
    return (w[n / 64] >> (n % 64)) & 1;
}

static bool l2_pending(struct domain *d, unsigned int port)
{
    return bit(d->shared_info->evtchn_pending, port);
}

static void l2_set_mask(struct domain *d, unsigned int port, bool on)
{
    if ( on )
        d->shared_info->evtchn_mask[port / 64] |= 1UL << (port % 64);
    else
        d->shared_info->evtchn_mask[port / 64] &= ~(1UL << (port % 64));
}

static void l2_clear(struct domain *d, unsigned int port)
{
    d->shared_info->evtchn_pending[port / 64] &= ~(1UL << (port % 64));
}

static bool sel(struct vcpu *v, unsigned int port)
{
    return (v->vcpu_info->evtchn_pending_sel >> (port / 64)) & 1;
}

static uint8_t upcall(struct vcpu *v)
{
    return v->vcpu_info->evtchn_upcall_pending;
}

/* The guest took the upcall and consumed everything. */
static void l2_consume_all(struct domain *d)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i]->vcpu_info )
        {
            d->vcpu[i]->vcpu_info->evtchn_upcall_pending = 0;
            d->vcpu[i]->vcpu_info->evtchn_pending_sel = 0;
        }
    memset(d->shared_info->evtchn_pending, 0,
           sizeof(d->shared_info->evtchn_pending));
}

/* ------------------------------------------------------------------
 * Ops: errors common to all
 */

static void test_unknown_and_fault(void)
{
    static const unsigned int ops[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                        11, 12, 13 };
    struct domain *d = dom_new(0, 1, true);
    struct evtchn_status st = { .dom = DOMID_SELF, .port = 0 };

    CHECK_EQ(hc(d->vcpu[0], 14, NULL), -ENOSYS);
    CHECK_EQ(hc(d->vcpu[0], 1000, &st), -ENOSYS);
    CHECK_EQ(hc(d->vcpu[0], -1UL, &st), -ENOSYS);
    for ( unsigned int i = 0; i < ARRAY_SIZE(ops); i++ )
        CHECKF(hc(d->vcpu[0], ops[i], NULL) == -EFAULT, "op %u", ops[i]);
    /* Only the low 32 bits of the command count, as in Xen (an int). */
    CHECK_EQ(hc(d->vcpu[0], (1UL << 32) | EVTCHNOP_status, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_closed);
    dom_free(d);
}

static void test_alloc_unbound(void)
{
    struct domain *d0 = dom_new(0, 1, true), *d1 = dom_new(1, 1, false);
    struct vcpu *v0 = d0->vcpu[0], *v1 = d1->vcpu[0];
    struct evtchn_status st;

    CHECK_EQ(alloc_unbound(v1, DOMID_SELF, DOMID_SELF), 1);
    CHECK_EQ(alloc_unbound(v1, 1, 0), 2);
    CHECK_EQ(status(v1, DOMID_SELF, 1, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 1);             /* DOMID_SELF -> caller */
    CHECK_EQ(st.vcpu, 0);
    CHECK_EQ(status(v1, DOMID_SELF, 2, &st), 0);
    CHECK_EQ(st.u.unbound.dom, 0);
    /* The remote domain need not exist. */
    CHECK_EQ(alloc_unbound(v1, DOMID_SELF, 500), 3);

    CHECK_EQ(alloc_unbound(v1, 77, DOMID_SELF), -ESRCH);
    CHECK_EQ(alloc_unbound(v1, DOMID_INVALID, DOMID_SELF), -ESRCH);
    CHECK_EQ(alloc_unbound(v1, 0, DOMID_SELF), -EPERM);
    /* The privileged domain allocates in d1, for itself. */
    CHECK_EQ(alloc_unbound(v0, 1, DOMID_SELF), 4);
    CHECK_EQ(status(v1, DOMID_SELF, 4, &st), 0);
    CHECK_EQ(st.u.unbound.dom, 0);
    CHECK_EQ(state_of(v0, 1), EVTCHNSTAT_closed);
    dom_free(d1);
    dom_free(d0);
}

static void test_bind_interdomain_self(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    struct evtchn_status st;
    uint32_t a, b;

    pair(v, &a, &b);
    CHECK_EQ(a, 1);
    CHECK_EQ(b, 2);
    CHECK_EQ(status(v, DOMID_SELF, a, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(st.u.interdomain.dom, 0);
    CHECK_EQ(st.u.interdomain.port, b);
    CHECK_EQ(status(v, DOMID_SELF, b, &st), 0);
    CHECK_EQ(st.u.interdomain.port, a);
    /* The new local end starts pending (and, unmasked, raised). */
    CHECK(l2_pending(d, b));
    CHECK(!l2_pending(d, a));
    CHECK(sel(v, b) && upcall(v));
    /* An end that is connected cannot be bound again. */
    CHECK_EQ(bind_interdomain(v, DOMID_SELF, a), -EINVAL);
    CHECK_EQ(bind_interdomain(v, DOMID_SELF, b), -EINVAL);
    dom_free(d);
}

static void test_bind_interdomain_two_domains(void)
{
    struct domain *d1 = dom_new(1, 1, false), *d2 = dom_new(2, 1, false);
    struct domain *d3 = dom_new(3, 1, false);
    struct vcpu *v1 = d1->vcpu[0], *v2 = d2->vcpu[0], *v3 = d3->vcpu[0];
    struct evtchn_status st;
    long p1, p2, virq;

    p1 = alloc_unbound(v1, DOMID_SELF, 2);
    CHECK_EQ(bind_interdomain(v3, 1, p1), -EINVAL);     /* not for d3 */
    CHECK_EQ(bind_interdomain(v2, 9, p1), -ESRCH);
    CHECK_EQ(bind_interdomain(v2, 1, 0), -EINVAL);
    CHECK_EQ(bind_interdomain(v2, 1, BAD_PORT), -EINVAL);
    CHECK_EQ(bind_interdomain(v2, 1, p1 + 1), -EINVAL);  /* free */
    virq = bind_virq(v1, VIRQ_TIMER, 0);
    CHECK_EQ(bind_interdomain(v2, 1, virq), -EINVAL);
    /* Failures did not use up local ports. */
    p2 = bind_interdomain(v2, 1, p1);
    CHECK_EQ(p2, 1);
    CHECK_EQ(status(v1, DOMID_SELF, p1, &st), 0);
    CHECK_EQ(st.u.interdomain.dom, 2);
    CHECK_EQ(st.u.interdomain.port, p2);
    l2_consume_all(d2);

    CHECK_EQ(send(v2, p2), 0);
    CHECK(l2_pending(d1, p1) && !l2_pending(d2, p2));
    CHECK_EQ(upcall(v1), 1);
    CHECK_EQ(send(v1, p1), 0);
    CHECK(l2_pending(d2, p2));
    CHECK_EQ(bind_interdomain(v3, 1, p1), -EINVAL);     /* connected */
    dom_free(d3);
    dom_free(d2);
    dom_free(d1);
}

static void test_close(void)
{
    struct domain *d1 = dom_new(1, 1, false), *d2 = dom_new(2, 1, false);
    struct vcpu *v1 = d1->vcpu[0], *v2 = d2->vcpu[0];
    struct evtchn_status st;
    long p1 = alloc_unbound(v1, DOMID_SELF, 2), p2;

    p2 = bind_interdomain(v2, 1, p1);
    l2_set_mask(d2, p2, true);
    CHECK(l2_pending(d2, p2));
    CHECK_EQ(close_port(v2, p2), 0);
    /* Closing clears pending, leaves the guest's mask alone. */
    CHECK(!l2_pending(d2, p2));
    CHECK(bit(d2->shared_info->evtchn_mask, p2));
    CHECK_EQ(state_of(v2, p2), EVTCHNSTAT_closed);
    CHECK_EQ(status(v1, DOMID_SELF, p1, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 2);
    /* The survivor is an ordinary unbound port again. */
    CHECK_EQ(send(v1, p1), 0);
    CHECK_EQ(bind_interdomain(v2, 1, p1), p2);
    CHECK_EQ(close_port(v1, p1), 0);
    CHECK_EQ(status(v2, DOMID_SELF, p2, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 1);

    CHECK_EQ(close_port(v1, p1), -EINVAL);
    CHECK_EQ(close_port(v1, 0), -EINVAL);
    CHECK_EQ(close_port(v1, BAD_PORT), -EINVAL);
    CHECK_EQ(close_port(v1, 100), -EINVAL);
    dom_free(d2);
    dom_free(d1);
}

static void test_send(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1];
    uint32_t a, b;
    long u, ipi, virq;

    pair(v0, &a, &b);
    l2_consume_all(d);
    CHECK_EQ(send(v0, a), 0);                  /* raises the other end */
    CHECK(l2_pending(d, b) && !l2_pending(d, a));
    ipi = bind_ipi(v0, 1);
    CHECK_EQ(send(v0, ipi), 0);
    CHECK(l2_pending(d, ipi) && sel(v1, ipi) && upcall(v1));
    u = alloc_unbound(v0, DOMID_SELF, DOMID_SELF);
    CHECK_EQ(send(v0, u), 0);                  /* dropped */
    CHECK(!l2_pending(d, u));
    virq = bind_virq(v0, VIRQ_CONSOLE, 0);
    CHECK_EQ(send(v0, virq), -EINVAL);
    CHECK_EQ(send(v0, 0), -EINVAL);
    CHECK_EQ(send(v0, 50), -EINVAL);           /* free */
    CHECK_EQ(send(v0, BAD_PORT), -EINVAL);
    CHECK_EQ(evtchn_send(d, ipi), 0);
    CHECK_EQ(evtchn_send(d, 0), -EINVAL);
    dom_free(d);
}

static void test_bind_virq(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1];
    struct evtchn_status st;
    long t0, t1, con;

    t1 = bind_virq(v0, VIRQ_TIMER, 1);
    CHECK(t1 > 0);
    CHECK_EQ(bind_virq(v0, VIRQ_TIMER, 1), -EEXIST);
    t0 = bind_virq(v0, VIRQ_TIMER, 0);
    CHECK(t0 > 0 && t0 != t1);
    CHECK_EQ(status(v0, DOMID_SELF, t1, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_virq);
    CHECK_EQ(st.vcpu, 1);
    CHECK_EQ(st.u.virq, VIRQ_TIMER);
    CHECK_EQ(bind_virq(v0, VIRQ_CONSOLE, 1), -EINVAL);
    CHECK_EQ(bind_virq(v0, VIRQ_ARCH_0, 1), -EINVAL);
    CHECK_EQ(bind_virq(v0, NR_VIRQS, 0), -EINVAL);
    CHECK_EQ(bind_virq(v0, VIRQ_TIMER, 2), -ENOENT);
    CHECK_EQ(bind_virq(v0, VIRQ_CONSOLE, 5), -EINVAL);   /* global first */
    con = bind_virq(v0, VIRQ_CONSOLE, 0);
    CHECK_EQ(bind_virq(v0, VIRQ_CONSOLE, 0), -EEXIST);

    send_guest_vcpu_virq(v1, VIRQ_TIMER);
    CHECK(l2_pending(d, t1) && !l2_pending(d, t0));
    CHECK(upcall(v1) && !upcall(v0));
    send_guest_vcpu_virq(v0, VIRQ_DEBUG);      /* not bound: nothing */
    send_guest_global_virq(d, VIRQ_CONSOLE);
    CHECK(l2_pending(d, con) && upcall(v0));
    l2_consume_all(d);
    CHECK_EQ(bind_vcpu(v0, con, 1), 0);
    send_guest_global_virq(d, VIRQ_CONSOLE);
    CHECK(upcall(v1) && !upcall(v0));
    /* Closing frees the binding; the rebound global one too. */
    CHECK_EQ(close_port(v0, con), 0);
    CHECK_EQ(close_port(v0, t1), 0);
    CHECK(bind_virq(v0, VIRQ_CONSOLE, 0) > 0);
    CHECK(bind_virq(v0, VIRQ_TIMER, 1) > 0);
    dom_free(d);
}

static void test_bind_ipi_pirq(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v0 = d->vcpu[0];
    struct evtchn_bind_pirq bp = { .pirq = 5 };
    struct evtchn_status st;
    long p = bind_ipi(v0, 1);

    CHECK_EQ(status(v0, DOMID_SELF, p, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_ipi);
    CHECK_EQ(st.vcpu, 1);
    CHECK_EQ(bind_ipi(v0, 2), -ENOENT);
    CHECK_EQ(bind_ipi(v0, ~0U), -ENOENT);
    CHECK_EQ(hc(v0, EVTCHNOP_bind_pirq, &bp), -EPERM);
    bp.pirq = 100000;
    CHECK_EQ(hc(v0, EVTCHNOP_bind_pirq, &bp), -EINVAL);

    /* A lent PIRQ binds once, to a port on vCPU 0; closing unbinds it. */
    shim_lend_pirq(d, 5);
    bp.pirq = 5;
    CHECK_EQ(hc(v0, EVTCHNOP_bind_pirq, &bp), 0);
    CHECK(bp.port > 0);
    CHECK_EQ(shim_pirq_port(5), bp.port);
    CHECK_EQ(status(v0, DOMID_SELF, bp.port, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_pirq);
    CHECK_EQ(st.vcpu, 0);
    p = bp.port;
    CHECK_EQ(hc(v0, EVTCHNOP_bind_pirq, &bp), -EEXIST);
    CHECK_EQ(state_of(v0, p), EVTCHNSTAT_pirq);
    CHECK_EQ(close_port(v0, p), 0);
    CHECK_EQ(shim_pirq_port(5), 0);
    CHECK_EQ(hc(v0, EVTCHNOP_bind_pirq, &bp), 0);
    CHECK_EQ(close_port(v0, bp.port), 0);
    shim_lend_pirq(NULL, 5);
    dom_free(d);
}

static void test_bind_vcpu(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1];
    struct evtchn_status st;
    uint32_t a, b;
    long t, ipi, con, u;

    pair(v0, &a, &b);
    t = bind_virq(v0, VIRQ_TIMER, 0);
    ipi = bind_ipi(v0, 0);
    con = bind_virq(v0, VIRQ_DOM_EXC, 0);
    u = alloc_unbound(v0, DOMID_SELF, 3);
    CHECK_EQ(bind_vcpu(v0, BAD_PORT, 7), -ENOENT);       /* vCPU first */
    CHECK_EQ(bind_vcpu(v0, BAD_PORT, 1), -EINVAL);
    CHECK_EQ(bind_vcpu(v0, 0, 1), -EINVAL);
    CHECK_EQ(bind_vcpu(v0, 60, 1), -EINVAL);            /* free */
    CHECK_EQ(bind_vcpu(v0, t, 1), -EINVAL);
    CHECK_EQ(bind_vcpu(v0, ipi, 1), -EINVAL);
    CHECK_EQ(bind_vcpu(v0, con, 1), 0);
    CHECK_EQ(bind_vcpu(v0, u, 1), 0);
    CHECK_EQ(bind_vcpu(v0, a, 1), 0);
    CHECK_EQ(status(v0, DOMID_SELF, a, &st), 0);
    CHECK_EQ(st.vcpu, 1);
    l2_consume_all(d);
    CHECK_EQ(send(v0, b), 0);
    CHECK(upcall(v1) && !upcall(v0));
    dom_free(d);
}

static void test_status_permissions(void)
{
    struct domain *d0 = dom_new(0, 1, true), *d1 = dom_new(1, 1, false);
    struct evtchn_status st;
    long p = alloc_unbound(d1->vcpu[0], DOMID_SELF, 0);

    CHECK_EQ(status(d1->vcpu[0], 0, 0, &st), -EPERM);
    CHECK_EQ(status(d1->vcpu[0], 42, 0, &st), -ESRCH);
    CHECK_EQ(status(d1->vcpu[0], 1, p, &st), 0);         /* self by id */
    CHECK_EQ(status(d0->vcpu[0], 1, p, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(status(d0->vcpu[0], 1, BAD_PORT, &st), -EINVAL);
    /* Only allocated buckets hold valid ports. */
    CHECK_EQ(status(d0->vcpu[0], 1, 127, &st), 0);
    CHECK_EQ(status(d0->vcpu[0], 1, 128, &st), -EINVAL);
    dom_free(d1);
    dom_free(d0);
}

/* ------------------------------------------------------------------
 * 2-level delivery
 */

static void test_l2_pending_selector(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    long p1, p2, p70;

    for ( unsigned int i = 0; i < 70; i++ )
        bind_ipi(v, 0);
    p1 = 1;
    p2 = 2;
    p70 = 70;
    l2_consume_all(d);
    CHECK_EQ(send(v, p1), 0);
    CHECK(l2_pending(d, p1) && sel(v, p1) && upcall(v));
    /* Word 0's selector bit and the upcall are set: nothing new. */
    v->vcpu_info->evtchn_upcall_pending = 0;
    CHECK_EQ(send(v, p2), 0);
    CHECK(l2_pending(d, p2));
    CHECK_EQ(upcall(v), 0);
    /* Another word: new selector bit, so the upcall again. */
    CHECK_EQ(send(v, p70), 0);
    CHECK(sel(v, p70) && upcall(v));
    /* Pending already: the selector is not touched. */
    v->vcpu_info->evtchn_pending_sel = 0;
    v->vcpu_info->evtchn_upcall_pending = 0;
    CHECK_EQ(send(v, p70), 0);
    CHECK(!sel(v, p70) && !upcall(v));
    dom_free(d);
}

static void test_l2_mask_unmask(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    long p = bind_ipi(v, 0);

    l2_set_mask(d, p, true);
    CHECK_EQ(send(v, p), 0);
    CHECK(l2_pending(d, p) && !sel(v, p) && !upcall(v));
    CHECK_EQ(unmask(v, p), 0);
    CHECK(!bit(d->shared_info->evtchn_mask, p));
    CHECK(sel(v, p) && upcall(v));
    /* Unmasking what is not masked raises nothing, even if pending. */
    l2_consume_all(d);
    d->shared_info->evtchn_pending[0] |= 1UL << p;
    CHECK_EQ(unmask(v, p), 0);
    CHECK(!sel(v, p) && !upcall(v));
    /* Masked but not pending: nothing. */
    l2_consume_all(d);
    l2_set_mask(d, p, true);
    CHECK_EQ(unmask(v, p), 0);
    CHECK(!upcall(v));
    CHECK_EQ(unmask(v, BAD_PORT), -EINVAL);
    CHECK_EQ(unmask(v, 0), 0);
    dom_free(d);
}

static void test_l2_kick(void)
{
    struct domain *d = dom_new(0, 3, true);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1], *v2 = d->vcpu[2];
    long i1 = bind_ipi(v0, 1), i2 = bind_ipi(v0, 2), i0 = bind_ipi(v0, 0);
    unsigned int k;

    /* Blocked: woken. */
    v1->pause_flags = VPF_blocked;
    CHECK_EQ(send(v0, i1), 0);
    CHECK_EQ(shim_wakes(v1), 1);
    CHECK_EQ(v1->pause_flags, 0);
    /* Running on its CPU (2): interrupted there. */
    v2->is_running = true;
    k = shim_kicks(2);
    CHECK_EQ(send(v0, i2), 0);
    CHECK_EQ(shim_kicks(2), k + 1);
    CHECK_EQ(shim_wakes(v2), 0);
    /* The sender itself: it will see the upcall on its way out. */
    v0->is_running = true;
    k = shim_kicks(0);
    CHECK_EQ(send(v0, i0), 0);
    CHECK_EQ(shim_kicks(0), k);
    /* Upcall already pending: no second kick. */
    l2_clear(d, i2);
    v2->vcpu_info->evtchn_pending_sel = 0;
    k = shim_kicks(2);
    CHECK_EQ(send(v0, i2), 0);
    CHECK_EQ(shim_kicks(2), k);
    dom_free(d);
}

/* vCPUs past the shared_info slots have no vcpu_info until they
 * register one: events still mark ports pending, nothing crashes. */
static void test_l2_no_vcpu_info(void)
{
    struct domain *d = dom_new(0, XEN_LEGACY_MAX_VCPUS + 1, true);
    struct vcpu *v = d->vcpu[XEN_LEGACY_MAX_VCPUS];
    long p = bind_ipi(d->vcpu[0], XEN_LEGACY_MAX_VCPUS);

    CHECK(!v->vcpu_info);
    CHECK_EQ(send(d->vcpu[0], p), 0);
    CHECK(l2_pending(d, p));
    dom_free(d);
}

/* ------------------------------------------------------------------
 * Reset, limits, destruction
 */

static void test_reset(void)
{
    struct domain *d0 = dom_new(0, 1, true), *d1 = dom_new(1, 1, false);
    struct vcpu *v0 = d0->vcpu[0], *v1 = d1->vcpu[0];
    struct evtchn_status st;
    long p1 = alloc_unbound(v1, DOMID_SELF, 0), p0;

    p0 = bind_interdomain(v0, 1, p1);
    bind_virq(v1, VIRQ_TIMER, 0);
    bind_ipi(v1, 0);
    CHECK_EQ(reset(v1, 0), -EPERM);
    CHECK_EQ(reset(v1, 9), -ESRCH);
    CHECK_EQ(reset(v0, 1), 0);
    for ( unsigned int p = 1; p < 4; p++ )
        CHECK_EQ(state_of(v1, p), EVTCHNSTAT_closed);
    CHECK_EQ(status(v0, DOMID_SELF, p0, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 1);
    /* VIRQ bindings went with the ports. */
    CHECK(bind_virq(v1, VIRQ_TIMER, 0) > 0);
    CHECK_EQ(reset(v1, DOMID_SELF), 0);
    CHECK_EQ(alloc_unbound(v1, DOMID_SELF, 0), 1);
    dom_free(d1);
    dom_free(d0);
}

/* A reset with many ports yields when preemption is due. */
static void test_reset_preempt(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    unsigned int open = 0;

    for ( unsigned int i = 0; i < 1000; i++ )
        CHECK(bind_ipi(v, 0) > 0);
    shim_preempt = true;
    CHECK_EQ(reset(v, DOMID_SELF), __HYPERVISOR_event_channel_op);
    CHECK_EQ(shim_continuations, 1);
    for ( unsigned int p = 1; p <= 1000; p++ )
        open += state_of(v, p) != EVTCHNSTAT_closed;
    CHECK(open > 0 && open < 1000);
    shim_preempt = false;
    CHECK_EQ(reset(v, DOMID_SELF), 0);
    CHECK_EQ(alloc_unbound(v, DOMID_SELF, 0), 1);
    CHECK_EQ(alloc_unbound(v, DOMID_SELF, 0), 2);
    dom_free(d);
}

static unsigned int fill_ports(struct vcpu *v, long *last_rc)
{
    unsigned int n = 0;
    long rc;

    while ( (rc = alloc_unbound(v, DOMID_SELF, DOMID_SELF)) > 0 && n < 200000 )
        n++;
    *last_rc = rc;
    return n;
}

static void test_port_limits(void)
{
    struct domain *d0 = dom_new(0, 1, true), *d1 = dom_new(1, 1, false);
    struct domain *d2 = dom_new(2, 1, false);
    long rc;

    /* Unprivileged: ports 1..1023 (Xen's max_event_channels default). */
    CHECK_EQ(fill_ports(d1->vcpu[0], &rc), EVTCHN_DEFAULT_MAX_PORT);
    CHECK_EQ(rc, -ENOSPC);
    /* Privileged on 2-level: the ABI's 4096 ports. */
    CHECK_EQ(fill_ports(d0->vcpu[0], &rc), EVTCHN_2L_NR_CHANNELS - 1);
    CHECK_EQ(rc, -ENOSPC);
    CHECK_EQ(bind_ipi(d0->vcpu[0], 0), -ENOSPC);
    /* A closed port below the limit is found again. */
    CHECK_EQ(close_port(d0->vcpu[0], 2000), 0);
    CHECK_EQ(bind_ipi(d0->vcpu[0], 0), 2000);
    /* The builder's limit. */
    CHECK_EQ(evtchn_set_max_port(d2, 10), 0);
    CHECK_EQ(fill_ports(d2->vcpu[0], &rc), 10);
    CHECK_EQ(rc, -ENOSPC);
    CHECK_EQ(evtchn_alloc_unbound_port(d2, 0), -ENOSPC);
    CHECK_EQ(evtchn_set_max_port(d2, 11), 0);
    CHECK_EQ(evtchn_alloc_unbound_port(d2, 0), 11);
    dom_free(d2);
    dom_free(d1);
    dom_free(d0);
}

/* Buckets come as ports are used and all go at destroy. */
static void test_buckets_no_leak(void)
{
    struct domain *first = dom_new(9, 1, false);   /* the id table's leaf */
    long base = shim_live_objects(), small, big;
    struct domain *d0 = dom_new(0, 2, true), *d1;

    /* The state, its vCPU array, one group and one bucket. */
    small = shim_live_objects() - base;
    CHECK_EQ(small, 4);
    CHECK_EQ(fill_ports(d0->vcpu[0], &big), EVTCHN_2L_NR_CHANNELS - 1);
    big = shim_live_objects() - base;
    CHECK_EQ(big, small + EVTCHN_2L_NR_CHANNELS / 128 - 1);
    d1 = dom_new(1, 1, false);
    CHECK_EQ(bind_interdomain(d1->vcpu[0], 0, 77), -EINVAL);
    CHECK_EQ(close_port(d0->vcpu[0], 77), 0);
    CHECK_EQ(alloc_unbound(d0->vcpu[0], DOMID_SELF, 1), 77);
    CHECK_EQ(bind_interdomain(d1->vcpu[0], 0, 77), 1);
    dom_free(d0);
    /* Its peer's end went back to unbound. */
    CHECK_EQ(state_of(d1->vcpu[0], 1), EVTCHNSTAT_unbound);
    CHECK_EQ(alloc_unbound(d1->vcpu[0], 0, DOMID_SELF), -ESRCH);
    dom_free(d1);
    CHECK_EQ(shim_live_objects(), base);
    dom_free(first);
}

/* ------------------------------------------------------------------
 * FIFO
 */

#define P_BIT (1U << EVTCHN_FIFO_PENDING)
#define M_BIT (1U << EVTCHN_FIFO_MASKED)
#define L_BIT (1U << EVTCHN_FIFO_LINKED)
#define B_BIT (1U << EVTCHN_FIFO_BUSY)

struct fifo_guest {
    struct domain *d;
    unsigned long cb_mfn[2];
    struct evtchn_fifo_control_block *cb[2];
    unsigned long array_mfn[128];
    event_word_t *array[128];
    unsigned int nr_pages;
    uint32_t walk[2][EVTCHN_FIFO_MAX_QUEUES];
};

static long init_control(struct vcpu *v, unsigned long mfn, uint32_t offset,
                         uint32_t vcpu)
{
    struct evtchn_init_control ic = { .control_gfn = mfn, .offset = offset,
                                      .vcpu = vcpu };
    long rc = hc(v, EVTCHNOP_init_control, &ic);

    if ( !rc )
        CHECK_EQ(ic.link_bits, EVTCHN_FIFO_LINK_BITS);
    return rc;
}

static long expand(struct vcpu *v, unsigned long mfn)
{
    struct evtchn_expand_array ea = { .array_gfn = mfn };

    return hc(v, EVTCHNOP_expand_array, &ea);
}

/* Add one event-array page, every word MASKED (as Linux does). */
static void fifo_add_page(struct fifo_guest *g)
{
    unsigned int n = g->nr_pages;
    unsigned long mfn = 100 + n;

    shim_give_frame(g->d, mfn);
    g->array_mfn[n] = mfn;
    g->array[n] = mfn_to_virt(_mfn(mfn));
    for ( unsigned int i = 0; i < 1024; i++ )
        g->array[n][i] = M_BIT;
    CHECK_EQ(expand(g->d->vcpu[0], mfn), 0);
    g->nr_pages++;
}

/* Switch d to FIFO: control blocks for vCPU 0 (and 1) and one page. */
static void fifo_start(struct fifo_guest *g, struct domain *d, bool both)
{
    machine();
    memset(g, 0, sizeof(*g));
    g->d = d;
    for ( unsigned int i = 0; i < (both ? 2 : 1); i++ )
    {
        g->cb_mfn[i] = 10 + i;
        shim_give_frame(d, g->cb_mfn[i]);
        g->cb[i] = mfn_to_virt(_mfn(g->cb_mfn[i]));
        CHECK_EQ(init_control(d->vcpu[0], g->cb_mfn[i], 0, i), 0);
    }
    fifo_add_page(g);
}

static event_word_t *word(struct fifo_guest *g, unsigned int port)
{
    return &g->array[port / 1024][port % 1024];
}

static uint32_t unlink_word(struct fifo_guest *g, unsigned int port)
{
    event_word_t *w = word(g, port), old = LOAD(*w), n;

    do
        n = old & ~(L_BIT | EVTCHN_FIFO_LINK_MASK);
    while ( !__atomic_compare_exchange_n(w, &old, n, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST) );
    return old & EVTCHN_FIFO_LINK_MASK;
}

/* Linux's walk of vCPU i's ready queues; records "port@queue" items. */
static unsigned int fifo_consume(struct fifo_guest *g, unsigned int i,
                                 uint32_t *ports, uint8_t *queues,
                                 unsigned int max)
{
    struct evtchn_fifo_control_block *cb = g->cb[i];
    uint32_t ready = __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
    unsigned int n = 0;

    while ( ready )
    {
        unsigned int q = __builtin_ctz(ready);
        uint32_t port = g->walk[i][q] ? g->walk[i][q] : cb->head[q];
        uint32_t next = unlink_word(g, port);

        if ( !next )
            ready &= ~(1U << q);
        if ( (*word(g, port) & (P_BIT | M_BIT)) == P_BIT )
        {
            if ( n < max )
            {
                ports[n] = port;
                queues[n] = q;
            }
            n++;
            __atomic_fetch_and(word(g, port), ~P_BIT, __ATOMIC_SEQ_CST);
        }
        g->walk[i][q] = next;
        ready |= __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
    }
    return n;
}

static void expect_events(struct fifo_guest *g, unsigned int i,
                          const uint32_t *ports, const uint8_t *queues,
                          unsigned int nr)
{
    uint32_t got[32];
    uint8_t gotq[32];
    unsigned int n = fifo_consume(g, i, got, gotq, 32);

    CHECK_EQ(n, nr);
    for ( unsigned int k = 0; k < nr; k++ )
        CHECKF(got[k] == ports[k] && gotq[k] == queues[k],
               "event %u: port %u on queue %u, expected %u on %u",
               k, got[k], gotq[k], ports[k], queues[k]);
}

static long unmasked_ipi(struct fifo_guest *g, unsigned int vcpu)
{
    long p = bind_ipi(g->d->vcpu[0], vcpu);

    CHECK(p > 0);
    *word(g, p) &= ~M_BIT;
    return p;
}

static void test_fifo_init_errors(void)
{
    struct domain *d = dom_new(0, 2, true), *other = dom_new(1, 1, false);
    struct vcpu *v = d->vcpu[0];

    machine();
    shim_give_frame(d, 10);
    shim_give_frame(other, 11);
    CHECK_EQ(expand(v, 10), -EOPNOTSUPP);
    CHECK_EQ(set_priority(v, 0, 3), -ENOSYS);
    CHECK_EQ(init_control(v, 10, 0, 2), -ENOENT);
    CHECK_EQ(init_control(v, 10, 4, 0), -EINVAL);
    CHECK_EQ(init_control(v, 10, PAGE_SIZE - 64, 0), -EINVAL);
    CHECK_EQ(init_control(v, 11, 0, 0), -EINVAL);       /* not ours */
    CHECK_EQ(init_control(v, 12, 0, 0), -EINVAL);       /* nobody's */
    CHECK_EQ(init_control(v, NR_FRAMES + 5, 0, 0), -EINVAL);
    CHECK_EQ(init_control(v, ~0UL >> 4, 0, 0), -EINVAL);
    CHECK_EQ(shim_frame_refs(10), 0);
    CHECK_EQ(init_control(v, 10, PAGE_SIZE - 72, 0), 0);
    CHECK_EQ(shim_frame_refs(10), 1);
    CHECK_EQ(init_control(v, 10, 0, 0), -EINVAL);       /* vCPU 0 has one */
    CHECK_EQ(shim_frame_refs(10), 1);
    CHECK_EQ(init_control(v, 10, 512, 1), 0);           /* same page: ok */
    CHECK_EQ(shim_frame_refs(10), 2);
    CHECK_EQ(expand(v, 11), -EINVAL);
    CHECK_EQ(set_priority(v, BAD_PORT, 3), -EINVAL);
    CHECK_EQ(set_priority(v, 0, 16), -EINVAL);
    CHECK_EQ(set_priority(v, 0, 15), 0);
    dom_free(d);
    CHECK_EQ(shim_frame_refs(10), 0);
    dom_free(other);
}

static void test_fifo_queue_order(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct fifo_guest g;
    uint32_t p[5], want[5];
    uint8_t q[5];
    struct vcpu *v = d->vcpu[0];

    fifo_start(&g, d, false);
    for ( unsigned int i = 0; i < 5; i++ )
        p[i] = unmasked_ipi(&g, 0);
    CHECK_EQ(set_priority(v, p[1], 3), 0);
    CHECK_EQ(set_priority(v, p[3], 3), 0);
    CHECK_EQ(set_priority(v, p[2], 10), 0);
    CHECK_EQ(set_priority(v, p[4], 0), 0);
    l2_consume_all(d);
    CHECK_EQ(send(v, p[0]), 0);
    CHECK_EQ(g.cb[0]->ready, 1U << 7);
    CHECK_EQ(g.cb[0]->head[7], p[0]);
    CHECK_EQ(*word(&g, p[0]), P_BIT | L_BIT);
    CHECK_EQ(upcall(v), 1);
    CHECK_EQ(v->vcpu_info->evtchn_pending_sel, 0);
    v->vcpu_info->evtchn_upcall_pending = 0;
    CHECK_EQ(send(v, p[1]), 0);
    CHECK_EQ(upcall(v), 1);                    /* a new queue */
    v->vcpu_info->evtchn_upcall_pending = 0;
    CHECK_EQ(send(v, p[3]), 0);
    CHECK_EQ(upcall(v), 0);                    /* behind p1 */
    CHECK_EQ(*word(&g, p[1]), P_BIT | L_BIT | p[3]);
    CHECK_EQ(send(v, p[2]), 0);
    CHECK_EQ(send(v, p[4]), 0);
    CHECK_EQ(g.cb[0]->ready, (1U << 0) | (1U << 3) | (1U << 7) | (1U << 10));
    want[0] = p[4]; q[0] = 0;
    want[1] = p[1]; q[1] = 3;
    want[2] = p[3]; q[2] = 3;
    want[3] = p[0]; q[3] = 7;
    want[4] = p[2]; q[4] = 10;
    expect_events(&g, 0, want, q, 5);
    CHECK_EQ(g.cb[0]->ready, 0);
    dom_free(d);
}

static void test_fifo_linked_and_busy(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    struct fifo_guest g;
    uint32_t a, b, c, want[2];
    uint8_t q7[2] = { 7, 7 };

    fifo_start(&g, d, false);
    a = unmasked_ipi(&g, 0);
    b = unmasked_ipi(&g, 0);
    CHECK_EQ(send(v, a), 0);
    /* Raised again while LINKED (even with P cleared): not relinked. */
    CHECK_EQ(send(v, a), 0);
    *word(&g, a) &= ~P_BIT;
    CHECK_EQ(send(v, a), 0);
    CHECK_EQ(*word(&g, a), P_BIT | L_BIT);
    /* A stale BUSY on the tail is cleared by the link. */
    *word(&g, a) |= B_BIT;
    CHECK_EQ(send(v, b), 0);
    CHECK_EQ(*word(&g, a), P_BIT | L_BIT | b);
    want[0] = a; want[1] = b;
    expect_events(&g, 0, want, q7, 2);

    /* The guest unlinked the tail: the next event goes to HEAD. */
    CHECK_EQ(send(v, a), 0);
    CHECK_EQ(g.cb[0]->head[7], a);
    CHECK_EQ(unlink_word(&g, a), 0);
    g.cb[0]->ready = 0;
    CHECK_EQ(send(v, b), 0);
    CHECK_EQ(g.cb[0]->head[7], b);
    CHECK_EQ(*word(&g, a) & EVTCHN_FIFO_LINK_MASK, 0);
    CHECK_EQ(g.cb[0]->ready, 1U << 7);
    g.walk[0][7] = 0;
    expect_events(&g, 0, &b, q7, 1);

    /* A closed port still LINKED is not handed out again... */
    CHECK_EQ(send(v, a), 0);
    CHECK_EQ(close_port(v, a), 0);
    CHECK_EQ(*word(&g, a), L_BIT);
    c = bind_ipi(v, 0);
    CHECK(c != a);
    /* ...until the guest has walked past it. */
    expect_events(&g, 0, NULL, NULL, 0);
    CHECK_EQ(bind_ipi(v, 0), a);
    dom_free(d);
}

/* A guest changing its tail word while we link it: BUSY makes a
 * well-behaved one (Linux's unmask: cmpxchg on a word without BUSY) wait,
 * and the link always lands. */
struct flipper {
    event_word_t *w;
    bool stop;
};

static void *flip_mask(void *arg)
{
    struct flipper *f = arg;

    while ( !LOAD(f->stop) )
    {
        event_word_t old = __atomic_load_n(f->w, __ATOMIC_SEQ_CST) & ~B_BIT;

        __atomic_compare_exchange_n(f->w, &old, old ^ M_BIT, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void test_fifo_busy_contention(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    struct fifo_guest g;
    struct flipper f = { .stop = false };
    pthread_t t;
    uint32_t tail, p;
    unsigned int linked = 0;

    fifo_start(&g, d, false);
    tail = unmasked_ipi(&g, 0);
    p = unmasked_ipi(&g, 0);
    f.w = word(&g, tail);
    CHECK_EQ(pthread_create(&t, NULL, flip_mask, &f), 0);
    /*
     * Rounds in which the send found the tail unmasked are the ones that
     * test anything; how many of those a fixed number of tries gets
     * depends on the host's scheduling (with sanitizers and a loaded
     * machine, few or none), so keep going until enough have, within a
     * generous time budget.
     */
    time_t give_up = time(NULL) + 30;

    for ( unsigned int i = 0; linked < 2000 && time(NULL) < give_up; i++ )
    {
        event_word_t w;

        CHECK_EQ(send(v, tail), 0);            /* links it (head) if unmasked */
        if ( !(LOAD(*word(&g, tail)) & L_BIT) )
        {
            sched_yield();                     /* let the flipper move on */
            continue;
        }
        linked++;
        CHECK_EQ(send(v, p), 0);
        w = LOAD(*word(&g, tail));
        CHECKF((w & EVTCHN_FIFO_LINK_MASK) == p, "round %u: tail word %#x",
               i, w);
        CHECK(!(w & B_BIT));
        /* Reset both words and the queue for the next round. */
        unlink_word(&g, tail);
        unlink_word(&g, p);
        __atomic_fetch_and(word(&g, p), ~P_BIT, __ATOMIC_SEQ_CST);
        __atomic_fetch_and(word(&g, tail), ~P_BIT, __ATOMIC_SEQ_CST);
    }
    STORE(f.stop, true);
    pthread_join(t, NULL);
    CHECKF(linked >= 2000, "only %u rounds linked the tail in 30 s", linked);
    dom_free(d);
}

static void test_fifo_masked(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    struct fifo_guest g;
    uint8_t q7[1] = { 7 };
    uint32_t p;

    fifo_start(&g, d, false);
    p = bind_ipi(v, 0);                        /* word MASKED */
    l2_consume_all(d);
    CHECK_EQ(send(v, p), 0);
    CHECK_EQ(*word(&g, p), P_BIT | M_BIT);
    CHECK_EQ(g.cb[0]->ready, 0);
    CHECK_EQ(upcall(v), 0);
    CHECK_EQ(unmask(v, p), 0);
    CHECK_EQ(*word(&g, p), P_BIT | L_BIT);
    CHECK_EQ(upcall(v), 1);
    expect_events(&g, 0, &p, q7, 1);
    /* Unmask without pending only clears the mask. */
    *word(&g, p) |= M_BIT;
    CHECK_EQ(unmask(v, p), 0);
    CHECK_EQ(*word(&g, p), 0);
    CHECK_EQ(g.cb[0]->ready, 0);
    /* Closing clears PENDING. */
    *word(&g, p) |= M_BIT;
    CHECK_EQ(send(v, p), 0);
    CHECK_EQ(close_port(v, p), 0);
    CHECK_EQ(*word(&g, p), M_BIT);
    dom_free(d);
}

/* Pending state from 2-level survives the switch, and an event raised
 * before its page exists is delivered once the page comes. */
static void test_fifo_pending_carried(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    struct fifo_guest g;
    uint32_t a, b, far[1];
    uint8_t q7[1] = { 7 };
    unsigned int n;

    pair(v, &a, &b);                           /* b pending on 2-level */
    fifo_start(&g, d, false);
    CHECK_EQ(*word(&g, b), P_BIT | M_BIT);
    CHECK_EQ(*word(&g, a), M_BIT);
    /* Ports past the first page. */
    for ( n = 0; n < 1100; n++ )
        CHECK(bind_ipi(v, 0) > 0);
    far[0] = 1050;
    CHECK_EQ(send(v, far[0]), 0);
    CHECK_EQ(g.cb[0]->ready, 0);
    fifo_add_page(&g);
    CHECK_EQ(*word(&g, far[0]), P_BIT | M_BIT);   /* raised, but masked */
    *word(&g, far[0]) &= ~M_BIT;
    CHECK_EQ(unmask(v, far[0]), 0);
    expect_events(&g, 0, far, q7, 1);
    dom_free(d);
}

static void test_fifo_requeue(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v = d->vcpu[0];
    struct fifo_guest g;
    uint32_t a, b, c;
    uint8_t q37[2], q7[1] = { 7 };
    uint32_t want[2];

    fifo_start(&g, d, true);
    a = unmasked_ipi(&g, 0);
    b = unmasked_ipi(&g, 0);
    CHECK_EQ(send(v, a), 0);                   /* tail of queue 7 */
    expect_events(&g, 0, &a, q7, 1);
    /* a moves to queue 3: queue 7's stale tail (a) must be forgotten. */
    CHECK_EQ(set_priority(v, a, 3), 0);
    CHECK_EQ(send(v, a), 0);
    CHECK_EQ(send(v, b), 0);
    CHECK_EQ(*word(&g, a), P_BIT | L_BIT);     /* b not linked behind a */
    CHECK_EQ(g.cb[0]->head[7], b);
    CHECK_EQ(g.cb[0]->head[3], a);
    want[0] = a;
    want[1] = b;
    q37[0] = 3;
    q37[1] = 7;
    expect_events(&g, 0, want, q37, 2);
    /* Moving an interdomain port to vCPU 1 moves its queue. */
    pair(v, &a, &c);
    *word(&g, a) &= ~M_BIT;
    *word(&g, c) &= ~M_BIT;
    CHECK_EQ(bind_vcpu(v, a, 1), 0);
    CHECK_EQ(send(v, c), 0);
    CHECK_EQ(g.cb[1]->head[7], a);
    expect_events(&g, 1, &a, q7, 1);
    dom_free(d);
}

/* A vCPU without a control block gets nothing queued until it has one. */
static void test_fifo_no_control_block(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v = d->vcpu[0], *v1 = d->vcpu[1];
    struct fifo_guest g;
    uint8_t q7[1] = { 7 };
    uint32_t p;

    fifo_start(&g, d, false);
    p = unmasked_ipi(&g, 1);
    l2_consume_all(d);
    CHECK_EQ(send(v, p), 0);
    CHECK_EQ(*word(&g, p), P_BIT);
    CHECK_EQ(upcall(v1), 0);
    g.cb_mfn[1] = 11;
    shim_give_frame(d, 11);
    g.cb[1] = mfn_to_virt(_mfn(11));
    CHECK_EQ(init_control(v1, 11, 0, 1), 0);
    *word(&g, p) |= M_BIT;
    CHECK_EQ(unmask(v1, p), 0);
    CHECK_EQ(upcall(v1), 1);
    expect_events(&g, 1, &p, q7, 1);
    dom_free(d);
}

static void test_fifo_pages_and_reset(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    struct fifo_guest g;
    long rc;

    fifo_start(&g, d, false);
    while ( g.nr_pages < 128 )
        fifo_add_page(&g);
    shim_give_frame(d, 400);
    CHECK_EQ(expand(v, 400), -ENOSPC);
    CHECK_EQ(shim_frame_refs(g.array_mfn[127]), 1);
    CHECK_EQ(shim_frame_refs(400), 0);
    /* FIFO reaches past 4096 ports. */
    CHECK_EQ(fill_ports(v, &rc), EVTCHN_FIFO_NR_CHANNELS - 1);
    CHECK_EQ(rc, -ENOSPC);
    CHECK_EQ(reset(v, DOMID_SELF), 0);
    CHECK_EQ(shim_frame_refs(g.cb_mfn[0]), 0);
    CHECK_EQ(shim_frame_refs(g.array_mfn[0]), 0);
    CHECK_EQ(shim_frame_refs(g.array_mfn[127]), 0);
    /* Back on 2-level. */
    CHECK_EQ(expand(v, 400), -EOPNOTSUPP);
    CHECK_EQ(set_priority(v, 1, 3), -ENOSYS);
    CHECK_EQ(fill_ports(v, &rc), EVTCHN_2L_NR_CHANNELS - 1);
    CHECK(!l2_pending(d, 1));
    /* And FIFO again. */
    CHECK_EQ(reset(v, DOMID_SELF), 0);
    CHECK_EQ(init_control(v, g.cb_mfn[0], 64, 0), 0);
    CHECK_EQ(expand(v, g.array_mfn[0]), 0);
    dom_free(d);
    CHECK_EQ(shim_frame_refs(g.cb_mfn[0]), 0);
    CHECK_EQ(shim_frame_refs(g.array_mfn[0]), 0);
}

/* ------------------------------------------------------------------
 * SCHEDOP_poll
 */

static bool polling(struct vcpu *v)
{
    return v->pause_flags & VPF_blocked;
}

static void test_poll_pending_returns(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1];
    evtchn_port_t ports[2];
    unsigned int s = shim_local_schedules();

    ports[0] = bind_ipi(v0, 0);
    ports[1] = bind_ipi(v0, 0);
    l2_set_mask(d, ports[1], true);
    CHECK_EQ(send(v1, ports[1]), 0);
    CHECK_EQ(poll(v1, ports, 2, 0), 0);
    CHECK(!polling(v1));
    CHECK_EQ(shim_local_schedules(), s);
    dom_free(d);
}

static void test_poll_wakeups(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1];
    evtchn_port_t p[3];

    for ( unsigned int i = 0; i < 3; i++ )
    {
        p[i] = bind_ipi(v0, 0);
        l2_set_mask(d, p[i], true);
    }
    /* One port: only that port wakes it. */
    CHECK_EQ(poll(v1, &p[0], 1, 0), 0);
    CHECK(polling(v1));
    CHECK_EQ(send(v0, p[1]), 0);
    CHECK(polling(v1));
    CHECK_EQ(send(v0, p[0]), 0);
    CHECK(!polling(v1));
    CHECK_EQ(shim_wakes(v1), 1);
    l2_consume_all(d);
    /* Several: any of them. */
    CHECK_EQ(poll(v1, &p[1], 2, 0), 0);
    CHECK(polling(v1));
    CHECK_EQ(send(v0, p[2]), 0);
    CHECK(!polling(v1));
    l2_consume_all(d);
    /* The timeout. */
    CHECK_EQ(poll(v1, &p[0], 1, 12345), 0);
    CHECK(polling(v1));
    CHECK(shim_last_timer && shim_last_timer->expires == 12345);
    CHECK(shim_fire_timer(shim_last_timer));
    CHECK(!polling(v1));
    /* Woken by an event before its timeout, then polling again without
     * one: the old timeout does not cut the new poll short. */
    CHECK_EQ(poll(v1, &p[0], 1, 999), 0);
    CHECK_EQ(send(v0, p[0]), 0);
    CHECK(!polling(v1));
    l2_consume_all(d);
    CHECK_EQ(poll(v1, &p[0], 1, 0), 0);
    CHECK(!shim_fire_timer(shim_last_timer));
    CHECK(polling(v1));
    v1->pause_flags = 0;
    dom_free(d);
}

static void test_poll_upcall_ends(void)
{
    struct domain *d = dom_new(0, 2, true);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1];
    evtchn_port_t p = bind_ipi(v0, 0), q = bind_ipi(v0, 1);

    l2_set_mask(d, p, true);
    /* An unmasked event for v1 on another port ends the poll (upcall). */
    CHECK_EQ(poll(v1, &p, 1, 0), 0);
    CHECK(polling(v1));
    CHECK_EQ(send(v0, q), 0);
    CHECK(upcall(v1));
    CHECK(!polling(v1));
    /* After it, an event on p does not wake v1 again. */
    v1->pause_flags = VPF_blocked;             /* SCHEDOP_block */
    CHECK_EQ(send(v0, p), 0);
    CHECK(polling(v1));
    v1->pause_flags = 0;
    dom_free(d);
}

static void test_poll_errors(void)
{
    struct domain *d = dom_new(0, 1, true);
    struct vcpu *v = d->vcpu[0];
    evtchn_port_t ports[129] = { 0 };
    long open = bind_ipi(v, 0);

    for ( unsigned int i = 0; i < 129; i++ )
        ports[i] = open;
    CHECK_EQ(poll(v, ports, 129, 1), -EINVAL);
    ports[0] = 0;
    CHECK_EQ(poll(v, ports, 1, 1), -EINVAL);
    ports[0] = 60;                              /* closed */
    CHECK_EQ(poll(v, ports, 1, 1), -EINVAL);
    ports[0] = BAD_PORT;
    CHECK_EQ(poll(v, ports, 1, 1), -EINVAL);
    CHECK(!polling(v));
    CHECK_EQ(poll(v, NULL, 1, 1), -EFAULT);
    /* A pending port before a bad one: found first, as in Xen. */
    l2_set_mask(d, open, true);
    CHECK_EQ(send(v, open), 0);
    ports[0] = open;
    ports[1] = 0;
    CHECK_EQ(poll(v, ports, 2, 1), 0);
    CHECK(!polling(v));
    dom_free(d);
}

/* ------------------------------------------------------------------
 * Concurrency
 */

struct stress {
    struct domain *d1, *d2;
    bool stop;
    long port1;                                /* d1's unbound/bound end */
    unsigned long sends;
};

static void *stress_sender(void *arg)
{
    struct stress *s = arg;
    struct vcpu *v = s->d2->vcpu[0];

    shim_run_as(v, 2);
    while ( !LOAD(s->stop) )
        for ( uint32_t p = 1; p < 8; p++ )
        {
            send(v, p);
            __atomic_fetch_add(&s->sends, 1, __ATOMIC_RELAXED);
        }
    return NULL;
}

static void *stress_sender_back(void *arg)
{
    struct stress *s = arg;
    struct vcpu *v = s->d1->vcpu[0];

    while ( !LOAD(s->stop) )
        for ( uint32_t p = 1; p < 8; p++ )
            send(v, p);
    return NULL;
}

static void *stress_binder(void *arg)
{
    struct stress *s = arg;
    struct vcpu *v = s->d2->vcpu[1];

    while ( !LOAD(s->stop) )
    {
        long port = LOAD(s->port1), local;

        if ( port > 0 && (local = bind_interdomain(v, 1, port)) > 0 )
            close_port(v, local);
    }
    return NULL;
}

/*
 * Senders in both directions, a binder in d2 and the owner of d1's end
 * allocating and closing it, all at once, with the dom0-style reset and
 * status on top: no deadlock (the harness's alarm), no crash (ASan), and
 * the ports end in a consistent state.
 */
static void test_concurrent_bind_send_close(void)
{
    struct stress s = { 0 };
    pthread_t t[3];
    struct domain *d0 = dom_new(0, 1, true);
    struct evtchn_status st;

    s.d1 = dom_new(1, 2, false);
    s.d2 = dom_new(2, 2, false);
    CHECK_EQ(pthread_create(&t[0], NULL, stress_sender, &s), 0);
    CHECK_EQ(pthread_create(&t[1], NULL, stress_sender_back, &s), 0);
    CHECK_EQ(pthread_create(&t[2], NULL, stress_binder, &s), 0);
    for ( unsigned int i = 0; i < 3000; i++ )
    {
        struct vcpu *v = s.d1->vcpu[1];
        long p = alloc_unbound(v, DOMID_SELF, 2);

        STORE(s.port1, p);
        if ( i % 7 == 0 )
            status(d0->vcpu[0], 2, 1, &st);
        if ( i % 100 == 99 )
            reset(d0->vcpu[0], 2);
        close_port(v, p);
    }
    /* On a loaded machine the sender may not have run yet: the race is
     * only exercised once it has (the harness's alarm bounds the wait). */
    while ( !LOAD(s.sends) )
        sched_yield();
    STORE(s.stop, true);
    for ( unsigned int i = 0; i < 3; i++ )
        pthread_join(t[i], NULL);
    CHECK(s.sends > 0);
    for ( uint32_t p = 1; p < 128; p++ )
        CHECK_EQ(state_of(s.d1->vcpu[0], p), EVTCHNSTAT_closed);
    dom_free(s.d2);
    dom_free(s.d1);
    dom_free(d0);
}

/* Destroying a domain while its peer keeps sending to it. */
static void test_concurrent_destroy(void)
{
    for ( unsigned int round = 0; round < 50; round++ )
    {
        struct stress s = { 0 };
        pthread_t t;
        long p1;

        s.d1 = dom_new(1, 1, false);
        s.d2 = dom_new(2, 2, false);
        p1 = alloc_unbound(s.d1->vcpu[0], DOMID_SELF, 2);
        CHECK(bind_interdomain(s.d2->vcpu[0], 1, p1) > 0);
        CHECK_EQ(pthread_create(&t, NULL, stress_sender, &s), 0);
        usleep(100);
        evtchn_destroy(s.d1);
        STORE(s.stop, true);
        pthread_join(t, NULL);
        CHECK_EQ(state_of(s.d2->vcpu[0], 1), EVTCHNSTAT_unbound);
        /* dom_free() destroys again: a no-op now. */
        dom_free(s.d1);
        dom_free(s.d2);
    }
}

/*
 * 2-level ordering: a sender and a guest that masks, unmasks (through
 * EVTCHNOP_unmask) and consumes, concurrently.  Whenever both stop, a
 * pending unmasked port must have its selector bit and the upcall set:
 * no event is left behind without an upcall.
 */
struct l2race {
    struct domain *d;
    uint32_t port;
    bool stop;
};

static void *l2_guest(void *arg)
{
    struct l2race *r = arg;
    struct vcpu *v = r->d->vcpu[0];
    struct vcpu_info *vi = v->vcpu_info;
    xen_ulong_t *mask = r->d->shared_info->evtchn_mask;
    xen_ulong_t *pend = r->d->shared_info->evtchn_pending;

    shim_run_as(v, 0);
    while ( !LOAD(r->stop) )
    {
        __atomic_fetch_or(&mask[0], 1UL << r->port, __ATOMIC_SEQ_CST);
        unmask(v, r->port);
        if ( __atomic_exchange_n(&vi->evtchn_upcall_pending, 0,
                                 __ATOMIC_SEQ_CST) &&
             __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST) )
            __atomic_fetch_and(&pend[0], ~(1UL << r->port), __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void test_concurrent_l2_ordering(void)
{
    struct l2race r = { .d = dom_new(0, 2, true) };
    struct vcpu *v1 = r.d->vcpu[1];
    struct vcpu_info *vi = r.d->vcpu[0]->vcpu_info;
    pthread_t t;

    r.port = bind_ipi(r.d->vcpu[0], 0);
    for ( unsigned int round = 0; round < 200; round++ )
    {
        STORE(r.stop, false);
        CHECK_EQ(pthread_create(&t, NULL, l2_guest, &r), 0);
        for ( unsigned int i = 0; i < 200; i++ )
            CHECK_EQ(send(v1, r.port), 0);
        STORE(r.stop, true);
        pthread_join(t, NULL);
        if ( l2_pending(r.d, r.port) &&
             !bit(r.d->shared_info->evtchn_mask, r.port) )
            CHECKF(sel(r.d->vcpu[0], r.port) && vi->evtchn_upcall_pending,
                   "round %u: pending, unmasked, sel %lx upcall %u", round,
                   (unsigned long)vi->evtchn_pending_sel,
                   vi->evtchn_upcall_pending);
    }
    dom_free(r.d);
}

#define TESTS(X)                        \
    X(unknown_and_fault)                \
    X(alloc_unbound)                    \
    X(bind_interdomain_self)            \
    X(bind_interdomain_two_domains)     \
    X(close)                            \
    X(send)                             \
    X(bind_virq)                        \
    X(bind_ipi_pirq)                    \
    X(bind_vcpu)                        \
    X(status_permissions)               \
    X(l2_pending_selector)              \
    X(l2_mask_unmask)                   \
    X(l2_kick)                          \
    X(l2_no_vcpu_info)                  \
    X(reset)                            \
    X(reset_preempt)                    \
    X(port_limits)                      \
    X(buckets_no_leak)                  \
    X(fifo_init_errors)                 \
    X(fifo_queue_order)                 \
    X(fifo_linked_and_busy)             \
    X(fifo_busy_contention)             \
    X(fifo_masked)                      \
    X(fifo_pending_carried)             \
    X(fifo_requeue)                     \
    X(fifo_no_control_block)            \
    X(fifo_pages_and_reset)             \
    X(poll_pending_returns)             \
    X(poll_wakeups)                     \
    X(poll_upcall_ends)                 \
    X(poll_errors)                      \
    X(concurrent_bind_send_close)       \
    X(concurrent_destroy)               \
    X(concurrent_l2_ordering)

#define TEST_ENTRY(n) { #n, test_##n },

static const struct test_case tests[] = {
    TESTS(TEST_ENTRY)
};

int main(int argc, char **argv)
{
    return run_tests("evtchn", tests, ARRAY_SIZE(tests), argc, argv) ? 1 : 0;
}
