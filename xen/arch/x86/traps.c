/*
 * The IDT and exception handling.
 *
 * An exception in hypervisor context is either expected (the faulting
 * instruction has an exception-table fixup, e.g. rdmsr_safe) or a bug: the
 * handler then prints the full register state and a symbolized backtrace
 * and panics.  Guest-mode exceptions are routed to the PV code once guests
 * exist; until then they are fatal too.
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/symbols.h>
#include <asm/desc.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/current.h>
#include <asm/pv/traps.h>
#include <asm/pv/mm.h>
#include <asm/efi_fw.h>

struct idt_entry {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __attribute__((__packed__));

static struct idt_entry idt[256] __aligned(PAGE_SIZE);
extern const char vector_stubs[];
#define VECTOR_STUB_SIZE 16

static const char *const trap_names[TRAP_nr] = {
    [TRAP_divide_error] = "divide error",     [TRAP_debug] = "debug",
    [TRAP_nmi] = "NMI",                       [TRAP_int3] = "int3",
    [TRAP_overflow] = "overflow",             [TRAP_bounds] = "bounds",
    [TRAP_invalid_op] = "invalid opcode",     [TRAP_no_device] = "device not available",
    [TRAP_double_fault] = "double fault",     [TRAP_copro_seg] = "coprocessor segment",
    [TRAP_invalid_tss] = "invalid TSS",       [TRAP_no_segment] = "segment not present",
    [TRAP_stack_error] = "stack error",       [TRAP_gp_fault] = "general protection fault",
    [TRAP_page_fault] = "page fault",         [TRAP_spurious_int] = "spurious interrupt",
    [TRAP_copro_error] = "x87 error",         [TRAP_alignment_check] = "alignment check",
    [TRAP_machine_check] = "machine check",   [TRAP_simd_error] = "SIMD error",
    [TRAP_virtualisation] = "virtualisation exception",
};

static void set_gate(unsigned int vec, unsigned int ist, unsigned int dpl)
{
    unsigned long addr = (unsigned long)vector_stubs + vec * VECTOR_STUB_SIZE;

    idt[vec] = (struct idt_entry){
        .offset_lo = addr & 0xffff,
        .selector = __HYPERVISOR_CS,
        .ist = ist,
        .type_attr = 0x8e | (dpl << 5),  /* present, 64-bit interrupt gate */
        .offset_mid = (addr >> 16) & 0xffff,
        .offset_hi = addr >> 32,
    };
}

void idt_init(void)
{
    unsigned int v;

    for ( v = 0; v < 256; v++ )
        set_gate(v, IST_NONE, 0);
    /* int3 and into from a PV guest (ring 3) must reach us as the traps
     * they are, not as #GP: their gates are open to ring 3. */
    set_gate(TRAP_int3, IST_NONE, 3);
    set_gate(TRAP_overflow, IST_NONE, 3);
    set_gate(INT80_VECTOR, IST_NONE, 3);
    set_gate(TRAP_double_fault, IST_DF, 0);
    set_gate(TRAP_nmi, IST_NMI, 0);
    set_gate(TRAP_machine_check, IST_MCE, 0);
    /* #DB too: a data breakpoint under a MOV SS shadow fires on the first
     * instruction after `syscall`, in ring 0 but still on the guest's
     * stack -- a gate without IST would push the frame there. */
    set_gate(TRAP_debug, IST_DB, 0);
}

void idt_load(void)
{
    struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)idt };

    lidt(&idtr);
}

void show_registers(const struct cpu_user_regs *regs)
{
    printk(XENLOG_ERR "CPU:    %u   RIP: %04x:[<%016lx>] %pS\n",
           smp_processor_id(), regs->cs, regs->rip, (void *)regs->rip);
    printk(XENLOG_ERR "RFLAGS: %016lx   %s context\n", regs->rflags,
           guest_mode(regs) ? "guest" : "hypervisor");
    printk(XENLOG_ERR "rax: %016lx   rbx: %016lx   rcx: %016lx\n",
           regs->rax, regs->rbx, regs->rcx);
    printk(XENLOG_ERR "rdx: %016lx   rsi: %016lx   rdi: %016lx\n",
           regs->rdx, regs->rsi, regs->rdi);
    printk(XENLOG_ERR "rbp: %016lx   rsp: %016lx   r8:  %016lx\n",
           regs->rbp, regs->rsp, regs->r8);
    printk(XENLOG_ERR "r9:  %016lx   r10: %016lx   r11: %016lx\n",
           regs->r9, regs->r10, regs->r11);
    printk(XENLOG_ERR "r12: %016lx   r13: %016lx   r14: %016lx\n",
           regs->r12, regs->r13, regs->r14);
    printk(XENLOG_ERR "r15: %016lx   cr0: %016lx   cr4: %016lx\n",
           regs->r15, read_cr0(), read_cr4());
    printk(XENLOG_ERR "cr3: %016lx   cr2: %016lx   ss: %04x\n",
           read_cr3(), read_cr2(), regs->ss);
}

void __noinline arch_capture_regs(struct cpu_user_regs *r)
{
    __asm__ volatile ( "mov %%rax, %c[rax](%0)\n\t"
                       "mov %%rbx, %c[rbx](%0)\n\t"
                       "mov %%rcx, %c[rcx](%0)\n\t"
                       "mov %%rdx, %c[rdx](%0)\n\t"
                       "mov %%rsi, %c[rsi](%0)\n\t"
                       "mov %%r8,  %c[r8](%0)\n\t"
                       "mov %%r9,  %c[r9](%0)\n\t"
                       "mov %%r10, %c[r10](%0)\n\t"
                       "mov %%r11, %c[r11](%0)\n\t"
                       "mov %%r12, %c[r12](%0)\n\t"
                       "mov %%r13, %c[r13](%0)\n\t"
                       "mov %%r14, %c[r14](%0)\n\t"
                       "mov %%r15, %c[r15](%0)\n\t"
                       :: "D" (r),
                          [rax] "i" (__builtin_offsetof(struct cpu_user_regs, rax)),
                          [rbx] "i" (__builtin_offsetof(struct cpu_user_regs, rbx)),
                          [rcx] "i" (__builtin_offsetof(struct cpu_user_regs, rcx)),
                          [rdx] "i" (__builtin_offsetof(struct cpu_user_regs, rdx)),
                          [rsi] "i" (__builtin_offsetof(struct cpu_user_regs, rsi)),
                          [r8] "i" (__builtin_offsetof(struct cpu_user_regs, r8)),
                          [r9] "i" (__builtin_offsetof(struct cpu_user_regs, r9)),
                          [r10] "i" (__builtin_offsetof(struct cpu_user_regs, r10)),
                          [r11] "i" (__builtin_offsetof(struct cpu_user_regs, r11)),
                          [r12] "i" (__builtin_offsetof(struct cpu_user_regs, r12)),
                          [r13] "i" (__builtin_offsetof(struct cpu_user_regs, r13)),
                          [r14] "i" (__builtin_offsetof(struct cpu_user_regs, r14)),
                          [r15] "i" (__builtin_offsetof(struct cpu_user_regs, r15))
                       : "memory" );
    r->rdi = (unsigned long)r;
    /* This function's own frame: saved rbp and return address. */
    r->rbp = ((unsigned long *)__builtin_frame_address(0))[0];
    r->rip = ((unsigned long *)__builtin_frame_address(0))[1];
    r->rsp = (unsigned long)__builtin_frame_address(0) + 16;
    r->rflags = read_rflags();
    r->cs = __HYPERVISOR_CS;
    r->ss = __HYPERVISOR_DS;
    r->error_code = 0;
    r->entry_vector = 0;
}

/* Is [p, p + 16) inside this CPU's stack block?  Bounds the walk. */
static bool on_this_stack(unsigned long p)
{
    unsigned long top = (unsigned long)(get_cpu_info() + 1);

    return p >= top - STACK_SIZE && p + 16 <= top;
}

void show_backtrace(unsigned long rbp)
{
    unsigned int depth = 0;

    printk(XENLOG_ERR "Backtrace:\n");
    while ( rbp && on_this_stack(rbp) && depth++ < 32 )
    {
        unsigned long ret = ((unsigned long *)rbp)[1];

        printk(XENLOG_ERR "   [<%016lx>] %pS\n", ret, (void *)ret);
        if ( ((unsigned long *)rbp)[0] <= rbp )
            break;                       /* frames must go up the stack */
        rbp = ((unsigned long *)rbp)[0];
    }
}

static void __noreturn fatal_trap(const struct cpu_user_regs *regs)
{
    unsigned int vec = regs->entry_vector;

    console_force_unlock();
    printk(XENLOG_ERR "FATAL TRAP: vector %u (%s), error code %#x\n", vec,
           vec < TRAP_nr && trap_names[vec] ? trap_names[vec] : "reserved",
           regs->error_code);
    if ( vec == TRAP_page_fault )
        printk(XENLOG_ERR "Faulting linear address: %016lx\n", read_cr2());
    show_registers(regs);
    printk(XENLOG_ERR "   [<%016lx>] %pS (faulting instruction)\n",
           regs->rip, (void *)regs->rip);
    show_backtrace(regs->rbp);
    panic("fatal trap %u in %s context", vec,
          guest_mode(regs) ? "guest" : "hypervisor");
}

extern const char ret_to_guest_iret[];

/* Did the iretq into a guest fault on the state it was loading?  (Only
 * these vectors: an NMI or #MC may arrive with the same RIP.) */
static bool is_return_fault(const struct cpu_user_regs *regs)
{
    switch ( regs->entry_vector )
    {
    case TRAP_no_segment:
    case TRAP_stack_error:
    case TRAP_gp_fault:
    case TRAP_page_fault:
        return !guest_mode(regs) &&
               regs->rip == (unsigned long)ret_to_guest_iret;
    }
    return false;
}

void do_exception(struct cpu_user_regs *regs)
{
    unsigned long fixup;

    clac();             /* a guest may enter with AC set (SMAP) */

    if ( guest_mode(regs) && regs->entry_vector != TRAP_nmi &&
         regs->entry_vector != TRAP_machine_check &&
         regs->entry_vector != TRAP_double_fault )
    {
        pv_handle_exception(regs);
        return;
    }
    if ( is_return_fault(regs) )
        pv_return_fault(regs);            /* the guest's, not ours */
    /* A segment load or iretq in the hypervisor reading an LDT page that
     * is not mapped yet: map it and retry. */
    if ( !guest_mode(regs) && regs->entry_vector == TRAP_page_fault &&
         pv_ldt_map_on_demand(read_cr2()) )
        return;

    /* A guest's data breakpoint can fire while the hypervisor copies
     * that guest's memory for it, or be held back by a MOV SS shadow
     * until the first instruction of the syscall entry (on its IST
     * stack): nothing to report, carry on, as Xen does. */
    if ( !guest_mode(regs) && regs->entry_vector == TRAP_debug )
    {
        write_dr6(0xffff0ff0);
        return;
    }

    /* Inside a UEFI runtime service: the firmware's fault, not ours. */
    if ( !guest_mode(regs) && efi_rt_fault(regs) )
        return;

    if ( !guest_mode(regs) && regs->entry_vector != TRAP_nmi &&
         regs->entry_vector != TRAP_double_fault &&
         (fixup = search_exception_table(regs->rip)) != 0 )
    {
        regs->rip = fixup;
        return;
    }
    if ( regs->entry_vector == TRAP_nmi )
    {
        printk(XENLOG_WARNING "NMI on CPU%u at %pS, ignored\n",
               smp_processor_id(), (void *)regs->rip);
        return;
    }
    fatal_trap(regs);
}
