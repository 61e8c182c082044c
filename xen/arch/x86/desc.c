/*
 * GDT, TSS and IDT management.
 *
 * Each CPU has its own GDT (the TSS descriptor is per CPU and the busy bit
 * lives in it) and TSS; all CPUs share one IDT.  Hypervisor descriptors
 * occupy the reserved page at FIRST_RESERVED_GDT_BYTE, in Xen's order, so
 * that the flat ring-3 selectors PV guests are given mean the same here.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/current.h>
#include <asm/mm-map.h>
#include <xen/smp.h>

/* Reserved-page descriptors, by index from FIRST_RESERVED_GDT_ENTRY. */
static const uint64_t reserved_gdt[] = {
    [0] = 0,
    [1] = 0x00af9a000000ffffUL,   /* 0xe008: ring-0 64-bit code */
    [2] = 0x00cf92000000ffffUL,   /* 0xe010: ring-0 data */
    [3] = 0,
    [4] = 0x00cffa000000ffffUL,   /* 0xe023: ring-3 32-bit code */
    [5] = 0x00cff2000000ffffUL,   /* 0xe02b: ring-3 data */
    [6] = 0x00affa000000ffffUL,   /* 0xe033: ring-3 64-bit code */
    [7] = 0x00cf9a000000ffffUL,   /* 0xe038: ring-0 32-bit code */
    /* [8], [9]: TSS (16 bytes); [10], [11]: LDT; [12]: per-CPU entry */
};

static char bsp_gdt[GDT_PAGES * PAGE_SIZE] __aligned(PAGE_SIZE);
static uint64_t *cpu_gdt[NR_CPUS] = { [0] = (uint64_t *)bsp_gdt };
DEFINE_PER_CPU(struct tss64, cpu_tss) __aligned(128);

int alloc_cpu_gdt(unsigned int cpu)
{
    if ( !cpu_gdt[cpu] )
    {
        void *p = alloc_xenheap_pages(4, 0);  /* 16 pages >= GDT_PAGES */

        if ( !p )
            return -ENOMEM;
        memset(p, 0, GDT_PAGES * PAGE_SIZE);
        cpu_gdt[cpu] = p;
    }
    return 0;
}

static void set_tss_desc(uint64_t *slot, const struct tss64 *tss)
{
    uint64_t base = (uint64_t)tss, limit = sizeof(*tss) - 1;

    slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
              (0x89UL << 40) |                 /* present, available TSS */
              (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    slot[1] = base >> 32;
}

static void fill_tss(struct tss64 *tss, char *stack_base)
{
    struct cpu_info *ci = stack_cpu_info(stack_base);

    memset(tss, 0, sizeof(*tss));
    /* Entry from a guest lands the hardware frame right below es in the
     * guest register block at the top of the stack. */
    tss->rsp0 = (uint64_t)&ci->guest_cpu_user_regs.es;
    tss->ist[IST_DF - 1] = (uint64_t)stack_base + (IST_DF_PAGE + 1) * PAGE_SIZE;
    tss->ist[IST_NMI - 1] = (uint64_t)stack_base + (IST_NMI_PAGE + 1) * PAGE_SIZE;
    tss->ist[IST_MCE - 1] = (uint64_t)stack_base + (IST_MCE_PAGE + 1) * PAGE_SIZE;
    tss->ist[IST_DB - 1] = (uint64_t)stack_base + (IST_DB_PAGE + 1) * PAGE_SIZE;
    tss->iomap_base = sizeof(*tss);            /* no I/O bitmap: all ports trap */
}

/* Reload CS with a far return: there is no direct "mov to cs". */
static void reload_segments(void)
{
    __asm__ volatile ( "pushq %0\n\t"
                       "leaq 1f(%%rip), %%rax\n\t"
                       "pushq %%rax\n\t"
                       "lretq\n"
                       "1:\n\t"
                       "mov %1, %%ss\n\t"
                       "xor %%eax, %%eax\n\t"
                       "mov %%eax, %%ds\n\t"
                       "mov %%eax, %%es\n\t"
                       "mov %%eax, %%fs\n\t"
                       "mov %%eax, %%gs\n\t"
                       :: "i" (__HYPERVISOR_CS), "r" (__HYPERVISOR_DS)
                       : "rax", "memory" );
}

void load_cpu_descriptors(unsigned int cpu, void *stack_base)
{
    uint64_t *gdt = cpu_gdt[cpu];
    uint64_t *rsv = gdt + FIRST_RESERVED_GDT_ENTRY;
    struct tss64 *tss = &per_cpu(cpu_tss, cpu);
    struct desc_ptr gdtr = { GDT_LIMIT, (uint64_t)gdt };

    BUG_ON(!gdt);
    memcpy(rsv, reserved_gdt, sizeof(reserved_gdt));
    fill_tss(tss, stack_base);
    set_tss_desc(&rsv[(TSS_SELECTOR >> 3) - FIRST_RESERVED_GDT_ENTRY], tss);
    /* A data segment whose limit is the CPU number: lsl reads it cheaply. */
    rsv[(PER_CPU_SELECTOR >> 3) - FIRST_RESERVED_GDT_ENTRY] =
        0x0000910000000000UL | cpu;

    lgdt(&gdtr);
    reload_segments();
    ltr(TSS_SELECTOR);
    lldt(0);
    idt_load();
}

/* ---- GDT windows: a guest's GDT frames in front of the CPU's own ---- */

/*
 * Each CPU has a window of GDT_PAGES pages at GDT_WINDOW(cpu): pages
 * 0..FIRST_RESERVED_GDT_PAGE-1 map the running vCPU's GDT frames (the
 * zero page where it has none) and the last page maps this CPU's own
 * reserved page, so the hypervisor's selectors and the TSS are where they
 * always are.  Only its CPU ever uses a window, so a change needs no more
 * than a local invlpg.
 */
static mfn_t zero_mfn;
static unsigned long window_mfn[NR_CPUS][FIRST_RESERVED_GDT_PAGE];
static bool window_loaded[NR_CPUS];

static void window_set(unsigned int cpu, unsigned int i, unsigned long mfn)
{
    unsigned long va = GDT_WINDOW(cpu) + i * PAGE_SIZE;
    pgentry_t *pte = virt_to_pte(va);

    if ( window_mfn[cpu][i] == mfn )
        return;
    /* Writable: the CPU sets accessed bits in descriptors it loads.  The
     * guest cannot write these frames (they are typed seg_desc). */
    *pte = pfn_to_paddr(mfn) | __PAGE_HYPERVISOR;
    __asm__ volatile ( "invlpg %0" :: "m" (*(char *)va) : "memory" );
    window_mfn[cpu][i] = mfn;
}

int gdt_windows_init(void)
{
    void *zero = alloc_xenheap_pages(0, 0);
    unsigned int cpu;
    int rc;

    if ( !zero )
        return -ENOMEM;
    memset(zero, 0, PAGE_SIZE);
    zero_mfn = virt_to_mfn(zero);
    for_each_online_cpu ( cpu )
    {
        mfn_t own = virt_to_mfn((char *)cpu_gdt[cpu] + FIRST_RESERVED_GDT_BYTE);

        rc = map_pages_to_xen(GDT_WINDOW(cpu), zero_mfn,
                              FIRST_RESERVED_GDT_PAGE, __PAGE_HYPERVISOR_RO);
        if ( !rc )
            rc = map_pages_to_xen(GDT_WINDOW(cpu) + FIRST_RESERVED_GDT_BYTE,
                                  own, 1, __PAGE_HYPERVISOR);
        /* The LDT part exists as page tables but maps nothing: its pages
         * are mapped on the first fault, by the PV code. */
        if ( !rc )
            rc = map_pages_to_xen(LDT_WINDOW(cpu), zero_mfn, LDT_WINDOW_PAGES,
                                  __PAGE_HYPERVISOR_RO);
        if ( rc )
            return rc;
        for ( unsigned int i = 0; i < LDT_WINDOW_PAGES; i++ )
            *virt_to_pte(LDT_WINDOW(cpu) + i * PAGE_SIZE) = 0;
        for ( unsigned int i = 0; i < FIRST_RESERVED_GDT_PAGE; i++ )
            window_mfn[cpu][i] = mfn_x(zero_mfn);
    }
    flush_tlb_all_local();
    return 0;
}

void ldt_window_set(unsigned int i, unsigned long mfn)
{
    unsigned long va = LDT_WINDOW(smp_processor_id()) + i * PAGE_SIZE;

    *virt_to_pte(va) = mfn ? pfn_to_paddr(mfn) | __PAGE_HYPERVISOR : 0;
    __asm__ volatile ( "invlpg %0" :: "m" (*(char *)va) : "memory" );
}

void load_ldt_window(unsigned int ents)
{
    unsigned int cpu = smp_processor_id();
    uint64_t *slot = &cpu_gdt[cpu][LDT_SELECTOR >> 3];
    uint64_t base = LDT_WINDOW(cpu), limit = ents * 8 - 1;

    if ( !ents )
    {
        lldt(0);
        return;
    }
    slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
              (0x82UL << 40) |                 /* present, LDT */
              (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    slot[1] = base >> 32;
    lldt(LDT_SELECTOR);
}

void load_guest_gdt(const unsigned long *frames, unsigned int nr)
{
    unsigned int cpu = smp_processor_id(), i;
    struct desc_ptr gdtr = { GDT_LIMIT, GDT_WINDOW(cpu) };

    for ( i = 0; i < FIRST_RESERVED_GDT_PAGE; i++ )
        window_set(cpu, i, i < nr ? frames[i] : mfn_x(zero_mfn));
    if ( !window_loaded[cpu] )
    {
        lgdt(&gdtr);
        window_loaded[cpu] = true;
    }
}

void load_cpu_gdt(void)
{
    unsigned int cpu = smp_processor_id();
    struct desc_ptr gdtr = { GDT_LIMIT, (uint64_t)cpu_gdt[cpu] };

    if ( window_loaded[cpu] )
    {
        lgdt(&gdtr);
        window_loaded[cpu] = false;
    }
}
