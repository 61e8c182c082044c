/*
 * The hypervisor's own device frames, out of dom0's reach (interface and
 * rules in asm/mmio_guard.h).  A handful of ranges registered at boot:
 * a small fixed table, searched on every I/O mapping dom0 makes.
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/mmio_guard.h>
#include <asm/iocaps.h>
#include <asm/cpu.h>

/* The MSI window, the local APIC, every IO-APIC, the HPET: room enough. */
#define MAX_GUARDED (MAX_IO_APICS + 8)

/* The MSI address window: writes there are interrupt messages. */
#define MSI_WINDOW_START 0xfee00000UL
#define MSI_WINDOW_SIZE  0x100000UL

static struct {
    unsigned long s, e;            /* frames [s, e) */
    enum mmio_access a;
} guarded[MAX_GUARDED] = {
    { MSI_WINDOW_START >> PAGE_SHIFT,
      (MSI_WINDOW_START + MSI_WINDOW_SIZE) >> PAGE_SHIFT, MMIO_DENIED },
};
static unsigned int nr_guarded = 1;

void mmio_guard(paddr_t pa, size_t len, enum mmio_access a)
{
    if ( !len || a == MMIO_ALLOWED )
        return;
    /* Sized for every device that registers (boot code, not guest
     * input): running out is a hypervisor bug, and going on would leave
     * a device of ours in dom0's hands. */
    BUG_ON(nr_guarded == MAX_GUARDED);
    guarded[nr_guarded].s = pa >> PAGE_SHIFT;
    guarded[nr_guarded].e = (pa + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
    guarded[nr_guarded].a = a;
    nr_guarded++;
}

/* Ranges held read-only at run time (MSI-X tables and PBAs). */
#define MAX_HELD 64

static struct {
    unsigned long first, last;
    unsigned int holds;            /* 0: free slot */
} held[MAX_HELD];
static DEFINE_SPINLOCK(held_lock);
static unsigned int nr_holds;      /* all holds: 0 spares every lookup */

bool mmio_hold_ro(unsigned long first, unsigned long last)
{
    unsigned long flags;
    int slot = -1;

    spin_lock_irqsave(&held_lock, flags);
    for ( unsigned int i = 0; i < MAX_HELD; i++ )
    {
        if ( held[i].holds && held[i].first == first && held[i].last == last )
        {
            slot = i;
            break;
        }
        if ( !held[i].holds && slot < 0 )
            slot = i;
    }
    if ( slot >= 0 )
    {
        held[slot].first = first;
        held[slot].last = last;
        held[slot].holds++;
        __atomic_add_fetch(&nr_holds, 1, __ATOMIC_RELEASE);
    }
    spin_unlock_irqrestore(&held_lock, flags);
    return slot >= 0;
}

void mmio_release_ro(unsigned long first, unsigned long last)
{
    unsigned long flags;

    spin_lock_irqsave(&held_lock, flags);
    for ( unsigned int i = 0; i < MAX_HELD; i++ )
        if ( held[i].holds && held[i].first == first && held[i].last == last )
        {
            held[i].holds--;
            __atomic_sub_fetch(&nr_holds, 1, __ATOMIC_RELEASE);
            break;
        }
    spin_unlock_irqrestore(&held_lock, flags);
}

static bool held_ro(unsigned long mfn)
{
    unsigned long flags;
    bool ro = false;

    /* Every L1 entry dom0 writes comes here: most machines hold none. */
    if ( !__atomic_load_n(&nr_holds, __ATOMIC_ACQUIRE) )
        return false;
    spin_lock_irqsave(&held_lock, flags);
    for ( unsigned int i = 0; i < MAX_HELD && !ro; i++ )
        ro = held[i].holds && mfn >= held[i].first && mfn <= held[i].last;
    spin_unlock_irqrestore(&held_lock, flags);
    return ro;
}

enum mmio_access mmio_access(unsigned long mfn)
{
    enum mmio_access a = held_ro(mfn) ? MMIO_READ_ONLY : MMIO_ALLOWED;

    for ( unsigned int i = 0; i < nr_guarded; i++ )
        if ( mfn >= guarded[i].s && mfn < guarded[i].e && guarded[i].a > a )
            a = guarded[i].a;
    return a;
}

bool mmio_guarded(unsigned long mfn)
{
    for ( unsigned int i = 0; i < nr_guarded; i++ )
        if ( mfn >= guarded[i].s && mfn < guarded[i].e )
            return true;
    return false;
}

bool hwdom_iomem_ok(uint64_t first, uint64_t last)
{
    if ( last >> (paddr_bits - PAGE_SHIFT) )
        return false;
    for ( unsigned int i = 0; i < nr_guarded; i++ )
        if ( guarded[i].a == MMIO_DENIED &&
             first < guarded[i].e && guarded[i].s <= last )
            return false;
    return true;
}
