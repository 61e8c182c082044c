/*
 * hypercall-suite.h - the hypercall checks shared by hypercall-page.c and
 * hypercall-direct.c, run with whichever transport is currently selected.
 *
 * Included by exactly one test kernel at a time (it defines functions).
 */
#ifndef TESTS_PV_HYPERCALL_SUITE_H
#define TESTS_PV_HYPERCALL_SUITE_H

#include <pvtest.h>
#include <public/errno.h>

/*
 * unsigned long regs_changed(unsigned long nr, unsigned long target):
 * load fixed values into rbx, rbp, r12-r15, rcx and r11, make hypercall
 * nr with rdi = rsi = 0 (by `syscall` if target is 0, else by calling
 * target), and return a bitmask of the registers that came back changed:
 * bit 0 rbx, 1 rbp, 2 r12, 3 r13, 4 r14, 5 r15, 6 rcx, 7 r11.
 */
unsigned long regs_changed(unsigned long nr, unsigned long target);
__asm__ (
    ".pushsection .text\n"
    ".type regs_changed, @function\n"
    "regs_changed:\n\t"
    "push %rbx\n\t push %rbp\n\t push %r12\n\t"
    "push %r13\n\t push %r14\n\t push %r15\n\t"
    "mov %rdi, %rax\n\t"
    "mov %rsi, %r8\n\t"
    "movabs $0x1111111111111111, %rbx\n\t"
    "movabs $0x2222222222222222, %rbp\n\t"
    "movabs $0x3333333333333333, %r12\n\t"
    "movabs $0x4444444444444444, %r13\n\t"
    "movabs $0x5555555555555555, %r14\n\t"
    "movabs $0x6666666666666666, %r15\n\t"
    "movabs $0x7777777777777777, %rcx\n\t"
    "movabs $0x8888888888888888, %r11\n\t"
    "xor %edi, %edi\n\t"
    "xor %esi, %esi\n\t"
    "test %r8, %r8\n\t"
    "jz 1f\n\t"
    "call *%r8\n\t"
    "jmp 2f\n"
    "1:\t syscall\n"
    "2:\t xor %eax, %eax\n\t"
    "movabs $0x1111111111111111, %rdx\n\t cmp %rdx, %rbx\n\t je 3f\n\t or $0x01, %eax\n"
    "3:\t movabs $0x2222222222222222, %rdx\n\t cmp %rdx, %rbp\n\t je 3f\n\t or $0x02, %eax\n"
    "3:\t movabs $0x3333333333333333, %rdx\n\t cmp %rdx, %r12\n\t je 3f\n\t or $0x04, %eax\n"
    "3:\t movabs $0x4444444444444444, %rdx\n\t cmp %rdx, %r13\n\t je 3f\n\t or $0x08, %eax\n"
    "3:\t movabs $0x5555555555555555, %rdx\n\t cmp %rdx, %r14\n\t je 3f\n\t or $0x10, %eax\n"
    "3:\t movabs $0x6666666666666666, %rdx\n\t cmp %rdx, %r15\n\t je 3f\n\t or $0x20, %eax\n"
    "3:\t movabs $0x7777777777777777, %rdx\n\t cmp %rdx, %rcx\n\t je 3f\n\t or $0x40, %eax\n"
    "3:\t movabs $0x8888888888888888, %rdx\n\t cmp %rdx, %r11\n\t je 3f\n\t or $0x80, %eax\n"
    "3:\t pop %r15\n\t pop %r14\n\t pop %r13\n\t"
    "pop %r12\n\t pop %rbp\n\t pop %rbx\n\t"
    "ret\n"
    ".size regs_changed, . - regs_changed\n"
    ".popsection\n");

#define REGS_CALLEE_SAVED   0x3f
#define REGS_RCX_R11        0xc0

static const char *mode_name(void)
{
    return hypercall_mode_name(hypercall_get_mode());
}

static void suite_registers(void)
{
    bool page = hypercall_get_mode() == HYPERCALL_VIA_PAGE;
    unsigned long target = page ? (unsigned long)hypercall_page +
                                  __HYPERVISOR_xen_version * 32 : 0;
    unsigned long changed = regs_changed(__HYPERVISOR_xen_version, target);

    check(!(changed & REGS_CALLEE_SAVED),
          "%s: xen_version changed callee-saved registers (mask %#lx)",
          mode_name(), changed);
    /* The page's stubs save rcx/r11 around their own `syscall`. */
    if ( page )
        check(!(changed & REGS_RCX_R11),
              "hypercall page: rcx/r11 not preserved (mask %#lx)", changed);
}

static void suite_simple_calls(void)
{
    domid_t self = DOMID_SELF;
    long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
    long rc;

    check(ver > 0x30000, "%s: XENVER_version = %#lx", mode_name(), ver);
    check_eq(HYPERVISOR_xen_version(XENVER_pagesize, NULL), PAGE_SIZE,
             "XENVER_pagesize");
    check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &self),
             start_info->nr_pages, "XENMEM_current_reservation");
    rc = HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    check(rc == 0, "%s: SCHEDOP_yield rc %ld", mode_name(), rc);
    rc = HYPERVISOR_console_io(CONSOLEIO_write, 0, "");
    check(rc == 0, "%s: empty console write rc %ld", mode_name(), rc);
}

/* Numbers with no hypercall behind them. */
static void suite_invalid_numbers(void)
{
    long rc = hypercall0(__HYPERVISOR_arch_7);

    check(rc == -XEN_ENOSYS, "%s: unused hypercall 55 rc %ld, expected -ENOSYS",
          mode_name(), rc);
    rc = hypercall_via(HYPERCALL_VIA_SYSCALL, 1000, 0, 0, 0, 0, 0);
    check(rc == -XEN_ENOSYS, "syscall: hypercall 1000 rc %ld, expected -ENOSYS",
          rc);
}

static void suite_multicall(void)
{
    struct multicall_entry mc[2] = {
        { .op = __HYPERVISOR_xen_version, .args = { XENVER_pagesize, 0 } },
        { .op = __HYPERVISOR_xen_version, .args = { XENVER_version, 0 } },
    };
    long rc = HYPERVISOR_multicall(mc, 2);

    if ( !check(rc == 0, "%s: multicall rc %ld", mode_name(), rc) )
        return;
    check_eq(mc[0].result, PAGE_SIZE, "multicall entry 0 (pagesize)");
    check_eq(mc[1].result, HYPERVISOR_xen_version(XENVER_version, NULL),
             "multicall entry 1 (version)");
}

/* An exception and its HYPERVISOR_iret go through the same transport. */
static void suite_exception_return(void)
{
    check_exinfo(probe_ud2(), EXINFO(X86_EXC_UD, 0), "ud2 round trip");
    check_exinfo(probe_int3(), EXINFO(X86_EXC_BP, 0), "int3 round trip");
}

static volatile unsigned int ipi_hits;

static void on_ipi(evtchn_port_t port, struct pv_regs *regs, void *data)
{
    (void)port;
    (void)regs;
    (void)data;
    ipi_hits++;
}

/* An event upcall arrives and returns through HYPERVISOR_iret. */
static void suite_event_upcall(void)
{
    struct evtchn_bind_ipi bind = { .vcpu = 0 };
    struct evtchn_send send;
    struct evtchn_close close;
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &bind);

    if ( !check_rc_setup(rc, "EVTCHNOP_bind_ipi") )
        return;
    ipi_hits = 0;
    evtchn_bind(bind.port, on_ipi, NULL);
    events_enable();
    send.port = bind.port;
    rc = HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
    events_disable();
    check(rc == 0, "%s: EVTCHNOP_send rc %ld", mode_name(), rc);
    check_eq(ipi_hits, 1, "IPI events handled");

    evtchn_bind(bind.port, NULL, NULL);
    close.port = bind.port;
    HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
}

static void hypercall_suite(void)
{
    xtest_info("running the suite via %s", mode_name());
    suite_registers();
    suite_simple_calls();
    suite_invalid_numbers();
    suite_multicall();
    suite_exception_return();
    suite_event_upcall();
}

#endif /* TESTS_PV_HYPERCALL_SUITE_H */
