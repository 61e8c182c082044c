/*
 * movss.c - debug exceptions and the MOV SS shadow (the XSA-260 class).
 *
 * A data breakpoint on the memory a `mov ..., %ss` reads is held back by
 * the CPU until the instruction after it has run.  When that instruction
 * is `syscall`, real hardware delivers the #DB on the first instruction
 * of the hypervisor's syscall entry, in ring 0 but still on the guest's
 * %rsp: the hypervisor must take #DB on a stack of its own (IST) and
 * carry on.  On Xen 4.17 the guest then sees no #DB at all.  QEMU's TCG
 * does not defer the #DB (it delivers it in the guest, before the
 * syscall), so under TCG this checks only that either outcome leaves the
 * hypercall done and the guest running; the ring-0 case is not reached.
 *
 * It also checks an ordinary data breakpoint in guest code: #DB arrives
 * on the hypervisor's IST stack and must be moved to the vCPU's frame and
 * delivered to the guest right after the writing instruction, with DR6
 * showing B0.
 */
#include <pvtest.h>

const char test_title[] = "movss: #DB under a MOV SS shadow, data breakpoints";

/* DR7: L0, RW0 = 11 (reads and writes), LEN0 = 01 (2 bytes). */
#define DR7_RW2_0   0x00070001UL
/* ... RW0 = 01 (writes), LEN0 = 11 (4 bytes). */
#define DR7_W4_0    0x000d0001UL

static volatile uint16_t ss_value = FLAT_KERNEL_SS;
static volatile uint32_t watched;
static unsigned int db_hits;
static unsigned long db_rip;

static bool on_db(struct pv_regs *regs)
{
    if ( !db_hits++ )
        db_rip = regs->rip;
    return true;
}

static void test_movss_syscall(void)
{
    extern const char movss_syscall_insn[];
    unsigned long rax = __HYPERVISOR_xen_version;

    db_hits = 0;
    HYPERVISOR_set_debugreg(0, (unsigned long)&ss_value);
    HYPERVISOR_set_debugreg(7, DR7_RW2_0);
    __asm__ volatile ( "mov %[ss], %%ss\n\t"
                       ".globl movss_syscall_insn\n"
                       "movss_syscall_insn:\n\t"
                       "syscall"
                       : "+a" (rax)
                       : [ss] "m" (ss_value), "D" (XENVER_version), "S" (0)
                       : "rcx", "r11", "memory" );
    HYPERVISOR_set_debugreg(7, 0);
    xtest_info("mov %%ss + syscall: %u #DB in the guest, at %#lx (syscall "
               "at %p)", db_hits, db_rip, movss_syscall_insn);
    check_eq(rax, HYPERVISOR_xen_version(XENVER_version, NULL),
             "the hypercall's result");
    check(db_hits <= 1, "%u #DBs for one breakpoint hit", db_hits);
    if ( db_hits )
        check_eq(db_rip, (unsigned long)movss_syscall_insn,
                 "#DB delivered in the guest: at the syscall");
}

static void test_data_breakpoint(void)
{
    extern const char after_write[];

    db_hits = 0;
    HYPERVISOR_set_debugreg(6, 0xffff0ff0);
    HYPERVISOR_set_debugreg(0, (unsigned long)&watched);
    HYPERVISOR_set_debugreg(7, DR7_W4_0);
    __asm__ volatile ( "movl $1, %0\n\t"
                       ".globl after_write\n"
                       "after_write:"
                       : "=m" (watched) :: "memory" );
    HYPERVISOR_set_debugreg(7, 0);
    check_eq(db_hits, 1, "#DB for a watched write");
    check_eq(db_rip, (unsigned long)after_write, "#DB rip (after the write)");
    check_eq(HYPERVISOR_get_debugreg(6) & 0xf, 1, "DR6 B0");
}

void test_main(void)
{
    trap_set_handler(X86_EXC_DB, on_db);
    test_data_breakpoint();
    test_movss_syscall();
    trap_set_handler(X86_EXC_DB, NULL);
}
