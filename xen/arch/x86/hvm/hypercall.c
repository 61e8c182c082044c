/*
 * Hypercalls from HVM guests: vmmcall (or vmcall) with the number in
 * eax.  64-bit mode passes arguments in rdi, rsi, rdx, r10, r8; 32-bit
 * mode in ebx, ecx, edx, esi, edi.  Only ring 0 may call (-EPERM
 * otherwise, as on Xen).
 *
 * The table holds the calls that make sense for a guest with its own
 * page tables and none of the PV machinery; every other number is
 * -ENOSYS.  vcpu_op's PV-context sub-ops (VCPUOP_initialise) are refused
 * by the arch hooks (arch/x86/guest.c).  memory_op offers the
 * reservation sub-ops, the memory map and XENMEM_add_to_physmap of the
 * shared info page and grant frames (other sub-ops -ENOSYS).
 *
 * platform_op, sysctl and domctl are the PV handlers themselves: they
 * refuse an unprivileged caller (-EPERM) on their own, act on the host or
 * on a domain named by id rather than on the caller's address space, and
 * reach the caller's memory only through copy_from/to_guest, which walks
 * an HVM caller's page tables (hvm/guest_access.c).  A PVH dom0 needs them
 * (Linux's pcpu and mcelog drivers, the toolstack); Xen 4.17 offers them to
 * every HVM guest and leaves the refusing to the permission check.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/event.h>
#include <xen/vcpu.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/domctl.h>
#include <asm/current.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>
#include <asm/pv/hypercalls.h>
#include <public/memory.h>
#include <public/grant_table.h>

/*
 * Put a hypervisor frame at gpfn.  A RAM page of the guest's that was
 * there is given back, as Xen does (it would otherwise stay allocated,
 * counted and out of the guest's reach until the domain died); it is
 * swapped out in one step, so a vCPU reading that frame meanwhile never
 * finds a hole.
 */
static int place(struct domain *d, unsigned long gpfn, mfn_t mfn)
{
    int rc;
    struct page_info *old = hvm_physmap_replace(d, gpfn, mfn, &rc);

    if ( old )
        arch_guest_drop_allocation(old);
    return rc;
}

static long add_shared_info(struct domain *d, const struct xen_add_to_physmap *a)
{
    if ( a->idx != 0 )
        return -EINVAL;
    return place(d, a->gpfn, virt_to_mfn(d->shared_info));
}

/*
 * Errnos as Xen 4.17 gives them: a space it does not know is -EINVAL, the
 * foreign space has its own call (-ENOSYS); the spaces Xen knows that
 * are not done here yet are -EOPNOTSUPP.  Only the caller's own physmap
 * is changed: another existing domain's is -EOPNOTSUPP too (the privileged
 * case is not done), a missing one -ESRCH.
 */
/*
 * A grant-table frame (the table grown to hold it, as setup_table would)
 * at a guest frame.  Status frames (v2) are not offered: a switch back to
 * v1 frees them, and a p2m entry holds no reference that could stop it.
 */
static long add_grant_frame(struct domain *d, const struct xen_add_to_physmap *a)
{
    unsigned long mfn;

    if ( a->idx & XENMAPIDX_grant_table_status )
        return -EOPNOTSUPP;
    if ( a->idx != (unsigned int)a->idx ||
         gnttab_acquire_frames(d, XENMEM_resource_grant_table_id_shared,
                               a->idx, 1, &mfn) )
        return -EINVAL;
    return place(d, a->gpfn, _mfn(mfn));
}

static bool hvm_is_ram_gfn(struct domain *d, unsigned long gfn)
{
    enum p2m_type t;

    if ( gfn > P2M_MAX_GFN )
        return false;
    p2m_lookup(d->arch.hvm.p2m, gfn, &t);
    return t == p2m_ram_rw;
}

static long hvm_add_to_physmap(void *arg)
{
    struct xen_add_to_physmap a;
    struct domain *d = current->domain, *t;
    bool self;

    if ( copy_from_guest_ptr(&a, arg, sizeof(a)) )
        return -EFAULT;
    if ( a.space == XENMAPSPACE_gmfn_foreign )
        return -ENOSYS;
    if ( a.space > XENMAPSPACE_dev_mmio )
        return -EINVAL;
    if ( !(t = get_domain_or_self(a.domid)) )
        return -ESRCH;
    self = t == d;
    put_domain(t);
    if ( !self )
        return d->is_privileged ? -EOPNOTSUPP : -EPERM;
    if ( a.gpfn > P2M_MAX_GFN )
        return -EINVAL;
    if ( a.space == XENMAPSPACE_shared_info )
        return add_shared_info(d, &a);
    if ( a.space == XENMAPSPACE_grant_table )
        return add_grant_frame(d, &a);
    /* Moving a frame is not done here; one that is not RAM of ours could
     * not be moved on Xen either. */
    if ( (a.space == XENMAPSPACE_gmfn || a.space == XENMAPSPACE_gmfn_range) &&
         !hvm_is_ram_gfn(d, a.idx) )
        return -EINVAL;
    return -EOPNOTSUPP;
}

/* The sub-op in the low bits; the rest is a continuation's progress
 * (common/memory.c). */
#define MEMOP_CMD_MASK ((1UL << 6) - 1)

/* The x86 sub-ops (mm/memory_op.c, contract in common/memory.c). */
long arch_memory_op(unsigned long cmd, void *arg);

static long hvm_memory_op(unsigned long cmd, unsigned long arg,
                          unsigned long a3, unsigned long a4, unsigned long a5)
{
    switch ( cmd & MEMOP_CMD_MASK )
    {
    /* A balloon (Linux takes frames for its grant table this way): the
     * frames go into and out of the p2m (hvm/physmap.c). */
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        return do_memory_op(cmd, arg, a3, a4, a5);
    case XENMEM_add_to_physmap:
        return hvm_add_to_physmap((void *)arg);
    case XENMEM_memory_map:             /* the domain's own map */
        return arch_memory_op(cmd, (void *)arg);
    }
    return -ENOSYS;
}

/*
 * The grant-table sub-ops Xen 4.17 offers an HVM guest; the others (a
 * PV guest's transfers, dumps, status frames by number, cache flushes,
 * and anything carrying continuation bits from the guest) are -ENOSYS.
 */
static long hvm_grant_table_op(unsigned long cmd, unsigned long uop,
                               unsigned long count, unsigned long a4,
                               unsigned long a5)
{
    switch ( (unsigned int)cmd )
    {
    case GNTTABOP_map_grant_ref:
    case GNTTABOP_unmap_grant_ref:
    case GNTTABOP_setup_table:
    case GNTTABOP_copy:
    case GNTTABOP_query_size:
    case GNTTABOP_set_version:
    case GNTTABOP_get_version:
    case GNTTABOP_swap_grant_ref:
        return do_grant_table_op(cmd, uop, count, a4, a5);
    }
    return -ENOSYS;
}

/* Of the assists, Xen 4.17 lets an HVM guest ask for the runstate
 * update flag only; anything else is -EINVAL, as there. */
#define HVM_VM_ASSIST_VALID (1UL << VMASST_TYPE_runstate_update_flag)

static long hvm_vm_assist(unsigned long cmd, unsigned long type,
                          unsigned long a3, unsigned long a4, unsigned long a5)
{
    if ( type >= 64 || !((HVM_VM_ASSIST_VALID >> type) & 1) )
        return -EINVAL;
    return do_vm_assist(cmd, type, a3, a4, a5);
}

/*
 * A batch of calls, each through this table (common/multicall.c).  The
 * entries are read in the 64-bit layout; a 32-bit caller's (Xen's compat
 * layout) is not done: -ENOSYS.
 */
static long hvm_multicall(unsigned long calls, unsigned long nr,
                          unsigned long a3, unsigned long a4, unsigned long a5)
{
    if ( !hvm_vendor->long_mode(current) )
        return -ENOSYS;
    return do_multicall(calls, nr, a3, a4, a5);
}

static hypercall_fn_t *const hvm_hypercall_table[] = {
    [__HYPERVISOR_memory_op]        = hvm_memory_op,
    [__HYPERVISOR_console_io]       = do_console_io,
    [__HYPERVISOR_xen_version]      = do_xen_version,
    [__HYPERVISOR_sched_op]         = do_sched_op,
    [__HYPERVISOR_event_channel_op] = do_event_channel_op,
    [__HYPERVISOR_vcpu_op]          = do_vcpu_op,
    [__HYPERVISOR_set_timer_op]     = do_set_timer_op,
    [__HYPERVISOR_hvm_op]           = do_hvm_op,
    [__HYPERVISOR_grant_table_op]   = hvm_grant_table_op,
    [__HYPERVISOR_vm_assist]        = hvm_vm_assist,
    [__HYPERVISOR_platform_op]      = do_platform_op,
    [__HYPERVISOR_sysctl]           = do_sysctl,
    [__HYPERVISOR_domctl]           = do_domctl,
    [__HYPERVISOR_multicall]        = hvm_multicall,
};

long hvm_call_hypercall(unsigned long op, const unsigned long args[5])
{
    if ( op >= ARRAY_SIZE(hvm_hypercall_table) || !hvm_hypercall_table[op] )
        return -ENOSYS;
    return hvm_hypercall_table[op](args[0], args[1], args[2], args[3], args[4]);
}

void hvm_hypercall(struct vcpu *v, struct cpu_user_regs *regs)
{
    unsigned long args[5];
    bool wide = hvm_vendor->long_mode(v);
    unsigned long op = wide ? regs->rax : (uint32_t)regs->rax;
    long ret;

    if ( hvm_vendor->cpl(v) != 0 )
    {
        regs->rax = -EPERM;
        return;
    }
    if ( wide )
    {
        args[0] = regs->rdi; args[1] = regs->rsi; args[2] = regs->rdx;
        args[3] = regs->r10; args[4] = regs->r8;
    }
    else
    {
        args[0] = (uint32_t)regs->rbx; args[1] = (uint32_t)regs->rcx;
        args[2] = (uint32_t)regs->rdx; args[3] = (uint32_t)regs->rsi;
        args[4] = (uint32_t)regs->rdi;
    }
    ret = hvm_call_hypercall(op, args);
    regs->rax = wide ? (unsigned long)ret : (uint32_t)ret;
}
