/*
 * The arch hooks common code uses to reach a guest without knowing its
 * kind (contracts in xen/sched.h, xen/hypercall.h, xen/guest_access.h
 * and common/vcpu_op.c): each picks the PV or the HVM implementation.
 * This file is the only place that knows both.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/vcpu.h>
#include <xen/softirq.h>
#include <xen/mm.h>
#include <xen/grant_table.h>
#include <asm/current.h>
#include <asm/pv/mm.h>
#include <asm/pv/syscall.h>
#include <asm/pv/hypercalls.h>
#include <asm/pv/vcpu.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>

static bool is_hvm_vcpu(const struct vcpu *v)
{
    return v && v->domain->arch.is_hvm;
}

/*
 * Whose guest addresses a copy reaches on each CPU: the vCPU whose
 * address space is loaded.  Not simply `current`: during a context
 * switch current is already the next vCPU while the previous one's
 * runstate is published in its own space.
 */
static struct vcpu *space_owner[NR_CPUS];

void arch_guest_space_loaded(struct vcpu *v)
{
    space_owner[smp_processor_id()] = v;
}

static struct vcpu *hvm_space(void)
{
    struct vcpu *v = space_owner[smp_processor_id()];

    return is_hvm_vcpu(v) ? v : NULL;
}

/* SCHEDOP_block: PV takes any pending upcall; HVM needs a way in. */
bool arch_vcpu_event_deliverable(struct vcpu *v)
{
    if ( is_hvm_vcpu(v) )
        return hvm_event_deliverable(v);
    return v->vcpu_info && READ_ONCE(v->vcpu_info->evtchn_upcall_pending);
}

void arch_cpu_guest_init(unsigned int cpu)
{
    syscall_cpu_init(cpu);
    hvm_cpu_init(cpu);
}

long arch_do_hypercall(unsigned long op, const unsigned long args[5])
{
    if ( is_hvm_vcpu(current) )
        return hvm_call_hypercall(op, args);
    return pv_call_hypercall(op, args);
}

/* Only a PV iret switches context; an HVM guest has no iret call (its
 * -ENOSYS is an entry's result like any other). */
bool arch_hypercall_left_context(unsigned long op)
{
    return op == __HYPERVISOR_iret && !is_hvm_vcpu(current);
}

bool hypercall_preempt_check(void)
{
    return softirq_pending(smp_processor_id());
}

#define SYSCALL_INSN_LEN 2          /* PV: syscall */
#define VMCALL_INSN_LEN  3          /* HVM: vmcall and vmmcall alike */

/*
 * Rewind the guest over its hypercall instruction, so that it issues the
 * call again with the updated argument registers: the guest cannot tell,
 * and the hypervisor gets its preemption point.
 */
long hypercall_create_continuation(unsigned int op, unsigned int nr_args, ...)
{
    struct vcpu *v = current;
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    unsigned long vals[6] = { 0 };
    va_list ap;

    BUG_ON(nr_args > 6);
    va_start(ap, nr_args);
    for ( unsigned int i = 0; i < nr_args; i++ )
        vals[i] = va_arg(ap, unsigned long);
    va_end(ap);

    if ( v->mc_state.active )
    {
        /* Inside a multicall: the multicall re-issues this entry. */
        v->mc_state.preempted = true;
        v->mc_state.call.op = op;
        for ( unsigned int i = 0; i < nr_args; i++ )
            v->mc_state.call.args[i] = vals[i];
        return op;
    }
    if ( is_hvm_vcpu(v) && !hvm_vendor->long_mode(v) )
    {
        regs->rip -= VMCALL_INSN_LEN;
        regs->rbx = vals[0];
        regs->rcx = vals[1];
        regs->rdx = vals[2];
        regs->rsi = vals[3];
        regs->rdi = vals[4];
        return op;
    }
    regs->rip -= is_hvm_vcpu(v) ? VMCALL_INSN_LEN : SYSCALL_INSN_LEN;
    regs->rdi = vals[0];
    regs->rsi = vals[1];
    regs->rdx = vals[2];
    regs->r10 = vals[3];
    regs->r8 = vals[4];
    return op;      /* lands in %rax: the re-executed call's number */
}

/* HVM: a guest frame number through the p2m; only the domain's RAM, with
 * a general reference while it is mapped. */
static void *hvm_map_guest_frame(struct domain *d, unsigned long gfn)
{
    enum p2m_type t;
    mfn_t mfn = p2m_lookup(d->arch.hvm.p2m, gfn, &t);

    if ( t != p2m_ram_rw || !mfn_valid(mfn) ||
         !get_page(mfn_to_page(mfn), d) )
        return NULL;
    return mfn_to_virt(mfn);
}

void *arch_map_guest_frame(struct domain *d, unsigned long gfn)
{
    if ( d->arch.is_hvm )
        return hvm_map_guest_frame(d, gfn);
    return pv_map_guest_frame(d, gfn);
}

void arch_unmap_guest_frame(void *va)
{
    struct page_info *pg = virt_to_page(va);

    /* A PV mapping holds a writable type reference; an HVM one only a
     * general reference (HVM pages never take types).  The page's owner
     * cannot tell: it may have been disowned since. */
    if ( pg->u.inuse.type_info & PGT_count_mask )
        pv_unmap_guest_frame(va);
    else
        put_page(pg);
}

bool guest_range_ok(const void *p, unsigned long n)
{
    if ( hvm_space() )
        return !n || (unsigned long)p + n - 1 >= (unsigned long)p;
    return pv_guest_range_ok(p, n);
}

unsigned long raw_copy_to_guest(void *to, const void *from, unsigned long n)
{
    struct vcpu *v = hvm_space();

    if ( v )
        return hvm_copy_to_guest(v, to, from, n);
    return pv_copy_to_guest(to, from, n);
}

unsigned long raw_copy_from_guest(void *to, const void *from, unsigned long n)
{
    struct vcpu *v = hvm_space();

    if ( v )
        return hvm_copy_from_guest(v, to, from, n);
    return pv_copy_from_guest(to, from, n);
}

/*
 * vCPU contexts in the PV format (VCPUOP_initialise, the toolstack's
 * set/getvcpucontext) and the PV hypercall page (domctl hypercall_init)
 * mean nothing for an HVM domain: refused, and read back as zeroes.  They
 * would otherwise pin an HVM guest's pages as PV page tables.
 */
int arch_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c)
{
    if ( v->domain->arch.is_hvm )
        return -EOPNOTSUPP;
    return pv_set_info_guest(v, c);
}

bool arch_vcpu_takes_hvm_context(const struct domain *d)
{
    return d->arch.is_hvm;
}

int arch_set_hvm_context(struct vcpu *v, const struct vcpu_hvm_context *c)
{
    return hvm_set_vcpu_context(v, c);
}

int arch_update_info_guest(struct vcpu *v, const struct vcpu_guest_context *c)
{
    if ( v->domain->arch.is_hvm )
        return -EOPNOTSUPP;
    return pv_update_info_guest(v, c);
}

void arch_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c)
{
    if ( v->domain->arch.is_hvm )
    {
        memset(c, 0, sizeof(*c));
        return;
    }
    pv_get_info_guest(v, c);
}

int arch_vcpu_reset(struct vcpu *v)
{
    if ( v->domain->arch.is_hvm )
        return 0;                   /* nothing of the PV kind to give back */
    return pv_vcpu_reset(v);
}

int arch_hypercall_init(struct domain *d, unsigned long gmfn)
{
    if ( d->arch.is_hvm )
        return -EOPNOTSUPP;         /* HVM guests use the MSR */
    return pv_hypercall_init(d, gmfn);
}

/* Grants: mappings go into the mapper's page tables (PV) or p2m (HVM);
 * frame numbers are machine frames (PV) or guest-physical (HVM). */
int arch_grant_host_map(struct vcpu *v, uint64_t addr, mfn_t mfn,
                        unsigned int flags)
{
    if ( v->domain->arch.is_hvm )
        return hvm_grant_host_map(v, addr, mfn, flags);
    return pv_grant_host_map(v, addr, mfn, flags);
}

int arch_grant_host_unmap(struct vcpu *v, uint64_t addr, mfn_t mfn,
                          unsigned int flags)
{
    if ( v->domain->arch.is_hvm )
        return hvm_grant_host_unmap(v, addr, mfn, flags);
    return pv_grant_host_unmap(v, addr, mfn, flags);
}

unsigned long arch_grant_frame_mfn(struct domain *d, uint64_t frame)
{
    if ( d->arch.is_hvm )
        return hvm_grant_frame_mfn(d, frame);
    return frame == (unsigned long)frame ? frame : ~0UL;
}

/* The machine-check MSRs of an HVM vCPU: the same virtual banks as a PV
 * vCPU's (Xen's vMCE is one for both); -ENOENT when msr is none of them. */
int hvm_vmce_msr(struct vcpu *v, uint32_t msr, uint64_t *val, bool write)
{
    if ( !pv_vmce_msr(msr) )
        return -ENOENT;
    return write ? pv_vmce_write(v, msr, *val) : pv_vmce_read(v, msr, val);
}
