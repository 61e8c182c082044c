/*
 * Guest memory by guest-virtual address of an HVM vCPU (the one whose
 * address space the CPU is in, arch/x86/guest.c): the
 * hypercall arguments' pointers.  The guest's own page tables are walked
 * in software (through the p2m, every level), one page at a time; only
 * the guest's RAM is reached.  Supported: paging off (virtual ==
 * physical) and 4-level long-mode paging with 2 MiB and 1 GiB pages.
 * Legacy 32-bit and PAE paging are not walked (the copy fails, so the
 * hypercall returns -EFAULT).  Accessed and dirty bits are not set.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>

#define PTE_P     (1UL << 0)
#define PTE_RW    (1UL << 1)
#define PTE_PS    (1UL << 7)
#define PTE_ADDR  0x000ffffffffff000UL

/* The hypervisor's view of guest-physical page gfn, if it is RAM. */
static void *gfn_to_va(struct domain *d, unsigned long gfn)
{
    enum p2m_type t;
    mfn_t mfn = p2m_lookup(d->arch.hvm.p2m, gfn, &t);

    if ( t != p2m_ram_rw || !mfn_valid(mfn) )
        return NULL;
    return mfn_to_virt(mfn);
}

#define PTE_US    (1UL << 2)
#define PF_PRESENT (1u << 0)
#define PF_WRITE   (1u << 1)
#define PF_USER    (1u << 2)

/* hvm_translate(); strict: read-only entries refuse every write (the
 * hypervisor's own copies), else as the CPU decides (CR0.WP). */
static int translate(struct vcpu *v, unsigned long va, bool write,
                     bool strict, uint64_t *gpa, uint32_t *pfec)
{
    uint64_t cr0 = hvm_vendor->get_cr(v, 0), table, e;
    unsigned int shift = 39;
    bool user = hvm_vendor->cpl(v) == 3;
    /* Ring 0 writes ignore read-only entries unless CR0.WP. */
    bool wp = strict || user || (cr0 & X86_CR0_WP);
    uint64_t all = PTE_RW | PTE_US;

    *pfec = (write ? PF_WRITE : 0) | (user ? PF_USER : 0);
    if ( !(cr0 & X86_CR0_PG) )
    {
        *gpa = va;
        return 0;
    }
    if ( !(hvm_vendor->get_efer(v) & EFER_LMA) )
        return -EOPNOTSUPP;                     /* 32-bit paging: not done */
    if ( ((long)va >> 47) != 0 && ((long)va >> 47) != -1 )
        return -EOPNOTSUPP;                     /* non-canonical */
    table = hvm_vendor->get_cr(v, 3) & PTE_ADDR;
    for ( unsigned int level = 4; level >= 1; level--, shift -= 9 )
    {
        uint64_t *t = gfn_to_va(v->domain, table >> PAGE_SHIFT);
        bool leaf;

        if ( !t )
            return -EOPNOTSUPP;
        e = t[(va >> shift) & 511];
        if ( !(e & PTE_P) )
            return -EFAULT;
        all &= e;
        leaf = level == 1 || ((level == 3 || level == 2) && (e & PTE_PS));
        if ( leaf )
        {
            if ( (write && wp && !(all & PTE_RW)) ||
                 (user && !(all & PTE_US)) )
            {
                *pfec |= PF_PRESENT;
                return -EFAULT;
            }
            *gpa = (e & PTE_ADDR & ~((1UL << shift) - 1)) |
                   (va & ((1UL << shift) - 1));
            return 0;
        }
        table = e & PTE_ADDR;
    }
    return -EFAULT;                             /* not reached */
}

int hvm_translate(struct vcpu *v, unsigned long va, bool write,
                  uint64_t *gpa, uint32_t *pfec)
{
    return translate(v, va, write, false, gpa, pfec);
}

/* Guest-physical address of va, or ~0 on a fault (not present, or
 * read-only for a write). */
static uint64_t walk(struct vcpu *v, unsigned long va, bool write)
{
    uint64_t gpa;
    uint32_t pfec;

    return translate(v, va, write, true, &gpa, &pfec) ? ~0UL : gpa;
}

void *hvm_gpa_map(struct domain *d, uint64_t gpa)
{
    uint8_t *p = gfn_to_va(d, gpa >> PAGE_SHIFT);

    return p ? p + (gpa & (PAGE_SIZE - 1)) : NULL;
}

static unsigned long copy(struct vcpu *v, void *hv, unsigned long gva,
                          unsigned long n, bool to_guest)
{
    while ( n )
    {
        unsigned long chunk = min(n, PAGE_SIZE - (gva & (PAGE_SIZE - 1)));
        uint64_t gpa = walk(v, gva, to_guest);
        uint8_t *p = gpa == ~0UL ? NULL : gfn_to_va(v->domain, gpa >> PAGE_SHIFT);

        if ( !p )
            break;
        p += gpa & (PAGE_SIZE - 1);
        if ( to_guest )
            memcpy(p, hv, chunk);
        else
            memcpy(hv, p, chunk);
        hv = (uint8_t *)hv + chunk;
        gva += chunk;
        n -= chunk;
    }
    return n;
}

unsigned long hvm_copy_to_guest(struct vcpu *v, void *to, const void *from,
                                unsigned long n)
{
    return copy(v, (void *)from, (unsigned long)to, n, true);
}

unsigned long hvm_copy_from_guest(struct vcpu *v, void *to, const void *from,
                                  unsigned long n)
{
    unsigned long left = copy(v, to, (unsigned long)from, n, false);

    if ( left )
        memset((uint8_t *)to + (n - left), 0, left);
    return left;
}
