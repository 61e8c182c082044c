/*
 * The start of day, shared by every boot path: from a struct boot_info to
 * a machine whose memory, CPUs and timers the hypervisor owns.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/console.h>
#include <xen/bootinfo.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/shutdown.h>
#include <xen/version.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/e820.h>
#include <asm/processor.h>
#include <asm/cpu.h>
#include <asm/acpi.h>
#include <asm/bios_fw.h>
#include <asm/boot_timing.h>
#include <asm/apic.h>
#include <asm/i8259.h>
#include <asm/io_apic.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <xen/smp.h>
#include <asm/m2p.h>
#include <asm/mm-map.h>
#include <asm/pci.h>
#include <asm/pv/dom0_build.h>
#include <asm/pv/mm.h>
#include <asm/pv/syscall.h>
#include <xen/sched.h>
#include <xen/timer.h>
#include <xen/keyhandler.h>

extern char cpu0_stack[];
void memory_init(const struct boot_info *bi);
bool boot_selftest(void);

/* "boot_crash_test": hit a BUG() at the end of boot, so tests can check
 * what a hypervisor crash prints (registers, symbolized backtrace). */
static bool opt_boot_crash_test;
boolean_param("boot_crash_test", opt_boot_crash_test);

/* "boot_overflow_test": run off the end of the stack at the end of boot,
 * so tests can check that the guard page turns it into a report. */
static bool opt_boot_overflow_test;
boolean_param("boot_overflow_test", opt_boot_overflow_test);

/* Each level keeps a frame's worth of stack live until the guard page
 * stops it. */
static unsigned long __attribute__((noinline)) overflow_stack(unsigned long n)
{
    volatile unsigned long frame[64];

    frame[n % 64] = n;
    if ( n == ~0UL )                       /* never: 2^64 frames */
        return 0;
    return overflow_stack(n + 1) + frame[(n + 1) % 64];
}

/* "boot_selftest": run the boot self-checks, report, and power off. */
static bool opt_boot_selftest;
boolean_param("boot_selftest", opt_boot_selftest);

static void init_bsp_cpu_info(void)
{
    struct cpu_info *ci = stack_cpu_info(cpu0_stack);

    ci->processor_id = 0;
    ci->per_cpu_offset = 0;
    ci->current_vcpu = NULL;
}

static void print_boot_info(const struct boot_info *bi)
{
    printk("%s version %s (%s) built %s\n", XEN_PRODUCT, XEN_VERSION_STRING,
           XEN_COMPILER, XEN_BUILD_DATE);
    printk("Bootloader: %s\n", bi->loader);
    printk("Command line: %s\n", bi->cmdline);
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        printk("Module %u: %#lx-%#lx '%s'\n", i, bi->mods[i].start,
               bi->mods[i].start + bi->mods[i].size, bi->mods[i].cmdline);
}

void create_boot_domains(const struct boot_info *bi);

void start_xen(struct boot_info *bi)
{
    uint64_t start = boot_phase_begin(), t;

    init_bsp_cpu_info();
    idt_init();
    load_cpu_descriptors(0, cpu0_stack);
    cpu_init_control_regs();

    parse_params(bi->cmdline, __param_start, __param_end);
    xen_version_save_cmdline(bi->cmdline);
    console_init();
    print_boot_info(bi);

    t = boot_phase_begin();
    e820_init(bi->mem, bi->nr_mem);
    /* Before the PIC is reprogrammed and low memory handed out. */
    bios_fw_collect(bi);
    memory_init(bi);
    m2p_init();
    boot_phase_end("memory setup", t);
    t = boot_phase_begin();
    acpi_boot_init(bi);
    boot_phase_end("ACPI", t);
    t = boot_phase_begin();
    i8259_init();
    apic_bsp_init();
    io_apic_init();
    pci_mmcfg_init();
    time_init();
    boot_phase_end("interrupts and time", t);
    boot_phase_flush();
    timers_init();
    scheduler_init();
    arch_cpu_guest_init(0);
    flush_tlb_init();
    t = boot_phase_begin();
    smp_trampoline_setup(bi);
    arch_smp_boot_cpus();
    boot_phase_end("CPUs", t);
    if ( gdt_windows_init() )
        panic("No memory for the GDT windows");
    /* Nothing runs at low addresses any more: a NULL dereference must
     * fault, and guests get L4 slot 0 for themselves. */
    zap_low_mappings();
    /* Every CPU is up and has written its syscall stubs: code is final. */
    protect_xen_mappings();

    boot_phase_end("start of day", start);
    printk("Boot complete.\n");
    BUG_ON(opt_boot_crash_test);
    if ( opt_boot_overflow_test )
        printk("never reached: %lu\n", overflow_stack(0));
    if ( opt_boot_selftest )
    {
        boot_selftest();
        machine_power_off();
    }
    if ( bi->nr_modules )
    {
        t = boot_phase_begin();
        create_boot_domains(bi);
        boot_phase_end("boot domains", t);
        console_input_start();
    }
    heap_start_scrubbing();
    scheduler_start();
}
