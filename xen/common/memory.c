/*
 * memory_op: what a domain may learn and change about its memory.  This
 * file has the architecture-neutral sub-ops; the rest go to
 * arch_memory_op().
 *
 * Arch contract (x86: arch/x86/mm/memory_op.c):
 *   long arch_memory_op(unsigned long cmd, void *arg);
 *     Handle an x86-specific XENMEM_* sub-op, -ENOSYS for unknown ones.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <public/memory.h>
#include <asm/current.h>

long arch_memory_op(unsigned long cmd, void *arg);

/* The domain a query names: itself, or any domain for the privileged. */
static struct domain *query_target(void *arg, long *err)
{
    struct domain *cur = current->domain, *d;
    domid_t id;

    *err = -EFAULT;
    if ( copy_from_guest_ptr(&id, arg, sizeof(id)) )
        return NULL;
    if ( id == DOMID_SELF || id == cur->domain_id )
        return cur;
    *err = -EPERM;
    if ( !cur->is_privileged )
        return NULL;
    *err = -ESRCH;
    d = domain_by_id(id);
    return d;
}

static long reservation_query(unsigned long cmd, void *arg)
{
    long err;
    struct domain *d = query_target(arg, &err);

    if ( !d )
        return err;
    switch ( cmd )
    {
    case XENMEM_current_reservation:
        return d->tot_pages;
    case XENMEM_maximum_reservation:
        return d->max_pages;
    default:                       /* XENMEM_maximum_gpfn */
        return d->tot_pages ? (long)d->tot_pages - 1 : 0;
    }
}

long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    switch ( cmd )
    {
    case XENMEM_maximum_ram_page:
        return max_page;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn:
        return reservation_query(cmd, (void *)arg);
    }
    return arch_memory_op(cmd, (void *)arg);
}
