/*
 * The PV dom0 builder: from the kernel and initrd boot modules to a
 * domain whose vCPU 0 can enter the kernel.  Interface:
 *
 *   int dom0_construct_pv(struct domain *d, const struct boot_module *kernel,
 *                         const struct boot_module *initrd,
 *                         const char *cmdline);
 *   int domu_construct_pv(struct domain *d, const struct boot_module *kernel,
 *                         const char *cmdline, unsigned long nr_pages);
 *     d: just created (domain_create()), vCPU 0 present, no memory yet.
 *     initrd may be NULL.  dom0's size comes from dom0_mem=; a boot-time
 *     domU gets exactly nr_pages and may not grow beyond them.  Both modules' memory is given back to the heap
 *     (the initrd lives on as a copy in dom0's memory), so the caller
 *     must not use them afterwards.  0, or -EINVAL for a kernel we cannot
 *     run (one line says why), -ENOMEM when memory runs short.
 *
 * What dom0 gets is what the PV ABI promises (public/xen.h, start of
 * day) and what Xen 4.17 builds: one initial mapping from the kernel's
 * VIRT_BASE holding, page aligned and in this order, the kernel, the
 * initrd (unless the kernel takes it as a PFN: MOD_START_PFN), the P2M
 * list, start_info, the bootstrap page tables and a boot stack, ending
 * on a 4 MiB boundary at least 512 KiB past the stack.  A kernel with
 * an INIT_P2M note (Linux) gets its P2M list mapped at that address
 * instead, in pfns right after the initial mapping (and an unmapped
 * initrd): first_p2m_pfn/nr_p2m_frames.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/boot_timing.h>
#include <asm/boot_video.h>
#include <asm/processor.h>
#include <asm/pv/dom0_build.h>
#include <asm/pv/mm.h>
#include <public/xen.h>
#include "dom0_build.h"

/* Xen hands dom0 control of processor P- and C-states
 * (XEN_PROCESSOR_PM_PX | _CX in SIF_PM_MASK); start_info mirrors it. */
#define DOM0_SIF_PM_BITS (0x3 << 8)

#define MB4 (4UL << 20)

/* ---- The virtual layout ------------------------------------------------- */

/*
 * The page tables map the area that contains them, so their number and
 * the area's end depend on each other: try 2, 3, ... frames until the
 * tables needed for the resulting area fit (Xen's search).
 */
static void place_tables_and_stack(struct dom0_layout *l)
{
    for ( l->nr_pt = 2; ; l->nr_pt++ )
    {
        l->pt_end = l->pt_start + l->nr_pt * PAGE_SIZE;
        l->stack_start = l->pt_end;
        l->stack_end = l->stack_start + PAGE_SIZE;
        l->v_end = ROUNDUP(l->stack_end, MB4);
        if ( l->v_end - l->stack_end < KB(512) )
            l->v_end += MB4;
        if ( dom0_pt_frames_needed(l->v_start, l->v_end) <= l->nr_pt )
            break;
    }
}

/* INIT_P2M: the list at the kernel's address, its frames after the
 * initial mapping (and an unmapped initrd). */
static void place_separate_p2m(struct dom0_build *b)
{
    struct dom0_layout *l = &b->l;

    l->p2m_start = b->parms.init_p2m;
    l->p2m_end = l->p2m_start + b->nr_pages * sizeof(unsigned long);
    l->p2m_list_pages = PFN_UP(b->nr_pages * sizeof(unsigned long));
    l->nr_p2m = l->p2m_list_pages +
                dom0_p2m_tables_needed(l->p2m_start,
                                       l->p2m_start + (l->p2m_list_pages << PAGE_SHIFT));
}

static void compute_layout(struct dom0_build *b)
{
    struct dom0_layout *l = &b->l;
    unsigned long next;

    l->v_start = b->parms.virt_base;
    l->kern_start = b->parms.virt_kstart;
    l->kern_end = b->parms.virt_kend;
    next = ROUNDUP(l->kern_end, PAGE_SIZE);
    if ( !b->parms.mod_start_pfn )
    {
        l->initrd_start = next;
        l->initrd_end = next + dom0_initrd_len(b);
        next = ROUNDUP(l->initrd_end, PAGE_SIZE);
    }
    l->p2m_separate = b->parms.init_p2m != ELF_UNSET_ADDR;
    l->p2m_start = next;
    l->p2m_end = next + (l->p2m_separate ? 0 : b->nr_pages * sizeof(unsigned long));
    l->si_start = ROUNDUP(l->p2m_end, PAGE_SIZE);
    l->si_end = l->si_start + sizeof(struct start_info) +
                sizeof(struct dom0_vga_console_info);
    l->pt_start = ROUNDUP(l->si_start + sizeof(struct start_info), PAGE_SIZE);
    place_tables_and_stack(l);
    b->boot_pages = (l->v_end - l->v_start) >> PAGE_SHIFT;
    l->initrd_pfn = l->initrd_start ? (l->initrd_start - l->v_start) >> PAGE_SHIFT
                                    : b->boot_pages;
    l->p2m_pfn = b->boot_pages +
                 (l->initrd_start ? 0 : PFN_UP(dom0_initrd_len(b)));
    if ( l->p2m_separate )
        place_separate_p2m(b);
}

/* No step of the layout wrapped around the top of the address space. */
static bool layout_monotonic(const struct dom0_layout *l)
{
    unsigned long after_kernel = l->initrd_start ? l->initrd_end : l->kern_end;
    unsigned long before_si = l->p2m_separate ? after_kernel : l->p2m_end;

    return l->v_start <= l->kern_start && l->kern_start <= l->kern_end &&
           (!l->initrd_start || (l->kern_end <= l->initrd_start &&
                                 l->initrd_start <= l->initrd_end)) &&
           (l->p2m_separate || (after_kernel <= l->p2m_start &&
                                l->p2m_start <= l->p2m_end)) &&
           before_si <= l->si_start && l->si_start < l->pt_start &&
           l->pt_start < l->stack_start && l->stack_start < l->v_end;
}

/* [s, e) is canonical and clear of the hypervisor's L4 slots. */
static bool in_guest_space(unsigned long s, unsigned long e)
{
    return s < e && (e <= (1UL << 47) || s >= HYPERVISOR_VIRT_END);
}

/* INIT_P2M's range is usable: aligned, guest space, and in L4 slots of
 * its own (its tables are not shared with the initial mapping's). */
static bool separate_p2m_ok(const struct dom0_layout *l)
{
    unsigned long end = ROUNDUP(l->p2m_end, PAGE_SIZE);

    return !(l->p2m_start & ~PAGE_MASK) && end > l->p2m_start &&
           in_guest_space(l->p2m_start, end) &&
           (((end - 1) >> L4_PAGETABLE_SHIFT) < (l->v_start >> L4_PAGETABLE_SHIFT) ||
            (l->p2m_start >> L4_PAGETABLE_SHIFT) > ((l->v_end - 1) >> L4_PAGETABLE_SHIFT));
}

static int __printf(2, 3) refuse(int rc, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
    return rc;
}

static int check_layout(const struct dom0_build *b)
{
    const struct dom0_layout *l = &b->l;
    unsigned long hcall = b->parms.hypercall_page;
    unsigned long need = l->p2m_pfn + (l->p2m_separate ? l->nr_p2m : 0);

    if ( l->v_start & ~PAGE_MASK )
        return refuse(-EINVAL, XENLOG_ERR "dom0: VIRT_BASE %#lx is not page"
                      " aligned\n", l->v_start);
    if ( !layout_monotonic(l) || !in_guest_space(l->v_start, l->v_end) )
        return refuse(-EINVAL, XENLOG_ERR "dom0: initial mapping %#lx-%#lx"
                      " wraps or overlaps the hypervisor's area\n",
                      l->v_start, l->v_end);
    if ( l->p2m_separate && !separate_p2m_ok(l) )
        return refuse(-EINVAL, XENLOG_ERR "dom0: INIT_P2M %#lx-%#lx is unaligned,"
                      " outside guest space or shares the initial mapping's"
                      " L4 slot\n", l->p2m_start, l->p2m_end);
    if ( hcall != ELF_UNSET_ADDR &&
         (hcall < l->v_start || hcall > l->v_end - PAGE_SIZE) )
        return refuse(-EINVAL, XENLOG_ERR "dom0: invalid HYPERCALL_PAGE %#lx"
                      " in the kernel's notes\n", hcall);
    if ( need > b->nr_pages )
        return refuse(-ENOMEM, XENLOG_ERR "dom0: %lu MiB is too little memory:"
                      " the initial mapping needs %lu MiB (dom0_mem=)\n",
                      b->nr_pages >> (20 - PAGE_SHIFT),
                      DIV_ROUND_UP(need, 1UL << (20 - PAGE_SHIFT)));
    return 0;
}

static void print_layout(const struct dom0_build *b)
{
    const struct dom0_layout *l = &b->l;
    paddr_t boot = mfn_x(b->boot_mfn) << PAGE_SHIFT;

    printk("PHYSICAL MEMORY ARRANGEMENT:\n");
    printk(" Dom0 alloc.:   %016lx->%016lx (%lu pages to be allocated)\n",
           boot, boot + (b->boot_pages << PAGE_SHIFT),
           b->nr_pages - b->boot_pages);
    if ( dom0_initrd_len(b) )
        printk(" Init. ramdisk: %016lx->%016lx\n", b->initrd->start,
               b->initrd->start + b->initrd->size);
    printk("VIRTUAL MEMORY ARRANGEMENT:\n");
    printk(" Loaded kernel: %016lx->%016lx\n", l->kern_start, l->kern_end);
    if ( l->initrd_end > l->initrd_start )
        printk(" Init. ramdisk: %016lx->%016lx\n", l->initrd_start, l->initrd_end);
    printk(" Phys-Mach map: %016lx->%016lx\n", l->p2m_start, l->p2m_end);
    printk(" Start info:    %016lx->%016lx\n", l->si_start, l->si_end);
    printk(" Page tables:   %016lx->%016lx\n", l->pt_start, l->pt_end);
    printk(" Boot stack:    %016lx->%016lx\n", l->stack_start, l->stack_end);
    printk(" TOTAL:         %016lx->%016lx\n", l->v_start, l->v_end);
    printk(" ENTRY ADDRESS: %016lx\n", (unsigned long)b->parms.entry);
}

/* ---- start_info and the vCPU -------------------------------------------- */

static void write_start_info(const struct dom0_build *b)
{
    const struct dom0_layout *l = &b->l;
    start_info_t *si = dom0_boot_va(b, l->si_start);   /* zeroed */
    unsigned long initrd_len = dom0_initrd_len(b);

    /* Xen appends "p" for kernels whose PAE_MODE note says yes/bimodal. */
    snprintf(si->magic, sizeof(si->magic), "xen-3.0-x86_64%s",
             b->parms.pae ? "p" : "");
    si->nr_pages = b->nr_pages;
    si->shared_info = __pa(b->d->shared_info);
    /* A boot-time domU is an ordinary guest: no flags at all. */
    si->flags = b->d->is_privileged
                ? SIF_PRIVILEGED | SIF_INITDOMAIN | DOM0_SIF_PM_BITS : 0;
    if ( initrd_len && !l->initrd_start )
        si->flags |= SIF_MOD_START_PFN;
    /* store_mfn/store_evtchn 0: dom0 sets up xenstore itself (XS_LOCAL);
     * no console ring: dom0 uses console_io.  dom0 is told the display
     * the firmware left, right after start_info, as Xen 4.17 always
     * does (zeroed without a VGA text mode). */
    if ( b->d->is_privileged )
    {
        boot_video_info((struct dom0_vga_console_info *)(si + 1));
        si->console.dom0.info_off = sizeof(*si);
        si->console.dom0.info_size = sizeof(struct dom0_vga_console_info);
    }
    si->pt_base = l->pt_start;
    si->nr_pt_frames = l->nr_pt;
    si->mfn_list = l->p2m_start;
    if ( initrd_len )
    {
        si->mod_start = l->initrd_start ? l->initrd_start : l->initrd_pfn;
        si->mod_len = initrd_len;
    }
    strlcpy((char *)si->cmd_line, b->cmdline ? b->cmdline : "",
            sizeof(si->cmd_line));
    /* Where the pfns placed by the build end, as Xen reports it; with
     * INIT_P2M, the P2M list and its tables. */
    si->first_p2m_pfn = l->p2m_pfn;
    si->nr_p2m_frames = l->p2m_separate ? l->nr_p2m : 0;
}

static void init_vcpu0(const struct dom0_build *b)
{
    struct vcpu *v = b->d->vcpu[0];
    struct cpu_user_regs *regs = &v->arch.user_regs;

    regs->ds = regs->es = regs->fs = regs->gs = FLAT_KERNEL_DS;
    regs->ss = FLAT_KERNEL_SS;
    regs->cs = FLAT_KERNEL_CS;
    regs->rip = b->parms.entry;
    regs->rsp = b->l.stack_end;
    regs->rsi = b->l.si_start;
    regs->rflags = X86_EFLAGS_IF | X86_EFLAGS_MBS;
    v->arch.pv.in_kernel = true;
    /* Events start masked on every vCPU: the kernel unmasks them. */
    for ( unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++ )
        b->d->shared_info->vcpu_info[i].evtchn_upcall_mask = 1;
}

/* ---- The build ----------------------------------------------------------- */

/* A module we read through the direct map must be RAM we know. */
static bool module_ok(const struct boot_module *m)
{
    return m->start + m->size >= m->start &&
           PFN_UP(m->start + m->size) <= max_page;
}

/* Allocate, load and fill dom0's memory; the modules are gone afterwards. */
static int build_memory(struct dom0_build *b)
{
    unsigned long freed;
    int rc = dom0_alloc_boot_area(b);

    if ( rc )
        return rc;
    print_layout(b);
    if ( (rc = dom0_kernel_load(b)) != 0 )
        return rc;
    dom0_kernel_release(b);
    freed = dom0_free_module(b->kernel);
    if ( (rc = dom0_populate(b)) != 0 )
        return rc;
    if ( dom0_initrd_len(b) )
    {
        dom0_copy_initrd(b);
        freed += dom0_free_module(b->initrd);
    }
    printk(" Boot modules: %lu KiB given back to the heap\n",
           freed << (PAGE_SHIFT - 10));
    return 0;
}

static int construct(struct dom0_build *bp)
{
    struct dom0_build b = *bp;
    struct domain *d = b.d;
    const struct boot_module *kernel = b.kernel, *initrd = b.initrd;
    uint64_t t = boot_phase_begin();
    char phase[24];
    int rc;

    printk("*** Building a PV Dom%u ***\n", d->domain_id);
    if ( !module_ok(kernel) || (initrd && !module_ok(initrd)) )
    {
        printk(XENLOG_ERR "dom0: boot module outside RAM\n");
        return -EINVAL;
    }
    d->max_pages = ~0UL;
    if ( (rc = dom0_kernel_parse(&b)) != 0 )
        goto out;
    b.nr_pages = b.want_pages ? b.want_pages : dom0_compute_nr_pages(&b);
    if ( b.want_pages && b.want_pages > total_free_pages() )
    {
        printk(XENLOG_ERR "d%u: %lu MiB asked for, %lu MiB free\n",
               d->domain_id, b.want_pages >> (20 - PAGE_SHIFT),
               total_free_pages() >> (20 - PAGE_SHIFT));
        rc = -ENOMEM;
        goto out;
    }
    compute_layout(&b);
    if ( (rc = check_layout(&b)) != 0 || (rc = build_memory(&b)) != 0 )
        goto out;
    dom0_build_pagetables(&b);
    /* Validating the tree takes every reference the tables need.  No
     * mm lock (this is boot, interrupts are still off): none of d's vCPUs
     * has run and no other domain runs yet, so nothing can race. */
    rc = pv_pin_table(d, b.l4_mfn, PGT_l4_page_table);
    if ( !rc )
        rc = pv_set_baseptr(d->vcpu[0], b.l4_mfn, false);
    if ( rc )
    {
        printk(XENLOG_ERR "dom0: its initial page tables do not validate (%d)\n",
               rc);
        goto out;
    }
    write_start_info(&b);
    init_vcpu0(&b);
    d->max_pages = b.want_pages ? b.nr_pages
                                : max(dom0_max_pages(), b.nr_pages);
    printk("Dom%u has maximum %u VCPUs\n", d->domain_id, d->max_vcpus);
    rc = dom0_check_layout(&b);
 out:
    dom0_kernel_release(&b);
    /* The unpacking has a line of its own. */
    snprintf(phase, sizeof(phase), "d%u build", d->domain_id);
    boot_phase_end(phase, t + b.unpack_cycles);
    return rc;
}

int dom0_construct_pv(struct domain *d, const struct boot_module *kernel,
                      const struct boot_module *initrd, const char *cmdline)
{
    struct dom0_build b = { .d = d, .kernel = kernel, .initrd = initrd,
                            .cmdline = cmdline };

    return construct(&b);
}

int domu_construct_pv(struct domain *d, const struct boot_module *kernel,
                      const char *cmdline, unsigned long nr_pages)
{
    struct dom0_build b = { .d = d, .kernel = kernel, .cmdline = cmdline,
                            .want_pages = nr_pages };

    if ( !nr_pages )
        return -EINVAL;
    return construct(&b);
}
