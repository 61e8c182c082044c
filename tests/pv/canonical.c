/*
 * canonical.c - guest code at the very top of the lower canonical half,
 * where the address after an instruction (0x0000800000000000) is not
 * canonical.
 *
 * The test maps one page at 0x00007ffffffff000 (its own L3, L2 and L1
 * under L4 slot 255) and runs, each ending exactly at the boundary:
 *  - a hypercall by `syscall` (the return address the CPU saved is the
 *    non-canonical one);
 *  - CPUID through the forced-emulation prefix (the hypervisor emulates
 *    it and moves rip past it);
 *  - a read of %cr0 (an emulated privileged instruction);
 *  - int3, whose handler returns with HYPERVISOR_iret to the address
 *    after it.
 * The hypervisor cannot return there (iretq faults on a non-canonical
 * rip, sysret worse): as Xen 4.17 does, the guest receives #GP(0) with
 * the non-canonical address as its rip, and the work before it is done
 * (the hypercall's result is in rax).  The handler moves rip back to
 * ordinary code.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "canonical: instructions ending at the canonical boundary";

#define PFN_L3      0x28
#define PFN_L2      0x29
#define PFN_L1      0x2a
#define PFN_CODE    0x2b
#define TOP_PAGE    0x00007ffffffff000UL
#define BOUNDARY    0x0000800000000000UL
#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO      (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PTE_TABLE   (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

static long remap(unsigned long pfn, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags,
                                        UVMF_INVLPG | UVMF_LOCAL);
}

static void zero_page(unsigned long pfn)
{
    memset((void *)pfn_to_va(pfn), 0, PAGE_SIZE);
}

/* One table whose last entry points at the frame `next`. */
static bool make_table(unsigned long pfn, unsigned long next,
                       unsigned long flags)
{
    volatile uint64_t *t = (volatile uint64_t *)pfn_to_va(pfn);

    remap(pfn, PTE_RW);
    zero_page(pfn);
    t[511] = (pfn_to_mfn(next) << PAGE_SHIFT) | flags;
    return check_rc_setup(remap(pfn, PTE_RO), "remapping a table read-only");
}

static bool map_top_page(void)
{
    struct mmu_update u;

    if ( !make_table(PFN_L1, PFN_CODE, PTE_RW | _PAGE_USER) ||
         !make_table(PFN_L2, PFN_L1, PTE_TABLE) ||
         !make_table(PFN_L3, PFN_L2, PTE_TABLE) )
        return false;
    u.ptr = (pt_root_mfn() << PAGE_SHIFT) + 255 * 8;
    u.val = (pfn_to_mfn(PFN_L3) << PAGE_SHIFT) | PTE_TABLE;
    return check_rc_setup(HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF),
                          "L4 slot 255");
}

/* What arrived, and where to go on from there. */
static struct pv_regs seen;
static unsigned int hits;
static unsigned long resume_rip, resume_rsp;

static bool at_boundary(struct pv_regs *regs)
{
    if ( regs->rip != BOUNDARY )
        return false;
    if ( !hits++ )
        seen = *regs;
    regs->rip = resume_rip;
    regs->rsp = resume_rsp;
    return true;
}

static bool int3_returns(struct pv_regs *regs)
{
    (void)regs;
    return true;                      /* back to where it points */
}

/*
 * Run the bytes placed right below the boundary with rax = a0, rdi = a1;
 * the handler brings us back to label 2.  Returns rax as the handler
 * found it.
 */
static unsigned long run_at_top(const uint8_t *code, unsigned int len,
                                unsigned long a0, unsigned long a1)
{
    static unsigned long entry, arg0;
    uint8_t *page = (uint8_t *)pfn_to_va(PFN_CODE);

    memset(page, 0x90, PAGE_SIZE);
    memcpy(page + PAGE_SIZE - len, code, len);
    entry = BOUNDARY - len;
    arg0 = a0;
    hits = 0;
    memset(&seen, 0, sizeof(seen));
    __asm__ volatile ( "lea 2f(%%rip), %%rax\n\t"
                       "mov %%rax, %[rip]\n\t"
                       "mov %%rsp, %[rsp]\n\t"
                       "mov %[a0], %%rax\n\t"
                       "jmp *%[entry]\n"
                       "2:"
                       : [rip] "=m" (resume_rip), [rsp] "=m" (resume_rsp),
                         "+D" (a1)
                       : [a0] "m" (arg0), [entry] "m" (entry)
                       : "rax", "rbx", "rcx", "rdx", "rsi", "r8", "r9",
                         "r10", "r11", "r12", "r13", "r14", "r15", "memory",
                         "cc" );
    return seen.rax;
}

static void expect_gp(const char *what)
{
    xtest_info("%s: %u hit(s), %s[%04lx] rip %#lx cs %#lx", what, hits,
               trap_name(seen.vector), seen.error_code, seen.rip,
               seen.cs & 0xffff);
    check_eq(hits, 1, what);
    check_eq(seen.vector, X86_EXC_GP, what);
    check_eq(seen.error_code, 0, what);
}

void test_main(void)
{
    static const uint8_t syscall_insn[] = { 0x0f, 0x05 };
    static const uint8_t cpuid_insn[] = { 0x0f, 0x0b, 0x78, 0x65, 0x6e,
                                          0x0f, 0xa2 };
    static const uint8_t cr0_insn[] = { 0x0f, 0x20, 0xc0 };
    static const uint8_t int3_insn[] = { 0xcc };
    unsigned long rax;

    if ( !map_top_page() )
        return;
    for ( unsigned int v = 0; v < 32; v++ )
        if ( v != X86_EXC_BP )
            trap_set_handler(v, at_boundary);
    trap_set_handler(X86_EXC_BP, int3_returns);

    rax = run_at_top(syscall_insn, sizeof(syscall_insn),
                     __HYPERVISOR_xen_version, XENVER_version);
    expect_gp("syscall ending at the boundary");
    check_eq(rax, HYPERVISOR_xen_version(XENVER_version, NULL),
             "the hypercall's result in rax");

    rax = run_at_top(cpuid_insn, sizeof(cpuid_insn), 0x40000000, 0);
    expect_gp("emulated CPUID ending at the boundary");
    xtest_info("rax after the emulated CPUID: %#lx", rax);

    rax = run_at_top(cr0_insn, sizeof(cr0_insn), 0, 0);
    expect_gp("emulated read of %cr0 ending at the boundary");
    check_eq(rax, read_cr0(), "%cr0 in rax");

    run_at_top(int3_insn, sizeof(int3_insn), 0, 0);
    expect_gp("iret to the boundary after int3");

    for ( unsigned int v = 0; v < 32; v++ )
        trap_set_handler(v, NULL);
}
