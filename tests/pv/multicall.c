/*
 * multicall.c - HYPERVISOR_multicall batches.
 *
 * A batch of mixed calls (xen_version, console_io write, vm_assist,
 * stack_switch, set_segment_base, fpu_taskswitch, an unknown number and
 * sub-op) runs every entry, writes each result back into its entry, and
 * returns 0 even though some entries failed.  A multicall inside a
 * multicall is refused for that entry with -EINVAL (Xen 4.17: "Multicall
 * reentry is disallowed"), its inner batch untouched, without stopping
 * the batch.  A batch at
 * a bad address gives -EFAULT, even an empty one.  A 256-entry batch, long
 * enough for Xen to preempt it with a continuation when work is pending,
 * gets every result right.  An empty batch returns 0.  The count is 32
 * bits (2^32 + 1 means one entry).  A batch that starts in guest space
 * but runs past its end (the last entry of memory, then address 0) runs
 * the entries before the edge and then fails with -EFAULT: Xen 4.17
 * checks only where a batch starts, and each entry as it reads it.
 * An iret entry ends the batch (Xen 4.17): the vCPU continues in the
 * context the iret frame names, with its rax, and the entries after the
 * iret do not run.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <pv/pagetable.h>

const char test_title[] = "multicall: batches, results, nesting, length";

#define MSR_FS_BASE     0xc0000100
#define LONG_BATCH      256

static const char msg[] = "multicall: console write from a batch\n";
static uint64_t fs_target;
static struct multicall_entry batch[LONG_BATCH];

static void entry(struct multicall_entry *e, unsigned long op,
                  unsigned long a0, unsigned long a1, unsigned long a2)
{
    *e = (struct multicall_entry){ .op = op, .result = 0xdeadbeefUL,
                                   .args = { a0, a1, a2 } };
}

static void test_mixed(void)
{
    struct multicall_entry mc[9];
    long rc, ver = HYPERVISOR_xen_version(XENVER_version, NULL);
    uint64_t fs = 0;

    entry(&mc[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    entry(&mc[1], __HYPERVISOR_console_io, CONSOLEIO_write, sizeof(msg) - 1,
          (unsigned long)msg);
    entry(&mc[2], __HYPERVISOR_vm_assist, VMASST_CMD_enable,
          VMASST_TYPE_runstate_update_flag, 0);
    entry(&mc[3], __HYPERVISOR_stack_switch, FLAT_KERNEL_SS, boot_rsp, 0);
    entry(&mc[4], __HYPERVISOR_set_segment_base, SEGBASE_FS,
          (unsigned long)&fs_target, 0);
    entry(&mc[5], __HYPERVISOR_xen_version, 0x7fff, 0, 0);
    entry(&mc[6], 55, 0, 0, 0);
    entry(&mc[7], __HYPERVISOR_set_segment_base, 42, 0, 0);
    entry(&mc[8], __HYPERVISOR_vm_assist, VMASST_CMD_disable,
          VMASST_TYPE_runstate_update_flag, 0);
    rc = HYPERVISOR_multicall(mc, ARRAY_SIZE(mc));
    check_eq(rc, 0, "mixed batch");
    check_eq(mc[0].result, (unsigned long)ver, "[0] xen_version");
    check_eq(mc[1].result, 0, "[1] console_io write");
    check_eq(mc[2].result, 0, "[2] vm_assist enable");
    check_eq(mc[3].result, 0, "[3] stack_switch");
    check_eq(mc[4].result, 0, "[4] set_segment_base FS");
    check_eq(mc[5].result, (unsigned long)-XEN_ENOSYS, "[5] unknown sub-op");
    check_eq(mc[6].result, (unsigned long)-XEN_ENOSYS, "[6] unknown number");
    check_eq(mc[7].result, (unsigned long)-XEN_EINVAL, "[7] bad which");
    check_eq(mc[8].result, 0, "[8] vm_assist disable");
    check_exinfo(probe_rdmsr(MSR_FS_BASE, &fs), EXINFO_NONE, "rdmsr FS_BASE");
    check_eq(fs, (unsigned long)&fs_target, "FS base set from the batch");
    HYPERVISOR_set_segment_base(SEGBASE_FS, 0);
}

static void test_nested(void)
{
    struct multicall_entry inner[1], mc[3];
    long rc;

    entry(&inner[0], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    entry(&mc[0], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    entry(&mc[1], __HYPERVISOR_multicall, (unsigned long)inner, 1, 0);
    entry(&mc[2], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    rc = HYPERVISOR_multicall(mc, 3);
    xtest_info("nested: rc %ld, results %ld %ld %ld, inner %#lx", rc,
               (long)mc[0].result, (long)mc[1].result, (long)mc[2].result,
               (unsigned long)inner[0].result);
    check_eq(rc, 0, "batch with a nested multicall");
    check_eq(mc[0].result, PAGE_SIZE, "entry before the nested one");
    check_eq(mc[1].result, (unsigned long)-XEN_EINVAL, "nested multicall");
    check_eq(mc[2].result, PAGE_SIZE, "entry after the nested one");
    check_eq(inner[0].result, 0xdeadbeefUL, "inner entry untouched");
}

static void test_bad_address(void)
{
    check_eq(HYPERVISOR_multicall((void *)0xffff830000000000UL, 1),
             -XEN_EFAULT, "batch at a hypervisor address");
    check_eq(HYPERVISOR_multicall((void *)0x00007fff00000000UL, 2),
             -XEN_EFAULT, "batch at an unmapped address");
    check_eq(HYPERVISOR_multicall((void *)0x0000800000000000UL, 1),
             -XEN_EFAULT, "batch at a non-canonical address");
    check_eq(HYPERVISOR_multicall(NULL, 0), 0, "empty batch");
    check_eq(HYPERVISOR_multicall((void *)0xffff830000000000UL, 0), -XEN_EFAULT,
             "empty batch at a hypervisor address");
}

/* The count is 32 bits: the upper half of the register is ignored. */
static void test_count_width(void)
{
    struct multicall_entry mc[1];
    long rc;

    entry(&mc[0], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    rc = hypercall2(__HYPERVISOR_multicall, (unsigned long)mc, (1UL << 32) | 1);
    xtest_info("count 2^32 + 1: rc %ld, result %#lx", rc, (unsigned long)mc[0].result);
    check_eq(rc, 0, "a batch of 2^32 + 1 entries (one, to Xen)");
    check_eq(mc[0].result, PAGE_SIZE, "its one entry");
}

static void test_long(void)
{
    unsigned int i, bad = 0;
    long rc;

    for ( i = 0; i < LONG_BATCH; i++ )
    {
        if ( i % 3 == 0 )
            entry(&batch[i], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
        else if ( i % 3 == 1 )
            /* Alternately a valid type (4) and an invalid one (7). */
            entry(&batch[i], __HYPERVISOR_vm_assist, VMASST_CMD_enable,
                  (i / 3) % 2 ? 4 : 7, 0);
        else
            entry(&batch[i], __HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
    }
    rc = HYPERVISOR_multicall(batch, LONG_BATCH);
    check_eq(rc, 0, "256-entry batch");
    for ( i = 0; i < LONG_BATCH; i++ )
    {
        long want = i % 3 == 0 ? (long)PAGE_SIZE :
                    i % 3 == 2 ? 0 :
                    (i / 3) % 2 ? 0 : -XEN_EINVAL;

        if ( (long)batch[i].result != want && bad++ < 8 )
            xtest_fail("long batch [%u]: result %ld, expected %ld", i,
                       (long)batch[i].result, want);
    }
    check_eq(bad, 0, "wrong results in the long batch");
    HYPERVISOR_vm_assist(VMASST_CMD_disable, 4);
}

#define PTE_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO  (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PFN_L2  0x40    /* a new L2 for L3 slot 511 of the kernel's L3 */
#define PFN_L1  0x41
#define PFN_TOP 0x42    /* the data page mapped at the last page of memory */
#define TOP_VA  0xfffffffffffff000UL

static long set_pte_ro(unsigned long pfn)
{
    return HYPERVISOR_update_va_mapping(pfn_to_va(pfn),
                                        (pfn_to_mfn(pfn) << PAGE_SHIFT) | PTE_RO,
                                        UVMF_INVLPG);
}

/* Map PFN_TOP at the last page of the address space; its L3 entry's
 * machine address in *l3e.  False if that cannot be done. */
static bool map_top_page(uint64_t *l3e)
{
    uint64_t *l2 = (uint64_t *)pfn_to_va(PFN_L2), *l1 = (uint64_t *)pfn_to_va(PFN_L1);
    struct pt_walk w;
    struct mmu_update u;

    pt_walk(TOP_VA, &w);
    if ( w.leaf != 2 || (w.entry[2] & _PAGE_PRESENT) )
        return false;               /* L3 slot 511 is not free */
    memset(l2, 0, PAGE_SIZE);
    memset(l1, 0, PAGE_SIZE);
    l1[511] = (pfn_to_mfn(PFN_TOP) << PAGE_SHIFT) | PTE_RW;
    l2[511] = (pfn_to_mfn(PFN_L1) << PAGE_SHIFT) | PTE_RW;
    pt_walk(pfn_to_va(PFN_L2), &w);           /* the kernel's L3 */
    u.ptr = (w.entry[3] & PTE_ADDR_MASK) + 511 * 8;
    u.val = (pfn_to_mfn(PFN_L2) << PAGE_SHIFT) | PTE_RW;
    *l3e = u.ptr;
    return set_pte_ro(PFN_L1) == 0 && set_pte_ro(PFN_L2) == 0 &&
           HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF) == 0;
}

/*
 * A batch whose entries run off the end of the address space: the last
 * entry of memory, then one at address 0 (wrapped).
 */
static void test_past_the_end(void)
{
    struct multicall_entry *last = (void *)(TOP_VA + PAGE_SIZE - sizeof(*last));
    struct mmu_update u = { 0 };
    long rc;

    if ( !map_top_page(&u.ptr) )
    {
        xtest_error("could not map the last page of the address space");
        return;
    }
    entry(last, __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    rc = HYPERVISOR_multicall(last, 2);
    xtest_info("batch wrapping past the end: rc %ld, entry 0 result %#lx", rc,
               (unsigned long)last->result);
    check_eq(rc, -XEN_EFAULT, "batch running past the end of memory");
    check_eq(last->result, PAGE_SIZE, "the entry before the end (it runs)");
    HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);      /* unmap it again */
}

/*
 * A batch [iret, set_debugreg(0, MARK)] issued with rsp pointing at an
 * iret frame (the iret sub-call takes it from there): made with a bare
 * syscall, since a call into the hypercall page would push a return
 * address onto the frame.  The frame returns to iret_done on the stack we
 * came from, with rax = IRET_RAX.
 */
#define IRET_RAX 0x1234567UL
#define DR0_MARK 0x5000UL

static struct iret_context iret_frame __aligned(16) __attribute__((used));
static struct multicall_entry iret_batch[2];
static unsigned long iret_saved_rsp __attribute__((used));

static __attribute__((noinline)) unsigned long multicall_onto_frame(void)
{
    unsigned long rax = __HYPERVISOR_multicall;

    /* The frame returns to this very stack (its rsp slot, offset 56). */
    __asm__ volatile ( "mov %%rsp, iret_saved_rsp(%%rip)\n\t"
                       "mov %%rsp, iret_frame+56(%%rip)\n\t"
                       "lea iret_frame(%%rip), %%rsp\n\t"
                       "syscall\n\t"
                       /* Not reached if the iret took effect: say so. */
                       "mov $-1, %%rax\n\t"
                       "mov iret_saved_rsp(%%rip), %%rsp\n\t"
                       ".globl iret_done\n"
                       "iret_done:"
                       : "+a" (rax)
                       : "D" (iret_batch), "S" (2UL)
                       : "rcx", "r11", "rdx", "r8", "r9", "r10", "memory" );
    return rax;
}

static void test_iret_ends_batch(void)
{
    extern const char iret_done[];
    unsigned long rax;

    HYPERVISOR_set_debugreg(0, 0);
    entry(&iret_batch[0], __HYPERVISOR_iret, 0, 0, 0);
    entry(&iret_batch[1], __HYPERVISOR_set_debugreg, 0, DR0_MARK, 0);
    iret_frame = (struct iret_context){
        .rax = IRET_RAX, .rip = (unsigned long)iret_done,
        .cs = FLAT_KERNEL_CS & ~3UL, .rflags = 0, .ss = FLAT_KERNEL_SS,
    };
    rax = multicall_onto_frame();
    xtest_info("iret in a batch: rax %#lx, results %#lx %#lx, DR0 %#lx", rax,
               (unsigned long)iret_batch[0].result,
               (unsigned long)iret_batch[1].result,
               (unsigned long)HYPERVISOR_get_debugreg(0));
    check_eq(rax, IRET_RAX, "rax after a batch that ends in iret");
    check_eq(iret_batch[1].result, 0xdeadbeefUL, "the entry after the iret ran");
    check_eq(HYPERVISOR_get_debugreg(0), 0, "DR0 set by the entry after the iret");
    HYPERVISOR_set_debugreg(0, 0);
}

void test_main(void)
{
    test_iret_ends_batch();
    test_mixed();
    test_nested();
    test_bad_address();
    test_long();
    test_count_width();
    test_past_the_end();
}
