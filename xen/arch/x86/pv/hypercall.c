/*
 * The PV hypercall table and dispatcher, and continuations.
 *
 * A 64-bit PV kernel issues `syscall` with the hypercall number in %rax
 * and arguments in %rdi, %rsi, %rdx, %r10, %r8.  Numbers without a handler
 * get -ENOSYS.  Continuations: arch/x86/guest.c.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/hypercall.h>
#include <xen/event.h>
#include <xen/vcpu.h>
#include <xen/domctl.h>
#include <xen/grant_table.h>
#include <asm/current.h>
#include <asm/pv/syscall.h>
#include <asm/pv/hypercalls.h>

static hypercall_fn_t *const hypercall_table[] = {
    [__HYPERVISOR_set_trap_table]   = do_set_trap_table,
    [__HYPERVISOR_mmu_update]       = do_mmu_update,
    [__HYPERVISOR_set_gdt]          = do_set_gdt,
    [__HYPERVISOR_stack_switch]     = do_stack_switch,
    [__HYPERVISOR_set_callbacks]    = do_set_callbacks,
    [__HYPERVISOR_fpu_taskswitch]   = do_fpu_taskswitch,
    [__HYPERVISOR_set_debugreg]     = do_set_debugreg,
    [__HYPERVISOR_get_debugreg]     = do_get_debugreg,
    [__HYPERVISOR_update_descriptor] = do_update_descriptor,
    [__HYPERVISOR_memory_op]        = do_memory_op,
    [__HYPERVISOR_multicall]        = do_multicall,
    [__HYPERVISOR_update_va_mapping] = do_update_va_mapping,
    [__HYPERVISOR_console_io]       = do_console_io,
    [__HYPERVISOR_xen_version]      = do_xen_version,
    [__HYPERVISOR_grant_table_op]   = do_grant_table_op,
    [__HYPERVISOR_vm_assist]        = do_vm_assist,
    [__HYPERVISOR_iret]             = do_iret,
    [__HYPERVISOR_update_va_mapping_otherdomain] = do_update_va_mapping_otherdomain,
    [__HYPERVISOR_mmuext_op]        = do_mmuext_op,
    [__HYPERVISOR_set_segment_base] = do_set_segment_base,
    [__HYPERVISOR_callback_op]      = do_callback_op,
    [__HYPERVISOR_physdev_op]       = do_physdev_op,
    [__HYPERVISOR_platform_op]      = do_platform_op,
    [__HYPERVISOR_arch_0]           = do_mca,
    [__HYPERVISOR_sched_op]         = do_sched_op,
    [__HYPERVISOR_event_channel_op] = do_event_channel_op,
    [__HYPERVISOR_vcpu_op]          = do_vcpu_op,
    [__HYPERVISOR_set_timer_op]     = do_set_timer_op,
    [__HYPERVISOR_sysctl]           = do_sysctl,
    [__HYPERVISOR_domctl]           = do_domctl,
    [__HYPERVISOR_hvm_op]           = do_hvm_op,
};

long pv_call_hypercall(unsigned long op, const unsigned long args[5])
{
    if ( op >= ARRAY_SIZE(hypercall_table) || !hypercall_table[op] )
        return -ENOSYS;
    return hypercall_table[op](args[0], args[1], args[2], args[3], args[4]);
}

void pv_hypercall(struct cpu_user_regs *regs)
{
    unsigned long args[5] = { regs->rdi, regs->rsi, regs->rdx, regs->r10,
                              regs->r8 };
    unsigned long op = regs->rax;
    long ret = pv_call_hypercall(op, args);

    /* iret restores the guest's own %rax; every other call returns here. */
    if ( op != __HYPERVISOR_iret )
        regs->rax = ret;
}
