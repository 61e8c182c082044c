/*
 * traps.c - exception delivery to a 64-bit PV kernel.
 *
 * Covers int3, ud2, divide error, #GP from privileged instructions, #PF
 * (error code, cr2 in vcpu_info.arch.cr2 and through `mov %cr2`), the
 * exception frame Xen builds (kernel cs with RPL 0, flat ss, the
 * interrupted rsp, IF mirroring the event mask, the saved mask in bits
 * 32-39 of the cs slot), event masking on entry with a mask-events gate
 * and its restoration by HYPERVISOR_iret, and `int $0x80` through the
 * trap table (delivered whatever its DPL, #GP(0x402) without a gate).
 *
 * INT n for other vectors reaches the hypervisor as #GP(8 * n + 2), from
 * which Xen takes the vector; QEMU's TCG reports 16 * n + 2 instead in
 * long mode, so under QEMU the vector is wrong for every n but 0.  So
 * only `int $0` is tried: through a virtual gate of DPL 0 (below the
 * guest kernel's privilege) it is #GP(2); with DPL 3 it is delivered to
 * the vector 0 handler as a trap (rip after the instruction).
 */
#include <pvtest.h>

const char test_title[] = "traps: exceptions, frames and int $0x80";

/* Selector values in a frame from guest kernel mode (RPL cleared). */
#define KERNEL_CS_FRAME (FLAT_KERNEL_CS & ~3)

static struct pv_regs frame;
static unsigned int hits;
static uint8_t mask_in_handler;

/* Records the frame; skips the 2-byte instruction for faults. */
static bool record(struct pv_regs *regs)
{
    frame = *regs;
    hits++;
    mask_in_handler = vcpu0()->evtchn_upcall_mask;
    if ( regs->vector == X86_EXC_UD )
        regs->rip += 2;
    return true;
}

struct site
{
    unsigned long before, after, rsp;
};

/* Run `insn` (2 bytes or less) recording its address and rsp. */
#define AT_SITE(s, insn)                                            \
    __asm__ __volatile__ ("lea 1f(%%rip), %[b]\n\t"                 \
                          "lea 2f(%%rip), %[a]\n\t"                 \
                          "mov %%rsp, %[sp]\n\t"                    \
                          "1: " insn "\n2:"                         \
                          : [b] "=&r" ((s).before),                 \
                            [a] "=&r" ((s).after),                  \
                            [sp] "=&r" ((s).rsp)                    \
                          :: "memory")

static void check_frame(const struct site *s, unsigned long vector,
                        unsigned long rip, const char *what)
{
    check_eq(hits, 1, what);
    check_eq(frame.vector, vector, what);
    check_eq(frame.rip, rip, what);
    check_eq(frame.cs & 0xffff, KERNEL_CS_FRAME, "frame cs (kernel, RPL 0)");
    check_eq(frame.ss & 0xffff, FLAT_KERNEL_SS, "frame ss");
    check_eq(frame.rsp, s->rsp, "frame rsp (the interrupted one)");
    check_eq(frame.error_code, 0, "error code");
}

static void test_int3(void)
{
    struct site s;

    hits = 0;
    trap_set_handler(X86_EXC_BP, record);
    AT_SITE(s, "int3");
    trap_set_handler(X86_EXC_BP, NULL);

    xtest_info("int3 frame: rip %#lx cs %#lx rflags %#lx rsp %#lx ss %#lx",
               frame.rip, frame.cs, frame.rflags, frame.rsp, frame.ss);
    /* #BP is a trap: rip is the instruction after int3. */
    check_frame(&s, X86_EXC_BP, s.after, "int3");
    /* Events were masked when it hit: IF clear, saved mask 1. */
    check(!(frame.rflags & X86_EFLAGS_IF), "frame rflags.IF set while masked");
    check_eq((frame.cs >> 32) & 0xff, 1, "saved upcall mask in cs[39:32]");
    check_exinfo(probe_int3(), EXINFO(X86_EXC_BP, 0), "int3 via the extable");
}

/* With events unmasked: IF=1 in the frame, masked inside, restored after. */
static void test_event_mask_handling(void)
{
    struct site s;

    hits = 0;
    trap_set_handler(X86_EXC_BP, record);
    events_enable();
    AT_SITE(s, "int3");
    check(events_enabled(), "iret did not restore the unmasked state");
    events_disable();
    trap_set_handler(X86_EXC_BP, NULL);

    check_frame(&s, X86_EXC_BP, s.after, "int3 with events on");
    check(frame.rflags & X86_EFLAGS_IF, "frame rflags.IF clear while unmasked");
    check_eq((frame.cs >> 32) & 0xff, 0, "saved upcall mask (unmasked)");
    check_eq(mask_in_handler, 1, "upcall mask inside a mask-events gate");
}

static void test_ud2(void)
{
    struct site s;

    hits = 0;
    trap_set_handler(X86_EXC_UD, record);
    AT_SITE(s, "ud2");
    trap_set_handler(X86_EXC_UD, NULL);
    /* #UD is a fault: rip is the ud2 itself. */
    check_frame(&s, X86_EXC_UD, s.before, "ud2");
    check_exinfo(probe_ud2(), EXINFO(X86_EXC_UD, 0), "ud2 via the extable");
}

static void test_divide_error(void)
{
    check_exinfo(probe_div0(), EXINFO(X86_EXC_DE, 0), "div by zero");
}

/* Instructions a ring-3 PV kernel may not run and Xen does not emulate. */
static void test_privileged(void)
{
    struct { uint16_t limit; uint64_t base; } __packed desc = { 0, 0 };

    check_exinfo(PROBE_FAULT("hlt", (), ()), EXINFO(X86_EXC_GP, 0), "hlt");
    check_exinfo(PROBE_FAULT("cli", (), ()), EXINFO(X86_EXC_GP, 0), "cli");
    check_exinfo(PROBE_FAULT("lidt %[d]", (), ([d] "m" (desc))),
                 EXINFO(X86_EXC_GP, 0), "lidt");
    check_exinfo(PROBE_FAULT("lgdt %[d]", (), ([d] "m" (desc))),
                 EXINFO(X86_EXC_GP, 0), "lgdt");
    check_exinfo(PROBE_FAULT("swapgs", (), ()), EXINFO(X86_EXC_GP, 0),
                 "swapgs");
    check_exinfo(probe_wrmsr(0xdeadbeef, 0), EXINFO(X86_EXC_GP, 0),
                 "wrmsr to a nonexistent MSR");
    check_exinfo(probe_rdmsr(0xdeadbeef, NULL), EXINFO(X86_EXC_GP, 0),
                 "rdmsr of a nonexistent MSR");
    /* Port I/O needs PHYSDEVOP_set_iopl first, even for dom0. */
    check_exinfo(PROBE_FAULT("inb $0x80, %%al", (), (), "rax"),
                 EXINFO(X86_EXC_GP, 0), "inb from port 0x80 at IOPL 0");
}

static void test_page_faults(void)
{
    volatile uint8_t *unmapped = (volatile uint8_t *)0x1000;
    volatile uint8_t *xen = (volatile uint8_t *)HYPERVISOR_VIRT_START;

    /* Kernel-mode faults: the U/S bit of the error code is clear. */
    check_exinfo(probe_read8(unmapped, NULL), EXINFO(X86_EXC_PF, 0),
                 "read of an unmapped page");
    check_eq(exinfo_last_cr2, 0x1000, "vcpu_info cr2 after the read fault");
    check_eq(read_cr2(), 0x1000, "mov %cr2 after the read fault");

    check_exinfo(probe_write8(unmapped + 8, 0), EXINFO(X86_EXC_PF, X86_PFEC_WRITE),
                 "write to an unmapped page");
    check_eq(exinfo_last_cr2, 0x1008, "vcpu_info cr2 after the write fault");

    /* The M2P is mapped read-only for guests. */
    check_exinfo(probe_write8(xen, 0),
                 EXINFO(X86_EXC_PF, X86_PFEC_PRESENT | X86_PFEC_WRITE),
                 "write to the M2P");
    check_eq(exinfo_last_cr2, HYPERVISOR_VIRT_START, "cr2 after the M2P write");

    /* A non-canonical address is #GP(0), not #PF. */
    check_exinfo(probe_read8((void *)0x0000800000000000UL, NULL),
                 EXINFO(X86_EXC_GP, 0), "read of a non-canonical address");
}

static void test_int80(void)
{
    struct site s;
    exinfo_t ex;

    /* The library's gate: DPL 3, delivered straight to our stub. */
    hits = 0;
    trap_set_handler(0x80, record);
    AT_SITE(s, "int $0x80");
    check_frame(&s, 0x80, s.after, "int $0x80 (DPL 3)");

    /*
     * Xen 4.17 gives vector 0x80 a direct path (its own IDT entry 0x80
     * has DPL 3) that only asks whether the guest registered a handler:
     * the DPL in the trap table is not looked at, so 1 and even 0 work.
     */
    hits = 0;
    if ( check_rc_setup(trap_set_gate(0x80, 1, true), "set gate 0x80 DPL 1") )
    {
        AT_SITE(s, "int $0x80");
        check_frame(&s, 0x80, s.after, "int $0x80 (DPL 1)");
    }
    hits = 0;
    if ( check_rc_setup(trap_set_gate(0x80, 0, true), "set gate 0x80 DPL 0") )
    {
        AT_SITE(s, "int $0x80");
        check_frame(&s, 0x80, s.after, "int $0x80 (DPL 0)");
    }

    /* No gate at all: #GP, error code naming IDT entry 0x80. */
    if ( check_rc_setup(trap_set_gate(0x80, 0, false), "remove gate 0x80") )
    {
        ex = PROBE_FAULT("int $0x80", (), ());
        check_exinfo(ex, EXINFO(X86_EXC_GP, (0x80 << 3) | X86_XEC_IDT),
                     "int $0x80 without a gate");
    }

    check_rc_setup(trap_set_gate(0x80, 3, true), "restore gate 0x80");
    trap_set_handler(0x80, NULL);
}

/* int $0: the one vector TCG's error code does not garble (see above). */
static void test_int0_dpl(void)
{
    check_exinfo(PROBE_FAULT("int $0", (), ()),
                 EXINFO(X86_EXC_GP, (0 << 3) | X86_XEC_IDT),
                 "int $0 through a DPL 0 gate");
    if ( check_rc_setup(trap_set_gate(0, 3, true), "set gate 0 DPL 3") )
        check_exinfo(PROBE_TRAP("int $0", (), ()), EXINFO(X86_EXC_DE, 0),
                     "int $0 through a DPL 3 gate");
    if ( check_rc_setup(trap_set_gate(0, 1, true), "set gate 0 DPL 1") )
        check_exinfo(PROBE_TRAP("int $0", (), ()), EXINFO(X86_EXC_DE, 0),
                     "int $0 through a DPL 1 gate (the guest kernel's)");
    check_rc_setup(trap_set_gate(0, 0, true), "restore gate 0");
}

void test_main(void)
{
    test_int3();
    test_event_mask_handling();
    test_ud2();
    test_divide_error();
    test_privileged();
    test_page_faults();
    test_int80();
    test_int0_dpl();
}
