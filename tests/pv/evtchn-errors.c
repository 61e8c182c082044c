/*
 * evtchn-errors.c - garbage to every EVTCHNOP sub-op (and SCHEDOP_poll),
 * checking the errno each one answers.
 *
 * Every case names the argument that is wrong and the error Xen 4.17
 * gives for it; where an operation checks several things, the cases pin
 * the order (e.g. bind_vcpu looks at the vCPU before the port).  The
 * kernel stays on the 2-level ABI throughout: no init_control here is
 * allowed to succeed (each one is given at least one bad argument).
 * Successful set-up calls are only the ones the error cases need
 * (unbound, VIRQ and IPI ports to misuse), and everything is closed at
 * the end, which the last cases check with EVTCHNOP_status.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "evtchn-errors: bad arguments to every EVTCHNOP";

#define NO_DOMAIN       1000        /* no such domain on a test machine */
#define BAD_PORT        0x7fffffffU /* beyond any ABI's port space */
#define NO_VCPU         1000

static long evtchn_op(int cmd, void *arg)
{
    return HYPERVISOR_event_channel_op(cmd, arg);
}

#define check_errno(rc, err, what) check_eq((rc), -(long)(err), (what))

static evtchn_port_t alloc_unbound_self(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF,
                                      .remote_dom = DOMID_SELF };

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &a),
                         "alloc_unbound(self, self)") )
        xtest_exit();
    return a.port;
}

static evtchn_port_t bind_virq(uint32_t virq, uint32_t vcpu)
{
    struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_bind_virq, &b), "bind_virq") )
        xtest_exit();
    return b.port;
}

static evtchn_port_t bind_ipi(uint32_t vcpu)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };

    if ( !check_rc_setup(evtchn_op(EVTCHNOP_bind_ipi, &b), "bind_ipi") )
        xtest_exit();
    return b.port;
}

static long close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    return evtchn_op(EVTCHNOP_close, &c);
}

static long status_of(domid_t dom, evtchn_port_t port,
                      struct evtchn_status *st)
{
    memset(st, 0xaa, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return evtchn_op(EVTCHNOP_status, st);
}

static void test_unknown_and_fault(void)
{
    static const int cmds[] = {
        EVTCHNOP_bind_interdomain, EVTCHNOP_bind_virq, EVTCHNOP_bind_pirq,
        EVTCHNOP_close, EVTCHNOP_send, EVTCHNOP_status,
        EVTCHNOP_alloc_unbound, EVTCHNOP_bind_ipi, EVTCHNOP_bind_vcpu,
        EVTCHNOP_unmask, EVTCHNOP_reset, EVTCHNOP_init_control,
        EVTCHNOP_expand_array, EVTCHNOP_set_priority,
    };
    char what[48];
    unsigned int i;

    /* 14 is Xen's internal reset continuation: never issue it. */
    check_errno(evtchn_op(15, NULL), XEN_ENOSYS, "EVTCHNOP 15");
    check_errno(evtchn_op(1000, NULL), XEN_ENOSYS, "EVTCHNOP 1000");
    check_errno(evtchn_op(-1, NULL), XEN_ENOSYS, "EVTCHNOP -1");
    /* An unreadable argument: every known sub-op copies it in first. */
    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
    {
        snprintf(what, sizeof(what), "EVTCHNOP %d with arg NULL", cmds[i]);
        check_errno(evtchn_op(cmds[i], NULL), XEN_EFAULT, what);
    }
}

static void test_alloc_unbound(void)
{
    struct evtchn_alloc_unbound a;
    struct evtchn_status st;
    long rc;

    a = (struct evtchn_alloc_unbound){ .dom = NO_DOMAIN,
                                       .remote_dom = DOMID_SELF };
    check_errno(evtchn_op(EVTCHNOP_alloc_unbound, &a), XEN_ESRCH,
                "alloc_unbound dom=1000");
    a = (struct evtchn_alloc_unbound){ .dom = DOMID_INVALID,
                                       .remote_dom = DOMID_SELF };
    check_errno(evtchn_op(EVTCHNOP_alloc_unbound, &a), XEN_ESRCH,
                "alloc_unbound dom=DOMID_INVALID");
    /* dom0 may name itself by id as well as by DOMID_SELF. */
    a = (struct evtchn_alloc_unbound){ .dom = 0, .remote_dom = 0 };
    rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);
    check_eq(rc, 0, "alloc_unbound dom=0 (self by id)");
    if ( rc == 0 )
        check_eq(close_port(a.port), 0, "close it");
    /* The remote domain need not exist yet: it is only recorded. */
    a = (struct evtchn_alloc_unbound){ .dom = DOMID_SELF,
                                       .remote_dom = NO_DOMAIN };
    rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);
    check_eq(rc, 0, "alloc_unbound remote_dom=1000");
    if ( rc != 0 )
        return;
    check_eq(status_of(DOMID_SELF, a.port, &st), 0, "status of it");
    check_eq(st.status, EVTCHNSTAT_unbound, "its status");
    check_eq(st.u.unbound.dom, NO_DOMAIN, "its u.unbound.dom");
    check_eq(close_port(a.port), 0, "close it");
}

static void test_bind_interdomain(void)
{
    struct evtchn_bind_interdomain b;
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF,
                                      .remote_dom = NO_DOMAIN };
    evtchn_port_t u, v;

    b = (struct evtchn_bind_interdomain){ .remote_dom = NO_DOMAIN,
                                          .remote_port = 1 };
    check_errno(evtchn_op(EVTCHNOP_bind_interdomain, &b), XEN_ESRCH,
                "bind_interdomain remote_dom=1000");
    b = (struct evtchn_bind_interdomain){ .remote_dom = DOMID_SELF,
                                          .remote_port = BAD_PORT };
    check_errno(evtchn_op(EVTCHNOP_bind_interdomain, &b), XEN_EINVAL,
                "bind_interdomain remote_port=huge");
    b.remote_port = 0;
    check_errno(evtchn_op(EVTCHNOP_bind_interdomain, &b), XEN_EINVAL,
                "bind_interdomain remote_port=0 (reserved)");

    /* A free port, a VIRQ, and an unbound port meant for someone else. */
    u = alloc_unbound_self();
    check_eq(close_port(u), 0, "close");
    b.remote_port = u;
    check_errno(evtchn_op(EVTCHNOP_bind_interdomain, &b), XEN_EINVAL,
                "bind_interdomain to a closed port");
    v = bind_virq(VIRQ_TIMER, 0);
    b.remote_port = v;
    check_errno(evtchn_op(EVTCHNOP_bind_interdomain, &b), XEN_EINVAL,
                "bind_interdomain to a VIRQ port");
    check_eq(close_port(v), 0, "close VIRQ port");
    check_rc_setup(evtchn_op(EVTCHNOP_alloc_unbound, &a),
                   "alloc_unbound remote=1000");
    b.remote_port = a.port;
    check_errno(evtchn_op(EVTCHNOP_bind_interdomain, &b), XEN_EINVAL,
                "bind_interdomain to a port reserved for dom 1000");
    check_eq(close_port(a.port), 0, "close");

    /* An end that is already connected cannot be bound again. */
    u = alloc_unbound_self();
    b.remote_port = u;
    check_eq(evtchn_op(EVTCHNOP_bind_interdomain, &b), 0,
             "bind_interdomain to own unbound port");
    v = b.local_port;
    b = (struct evtchn_bind_interdomain){ .remote_dom = DOMID_SELF,
                                          .remote_port = u };
    check_errno(evtchn_op(EVTCHNOP_bind_interdomain, &b), XEN_EINVAL,
                "bind_interdomain to a connected port");
    check_eq(close_port(u), 0, "close one end");
    check_eq(close_port(v), 0, "close the other end");
}

static void test_bind_virq(void)
{
    struct evtchn_bind_virq b;
    evtchn_port_t p;

    b = (struct evtchn_bind_virq){ .virq = NR_VIRQS, .vcpu = 0 };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_EINVAL,
                "bind_virq NR_VIRQS");
    b = (struct evtchn_bind_virq){ .virq = 0xffffffff, .vcpu = 0 };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_EINVAL,
                "bind_virq 0xffffffff");
    /* Global VIRQs live on vCPU 0 only, whatever vCPU exists. */
    b = (struct evtchn_bind_virq){ .virq = VIRQ_CONSOLE, .vcpu = 1 };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_EINVAL,
                "bind_virq VIRQ_CONSOLE on vCPU 1");
    b = (struct evtchn_bind_virq){ .virq = VIRQ_DOM_EXC, .vcpu = NO_VCPU };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_EINVAL,
                "bind_virq VIRQ_DOM_EXC on vCPU 1000");
    b = (struct evtchn_bind_virq){ .virq = VIRQ_ARCH_0, .vcpu = 1 };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_EINVAL,
                "bind_virq VIRQ_ARCH_0 (global on x86) on vCPU 1");
    b = (struct evtchn_bind_virq){ .virq = VIRQ_TIMER, .vcpu = NO_VCPU };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_ENOENT,
                "bind_virq VIRQ_TIMER on vCPU 1000");

    /* One port per (vCPU, VIRQ). */
    p = bind_virq(VIRQ_TIMER, 0);
    b = (struct evtchn_bind_virq){ .virq = VIRQ_TIMER, .vcpu = 0 };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_EEXIST,
                "bind_virq VIRQ_TIMER twice");
    check_eq(close_port(p), 0, "close VIRQ_TIMER");
    p = bind_virq(VIRQ_CONSOLE, 0);
    b = (struct evtchn_bind_virq){ .virq = VIRQ_CONSOLE, .vcpu = 0 };
    check_errno(evtchn_op(EVTCHNOP_bind_virq, &b), XEN_EEXIST,
                "bind_virq VIRQ_CONSOLE twice");
    check_eq(close_port(p), 0, "close VIRQ_CONSOLE");
}

static void test_bind_ipi_pirq(void)
{
    struct evtchn_bind_ipi i = { .vcpu = NO_VCPU };
    struct evtchn_bind_pirq p;

    check_errno(evtchn_op(EVTCHNOP_bind_ipi, &i), XEN_ENOENT,
                "bind_ipi vCPU 1000");
    i.vcpu = 0xffffffff;
    check_errno(evtchn_op(EVTCHNOP_bind_ipi, &i), XEN_ENOENT,
                "bind_ipi vCPU 0xffffffff");
    /* Beyond the domain's PIRQ space. */
    p = (struct evtchn_bind_pirq){ .pirq = 0x7fffffff };
    check_errno(evtchn_op(EVTCHNOP_bind_pirq, &p), XEN_EINVAL,
                "bind_pirq 0x7fffffff");
    p = (struct evtchn_bind_pirq){ .pirq = 0xffffffff };
    check_errno(evtchn_op(EVTCHNOP_bind_pirq, &p), XEN_EINVAL,
                "bind_pirq 0xffffffff");
    /*
     * In range (Xen 4.17 gives dom0 a few hundred PIRQs: 416 under QEMU
     * q35 with 2 CPUs), but never routed to dom0 with PHYSDEVOP_map_pirq:
     * not permitted.
     */
    p = (struct evtchn_bind_pirq){ .pirq = 5 };
    check_errno(evtchn_op(EVTCHNOP_bind_pirq, &p), XEN_EPERM,
                "bind_pirq 5 (unmapped)");
    p = (struct evtchn_bind_pirq){ .pirq = 200, .flags = BIND_PIRQ__WILL_SHARE };
    check_errno(evtchn_op(EVTCHNOP_bind_pirq, &p), XEN_EPERM,
                "bind_pirq 200 (unmapped, shared)");
}

static void test_close_send(void)
{
    evtchn_port_t u, v;
    struct evtchn_send s;

    check_errno(close_port(0), XEN_EINVAL, "close port 0");
    check_errno(close_port(BAD_PORT), XEN_EINVAL, "close huge port");
    u = alloc_unbound_self();
    check_eq(close_port(u), 0, "close unbound");
    check_errno(close_port(u), XEN_EINVAL, "close it again");

    s.port = 0;
    check_errno(evtchn_op(EVTCHNOP_send, &s), XEN_EINVAL, "send port 0");
    s.port = BAD_PORT;
    check_errno(evtchn_op(EVTCHNOP_send, &s), XEN_EINVAL, "send huge port");
    s.port = u;
    check_errno(evtchn_op(EVTCHNOP_send, &s), XEN_EINVAL, "send closed port");
    /* Nobody to tell on an unbound port: silently dropped. */
    u = alloc_unbound_self();
    s.port = u;
    check_eq(evtchn_op(EVTCHNOP_send, &s), 0, "send unbound port");
    check(!evtchn_pending(u), "send on an unbound port made it pending");
    check_eq(close_port(u), 0, "close");
    /* A VIRQ is raised by the hypervisor only. */
    v = bind_virq(VIRQ_CONSOLE, 0);
    s.port = v;
    check_errno(evtchn_op(EVTCHNOP_send, &s), XEN_EINVAL, "send VIRQ port");
    check_eq(close_port(v), 0, "close");
}

static void test_status(void)
{
    struct evtchn_status st;
    long rc;

    check_errno(status_of(NO_DOMAIN, 1, &st), XEN_ESRCH, "status dom=1000");
    check_errno(status_of(DOMID_SELF, BAD_PORT, &st), XEN_EINVAL,
                "status huge port");
    check_errno(status_of(DOMID_SELF, 4096, &st), XEN_EINVAL,
                "status port 4096 (2-level)");
    rc = status_of(DOMID_SELF, 0, &st);
    check_eq(rc, 0, "status port 0");
    if ( rc == 0 )
        check_eq(st.status, EVTCHNSTAT_closed, "port 0 status");
    rc = status_of(0, 0, &st);
    check_eq(rc, 0, "status dom=0 (self by id) port 0");
}

static void test_bind_vcpu(void)
{
    struct evtchn_bind_vcpu b;
    evtchn_port_t t, c, i, u;
    struct evtchn_status st;

    u = alloc_unbound_self();
    /* The vCPU is looked at before the port. */
    b = (struct evtchn_bind_vcpu){ .port = BAD_PORT, .vcpu = NO_VCPU };
    check_errno(evtchn_op(EVTCHNOP_bind_vcpu, &b), XEN_ENOENT,
                "bind_vcpu huge port, vCPU 1000");
    b = (struct evtchn_bind_vcpu){ .port = u, .vcpu = NO_VCPU };
    check_errno(evtchn_op(EVTCHNOP_bind_vcpu, &b), XEN_ENOENT,
                "bind_vcpu vCPU 1000");
    b = (struct evtchn_bind_vcpu){ .port = BAD_PORT, .vcpu = 0 };
    check_errno(evtchn_op(EVTCHNOP_bind_vcpu, &b), XEN_EINVAL,
                "bind_vcpu huge port");
    b = (struct evtchn_bind_vcpu){ .port = 0, .vcpu = 0 };
    check_errno(evtchn_op(EVTCHNOP_bind_vcpu, &b), XEN_EINVAL,
                "bind_vcpu port 0");

    /* Per-vCPU VIRQs and IPIs stay where they were bound. */
    t = bind_virq(VIRQ_TIMER, 0);
    i = bind_ipi(0);
    c = bind_virq(VIRQ_CONSOLE, 0);
    b = (struct evtchn_bind_vcpu){ .port = t, .vcpu = 0 };
    check_errno(evtchn_op(EVTCHNOP_bind_vcpu, &b), XEN_EINVAL,
                "bind_vcpu VIRQ_TIMER port");
    b.port = i;
    check_errno(evtchn_op(EVTCHNOP_bind_vcpu, &b), XEN_EINVAL,
                "bind_vcpu IPI port");
    /* Global VIRQs and unbound ports move (vCPU 0 always exists). */
    b.port = c;
    check_eq(evtchn_op(EVTCHNOP_bind_vcpu, &b), 0, "bind_vcpu VIRQ_CONSOLE");
    b.port = u;
    check_eq(evtchn_op(EVTCHNOP_bind_vcpu, &b), 0, "bind_vcpu unbound port");
    check_eq(close_port(t), 0, "close");
    check_eq(close_port(i), 0, "close");
    check_eq(close_port(c), 0, "close");
    b.port = c;
    check_errno(evtchn_op(EVTCHNOP_bind_vcpu, &b), XEN_EINVAL,
                "bind_vcpu closed port");
    check_eq(close_port(u), 0, "close");
    check_eq(status_of(DOMID_SELF, u, &st), 0, "status of a closed port");
    check_eq(st.status, EVTCHNSTAT_closed, "closed port status");
}

static void test_unmask_reset(void)
{
    struct evtchn_unmask um;
    struct evtchn_reset r;

    um.port = BAD_PORT;
    check_errno(evtchn_op(EVTCHNOP_unmask, &um), XEN_EINVAL,
                "unmask huge port");
    um.port = 4096;
    check_errno(evtchn_op(EVTCHNOP_unmask, &um), XEN_EINVAL,
                "unmask port 4096 (2-level)");
    um.port = 0;
    check_eq(evtchn_op(EVTCHNOP_unmask, &um), 0, "unmask port 0");
    r.dom = NO_DOMAIN;
    check_errno(evtchn_op(EVTCHNOP_reset, &r), XEN_ESRCH, "reset dom=1000");
    r.dom = DOMID_INVALID;
    check_errno(evtchn_op(EVTCHNOP_reset, &r), XEN_ESRCH,
                "reset dom=DOMID_INVALID");
}

/* init_control/expand_array/set_priority while on the 2-level ABI. */
static void test_fifo_ops(void)
{
    struct evtchn_init_control ic;
    struct evtchn_expand_array ea = { .array_gfn = pfn_to_mfn(16) };
    struct evtchn_set_priority sp;
    evtchn_port_t u;

    ic = (struct evtchn_init_control){ .control_gfn = pfn_to_mfn(16),
                                       .offset = 0, .vcpu = NO_VCPU };
    check_errno(evtchn_op(EVTCHNOP_init_control, &ic), XEN_ENOENT,
                "init_control vCPU 1000");
    ic.vcpu = 0;
    ic.offset = 4;
    check_errno(evtchn_op(EVTCHNOP_init_control, &ic), XEN_EINVAL,
                "init_control offset 4 (not 8-aligned)");
    ic.offset = PAGE_SIZE - sizeof(struct evtchn_fifo_control_block) + 8;
    check_errno(evtchn_op(EVTCHNOP_init_control, &ic), XEN_EINVAL,
                "init_control block crossing the page end");
    ic.offset = 0;
    ic.control_gfn = ~0ULL >> 12;
    check_errno(evtchn_op(EVTCHNOP_init_control, &ic), XEN_EINVAL,
                "init_control gfn out of range");
    /* Machine frame 0 exists but is not ours. */
    ic.control_gfn = 0;
    check_errno(evtchn_op(EVTCHNOP_init_control, &ic), XEN_EINVAL,
                "init_control on a frame dom0 does not own");

    check_errno(evtchn_op(EVTCHNOP_expand_array, &ea), XEN_EOPNOTSUPP,
                "expand_array before init_control");
    u = alloc_unbound_self();
    sp = (struct evtchn_set_priority){ .port = u, .priority = 3 };
    check_errno(evtchn_op(EVTCHNOP_set_priority, &sp), XEN_ENOSYS,
                "set_priority on the 2-level ABI");
    sp = (struct evtchn_set_priority){ .port = BAD_PORT, .priority = 3 };
    check_errno(evtchn_op(EVTCHNOP_set_priority, &sp), XEN_EINVAL,
                "set_priority huge port (2-level)");
    sp = (struct evtchn_set_priority){ .port = u, .priority = 16 };
    check_errno(evtchn_op(EVTCHNOP_set_priority, &sp), XEN_ENOSYS,
                "set_priority 16 on the 2-level ABI");
    check_eq(close_port(u), 0, "close");
}

static void test_poll(void)
{
    evtchn_port_t ports[129];
    struct sched_poll p = { .nr_ports = 129 };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(ports); i++ )
        ports[i] = 1;
    set_xen_guest_handle(p.ports, ports);
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &p), XEN_EINVAL,
                "poll 129 ports");
    p.nr_ports = 1;
    ports[0] = BAD_PORT;
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &p), XEN_EINVAL,
                "poll a huge port");
    ports[0] = 4096;
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &p), XEN_EINVAL,
                "poll port 4096 (2-level)");
    /* Only open ports can be polled: not port 0, not a closed port. */
    p.timeout = 1;
    ports[0] = 0;
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &p), XEN_EINVAL,
                "poll port 0");
    ports[0] = alloc_unbound_self();
    check_eq(HYPERVISOR_sched_op(SCHEDOP_poll, &p), 0, "poll an unbound port");
    check_eq(close_port(ports[0]), 0, "close");
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &p), XEN_EINVAL,
                "poll a closed port");
    p.timeout = 0;
    set_xen_guest_handle(p.ports, NULL);
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, &p), XEN_EFAULT,
                "poll ports=NULL");
    check_errno(HYPERVISOR_sched_op(SCHEDOP_poll, NULL), XEN_EFAULT,
                "poll arg=NULL");
}

/*
 * The 2-level ABI has 4096 ports and dom0 has no lower limit of its own:
 * ports 1..4095 can all be allocated, then -ENOSPC.  All are closed
 * again with one EVTCHNOP_reset.
 */
static void test_port_limit(void)
{
    struct evtchn_alloc_unbound a;
    struct evtchn_reset r = { .dom = DOMID_SELF };
    unsigned int n = 0;
    evtchn_port_t highest = 0;
    long rc;

    for ( ; ; )
    {
        a = (struct evtchn_alloc_unbound){ .dom = DOMID_SELF,
                                           .remote_dom = DOMID_SELF };
        if ( (rc = evtchn_op(EVTCHNOP_alloc_unbound, &a)) != 0 )
            break;
        n++;
        highest = a.port > highest ? a.port : highest;
        if ( n > 5000 )
            break;
    }
    xtest_info("allocated %u ports (highest %u), then %ld", n, highest, rc);
    check_errno(rc, XEN_ENOSPC, "alloc_unbound past the last port");
    check_eq(n, EVTCHN_2L_NR_CHANNELS - 1, "ports a 2-level dom0 gets");
    check_eq(highest, EVTCHN_2L_NR_CHANNELS - 1, "highest port");
    check_eq(evtchn_op(EVTCHNOP_reset, &r), 0, "reset(self)");
}

/* Nothing the cases opened may be left over. */
static void test_all_closed(void)
{
    struct evtchn_status st;
    unsigned int port, open = 0;

    for ( port = 1; port < 64; port++ )
        if ( status_of(DOMID_SELF, port, &st) == 0 &&
             st.status != EVTCHNSTAT_closed )
            open++;
    check_eq(open, 0, "ports left open by the test");
}

void test_main(void)
{
    test_unknown_and_fault();
    test_alloc_unbound();
    test_bind_interdomain();
    test_bind_virq();
    test_bind_ipi_pirq();
    test_close_send();
    test_status();
    test_bind_vcpu();
    test_unmask_reset();
    test_fifo_ops();
    test_poll();
    test_all_closed();
    test_port_limit();
    test_all_closed();
}
