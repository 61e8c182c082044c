/*
 * physdev_op: the PV guest's I/O privilege.  Only the virtual IOPL is
 * implemented; interrupts (PIRQs, MSI) and PCI management come with
 * device support.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <public/physdev.h>
#include <asm/current.h>
#include <asm/pv/hypercalls.h>

long do_physdev_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                   unsigned long a4, unsigned long a5)
{
    struct physdev_set_iopl iopl;

    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
        if ( copy_from_guest_ptr(&iopl, (void *)arg, sizeof(iopl)) )
            return -EFAULT;
        if ( iopl.iopl > 3 )
            return -EINVAL;
        current->arch.pv.iopl = iopl.iopl;
        return 0;
    }
    return -ENOSYS;
}
