/*
 * iret.c - HYPERVISOR_iret, the only way back for a ring-3 PV kernel.
 *
 * 1. A hand-made struct iret_context (rax, r11, rcx, flags, rip, cs,
 *    rflags, rsp, ss) issued with a bare `syscall`: with flags = 0 the
 *    hypervisor must restore rax, rcx and r11 from the frame, and rip,
 *    rsp and the arithmetic flags as given.
 * 2. A frame whose code selector names no descriptor (RPL 0, so it is a
 *    return to kernel mode): Xen 4.17 does not call the failsafe callback
 *    for this but delivers #GP with the selector as error code and the
 *    bad frame as the interrupted context.  The handler repairs cs.
 * 3. The same for the hypervisor's own ring-0 code selector (0xe008),
 *    which names a descriptor, but not one a guest may return to.
 *    (An RPL 3 selector would mean "return to user mode", which without
 *    user page tables makes Xen crash the domain, so it is not tried.)
 */
#include <pvtest.h>

const char test_title[] = "iret: HYPERVISOR_iret frames";

#define RAX_VAL 0x1234567890abcdefUL
#define RCX_VAL 0x0fedcba987654321UL
#define R11_VAL 0x5a5a5a5aa5a5a5a5UL

/* Descriptor 0x20 of the (empty) guest GDT, RPL 0. */
#define BAD_CS  0x0100
/* The hypervisor's ring-0 code selector (FLAT_RING0_CS64 on Xen). */
#define XEN_CS  0xe008

static void test_register_restore(void)
{
    register unsigned long r11 __asm__("r11");
    unsigned long rax, rcx, flags_after, rsp_before, rsp_after;

    __asm__ __volatile__ ("mov %%rsp, %[spb]\n\t"
                          "lea 1f(%%rip), %%rax\n\t"
                          "pushq %[ss]\n\t"
                          "pushq %[spb]\n\t"
                          "pushq %[fl]\n\t"
                          "pushq %[cs]\n\t"
                          "pushq %%rax\n\t"
                          "pushq $0\n\t"                /* flags */
                          "movabs %[vrcx], %%rax\n\t pushq %%rax\n\t"
                          "movabs %[vr11], %%rax\n\t pushq %%rax\n\t"
                          "movabs %[vrax], %%rax\n\t pushq %%rax\n\t"
                          "mov %[nr], %%eax\n\t"
                          "syscall\n"
                          "1:\t pushfq\n\t"
                          "pop %[fla]\n\t"
                          "mov %%rsp, %[spa]"
                          : "=a" (rax), "=c" (rcx), "=r" (r11),
                            [spb] "=&r" (rsp_before), [spa] "=&r" (rsp_after),
                            [fla] "=&r" (flags_after)
                          : [ss] "i" (FLAT_KERNEL_SS),
                            [cs] "i" (FLAT_KERNEL_CS & ~3),
                            /* CF and ZF set, plus the always-one bit. */
                            [fl] "i" (X86_EFLAGS_MBS | X86_EFLAGS_CF |
                                      X86_EFLAGS_ZF),
                            [vrax] "i" (RAX_VAL), [vrcx] "i" (RCX_VAL),
                            [vr11] "i" (R11_VAL),
                            [nr] "i" (__HYPERVISOR_iret)
                          : "memory", "cc");

    check_eq(rax, RAX_VAL, "rax after iret");
    check_eq(rcx, RCX_VAL, "rcx after iret");
    check_eq(r11, R11_VAL, "r11 after iret");
    check_eq(rsp_after, rsp_before, "rsp after iret");
    check((flags_after & (X86_EFLAGS_CF | X86_EFLAGS_ZF)) ==
          (X86_EFLAGS_CF | X86_EFLAGS_ZF), "rflags after iret %#lx lacks CF|ZF",
          flags_after);
}

static unsigned int gp_hits;
static struct pv_regs gp_frame;
static uint16_t bad_sel;

static bool repair_cs(struct pv_regs *regs)
{
    if ( regs->error_code != bad_sel )
        return false;
    gp_hits++;
    gp_frame = *regs;
    regs->cs = FLAT_KERNEL_CS & ~3;
    return true;
}

/* iret to a frame whose cs is sel: #GP(sel) with that frame, repaired. */
static void test_bad_cs(uint16_t sel, const char *what)
{
    unsigned long resume, rsp;

    bad_sel = sel;
    gp_hits = 0;
    trap_set_handler(X86_EXC_GP, repair_cs);
    __asm__ __volatile__ ("lea 1f(%%rip), %[ip]\n\t"
                          "mov %%rsp, %[sp]\n\t"
                          "pushq %[ss]\n\t"
                          "pushq %[sp]\n\t"
                          "pushfq\n\t"
                          "pushq %q[cs]\n\t"
                          "pushq %[ip]\n\t"
                          "jmp pv_iret\n"
                          "1:"
                          : [ip] "=&r" (resume), [sp] "=&r" (rsp)
                          : [ss] "i" (FLAT_KERNEL_SS), [cs] "r" ((uint64_t)sel)
                          : "memory", "cc");
    trap_set_handler(X86_EXC_GP, NULL);

    xtest_info("%s: #GP frame: ec %#lx rip %#lx cs %#lx rsp %#lx ss %#lx", what,
               gp_frame.error_code, gp_frame.rip, gp_frame.cs, gp_frame.rsp,
               gp_frame.ss);
    if ( !check_eq(gp_hits, 1, what) )
        return;
    check_eq(gp_frame.rip, resume, "#GP frame rip (the iret target)");
    check_eq(gp_frame.cs & 0xffff, sel, "#GP frame cs");
    check_eq(gp_frame.rsp, rsp, "#GP frame rsp");
}

void test_main(void)
{
    test_register_restore();
    test_bad_cs(BAD_CS, "#GP for an iret cs naming no descriptor");
    test_bad_cs(XEN_CS, "#GP for an iret to the hypervisor's code selector");
}
