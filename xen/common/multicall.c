/*
 * multicall: run a batch of hypercalls with one guest entry.
 *
 * Each entry's result is written back as soon as it completes.  When the
 * hypervisor needs the CPU between entries, or a sub-call itself asks to
 * continue, the multicall becomes a continuation over the entries still
 * to run (a preempted sub-call's entry is first rewritten with its
 * updated arguments).  The multicall itself returns 0 unless the batch
 * could not be read, as guests (Linux BUGs otherwise) expect; an iret
 * entry ends the batch and the multicall returns as the iret does.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <asm/current.h>

static long run_one(struct mc_state *mcs)
{
    unsigned long args[5];

    for ( unsigned int i = 0; i < 5; i++ )
        args[i] = mcs->call.args[i];
    /* A multicall inside a multicall could nest without bound. */
    if ( mcs->call.op == __HYPERVISOR_multicall )
        return -EINVAL;
    return arch_do_hypercall(mcs->call.op, args);
}

long do_multicall(unsigned long calls, unsigned long nr, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    struct mc_state *mcs = &current->mc_state;
    multicall_entry_t *list = (multicall_entry_t *)calls;
    unsigned long i;
    long rc = 0;

    if ( mcs->active )
        return -EINVAL;
    nr = (uint32_t)nr;                  /* the count is 32 bits wide */
    /* Only the batch's start is checked up front, as on Xen 4.17 (even for
     * an empty batch): every entry's copy is checked again, so a batch
     * that runs off the end of guest space runs the entries before the
     * edge and then fails with -EFAULT. */
    if ( !guest_range_ok(list, 1) )
        return -EFAULT;

    mcs->active = true;
    for ( i = 0; i < nr; i++ )
    {
        if ( i && hypercall_preempt_check() )
            break;
        if ( copy_from_guest_ptr(&mcs->call, &list[i], sizeof(mcs->call)) )
        {
            rc = -EFAULT;
            break;
        }
        mcs->preempted = false;
        mcs->call.result = run_one(mcs);
        if ( arch_hypercall_left_context(mcs->call.op) )
        {
            /*
             * The vCPU now has the context the iret frame named: what is
             * left of the batch belonged to the context it left, so it
             * ends here (as on Xen).  The multicall returns what iret
             * does, the restored rax; the entry's result is best effort.
             */
            (void)copy_to_guest_ptr(&list[i].result, &mcs->call.result,
                                    sizeof(mcs->call.result));
            mcs->active = false;
            return mcs->call.result;
        }
        if ( mcs->preempted )
        {
            /* Re-run this entry, with its new arguments, next time. */
            if ( copy_to_guest_ptr(&list[i], &mcs->call, sizeof(mcs->call)) )
                rc = -EFAULT;
            break;
        }
        if ( copy_to_guest_ptr(&list[i].result, &mcs->call.result,
                               sizeof(mcs->call.result)) )
        {
            rc = -EFAULT;
            break;
        }
    }
    mcs->active = false;

    if ( rc || i == nr )
        return rc;
    return hypercall_create_continuation(__HYPERVISOR_multicall, 2,
                                         (unsigned long)&list[i], nr - i);
}
