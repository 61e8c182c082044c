/*
 * physdev_op: the PV guest's I/O privilege, and the hardware domain's
 * physical interrupts (GSIs as PIRQs, arch/x86/pirq.c; MSI and MSI-X,
 * arch/x86/msi.c; docs/dom0.md), PCI device registry (arch/x86/pci.c)
 * and the MCFG areas dom0 reports (arch/x86/pci_mmcfg.c).
 *
 * Every interrupt operation is the privileged domain's alone: another
 * domain gets -EPERM (before its argument is read, except for the
 * IO-APIC ones and alloc_irq_vector, which Xen 4.17 reads first).  As
 * in Xen, eoi, irq_status_query and the EOI page are anyone's: they act
 * only on the caller's own PIRQs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <public/physdev.h>
#include <asm/current.h>
#include <asm/io_apic.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include <asm/pirq.h>
#include <asm/pv/hypercalls.h>

#define COPY_IN(v)  copy_from_guest_ptr(&(v), (void *)arg, sizeof(v))
#define COPY_OUT(v) copy_to_guest_ptr((void *)arg, &(v), sizeof(v))

static long set_iopl(unsigned long arg)
{
    struct physdev_set_iopl iopl;

    if ( COPY_IN(iopl) )
        return -EFAULT;
    if ( iopl.iopl > 3 )
        return -EINVAL;
    current->arch.pv.iopl = iopl.iopl;
    return 0;
}

/*
 * The IO-APIC operations and alloc_irq_vector read their argument before
 * they check the caller's privilege, as Xen 4.17 does: a domU's bad
 * pointer is -EFAULT, a good one -EPERM.  apic_read writes the argument
 * back whatever the outcome (Xen's copy-out is unconditional).
 */
static long apic_read(unsigned long arg)
{
    struct physdev_apic a;
    int rc;

    if ( COPY_IN(a) )
        return -EFAULT;
    if ( !current->domain->is_privileged )
        return -EPERM;
    rc = io_apic_read_at(a.apic_physbase, a.reg, &a.value);
    return COPY_OUT(a) ? -EFAULT : rc;
}

static long apic_write(unsigned long arg)
{
    struct physdev_apic a;

    if ( COPY_IN(a) )
        return -EFAULT;
    if ( !current->domain->is_privileged )
        return -EPERM;
    return pirq_apic_write(current->domain, a.apic_physbase, a.reg, a.value);
}

/* dom0 may only name PIRQs for itself: lending a line to another
 * domain (passthrough) is not implemented. */
static bool self(domid_t domid)
{
    return domid == DOMID_SELF || domid == current->domain->domain_id;
}

static long map_pirq(unsigned long arg)
{
    struct physdev_map_pirq m;
    int pirq, rc;

    if ( COPY_IN(m) )
        return -EFAULT;
    if ( !self(m.domid) )
        return -EPERM;
    switch ( m.type )
    {
    case MAP_PIRQ_TYPE_GSI:
        break;
    case MAP_PIRQ_TYPE_MSI:
    case MAP_PIRQ_TYPE_MSI_SEG:
    case MAP_PIRQ_TYPE_MULTI_MSI:
        rc = msi_map(current->domain, &m);
        /* Xen writes the argument back whatever the outcome (MULTI_MSI:
         * the count it could give). */
        return COPY_OUT(m) ? -EFAULT : rc;
    default:
        return -EINVAL;
    }
    pirq = m.pirq;
    if ( (rc = pirq_map_gsi(current->domain, m.index, &pirq)) != 0 )
        return rc;
    m.pirq = pirq;
    return COPY_OUT(m) ? -EFAULT : 0;
}

static long unmap_pirq(unsigned long arg)
{
    struct physdev_unmap_pirq u;

    if ( COPY_IN(u) )
        return -EFAULT;
    if ( !self(u.domid) )
        return -EPERM;
    return pirq_unmap(current->domain, u.pirq);
}

static long setup_gsi(unsigned long arg)
{
    struct physdev_setup_gsi s;

    if ( COPY_IN(s) )
        return -EFAULT;
    return pirq_setup_gsi(current->domain, s.gsi, s.triggering != 0,
                          s.polarity != 0);
}

static long eoi(unsigned long arg)
{
    struct physdev_eoi e;

    if ( COPY_IN(e) )
        return -EFAULT;
    return pirq_eoi(current->domain, e.irq);
}

static long irq_status_query(unsigned long arg)
{
    struct physdev_irq_status_query q;
    int rc;

    if ( COPY_IN(q) )
        return -EFAULT;
    if ( (rc = pirq_status(current->domain, q.irq, &q.flags)) != 0 )
        return rc;
    return COPY_OUT(q) ? -EFAULT : 0;
}

/* Any domain may share an EOI page, and EOI or query its PIRQs, as on
 * Xen 4.17: a domain without PIRQs gets -EINVAL from eoi and the
 * "always EOI" answer from irq_status_query. */
static long pirq_eoi_gmfn(unsigned long cmd, unsigned long arg)
{
    struct physdev_pirq_eoi_gmfn g;

    if ( COPY_IN(g) )
        return -EFAULT;
    return pirq_eoi_map_register(current->domain, g.gmfn,
                                 cmd == PHYSDEVOP_pirq_eoi_gmfn_v1);
}

/* Linux's dom0 asks for a vector before it trusts a GSI binding.  The
 * vector is the hypervisor's business (given at bind time), so, as
 * Xen 4.17, the answer is the IRQ number itself: a token, never used
 * (but an apic_write's vector field is read as that token). */
static long alloc_irq_vector(unsigned long arg)
{
    struct physdev_irq irq;

    if ( COPY_IN(irq) )
        return -EFAULT;
    if ( !current->domain->is_privileged )
        return -EPERM;
    irq.vector = irq.irq;
    return COPY_OUT(irq) ? -EFAULT : 0;
}

/*
 * dom0 reports an MCFG area it judged usable (Linux: xen_mcfg_late) or
 * not.  As Xen 4.17: dom0 only, its privilege checked before the
 * argument is read (a domU's bad pointer is -EPERM too); the rest is
 * pci_mmcfg_reserved's (flags, exact area, base; arch/x86/pci_mmcfg.c).
 */
static long mmcfg_reserved(unsigned long arg)
{
    struct physdev_pci_mmcfg_reserved r;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( COPY_IN(r) )
        return -EFAULT;
    return pci_mmcfg_reserved(r.address, r.segment, r.start_bus, r.end_bus,
                              r.flags);
}

/* PCI devices: announced, withdrawn, their MSI state. */
static long pci_device_add(unsigned long arg)
{
    struct physdev_pci_device_add a;

    if ( COPY_IN(a) )
        return -EFAULT;
    /* The optional proximity domain (XEN_PCI_DEV_PXM) is read as Xen
     * reads it, though ours has no NUMA use for it. */
    if ( a.flags & XEN_PCI_DEV_PXM )
    {
        uint32_t pxm;

        if ( copy_from_guest_ptr(&pxm, (void *)(arg + sizeof(a)), sizeof(pxm)) )
            return -EFAULT;
    }
    return pci_dev_add(a.seg, a.bus, a.devfn);
}

static long pci_remove(unsigned int seg, unsigned int bus, unsigned int devfn)
{
    int rc = pci_dev_remove(seg, bus, devfn);

    if ( !rc )
        msi_forget_device(seg, bus, devfn);
    return rc;
}

static long pci_op(unsigned long cmd, unsigned long arg)
{
    struct physdev_pci_device p;
    struct physdev_manage_pci mp;
    struct physdev_manage_pci_ext me;
    struct physdev_restore_msi r;

    switch ( cmd )
    {
    case PHYSDEVOP_pci_device_add:
        return pci_device_add(arg);
    case PHYSDEVOP_manage_pci_add:
    case PHYSDEVOP_manage_pci_remove:
        if ( COPY_IN(mp) )
            return -EFAULT;
        return cmd == PHYSDEVOP_manage_pci_add ? pci_dev_add(0, mp.bus, mp.devfn)
                                               : pci_remove(0, mp.bus, mp.devfn);
    case PHYSDEVOP_manage_pci_add_ext:
        if ( COPY_IN(me) )
            return -EFAULT;
        return pci_dev_add(0, me.bus, me.devfn);
    case PHYSDEVOP_restore_msi:
        if ( COPY_IN(r) )
            return -EFAULT;
        return msi_restore(0, r.bus, r.devfn);
    }
    if ( COPY_IN(p) )
        return -EFAULT;
    switch ( cmd )
    {
    case PHYSDEVOP_pci_device_remove:
        return pci_remove(p.seg, p.bus, p.devfn);
    case PHYSDEVOP_restore_msi_ext:
        return msi_restore(p.seg, p.bus, p.devfn);
    default:
        return msi_prepare_msix(p.seg, p.bus, p.devfn,
                                cmd == PHYSDEVOP_release_msix);
    }
}

/* The interrupt operations: privileged only. */
static long irq_op(unsigned long cmd, unsigned long arg)
{
    if ( !current->domain->is_privileged )
        return -EPERM;
    switch ( cmd )
    {
    case PHYSDEVOP_map_pirq:         return map_pirq(arg);
    case PHYSDEVOP_unmap_pirq:       return unmap_pirq(arg);
    case PHYSDEVOP_setup_gsi:        return setup_gsi(arg);
    default:                         return pci_op(cmd, arg);
    }
}

long do_physdev_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                   unsigned long a4, unsigned long a5)
{
    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
        return set_iopl(arg);
    case PHYSDEVOP_apic_read:
        return apic_read(arg);
    case PHYSDEVOP_apic_write:
        return apic_write(arg);
    case PHYSDEVOP_alloc_irq_vector:
        return alloc_irq_vector(arg);
    case PHYSDEVOP_eoi:
        return eoi(arg);
    case PHYSDEVOP_irq_status_query:
        return irq_status_query(arg);
    case PHYSDEVOP_pirq_eoi_gmfn_v1:
    case PHYSDEVOP_pirq_eoi_gmfn_v2:
        return pirq_eoi_gmfn(cmd, arg);
    case PHYSDEVOP_pci_mmcfg_reserved:
        return mmcfg_reserved(arg);
    case PHYSDEVOP_map_pirq:
    case PHYSDEVOP_unmap_pirq:
    case PHYSDEVOP_setup_gsi:
    case PHYSDEVOP_pci_device_add:
    case PHYSDEVOP_pci_device_remove:
    case PHYSDEVOP_manage_pci_add:
    case PHYSDEVOP_manage_pci_remove:
    case PHYSDEVOP_manage_pci_add_ext:
    case PHYSDEVOP_restore_msi:
    case PHYSDEVOP_restore_msi_ext:
    case PHYSDEVOP_prepare_msix:
    case PHYSDEVOP_release_msix:
        return irq_op(cmd, arg);
    }
    return -ENOSYS;
}
