/*
 * desc.c - the guest's GDT (HYPERVISOR_set_gdt) and descriptor updates
 * (HYPERVISOR_update_descriptor), and the rules for what a PV guest may
 * put in a descriptor table.
 *
 * A GDT frame must be the guest's and mapped read-only everywhere; while
 * it is the GDT, a writable mapping of it is refused.  Taking it on
 * checks every descriptor: code and data segments are accepted with
 * their DPL raised to 3 (the guest kernel runs in ring 3), system
 * descriptors other than 64-bit call gates are refused, a call gate must
 * target a guest or flat ring-3 code selector and gets DPL 0 (its DPL
 * moves into the selector's RPL).  Selectors from the new GDT load (and
 * the not-present / beyond-the-table ones fault with #GP(selector));
 * update_descriptor follows the same rules on a GDT frame or a plain
 * page of the guest, and refuses misaligned addresses, frames that are
 * not the guest's and page tables.  LDTs (MMUEXT_SET_LDT): an LDT selector
 * loads from the guest's LDT page (which then takes the same checks and
 * cannot be mapped writable), an empty or missing entry faults with
 * #GP(selector), an LDT page with a call gate into the hypervisor faults
 * as a #PF at its address, and a bad base or size is refused.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "desc: set_gdt, update_descriptor, descriptor rules";

#define PFN_G   0x20        /* the GDT frame */
#define PFN_H   0x21        /* a plain page */
#define PFN_BAD 0x22        /* a GDT frame with a TSS descriptor */
#define PFN_L   0x23        /* an LDT page */
#define PFN_LBAD 0x24       /* an LDT page with a TSS descriptor */
#define PTE_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO  (_PAGE_PRESENT | _PAGE_ACCESSED)

#define CODE64_DPL0 0x00af9a000000ffffULL
#define CODE64_DPL3 0x00affa000000ffffULL
#define DATA_DPL0   0x00cf92000000ffffULL
#define DATA_DPL3   0x00cff2000000ffffULL
#define TSS_DESC    0x0000890000000067ULL

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG | UVMF_LOCAL);
}

static long set_gdt(unsigned long pfn, unsigned int entries)
{
    xen_pfn_t mfn = pfn_to_mfn(pfn);

    return HYPERVISOR_set_gdt(&mfn, entries);
}

static uint64_t maddr_of(unsigned long pfn, unsigned int entry)
{
    return (pfn_to_mfn(pfn) << PAGE_SHIFT) + entry * 8;
}

static volatile uint64_t *table(unsigned long pfn)
{
    return (volatile uint64_t *)pfn_to_va(pfn);
}

/* Load sel into %es (and put the old one back); the exception, if any. */
static exinfo_t load_es(uint16_t sel)
{
    uint16_t old, now = 0;
    exinfo_t ex;

    __asm__ volatile ( "mov %%es, %0" : "=r" (old) );
    ex = PROBE_FAULT("mov %[s], %%es", (), ([s] "r" (sel)));
    if ( ex == EXINFO_NONE )
        __asm__ volatile ( "mov %%es, %0" : "=r" (now) );
    __asm__ volatile ( "mov %0, %%es" :: "r" (old) );
    if ( ex == EXINFO_NONE )
        check_eq(now, sel, "%es after loading it");
    return ex;
}

static void make_gdt(void)
{
    volatile uint64_t *g = table(PFN_G);

    remap(PFN_G, PTE_RW);
    for ( unsigned int i = 0; i < 512; i++ )
        g[i] = 0;
    g[1] = CODE64_DPL0;
    g[2] = DATA_DPL0;
    check_eq(set_gdt(PFN_G, 512), -XEN_EINVAL, "set_gdt of a writable frame");
    check_rc_setup(remap(PFN_G, PTE_RO), "remapping the GDT frame read-only");
    if ( !check_rc_setup(set_gdt(PFN_G, 512), "set_gdt") )
        xtest_exit();
    check_eq(g[1], CODE64_DPL3, "code descriptor, DPL raised to 3");
    check_eq(g[2], DATA_DPL3, "data descriptor, DPL raised to 3");
}

static void check_loads(void)
{
    check_exinfo(load_es(0x13), EXINFO_NONE, "load of data selector 0x13");
    check_exinfo(load_es(0x1b), EXINFO(X86_EXC_GP, 0x18),
                 "load of an empty descriptor");
    check_exinfo(load_es((600 << 3) | 3), EXINFO(X86_EXC_GP, 600 << 3),
                 "load beyond the guest's entries");
    check_exinfo(load_es(FLAT_KERNEL_DS), EXINFO_NONE,
                 "load of the flat kernel data selector");
    check_eq(remap(PFN_G, PTE_RW), -XEN_EBUSY,
             "a writable mapping of the GDT frame in use");
}

static void check_updates(void)
{
    volatile uint64_t *g = table(PFN_G), *h = table(PFN_H);
    /* A 64-bit call gate: offset 0x1000, target sel, DPL 3, present. */
    uint64_t gate = 0x1000 | ((uint64_t)FLAT_RING3_CS64 << 16) |
                    (0xecULL << 40);

    check_eq(HYPERVISOR_update_descriptor(maddr_of(PFN_G, 4), DATA_DPL0), 0,
             "update_descriptor in the GDT");
    check_eq(g[4], DATA_DPL3, "updated descriptor, DPL raised to 3");
    check_exinfo(load_es(0x23), EXINFO_NONE, "load of the updated entry");
    check_eq(HYPERVISOR_update_descriptor(maddr_of(PFN_G, 5), TSS_DESC),
             -XEN_EINVAL, "a TSS descriptor");
    check_eq(g[5], 0, "entry after a refused update");
    check_eq(HYPERVISOR_update_descriptor(maddr_of(PFN_G, 5) + 4, DATA_DPL0),
             -XEN_EINVAL, "a misaligned address");
    check_eq(HYPERVISOR_update_descriptor(maddr_of(PFN_G, 6), gate), 0,
             "a call gate to the flat ring-3 code selector");
    check_eq(g[6] & (3ULL << 45), 0, "the call gate's DPL is 0");
    check_eq((g[6] >> 16) & 0xffff, FLAT_RING3_CS64 | 3,
             "the call gate's selector carries its DPL");
    gate = (gate & ~(0xffffULL << 16)) | (0xe008ULL << 16);
    check_eq(HYPERVISOR_update_descriptor(maddr_of(PFN_G, 6), gate),
             -XEN_EINVAL, "a call gate to the hypervisor's code selector");
    check_eq(HYPERVISOR_update_descriptor(0x1000, DATA_DPL0), -XEN_EINVAL,
             "a frame that is not ours");
    check_eq(HYPERVISOR_update_descriptor(va_to_mfn(start_info->pt_base) << 12,
                                          DATA_DPL0),
             -XEN_EINVAL, "a page-table frame");
    h[3] = 0;
    check_eq(HYPERVISOR_update_descriptor(maddr_of(PFN_H, 3), DATA_DPL0), 0,
             "update_descriptor in a plain page");
    check_eq(h[3], DATA_DPL3, "plain page after the update");
}

static void check_set_gdt_errors(void)
{
    volatile uint64_t *b = table(PFN_BAD);

    check_eq(set_gdt(PFN_G, 14 * 512 + 1), -XEN_EINVAL,
             "set_gdt with too many entries");
    check_eq(HYPERVISOR_set_gdt((xen_pfn_t *)0x10, 512), -XEN_EFAULT,
             "set_gdt with a bad frame list");
    {
        xen_pfn_t foreign = 1;

        check_eq(HYPERVISOR_set_gdt(&foreign, 512), -XEN_EINVAL,
                 "set_gdt with a frame that is not ours");
    }
    remap(PFN_BAD, PTE_RW);
    for ( unsigned int i = 0; i < 512; i++ )
        b[i] = 0;
    b[7] = TSS_DESC;
    remap(PFN_BAD, PTE_RO);
    check_eq(set_gdt(PFN_BAD, 512), -XEN_EINVAL, "a GDT with a TSS descriptor");
    check_eq(remap(PFN_BAD, PTE_RW), 0, "the refused frame is plain again");
}

static long set_ldt(unsigned long va, unsigned int ents)
{
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT, .arg1.linear_addr = va,
                            .arg2.nr_ents = ents };

    return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void check_ldt(void)
{
    volatile uint64_t *l = table(PFN_L), *lb = table(PFN_LBAD);

    remap(PFN_L, PTE_RW);
    for ( unsigned int i = 0; i < 512; i++ )
        l[i] = 0;
    l[0] = DATA_DPL0;
    remap(PFN_L, PTE_RO);
    check_eq(set_ldt(pfn_to_va(PFN_L) + 8, 512), -XEN_EINVAL,
             "SET_LDT at an unaligned address");
    check_eq(set_ldt(pfn_to_va(PFN_L), 8193), -XEN_EINVAL,
             "SET_LDT with 8193 entries");
    if ( !check_rc_setup(set_ldt(pfn_to_va(PFN_L), 512), "SET_LDT") )
        return;
    check_exinfo(load_es(0x7), EXINFO_NONE, "load of LDT selector 0x7");
    /* (The CPU sets the accessed bit as it loads the segment.) */
    check_eq(l[0] & ~(1ULL << 40), DATA_DPL3, "LDT descriptor, DPL raised to 3");
    check_exinfo(load_es(0xf), EXINFO(X86_EXC_GP, 0xc),
                 "load of an empty LDT entry");
    check_eq(remap(PFN_L, PTE_RW), -XEN_EBUSY,
             "a writable mapping of an LDT page in use");

    remap(PFN_LBAD, PTE_RW);
    for ( unsigned int i = 0; i < 512; i++ )
        lb[i] = 0;
    /* A call gate into the hypervisor's code selector. */
    lb[0] = 0x1000 | (0xe008ULL << 16) | (0xecULL << 40);
    remap(PFN_LBAD, PTE_RO);
    check_rc_setup(set_ldt(pfn_to_va(PFN_LBAD), 512), "SET_LDT of a bad page");
    check_exinfo(load_es(0x7), EXINFO(X86_EXC_PF, 0),
                 "load from an LDT page with a call gate to the hypervisor");
    check_eq(exinfo_last_cr2, pfn_to_va(PFN_LBAD), "its #PF address");
    check_rc_setup(set_ldt(0, 0), "SET_LDT to none");
    check_exinfo(load_es(0x7), EXINFO(X86_EXC_GP, 0x4),
                 "load of an LDT selector with no LDT");
    check_eq(remap(PFN_L, PTE_RW), 0, "the old LDT page is writable again");
}

void test_main(void)
{
    make_gdt();
    check_loads();
    check_updates();
    check_set_gdt_errors();
    check_ldt();
    check_eq(HYPERVISOR_set_gdt(NULL, 0), 0, "set_gdt back to no GDT");
    check_exinfo(load_es(FLAT_KERNEL_DS), EXINFO_NONE, "flat selector after");
    check_eq(remap(PFN_G, PTE_RW), 0, "the old GDT frame is writable again");
}
