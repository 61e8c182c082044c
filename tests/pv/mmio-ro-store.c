/*
 * mmio-ro-store.c - dom0's stores to MMIO the hypervisor holds read-only
 * (here the HPET, 0xfed00000 under QEMU q35) are emulated as Xen 4.17's
 * read-only MMIO emulation does: a plain MOV of 1, 2, 4 or 8 bytes at a
 * naturally aligned address is dropped, the guest stepping past it with
 * no fault; a misaligned store or an instruction that also reads the page
 * (a read-modify-write OR) is reflected as a write #PF at that address.
 *
 * Only the HPET's capabilities register (offset 0, read-only in hardware)
 * and its reserved offset 8 are stored to, so that a store that did get
 * through could not disturb the hypervisor's clock.  The IO-APIC
 * (0xfec00000) gets one aligned store and one misaligned store to its
 * reserved offset 0x30, which no IO-APIC decodes.
 */
#include <pvtest.h>
#include <pv/exinfo.h>
#include <pv/pagetable.h>
#include <pv/x86.h>

const char test_title[] = "mmio-ro-store: dom0's stores to read-only MMIO";

#define PFN_SCRATCH 0x40
#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                     _PAGE_PCD | _PAGE_PWT)
#define HPET_MFN    0xfed00UL
#define IOAPIC_MFN  0xfec00UL
#define PF_WRITE    (EXINFO(X86_EXC_PF, 0x3))  /* present | write */

static volatile uint8_t *page(void)
{
    return (volatile uint8_t *)pfn_to_va(PFN_SCRATCH);
}

static exinfo_t store16(volatile void *p, uint16_t v)
{
    return PROBE_FAULT("movw %[v], (%[p])", (), ([p] "r" (p), [v] "r" (v)));
}

static exinfo_t store32(volatile void *p, uint32_t v)
{
    return PROBE_FAULT("movl %[v], (%[p])", (), ([p] "r" (p), [v] "r" (v)));
}

static exinfo_t store32_imm(volatile void *p)
{
    return PROBE_FAULT("movl $0x12345678, (%[p])", (), ([p] "r" (p)));
}

static exinfo_t or32(volatile void *p, uint32_t v)
{
    return PROBE_FAULT("orl %[v], (%[p])", (), ([p] "r" (p), [v] "r" (v)));
}

/* A store expected to be dropped: no fault, the register unchanged. */
static void dropped(exinfo_t ex, uint64_t caps, const char *what)
{
    check_exinfo(ex, EXINFO_NONE, what);
    uint64_t now = *(volatile uint64_t *)page();

    check(now == caps, "%s: capabilities now %#lx", what, (unsigned long)now);
}

/* A store expected to fault as a write to a present read-only page. */
static void faults(exinfo_t ex, unsigned long off, const char *what)
{
    check_exinfo(ex, PF_WRITE, what);
    if ( ex == PF_WRITE )
        check(exinfo_last_cr2 == (unsigned long)page() + off,
              "%s: fault address %#lx", what, (unsigned long)exinfo_last_cr2);
}

static void ioapic(void)
{
    volatile uint8_t *p = page();

    if ( !check_rc_setup(HYPERVISOR_update_va_mapping((unsigned long)p,
                             (IOAPIC_MFN << PAGE_SHIFT) | PTE_RW, UVMF_INVLPG),
                         "mapping the IO-APIC") )
        return;
    check(!(pt_leaf((unsigned long)p) & _PAGE_RW),
          "the IO-APIC is mapped read-only");
    check_exinfo(store32(p + 0x30, 0), EXINFO_NONE,
                 "IO-APIC: aligned 4-byte store");
    faults(store32(p + 0x32, 0), 0x32, "IO-APIC: misaligned 4-byte store");
    check_rc_setup(HYPERVISOR_update_va_mapping((unsigned long)p, 0, UVMF_INVLPG),
                   "unmapping the IO-APIC");
}

void test_main(void)
{
    volatile uint8_t *p = page();
    uint64_t caps;

    if ( !check_rc_setup(HYPERVISOR_update_va_mapping((unsigned long)p,
                             (HPET_MFN << PAGE_SHIFT) | PTE_RW, UVMF_INVLPG),
                         "mapping the HPET") )
        return;
    check(!(pt_leaf((unsigned long)p) & _PAGE_RW), "the HPET is mapped read-only");
    caps = *(volatile uint64_t *)p;
    xtest_info("HPET capabilities %#lx", (unsigned long)caps);

    dropped(probe_write64(p, ~caps), caps, "aligned 8-byte store");
    dropped(store32(p, ~(uint32_t)caps), caps, "aligned 4-byte store");
    dropped(store32_imm(p + 4), caps, "aligned 4-byte immediate store");
    dropped(store16(p + 2, 0x5a5a), caps, "aligned 2-byte store");
    dropped(probe_write8(p + 1, 0xa5), caps, "1-byte store");
    dropped(probe_write64(p + 8, 0), caps, "aligned 8-byte store (reserved)");

    faults(store32(p + 1, 0), 1, "misaligned 4-byte store");
    faults(store16(p + 1, 0), 1, "misaligned 2-byte store");
    faults(probe_write64(p + 4, 0), 4, "misaligned 8-byte store");
    faults(or32(p, 0), 0, "read-modify-write OR");
    check_eq(*(volatile uint64_t *)p, caps, "capabilities unchanged at the end");

    check_rc_setup(HYPERVISOR_update_va_mapping((unsigned long)p, 0, UVMF_INVLPG),
                   "unmapping the HPET");
    ioapic();
}
