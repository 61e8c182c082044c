/*
 * Registering a PV guest kernel's entry points: the virtual IDT
 * (set_trap_table), the event/failsafe/syscall/NMI callbacks
 * (set_callbacks, callback_op) and the kernel stack used when a trap
 * arrives from guest user mode (stack_switch).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <public/callback.h>
#include <asm/current.h>
#include <asm/pv/hypercalls.h>

/*
 * A handler address must at least be canonical: the return to the guest
 * would fault in the hypervisor otherwise.  Anything else (even an
 * address in the hypervisor's range) can only fault in the guest itself,
 * and Xen 4.17 accepts it.
 */
static bool guest_code_address_ok(unsigned long addr)
{
    return ((long)addr >> 47) == 0 || ((long)addr >> 47) == -1;
}

long do_set_trap_table(unsigned long traps, unsigned long a2, unsigned long a3,
                       unsigned long a4, unsigned long a5)
{
    struct trap_info *table = current->arch.pv.trap_ctxt;
    const struct trap_info *gp = (const struct trap_info *)traps;
    struct trap_info t;

    if ( !gp )
    {
        memset(table, 0, sizeof(current->arch.pv.trap_ctxt));
        return 0;
    }
    for ( ; ; gp++ )
    {
        if ( hypercall_preempt_check() )
            return hypercall_create_continuation(__HYPERVISOR_set_trap_table,
                                                 1, (unsigned long)gp);
        if ( copy_from_guest_ptr(&t, gp, sizeof(t)) )
            return -EFAULT;
        if ( !t.address )
            return 0;
        if ( !guest_code_address_ok(t.address) )
            return -EINVAL;
        /* A 64-bit PV kernel's code selector is always the flat ring-3 one. */
        t.cs = FLAT_KERNEL_CS;
        table[t.vector] = t;
    }
}

long do_stack_switch(unsigned long ss, unsigned long esp, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    struct pv_vcpu *pv = &current->arch.pv;

    /* Any RPL the kernel passes means its own (ring 3) stack segment. */
    pv->kernel_ss = ss | 3;
    pv->kernel_sp = esp;
    return 0;
}

static int register_callback(const struct callback_register *reg)
{
    struct pv_vcpu *pv = &current->arch.pv;
    bool mask = reg->flags & CALLBACKF_mask_events;

    if ( reg->flags & ~CALLBACKF_mask_events )
        return -EINVAL;
    if ( reg->address && !guest_code_address_ok(reg->address) )
        return -EINVAL;
    switch ( reg->type )
    {
    case CALLBACKTYPE_event:
        pv->event_callback_eip = reg->address;
        pv->event_mask_on_callback = mask;
        return 0;
    case CALLBACKTYPE_failsafe:
        pv->failsafe_callback_eip = reg->address;
        pv->failsafe_mask_on_callback = mask;
        return 0;
    case CALLBACKTYPE_syscall:
        pv->syscall_callback_eip = reg->address;
        pv->syscall_mask_on_callback = mask;
        return 0;
    case CALLBACKTYPE_nmi:
        pv->nmi_callback_eip = reg->address;
        return 0;
    case CALLBACKTYPE_syscall32:
    case CALLBACKTYPE_sysenter:
        /* Entries from 32-bit user mode: accepted and kept, as Xen does;
         * no 32-bit user code runs here yet to use them. */
        pv->syscall32_callback_eip = reg->address;
        return 0;
    }
    return -ENOSYS;
}

static int unregister_callback(const struct callback_unregister *unreg)
{
    switch ( unreg->type )
    {
    case CALLBACKTYPE_nmi:
        current->arch.pv.nmi_callback_eip = 0;
        return 0;
    case CALLBACKTYPE_event:
    case CALLBACKTYPE_failsafe:
    case CALLBACKTYPE_syscall:
    case CALLBACKTYPE_syscall32:
    case CALLBACKTYPE_sysenter:
        /* These can be replaced, not removed. */
        return -EINVAL;
    }
    return -ENOSYS;
}

long do_callback_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    struct callback_register reg;
    struct callback_unregister unreg;

    switch ( cmd )
    {
    case CALLBACKOP_register:
        if ( copy_from_guest_ptr(&reg, (void *)arg, sizeof(reg)) )
            return -EFAULT;
        return register_callback(&reg);
    case CALLBACKOP_unregister:
        if ( copy_from_guest_ptr(&unreg, (void *)arg, sizeof(unreg)) )
            return -EFAULT;
        return unregister_callback(&unreg);
    }
    return -ENOSYS;
}

long do_set_callbacks(unsigned long event, unsigned long failsafe,
                      unsigned long syscall, unsigned long a4, unsigned long a5)
{
    struct callback_register r[3] = {
        { .type = CALLBACKTYPE_event, .address = event },
        { .type = CALLBACKTYPE_failsafe, .address = failsafe },
        { .type = CALLBACKTYPE_syscall, .address = syscall,
          .flags = CALLBACKF_mask_events },
    };
    int rc;

    for ( unsigned int i = 0; i < ARRAY_SIZE(r); i++ )
        if ( (rc = register_callback(&r[i])) != 0 )
            return rc;
    return 0;
}
