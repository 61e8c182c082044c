/*
 * W^X for the hypervisor's own mappings, and the CPU features that keep
 * ring 0 away from guest pages (SMEP).
 *
 * The boot page tables (head.S) map the image and the low 4 GiB with
 * writable, executable 2 MiB pages.  Once the last CPU is up and nothing
 * writes code any more (the per-CPU syscall stubs are written as each CPU
 * starts), protect_xen_mappings() tightens them:
 *   - the image in 4 KiB pages: text read-only and executable, rodata
 *     read-only and non-executable, data and bss writable and
 *     non-executable; nothing of the 32 MiB boot window outside the image;
 *   - the direct map (and with it the heap, stacks and page tables) and
 *     the guest-visible M2P non-executable, by NX in their L4 entries:
 *     guests' L4s copy these entries, so they inherit it;
 *   - a guard page below every CPU's primary stack.
 * check_xen_mappings() verifies the result for the boot self-test.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/mm-map.h>
#include <asm/processor.h>
#include <asm/msr-index.h>
#include <asm/config.h>
#include <asm/pv/mm.h>
#include <xen/smp.h>

extern char _start[], __rodata_start[], __rwdata_start[], _end[];
extern char cpu0_stack[];

/* The boot window of the image (head.S maps 16 x 2 MiB). */
#define IMAGE_WINDOW_END (XEN_VIRT_START + MB(32))

static bool nx_enabled(void)
{
    return rdmsr(MSR_EFER) & EFER_NXE;
}

/* The flags one 4 KiB page of the image window should have. */
static unsigned long image_flags(unsigned long va)
{
    if ( va < (unsigned long)_start || va >= (unsigned long)_end )
        return 0;                                   /* not mapped at all */
    if ( va < (unsigned long)__rodata_start )
        return __PAGE_HYPERVISOR_RX | _PAGE_GLOBAL;
    if ( va < (unsigned long)__rwdata_start )
        return __PAGE_HYPERVISOR_RO | _PAGE_GLOBAL;
    return __PAGE_HYPERVISOR | _PAGE_GLOBAL;
}

static void protect_image(void)
{
    for ( unsigned long va = XEN_VIRT_START; va < IMAGE_WINDOW_END;
          va += PAGE_SIZE )
        if ( map_pages_to_xen(va, _mfn((va - XEN_VIRT_START) >> PAGE_SHIFT),
                              1, image_flags(va)) )
            panic("W^X: no memory to split the image mapping");
}

/* L4 slots that hold data only: the guest-readable M2P and the direct
 * map. */
static bool data_only_slot(unsigned int slot)
{
    return slot == l4_table_offset(RO_MPT_VIRT_START) ||
           (slot >= l4_table_offset(DIRECTMAP_VIRT_START) &&
            slot <= l4_table_offset(DIRECTMAP_VIRT_END - 1));
}

/*
 * Stack guards: the lowest page of each CPU's primary stack (just above
 * the IST stacks) is left unmapped, so an overflow faults and ends in a
 * double fault on the #DF stack, with a report, instead of overwriting
 * the IST stacks below it.
 */
static unsigned long guarded_stack[NR_CPUS];

#define STACK_GUARD_PAGE (IST_DB_PAGE + 1)

void stack_guard(unsigned int cpu, void *stack_base)
{
    unsigned long va = (unsigned long)stack_base + STACK_GUARD_PAGE * PAGE_SIZE;

    if ( map_pages_to_xen(va, _mfn(0), 1, 0) )
        panic("no memory for CPU%u's stack guard", cpu);
    guarded_stack[cpu] = (unsigned long)stack_base;
}

void protect_xen_mappings(void)
{
    if ( !nx_enabled() )
        panic("W^X: the CPU has no NX (EFER.NXE is clear)");
    protect_image();
    stack_guard(0, cpu0_stack);            /* the APs' got theirs at start */
    for ( unsigned int slot = 256; slot < 512; slot++ )
        if ( data_only_slot(slot) && (idle_pg_table[slot] & _PAGE_PRESENT) )
            idle_pg_table[slot] |= _PAGE_NX;
    flush_tlb_all_cpus();
    printk("W^X: text %#lx-%#lx read-only, data and direct map no-execute\n",
           (unsigned long)_start, (unsigned long)__rodata_start);
}

/*
 * Effective permissions of va from a walk of the live tables: false if
 * unmapped; *w and *x as the CPU would decide (RW and NX at every level).
 */
static bool effective(unsigned long va, bool *w, bool *x)
{
    pgentry_t *t = idle_pg_table, e;
    unsigned int shift = L4_PAGETABLE_SHIFT;

    *w = *x = true;
    for ( ;; shift -= 9 )
    {
        e = t[(va >> shift) & 511];
        if ( !(e & _PAGE_PRESENT) )
            return false;
        *w &= !!(e & _PAGE_RW);
        *x &= !(e & _PAGE_NX);
        if ( shift == L1_PAGETABLE_SHIFT || (shift < L4_PAGETABLE_SHIFT &&
                                             (e & _PAGE_PSE)) )
            return true;
        t = __va(pte_paddr(e));
    }
}

/* The boot self-test's view: NULL if the rules hold, else what broke. */
const char *check_xen_mappings(void)
{
    static const char rodata_probe[] = "W^X";
    bool w, x;
    void *heap = alloc_xenheap_page();
    bool heap_x;

    if ( !heap )
        return "W^X: no heap page to probe";
    effective((unsigned long)heap, &w, &heap_x);
    free_xenheap_page(heap);
    if ( heap_x )
        return "W^X: the heap is executable";
    if ( !effective((unsigned long)check_xen_mappings, &w, &x) || w || !x )
        return "W^X: text is writable or not executable";
    if ( !effective((unsigned long)rodata_probe, &w, &x) || w || x )
        return "W^X: rodata is writable or executable";
    if ( !effective((unsigned long)&boot_l4, &w, &x) || !w || x )
        return "W^X: data is executable";
    if ( effective((unsigned long)_end + PAGE_SIZE, &w, &x) )
        return "W^X: the boot window past the image is still mapped";
    for ( unsigned int cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu_online(cpu) &&
             (!guarded_stack[cpu] ||
              effective(guarded_stack[cpu] + STACK_GUARD_PAGE * PAGE_SIZE,
                        &w, &x) ||
              !effective(guarded_stack[cpu] + (STACK_GUARD_PAGE + 1) * PAGE_SIZE,
                         &w, &x)) )
            return "a CPU's stack has no guard page below it";
    if ( !effective((unsigned long)__va(MB(1)), &w, &x) || x )
        return "W^X: the direct map is executable";
    /* The same values back: harmless should the store go through. */
    if ( write_u8_safe((uint8_t *)check_xen_mappings,
                       *(volatile uint8_t *)check_xen_mappings) == 0 )
        return "W^X: a write to text did not fault";
    if ( write_u8_safe((uint8_t *)rodata_probe, rodata_probe[0]) == 0 )
        return "W^X: a write to rodata did not fault";
    return NULL;
}

/* The boot self-test's architecture part (contract in common/selftest.c). */
const char *arch_selftest(void)
{
    if ( cpu_has_smep() && !(read_cr4() & X86_CR4_SMEP) )
        return "SMEP is available but off";
    if ( cpu_has_smap() && !(read_cr4() & X86_CR4_SMAP) )
        return "SMAP is available but off";
    return check_xen_mappings();
}
