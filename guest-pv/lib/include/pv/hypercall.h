/*
 * hypercall.h - calling the hypervisor from a 64-bit PV kernel.
 *
 * Two transports exist and tests must be able to use both:
 *
 *  - the hypercall page: the hypervisor fills a page of our image (named
 *    by XEN_ELFNOTE_HYPERCALL_PAGE) with one 32-byte stub per hypercall;
 *    we "call" the stub for number nr at offset nr * 32;
 *  - a bare `syscall` with the number in rax, which is what Linux 6.1
 *    does (its image carries no hypercall-page note at all).
 *
 * In both cases the arguments go in rdi, rsi, rdx, r10, r8 and the result
 * comes back in rax.  The hypervisor may scribble over argument registers
 * it did not consume (Xen debug builds do so on purpose), and `syscall`
 * itself destroys rcx and r11, so all of those are declared clobbered.
 *
 * The transport is chosen at run time (hypercall_set_mode()); at boot the
 * library picks the page if the hypervisor filled it, else `syscall`.
 */
#ifndef PV_HYPERCALL_H
#define PV_HYPERCALL_H

#include <pv/types.h>
#include <public/xen.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/callback.h>
#include <public/vcpu.h>
#include <public/event_channel.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/domctl.h>
#include <public/sysctl.h>

enum hypercall_mode
{
    HYPERCALL_VIA_PAGE = 0,
    HYPERCALL_VIA_SYSCALL = 1,
};

/* The page the hypervisor fills in (arch/x86_64/hypercall_page.S). */
extern uint8_t hypercall_page[PAGE_SIZE];

/* Non-zero: use `syscall`.  Read by the assembly iret path as a byte. */
extern uint8_t hypercall_via_syscall;

void hypercall_set_mode(enum hypercall_mode mode);
enum hypercall_mode hypercall_get_mode(void);
const char *hypercall_mode_name(enum hypercall_mode mode);
/* True if the hypervisor wrote stubs into hypercall_page at build time. */
bool hypercall_page_filled(void);

#define HYPERCALL_PAGE_SLOTS (PAGE_SIZE / 32)

/*
 * The one primitive everything else is built from: issue hypercall nr
 * with five arguments through the given transport.  A number beyond the
 * page's slots can only be issued with `syscall`.
 */
static inline long hypercall_via(enum hypercall_mode mode, unsigned long nr,
                                 unsigned long a1, unsigned long a2,
                                 unsigned long a3, unsigned long a4,
                                 unsigned long a5)
{
    register unsigned long rdi __asm__("rdi") = a1;
    register unsigned long rsi __asm__("rsi") = a2;
    register unsigned long rdx __asm__("rdx") = a3;
    register unsigned long r10 __asm__("r10") = a4;
    register unsigned long r8 __asm__("r8") = a5;
    unsigned long rax;

    if ( mode == HYPERCALL_VIA_SYSCALL || nr >= HYPERCALL_PAGE_SLOTS )
    {
        rax = nr;
        __asm__ __volatile__ ("syscall"
                              : "+a" (rax), "+r" (rdi), "+r" (rsi),
                                "+r" (rdx), "+r" (r10), "+r" (r8)
                              :
                              : "rcx", "r11", "r9", "memory");
    }
    else
    {
        /* The stub loads eax with the number itself. */
        rax = (unsigned long)hypercall_page + nr * 32;
        __asm__ __volatile__ ("call *%%rax"
                              : "+a" (rax), "+r" (rdi), "+r" (rsi),
                                "+r" (rdx), "+r" (r10), "+r" (r8)
                              :
                              : "rcx", "r11", "r9", "memory");
    }
    return (long)rax;
}

#define _hc_mode() ((enum hypercall_mode)hypercall_via_syscall)
#define _hc_arg(x) ((unsigned long)(x))

#define hypercall0(nr) \
    hypercall_via(_hc_mode(), nr, 0, 0, 0, 0, 0)
#define hypercall1(nr, a) \
    hypercall_via(_hc_mode(), nr, _hc_arg(a), 0, 0, 0, 0)
#define hypercall2(nr, a, b) \
    hypercall_via(_hc_mode(), nr, _hc_arg(a), _hc_arg(b), 0, 0, 0)
#define hypercall3(nr, a, b, c) \
    hypercall_via(_hc_mode(), nr, _hc_arg(a), _hc_arg(b), _hc_arg(c), 0, 0)
#define hypercall4(nr, a, b, c, d) \
    hypercall_via(_hc_mode(), nr, _hc_arg(a), _hc_arg(b), _hc_arg(c), \
                  _hc_arg(d), 0)
#define hypercall5(nr, a, b, c, d, e) \
    hypercall_via(_hc_mode(), nr, _hc_arg(a), _hc_arg(b), _hc_arg(c), \
                  _hc_arg(d), _hc_arg(e))

/* Named wrappers, one per hypercall the tests use. */

static inline long HYPERVISOR_set_trap_table(const struct trap_info *table)
{
    return hypercall1(__HYPERVISOR_set_trap_table, table);
}

static inline long HYPERVISOR_mmu_update(struct mmu_update *req,
                                         unsigned int count,
                                         unsigned int *done, domid_t dom)
{
    return hypercall4(__HYPERVISOR_mmu_update, req, count, done, dom);
}

static inline long HYPERVISOR_set_gdt(const xen_pfn_t *frames,
                                      unsigned int entries)
{
    return hypercall2(__HYPERVISOR_set_gdt, frames, entries);
}

static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{
    return hypercall2(__HYPERVISOR_stack_switch, ss, sp);
}

static inline long HYPERVISOR_fpu_taskswitch(int set)
{
    return hypercall1(__HYPERVISOR_fpu_taskswitch, set);
}

static inline long HYPERVISOR_set_debugreg(unsigned int reg,
                                           unsigned long value)
{
    return hypercall2(__HYPERVISOR_set_debugreg, reg, value);
}

static inline long HYPERVISOR_get_debugreg(unsigned int reg)
{
    return hypercall1(__HYPERVISOR_get_debugreg, reg);
}

static inline long HYPERVISOR_update_descriptor(uint64_t maddr, uint64_t desc)
{
    return hypercall2(__HYPERVISOR_update_descriptor, maddr, desc);
}

static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_memory_op, cmd, arg);
}

static inline long HYPERVISOR_multicall(struct multicall_entry *calls,
                                        unsigned int nr)
{
    return hypercall2(__HYPERVISOR_multicall, calls, nr);
}

static inline long HYPERVISOR_update_va_mapping(unsigned long va,
                                                uint64_t pte,
                                                unsigned long flags)
{
    return hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

static inline long HYPERVISOR_set_timer_op(uint64_t timeout)
{
    return hypercall1(__HYPERVISOR_set_timer_op, timeout);
}

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_xen_version, cmd, arg);
}

static inline long HYPERVISOR_console_io(int cmd, unsigned int count,
                                         const void *buf)
{
    return hypercall3(__HYPERVISOR_console_io, cmd, count, buf);
}

static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *uop,
                                             unsigned int count)
{
    return hypercall3(__HYPERVISOR_grant_table_op, cmd, uop, count);
}

static inline long HYPERVISOR_vm_assist(unsigned int cmd, unsigned int type)
{
    return hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
    return hypercall3(__HYPERVISOR_vcpu_op, cmd, vcpu, arg);
}

static inline long HYPERVISOR_set_segment_base(int which, unsigned long base)
{
    return hypercall2(__HYPERVISOR_set_segment_base, which, base);
}

static inline long HYPERVISOR_mmuext_op(struct mmuext_op *ops,
                                        unsigned int count,
                                        unsigned int *done, domid_t dom)
{
    return hypercall4(__HYPERVISOR_mmuext_op, ops, count, done, dom);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_sched_op, cmd, arg);
}

static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
    return hypercall2(__HYPERVISOR_callback_op, cmd, arg);
}

static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_event_channel_op, cmd, arg);
}

static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_physdev_op, cmd, arg);
}

/* struct xen_platform_op, interface version filled in by the caller
 * (tests give wrong ones on purpose). */
static inline long HYPERVISOR_platform_op(void *op)
{
    return hypercall1(__HYPERVISOR_platform_op, op);
}

/* The toolstack's calls; these fill in the interface version. */
static inline long HYPERVISOR_domctl(struct xen_domctl *op)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return hypercall1(__HYPERVISOR_domctl, op);
}

static inline long HYPERVISOR_sysctl(struct xen_sysctl *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hypercall1(__HYPERVISOR_sysctl, op);
}

#endif /* PV_HYPERCALL_H */
