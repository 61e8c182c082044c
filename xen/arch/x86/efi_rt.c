/*
 * Running UEFI runtime-service code (for XENPF_efi_runtime_call, whose
 * argument handling is in efi_rt_ops.c).
 *
 * Nobody called SetVirtualAddressMap, so the firmware still expects its
 * runtime regions at their physical addresses.  A page table of our own
 * maps every memory-map descriptor with the RUNTIME attribute 1:1 in the
 * lower half, and shares the hypervisor's L4 slots with the idle tables:
 * our stack, image, direct map, GDT windows and exception entry points
 * stay where they are, so the firmware gets pointers to hypervisor
 * buffers only and a fault inside it still reaches do_exception().  No
 * guest mapping is visible while the firmware runs.
 *
 * Around the call: interrupts off, the running vCPU's FPU registers saved
 * and a clean FPU/SSE state loaded (firmware code may use SSE), CR0.TS
 * put back afterwards; the Microsoft x64 convention is spoken by
 * efi_call.S.  The caller serialises calls (efi_rt_ops.c's lock).
 *
 * A fault in the firmware is reported on the console; the call returns
 * -EIO and runtime services are off from then on (the firmware's state
 * is unknown), as if booted with efi=no-rs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/string.h>
#include <asm/current.h>
#include <asm/mm-map.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/regs.h>
#include <asm/traps.h>
#include <asm/efi_fw.h>
#include "efi_rt.h"

#define EFI_MMIO          11
#define EFI_MMIO_PORT     12
#define LOWER_HALF        (1ULL << 47)
#define MAX_RT_PAGES      (1UL << 18)   /* 1 GiB of runtime regions at most */
#define HV_SLOT_FIRST     l4_table_offset(HYPERVISOR_AREA_START)
#define HV_SLOTS          (l4_table_offset(HYPERVISOR_AREA_END - 1) + 1 - \
                           HV_SLOT_FIRST)
#define RT_LEAF           (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                           _PAGE_DIRTY)

static bool opt_no_rs;
static bool rt_broken;                  /* a fault, or no page table */
static pgentry_t *rt_l4;
static int rt_cpu = -1;                 /* the CPU inside the firmware */
static bool rt_faulted;

/* From efi_call.S. */
uint64_t efi_call_thunk(uint64_t fn, const uint64_t args[EFI_RT_ARGS]);
extern const char efi_call_resume[];
extern unsigned long efi_call_saved_rsp;

/* efi=no-rs (runtime services off, as Xen's option) or efi=rs. */
static int parse_efi(const char *s)
{
    int rc = 0;

    while ( *s )
    {
        const char *end = strchr(s, ',');
        size_t n = end ? (size_t)(end - s) : strlen(s);

        if ( n == 5 && !strncmp(s, "no-rs", 5) )
            opt_no_rs = true;
        else if ( n == 2 && !strncmp(s, "rs", 2) )
            opt_no_rs = false;
        else
            rc = -EINVAL;
        s += n + (end != NULL);
    }
    return rc;
}
custom_param("efi", parse_efi);

bool efi_rt_enabled(void)
{
    return efi_fw_booted() && efi_fw_rt() && !opt_no_rs && !rt_broken;
}

static pgentry_t *new_table(void)
{
    pgentry_t *t = alloc_xenheap_page();

    if ( t )
        memset(t, 0, PAGE_SIZE);
    return t;
}

/* Map the frame at pa to itself in rt_l4, allocating tables as needed.
 * The intermediate tables are never freed: the table lives for good. */
static int map_identity(uint64_t pa, pgentry_t leaf_flags)
{
    pgentry_t *t = rt_l4;

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > PAGE_SHIFT;
          shift -= PAGETABLE_ORDER )
    {
        pgentry_t *e = &t[(pa >> shift) & 511];

        if ( !(*e & _PAGE_PRESENT) )
        {
            pgentry_t *n = new_table();

            if ( !n )
                return -ENOMEM;
            *e = __pa(n) | (__PAGE_TABLE & ~_PAGE_USER);
        }
        t = __va(pte_paddr(*e));
    }
    t[(pa >> PAGE_SHIFT) & 511] = pa | leaf_flags;
    return 0;
}

/* Does this descriptor belong in the runtime page table?  Only sane ones:
 * page-aligned, inside the lower half, not wrapping. */
static bool rt_desc(const struct efi_fw_desc *d)
{
    return (d->attr & EFI_FW_MEMORY_RUNTIME) && d->pages &&
           !(d->phys & (PAGE_SIZE - 1)) && d->phys < LOWER_HALF &&
           d->pages <= (LOWER_HALF - d->phys) >> PAGE_SHIFT;
}

/* Build rt_l4 from the kept memory map, once.  Write-back memory stays
 * write-back; MMIO and anything without the WB attribute is uncached. */
static int build_table(void)
{
    const struct efi_fw_desc *d;
    unsigned long total = 0;

    if ( rt_l4 )
        return 0;
    if ( !(rt_l4 = new_table()) )
        return -ENOMEM;
    for ( unsigned int i = 0; (d = efi_fw_desc(i)) != NULL; i++ )
    {
        bool wb = (d->attr & EFI_FW_MEMORY_WB) && d->type != EFI_MMIO &&
                  d->type != EFI_MMIO_PORT;
        pgentry_t flags = RT_LEAF | (wb ? 0 : _PAGE_PCD | _PAGE_PWT);

        if ( !rt_desc(d) )
            continue;
        if ( (total += d->pages) > MAX_RT_PAGES )
        {
            printk(XENLOG_ERR "EFI: runtime regions over %lu pages\n",
                   MAX_RT_PAGES);
            return -ENOMEM;
        }
        for ( uint64_t p = 0; p < d->pages; p++ )
            if ( map_identity(d->phys + (p << PAGE_SHIFT), flags) )
                return -ENOMEM;
    }
    return 0;
}

/* Is pa inside a runtime region (so mapped), at least len bytes of it? */
static bool in_runtime(uint64_t pa, uint64_t len)
{
    const struct efi_fw_desc *d;

    for ( unsigned int i = 0; (d = efi_fw_desc(i)) != NULL; i++ )
        if ( rt_desc(d) && pa >= d->phys &&
             len <= (d->pages << PAGE_SHIFT) - (pa - d->phys) )
            return true;
    return false;
}

long efi_rt_invoke(uint64_t fn, const uint64_t args[EFI_RT_ARGS],
                   uint64_t *status)
{
    /* One area is enough: calls are serialised.  (Not on the stack,
     * whose alignment the compiler cannot count on here.) */
    static uint8_t fpu[512] __aligned(16);
    static const uint32_t mxcsr = 0x1f80;      /* all exceptions masked */
    unsigned long flags, cr0, cr3;

    if ( !efi_rt_enabled() )
        return -EOPNOTSUPP;
    if ( build_table() )
    {
        rt_broken = true;
        printk(XENLOG_ERR "EFI: no memory for the runtime page table; "
               "runtime services off\n");
        return -ENOMEM;
    }
    if ( !in_runtime(fn, 1) )
        return -EOPNOTSUPP;                     /* not firmware code */

    /* The hypervisor's slots as they are now (new L3s may have come). */
    memcpy(rt_l4 + HV_SLOT_FIRST, idle_pg_table + HV_SLOT_FIRST,
           HV_SLOTS * sizeof(pgentry_t));

    flags = local_irq_save();
    cr0 = read_cr0();
    cr3 = read_cr3();
    clts();
    __asm__ volatile ( "fxsave64 %0; fninit; ldmxcsr %1"
                       : "=m" (fpu) : "m" (mxcsr) );
    rt_faulted = false;
    rt_cpu = smp_processor_id();
    write_cr3(__pa(rt_l4));
    flush_tlb_all_local();                      /* guest global pages too */

    *status = efi_call_thunk(fn, args);

    write_cr3(cr3);
    flush_tlb_all_local();
    rt_cpu = -1;
    __asm__ volatile ( "fxrstor64 %0" :: "m" (fpu) );
    write_cr0(cr0);                             /* the vCPU's TS bit */
    local_irq_restore(flags);
    return rt_faulted ? -EIO : 0;
}

bool efi_rt_fault(struct cpu_user_regs *regs)
{
    unsigned int vec = regs->entry_vector;

    if ( rt_cpu < 0 || (unsigned int)rt_cpu != smp_processor_id() ||
         vec == TRAP_nmi || vec == TRAP_double_fault ||
         vec == TRAP_machine_check )
        return false;
    printk(XENLOG_ERR "EFI: fault %u (error %#x) in a runtime service at "
           "%#lx, address %#lx: call failed, runtime services off\n", vec,
           regs->error_code, regs->rip,
           vec == TRAP_page_fault ? read_cr2() : 0UL);
    rt_faulted = true;
    rt_broken = true;
    regs->rip = (unsigned long)efi_call_resume;
    regs->rsp = efi_call_saved_rsp;
    return true;
}
