/*
 * Hypercall handlers and continuations.
 *
 * Every handler takes its arguments as unsigned longs (the guest's rdi,
 * rsi, rdx, r10, r8) and returns a long: >= 0 on success, -errno on
 * failure.  Handlers validate every argument; a guest pointer goes only
 * through guest_access.h.
 *
 * A handler that must stop part-way (long operations) returns
 * hypercall_create_continuation(op, nr_args, args...): the guest then
 * re-issues the hypercall with the updated arguments, so the hypervisor
 * never runs a guest-controlled amount of work without a preemption point.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>
#include <public/xen.h>

typedef long hypercall_fn_t(unsigned long a1, unsigned long a2,
                            unsigned long a3, unsigned long a4,
                            unsigned long a5);

/*
 * Arch contract: run hypercall `op` with args for the current vCPU, through
 * the table of the current guest's kind (a PV and an HVM guest may each
 * see only part of the calls).  -ENOSYS for a number without a handler.
 * Used by each guest entry's dispatcher and by multicall.
 */
long arch_do_hypercall(unsigned long op, const unsigned long args[5]);

/*
 * Arch contract: true if hypercall `op`, just run by arch_do_hypercall()
 * for the current vCPU, has left it in another context (x86 PV: iret), so
 * that what is left of a multicall batch must not run.
 */
bool arch_hypercall_left_context(unsigned long op);

/* Arrange for the current hypercall to be re-issued with these args. */
long hypercall_create_continuation(unsigned int op, unsigned int nr_args, ...);
/* True if the hypervisor wants the current hypercall to yield. */
bool hypercall_preempt_check(void);

long do_console_io(unsigned long cmd, unsigned long count, unsigned long buf,
                   unsigned long a4, unsigned long a5);
long do_xen_version(unsigned long cmd, unsigned long arg, unsigned long a3,
                    unsigned long a4, unsigned long a5);
long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                 unsigned long a4, unsigned long a5);
long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                  unsigned long a4, unsigned long a5);
long do_multicall(unsigned long calls, unsigned long nr, unsigned long a3,
                  unsigned long a4, unsigned long a5);

#endif /* XEN_HYPERCALL_H */
