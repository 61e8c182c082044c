/*
 * SMP bring-up: start every processor the MADT lists with INIT-SIPI-SIPI.
 *
 * Logical CPU 0 is the BSP; the others are numbered in MADT order.  For
 * each AP the BSP prepares its per-CPU area, GDT and a
 * STACK_SIZE-aligned stack whose struct cpu_info carries the CPU number,
 * then sends INIT, SIPI, SIPI at the real-mode trampoline (boot/
 * trampoline.S), which takes the AP to long mode and start_secondary().
 * APs are started one at a time (they share the trampoline's parameter
 * block).  An AP that does not come online in time is reported, put back
 * into INIT state (so a late start cannot run into the next AP's
 * parameters) and skipped; that is never fatal.
 *
 * Also here: arch_kick_cpu(), the event-check IPI that wakes a CPU to look
 * at its softirqs.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/apicdef.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/e820.h>
#include <asm/mm-map.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/cpu.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <asm/traps.h>

#define AP_START_TIMEOUT_MS   2000   /* SIPI to 64-bit code */
#define AP_ONLINE_TIMEOUT_MS  3000   /* 64-bit code to online */

uint32_t x86_cpu_to_apicid[NR_CPUS];
unsigned int nr_cpu_ids = 1;

extern char trampoline_start[], trampoline_end[];
extern char tramp_pm[], tramp_lm[], tramp_gdt[], tramp_gdtr[];
extern char tramp_pm_ptr[], tramp_lm_ptr[];
extern char tramp_cr0[], tramp_cr3[], tramp_cr4[], tramp_efer[];
extern char tramp_stack[], tramp_started[];

static paddr_t trampoline_pa;

/* A trampoline symbol's counterpart in the low-memory copy. */
#define TRAMP_OFS(sym) ((size_t)((sym) - trampoline_start))
#define TRAMP_VAR(type, sym) \
    (*(volatile type *)((char *)__va(trampoline_pa) + TRAMP_OFS(sym)))

/* ---- Trampoline placement ----------------------------------------------- */

static bool overlaps(paddr_t s1, paddr_t e1, paddr_t s2, paddr_t e2)
{
    return s1 < e2 && s2 < e1;
}

static bool low_page_free(paddr_t pa, paddr_t limit, const struct boot_info *bi)
{
    if ( pa + PAGE_SIZE > limit || !e820_all_ram(pa, pa + PAGE_SIZE) ||
         overlaps(pa, pa + PAGE_SIZE, bi->info_start, bi->info_end) )
        return false;
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        if ( overlaps(pa, pa + PAGE_SIZE, bi->mods[i].start,
                      bi->mods[i].start + bi->mods[i].size) )
            return false;
    return true;
}

/* Below the EBDA (segment in the BDA at 0x40e), preferring 0x8000 and up;
 * page 0 holds the real-mode IVT and the BDA. */
static paddr_t pick_trampoline_page(const struct boot_info *bi)
{
    paddr_t limit = (paddr_t)*(const uint16_t *)__va(0x40e) << 4;

    if ( limit < 0x10000 || limit > 0xa0000 )
        limit = 0xa0000;
    for ( paddr_t pa = 0x8000; pa < limit; pa += PAGE_SIZE )
        if ( low_page_free(pa, limit, bi) )
            return pa;
    for ( paddr_t pa = 0x1000; pa < 0x8000; pa += PAGE_SIZE )
        if ( low_page_free(pa, limit, bi) )
            return pa;
    return 0;
}

void smp_trampoline_setup(const struct boot_info *bi)
{
    size_t size = trampoline_end - trampoline_start;

    if ( size > PAGE_SIZE || !(trampoline_pa = pick_trampoline_page(bi)) )
    {
        printk(XENLOG_WARNING "SMP: no low page for the AP trampoline; BSP only\n");
        return;
    }
    memcpy(__va(trampoline_pa), trampoline_start, size);
    TRAMP_VAR(uint32_t, tramp_gdtr + 2) = trampoline_pa + TRAMP_OFS(tramp_gdt);
    TRAMP_VAR(uint32_t, tramp_pm_ptr) = trampoline_pa + TRAMP_OFS(tramp_pm);
    TRAMP_VAR(uint32_t, tramp_lm_ptr) = trampoline_pa + TRAMP_OFS(tramp_lm);
    printk(XENLOG_INFO "SMP: AP trampoline at %#lx (%zu bytes)\n",
           trampoline_pa, size);
}

/* ---- Per-AP preparation and start --------------------------------------- */

/* Copy the BSP's paging and mode state for the trampoline to load. */
static void fill_trampoline(void *stack)
{
    /* The 32-bit part loads CR3 before long mode: it must fit. */
    BUILD_BUG_ON(XEN_LOAD_ADDR >= GB(4));
    TRAMP_VAR(uint32_t, tramp_cr0) = read_cr0();
    TRAMP_VAR(uint32_t, tramp_cr3) = __pa(idle_pg_table);
    TRAMP_VAR(uint32_t, tramp_cr4) = read_cr4();
    TRAMP_VAR(uint32_t, tramp_efer) = rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE | EFER_SCE);
    TRAMP_VAR(uint64_t, tramp_stack) = (uint64_t)stack_cpu_info(stack);
    TRAMP_VAR(uint32_t, tramp_started) = 0;
}

/* Per-CPU area, GDT and stack; NULL if memory ran out. */
static void *prepare_cpu(unsigned int cpu)
{
    void *stack;
    struct cpu_info *ci;

    if ( percpu_alloc(cpu) || alloc_cpu_gdt(cpu) )
        return NULL;
    stack = alloc_xenheap_pages(STACK_ORDER, 0);
    if ( !stack )
        return NULL;
    BUG_ON((unsigned long)stack & (STACK_SIZE - 1));
    stack_guard(cpu, stack);
    ci = stack_cpu_info(stack);
    memset(ci, 0, sizeof(*ci));
    ci->processor_id = cpu;
    ci->per_cpu_offset = __per_cpu_offset[cpu];
    return stack;
}

/* Poll cond (an expression) every 100 us for up to ms milliseconds. */
#define WAIT_MS(cond, ms) ({                                    \
    bool ok_ = false;                                           \
    for ( unsigned int i_ = 0; i_ < (ms) * 10 && !ok_; i_++ )   \
        if ( !(ok_ = (cond)) )                                  \
            udelay(100);                                        \
    ok_; })

/* INIT, 10 ms, then up to two start-ups (SDM 8.4.4.1). */
static bool send_init_sipi(uint32_t apicid)
{
    volatile uint32_t *started = &TRAMP_VAR(uint32_t, tramp_started);

    apic_send_icr(APIC_DM_INIT | APIC_INT_ASSERT, apicid);
    mdelay(10);
    for ( unsigned int i = 0; i < 2; i++ )
    {
        apic_send_icr(APIC_DM_STARTUP | APIC_INT_ASSERT | (trampoline_pa >> 12),
                      apicid);
        udelay(200);
        if ( *started )
            return true;
    }
    return WAIT_MS(*started, AP_START_TIMEOUT_MS);
}

static void boot_cpu(unsigned int cpu)
{
    uint32_t apicid = x86_cpu_to_apicid[cpu];
    void *stack = prepare_cpu(cpu);
    const char *why;

    if ( !stack )
    {
        printk(XENLOG_ERR "CPU%u (APIC ID %u): out of memory, skipped\n", cpu, apicid);
        return;
    }
    fill_trampoline(stack);
    if ( !send_init_sipi(apicid) )
        why = "did not start";
    else if ( !WAIT_MS(cpu_online(cpu), AP_ONLINE_TIMEOUT_MS) )
        why = "started but did not come online";
    else
    {
        printk(XENLOG_INFO "CPU%u online (APIC ID %u)\n", cpu, apicid);
        return;
    }
    /* Park it, so a late start cannot run on the next AP's parameters. */
    apic_send_icr(APIC_DM_INIT | APIC_INT_ASSERT, apicid);
    printk(XENLOG_ERR "CPU%u (APIC ID %u) %s; skipped\n", cpu, apicid, why);
}

/* ---- The AP side -------------------------------------------------------- */

void start_secondary(void)
{
    struct cpu_info *ci = get_cpu_info();
    unsigned int cpu = ci->processor_id;

    load_cpu_descriptors(cpu, (char *)(ci + 1) - STACK_SIZE);
    cpu_init_control_regs();
    apic_ap_init();
    if ( lapic_id() != x86_cpu_to_apicid[cpu] )
        printk(XENLOG_WARNING "CPU%u: APIC ID %u, expected %u\n", cpu,
               lapic_id(), x86_cpu_to_apicid[cpu]);
    time_ap_init();
    flush_note_idle_tables();          /* the trampoline loaded idle_pg_table */
    start_secondary_common();
}

/* ---- Bring-up and IPIs -------------------------------------------------- */

/* Logical CPU numbers: the BSP first, then the MADT's order. */
static void build_cpu_map(void)
{
    uint32_t bsp = lapic_id();
    bool bsp_listed = false;

    x86_cpu_to_apicid[0] = bsp;
    for ( unsigned int i = 0; i < acpi_madt.nr_cpus; i++ )
    {
        if ( acpi_madt.cpus[i].apic_id == bsp )
            bsp_listed = true;
        else if ( nr_cpu_ids < NR_CPUS )
            x86_cpu_to_apicid[nr_cpu_ids++] = acpi_madt.cpus[i].apic_id;
    }
    if ( acpi_madt.present && !bsp_listed )
        printk(XENLOG_WARNING "SMP: the BSP (APIC ID %u) is not in the MADT\n", bsp);
}

static void event_check_interrupt(struct cpu_user_regs *regs)
{
    /* Nothing to do: taking the interrupt ends the target's halt, and the
     * idle loop then runs its softirqs.  The dispatcher sends the EOI. */
}

void arch_kick_cpu(unsigned int cpu)
{
    if ( cpu_online(cpu) )
        send_ipi(cpu, EVENT_CHECK_VECTOR);
}

void arch_smp_boot_cpus(void)
{
    build_cpu_map();
    set_vector_handler(EVENT_CHECK_VECTOR, event_check_interrupt);
    stop_ipi_init();
    cpumask_set_cpu(0, &cpu_online_map);
    printk(XENLOG_INFO "CPU0 online (APIC ID %u)\n", x86_cpu_to_apicid[0]);
    if ( trampoline_pa )
        for ( unsigned int cpu = 1; cpu < nr_cpu_ids; cpu++ )
            boot_cpu(cpu);
    printk(XENLOG_INFO "Brought up %u CPUs\n", num_online_cpus());
}
