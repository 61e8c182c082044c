/*
 * callbacks.c - callback registration and a round trip through user mode.
 *
 * CALLBACKOP_register accepts event, failsafe, syscall and nmi (and the
 * 32-bit syscall32/sysenter slots), refuses unknown types (3, 6, 100)
 * with -ENOSYS and a non-canonical address with -EINVAL;
 * CALLBACKOP_unregister refuses event, failsafe, syscall, syscall32 and
 * sysenter (-EINVAL: they cannot be removed) but removes nmi, unknown
 * types give -ENOSYS, and an unknown command gives -ENOSYS.  set_callbacks (the old interface) and stack_switch return 0.
 * set_trap_table refuses a handler at a non-canonical address (-EINVAL).
 *
 * The round trip: user page tables are built from the test's own pages
 * (L4 -> L3 -> L2 -> L1 mapping a code page at 0x400000 and a stack page
 * after it, user-accessible) and installed with MMUEXT_NEW_USER_BASEPTR;
 * HYPERVISOR_iret with CS = FLAT_USER_CS enters the code, which makes a
 * `syscall`.  The registered syscall callback must then run in kernel
 * mode on the stack given to stack_switch, with the frame
 * [rcx, r11, rip, cs, rflags, rsp, ss] (rcx = the user rip after the
 * syscall, r11 = the user rflags) and the general registers as user mode
 * left them.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "callbacks: callback_op, stack_switch, user-mode syscall";

extern char event_callback_entry[], failsafe_callback_entry[];

#define USER_CODE   0x400000UL
#define USER_STACK  (USER_CODE + 2 * PAGE_SIZE)
#define PFN_L4U     0x20
#define PFN_L3U     0x21
#define PFN_L2U     0x22
#define PFN_L1U     0x23
#define PFN_CODE    0x24
#define PFN_USTACK  0x25
#define PTE_TABLE   (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

static long cb_reg(unsigned int type, unsigned long addr)
{
    struct callback_register r = { .type = type,
                                   .flags = CALLBACKF_mask_events,
                                   .address = addr };

    return HYPERVISOR_callback_op(CALLBACKOP_register, &r);
}

static long cb_unreg(unsigned int type)
{
    struct callback_unregister u = { .type = type };

    return HYPERVISOR_callback_op(CALLBACKOP_unregister, &u);
}

/* ---- The user-mode side, in assembly ---- */

uint64_t cb_frame[7];           /* rcx, r11, rip, cs, rflags, rsp, ss */
uint64_t cb_regs[4];            /* rax, rdi, rsi, rsp at the callback */
uint64_t resume_rsp;
extern char user_blob[], user_blob_syscall_end[], user_blob_end[];
extern char syscall_callback[];
void enter_user(unsigned long rip, unsigned long rsp);

__asm__ (
    ".pushsection .text\n"
    /* Copied to the user code page; position independent. */
    "user_blob:\n\t"
    "mov $0xabc, %eax\n\t"
    "mov $0x1111, %edi\n\t"
    "mov $0x2222, %esi\n\t"
    "syscall\n"
    "user_blob_syscall_end:\n"
    "1:\t jmp 1b\n"
    "user_blob_end:\n"

    /* Save the state user mode arrived with and resume enter_user()'s
     * caller on the kernel stack it left. */
    "syscall_callback:\n\t"
    "mov %rax, cb_regs(%rip)\n\t"
    "mov %rdi, cb_regs+8(%rip)\n\t"
    "mov %rsi, cb_regs+16(%rip)\n\t"
    "mov %rsp, cb_regs+24(%rip)\n\t"
    "lea cb_frame(%rip), %rdi\n\t"
    "mov %rsp, %rsi\n\t"
    "mov $7, %ecx\n\t"
    "rep movsq\n\t"
    "mov resume_rsp(%rip), %rsp\n\t"
    "pop %r15\n\t pop %r14\n\t pop %r13\n\t pop %r12\n\t"
    "pop %rbp\n\t pop %rbx\n\t"
    "ret\n"

    /* enter_user(rip, rsp): HYPERVISOR_iret to user mode. */
    "enter_user:\n\t"
    "push %rbx\n\t push %rbp\n\t push %r12\n\t"
    "push %r13\n\t push %r14\n\t push %r15\n\t"
    "mov %rsp, resume_rsp(%rip)\n\t"
    "pushq $0xe02b\n\t"          /* ss: FLAT_USER_SS */
    "pushq %rsi\n\t"             /* rsp */
    "pushq $0x202\n\t"           /* rflags: IF */
    "pushq $0xe033\n\t"          /* cs: FLAT_USER_CS */
    "pushq %rdi\n\t"             /* rip */
    "pushq $0\n\t"               /* flags */
    "pushq $0\n\t pushq $0\n\t pushq $0\n\t"   /* rcx, r11, rax */
    "mov $23, %eax\n\t"          /* __HYPERVISOR_iret */
    "syscall\n\t"
    "ud2\n"
    ".popsection\n");

static uint8_t kstack[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void test_register_rules(void)
{
    check_eq(cb_reg(CALLBACKTYPE_event, (unsigned long)event_callback_entry),
             0, "register event");
    check_eq(cb_reg(CALLBACKTYPE_failsafe,
                    (unsigned long)failsafe_callback_entry), 0,
             "register failsafe");
    check_eq(cb_reg(CALLBACKTYPE_syscall, (unsigned long)syscall_callback),
             0, "register syscall");
    check_eq(cb_reg(CALLBACKTYPE_nmi, (unsigned long)event_callback_entry),
             0, "register nmi");
    check_eq(cb_unreg(CALLBACKTYPE_nmi), 0, "unregister nmi");
    check_eq(cb_unreg(CALLBACKTYPE_event), -XEN_EINVAL, "unregister event");
    check_eq(cb_unreg(CALLBACKTYPE_failsafe), -XEN_EINVAL,
             "unregister failsafe");
    check_eq(cb_unreg(CALLBACKTYPE_syscall), -XEN_EINVAL,
             "unregister syscall");
    check_eq(cb_reg(CALLBACKTYPE_syscall32, USER_CODE), 0,
             "register syscall32");
    check_eq(cb_reg(CALLBACKTYPE_sysenter, USER_CODE), 0,
             "register sysenter");
    check_eq(cb_reg(CALLBACKTYPE_sysenter_deprecated, USER_CODE),
             -XEN_ENOSYS, "register type 3");
    check_eq(cb_reg(6, USER_CODE), -XEN_ENOSYS, "register type 6");
    check_eq(cb_reg(100, USER_CODE), -XEN_ENOSYS, "register type 100");
    check_eq(cb_unreg(CALLBACKTYPE_syscall32), -XEN_EINVAL,
             "unregister syscall32");
    check_eq(cb_unreg(CALLBACKTYPE_sysenter), -XEN_EINVAL,
             "unregister sysenter");
    check_eq(cb_unreg(6), -XEN_ENOSYS, "unregister type 6");
    check_eq(cb_unreg(100), -XEN_ENOSYS, "unregister type 100");
    check_eq(cb_reg(CALLBACKTYPE_nmi, 0x0000800000000000UL), -XEN_EINVAL,
             "register nmi at a non-canonical address");
    cb_unreg(CALLBACKTYPE_nmi);
    check_eq(HYPERVISOR_callback_op(2, NULL), -XEN_ENOSYS, "unknown cmd");
    check_eq(HYPERVISOR_callback_op(CALLBACKOP_register,
                                    (void *)0xffff830000000000UL),
             -XEN_EFAULT, "register, bad pointer");
}

static void test_set_callbacks(void)
{
    long rc = hypercall3(__HYPERVISOR_set_callbacks,
                         (unsigned long)event_callback_entry,
                         (unsigned long)failsafe_callback_entry,
                         (unsigned long)syscall_callback);

    check_eq(rc, 0, "set_callbacks");
    check_eq(HYPERVISOR_stack_switch(FLAT_KERNEL_SS,
                                     (unsigned long)kstack + PAGE_SIZE), 0,
             "stack_switch");
    /* Events still arrive through the re-registered callback. */
    check_eq(HYPERVISOR_xen_version(XENVER_version, NULL) > 0, 1,
             "alive after set_callbacks");
}

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) |
                                        flags, UVMF_INVLPG | UVMF_LOCAL);
}

static long user_baseptr(unsigned long mfn)
{
    struct mmuext_op op = { .cmd = MMUEXT_NEW_USER_BASEPTR, .arg1.mfn = mfn };

    return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static uint64_t *page(unsigned long pfn)
{
    return (uint64_t *)pfn_to_va(pfn);
}

static bool build_user_tables(void)
{
    static const unsigned int tables[] = { PFN_L4U, PFN_L3U, PFN_L2U,
                                           PFN_L1U };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(tables); i++ )
        memset(page(tables[i]), 0, PAGE_SIZE);
    page(PFN_L4U)[0] = (pfn_to_mfn(PFN_L3U) << PAGE_SHIFT) | PTE_TABLE;
    page(PFN_L3U)[0] = (pfn_to_mfn(PFN_L2U) << PAGE_SHIFT) | PTE_TABLE;
    page(PFN_L2U)[PT_INDEX(USER_CODE, L2_SHIFT)] =
        (pfn_to_mfn(PFN_L1U) << PAGE_SHIFT) | PTE_TABLE;
    page(PFN_L1U)[PT_INDEX(USER_CODE, L1_SHIFT)] =
        (pfn_to_mfn(PFN_CODE) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_USER;
    page(PFN_L1U)[PT_INDEX(USER_CODE + PAGE_SIZE, L1_SHIFT)] =
        (pfn_to_mfn(PFN_USTACK) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW |
        _PAGE_USER;
    memcpy(page(PFN_CODE), user_blob, user_blob_end - user_blob);
    for ( i = 0; i < ARRAY_SIZE(tables); i++ )
        if ( !check_rc_setup(remap(tables[i], _PAGE_PRESENT |
                                   _PAGE_ACCESSED), "user table read-only") )
            return false;
    return check_rc_setup(user_baseptr(pfn_to_mfn(PFN_L4U)),
                          "MMUEXT_NEW_USER_BASEPTR");
}

static void check_frame(void)
{
    unsigned long after = USER_CODE + (user_blob_syscall_end - user_blob);

    xtest_info("syscall frame: rcx %#lx r11 %#lx rip %#lx cs %#lx "
               "rflags %#lx rsp %#lx ss %#lx", cb_frame[0], cb_frame[1],
               cb_frame[2], cb_frame[3], cb_frame[4], cb_frame[5],
               cb_frame[6]);
    check_eq(cb_regs[0], 0xabc, "rax at the syscall callback");
    check_eq(cb_regs[1], 0x1111, "rdi at the syscall callback");
    check_eq(cb_regs[2], 0x2222, "rsi at the syscall callback");
    check_eq(cb_regs[3], (unsigned long)kstack + PAGE_SIZE - 7 * 8,
             "callback rsp (the stack_switch stack, 7-word frame)");
    check_eq(cb_frame[0], after, "frame rcx (user rip after syscall)");
    check_eq(cb_frame[2], after, "frame rip");
    check_eq(cb_frame[3] & 0xffff, FLAT_USER_CS, "frame cs");
    check(cb_frame[4] & X86_EFLAGS_IF, "frame rflags %#lx lacks IF",
          cb_frame[4]);
    check_eq(cb_frame[1], cb_frame[4], "frame r11 (user rflags)");
    check_eq(cb_frame[5], USER_STACK, "frame rsp");
    check_eq(cb_frame[6] & 0xffff, FLAT_USER_SS, "frame ss");
}

static void test_user_round_trip(void)
{
    if ( !build_user_tables() )
        return;
    check_rc_setup(HYPERVISOR_stack_switch(FLAT_KERNEL_SS,
                                           (unsigned long)kstack + PAGE_SIZE),
                   "stack_switch");
    check_rc_setup(cb_reg(CALLBACKTYPE_syscall,
                          (unsigned long)syscall_callback),
                   "register syscall");
    enter_user(USER_CODE, USER_STACK);
    events_disable();
    check(read_cs() == (FLAT_KERNEL_CS & 0xffff) ||
          (read_cs() | 3) == (FLAT_KERNEL_CS | 3), "back in kernel: cs %#x",
          read_cs());
    check_frame();
    user_baseptr(0);
}

static void test_trap_table(void)
{
    struct trap_info t[2] = {
        { .vector = 0x41, .cs = FLAT_KERNEL_CS,
          .address = 0x0000800000000000UL },
        { 0 },
    };

    check_eq(HYPERVISOR_set_trap_table(t), -XEN_EINVAL,
             "set_trap_table with a non-canonical handler");
    t[0].address = 0xffff7fffffff0000UL;
    check_eq(HYPERVISOR_set_trap_table(t), -XEN_EINVAL,
             "set_trap_table with a handler just below the upper half");
}

void test_main(void)
{
    test_register_rules();
    test_set_callbacks();
    test_trap_table();
    test_user_round_trip();
}
