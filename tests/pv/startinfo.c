/*
 * startinfo.c - the start-of-day state a PV dom0 is handed.
 *
 * Checks start_info's fields and the layout rules of the initial mapping
 * (public/xen.h): kernel, module, P2M list, start_info, page tables and
 * boot stack follow each other page-aligned in that order, the region is
 * mapped 1:1 onto the first pfns, only the page tables are read-only, and
 * at least 512 KiB of mapped padding follows, the whole ending on a 4 MiB
 * boundary.  Every P2M entry must agree with the M2P.
 *
 * pvtest-cmdline: startinfo.word=hello-world
 * pvtest-module: tests/pv/data/module.txt
 */
#include <pvtest.h>
#include <public/memory.h>

const char test_title[] = "startinfo: start_info fields and the boot mapping";

#define MODULE_TEXT "pvtest boot module: startinfo checks mod_start/mod_len"
#define MODULE_LEN  74      /* size of tests/pv/data/module.txt */

static const start_info_t *si;

static void test_magic_and_flags(void)
{
    size_t n = strnlen(si->magic, sizeof(si->magic));

    xtest_info("magic \"%.32s\" flags %#x nr_pages %lu", si->magic,
               si->flags, (unsigned long)si->nr_pages);
    check(n < sizeof(si->magic), "magic is not NUL terminated");
    /*
     * Xen appends "p" when the image's PAE_MODE note says "yes" (ours
     * does, as Linux's does), so the magic is "xen-3.0-x86_64p".
     */
    check(!strcmp(si->magic, "xen-3.0-x86_64p"),
          "magic \"%.32s\", expected \"xen-3.0-x86_64p\"", si->magic);
    check_eq(si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN),
             SIF_PRIVILEGED | SIF_INITDOMAIN, "flags PRIVILEGED|INITDOMAIN");
    /*
     * Xen 4.17 also passes its processor power-management bits in
     * SIF_PM_MASK (Px and Cx control to dom0: 0x300).
     */
    check_eq(si->flags & SIF_PM_MASK, 0x300, "flags SIF_PM_MASK");
    /* The image has no MOD_START_PFN note, so mod_start is a va. */
    check(!(si->flags & SIF_MOD_START_PFN), "SIF_MOD_START_PFN set");
    check_eq(si->store_mfn, 0, "store_mfn of dom0");
    check_eq(si->store_evtchn, 0, "store_evtchn of dom0");
}

static void test_memory_size(void)
{
    domid_t self = DOMID_SELF;
    long cur = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
    struct xen_machphys_mapping mm;
    long rc;

    xtest_info("current_reservation %ld", cur);
    check_eq(cur, si->nr_pages, "XENMEM_current_reservation vs nr_pages");

    rc = HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mm);
    if ( check(rc == 0, "XENMEM_machphys_mapping: rc %ld", rc) )
    {
        xtest_info("M2P at %#lx-%#lx, max_mfn %#lx", (unsigned long)mm.v_start,
                   (unsigned long)mm.v_end, (unsigned long)mm.max_mfn);
        check_eq(mm.v_start, MACH2PHYS_VIRT_START, "machphys v_start");
    }
}

static void test_cmdline(void)
{
    char word[32];
    size_t n = strnlen((const char *)si->cmd_line, MAX_GUEST_CMDLINE);

    xtest_info("cmd_line \"%s\"", (const char *)si->cmd_line);
    check(n < MAX_GUEST_CMDLINE, "cmd_line is not NUL terminated");
    check(kernel_cmdline_value("startinfo.word", word, sizeof(word)) &&
          !strcmp(word, "hello-world"),
          "cmd_line lacks startinfo.word=hello-world from the runner");
}

static void test_module(void)
{
    xtest_info("mod_start %#lx mod_len %lu", (unsigned long)si->mod_start,
               (unsigned long)si->mod_len);
    if ( !check(si->mod_start != 0, "no module although one was passed") )
        return;
    check(IS_ALIGNED(si->mod_start, PAGE_SIZE), "mod_start not page aligned");
    check(si->mod_start >= (unsigned long)_end, "module overlaps the kernel");
    check_eq(si->mod_len, MODULE_LEN, "mod_len");
    check(!memcmp((const void *)si->mod_start, MODULE_TEXT,
                  sizeof(MODULE_TEXT) - 1), "module contents differ");
}

/* Every P2M entry names a frame whose M2P entry points back. */
static void test_p2m_m2p(void)
{
    const unsigned long *p2m = (const unsigned long *)si->mfn_list;
    unsigned long pfn, bad = 0, first_bad = 0;

    check(IS_ALIGNED(si->mfn_list, PAGE_SIZE), "mfn_list not page aligned");
    if ( !check(probe_read64(&machine_to_phys_mapping[p2m[0]], NULL) ==
                EXINFO_NONE, "M2P entry of mfn %#lx unreadable", p2m[0]) )
        return;

    for ( pfn = 0; pfn < si->nr_pages; pfn++ )
        if ( mfn_to_pfn(p2m[pfn]) != pfn && bad++ == 0 )
            first_bad = pfn;
    check(bad == 0, "%lu P2M entries disagree with the M2P (first: pfn %#lx "
          "-> mfn %#lx -> pfn %#lx)", bad, first_bad, p2m[first_bad],
          mfn_to_pfn(p2m[first_bad]));
}

/* va is mapped to the frame the P2M gives for its pfn, with the RW bit. */
static void check_mapping(unsigned long va, bool writable, const char *what)
{
    struct pt_walk w;

    if ( !check(pt_walk(va, &w), "%s (%#lx) not mapped (level %d entry %#lx)",
                what, va, w.leaf, (unsigned long)w.entry[w.leaf]) )
        return;
    check_eq((w.entry[w.leaf] & PTE_ADDR_MASK) >> PAGE_SHIFT,
             va_to_mfn(va), what);
    check(!!(w.entry[w.leaf] & _PAGE_RW) == writable, "%s (%#lx) is %s",
          what, va, writable ? "read-only" : "writable");
}

static void test_layout(void)
{
    unsigned long pt_end = si->pt_base + si->nr_pt_frames * PAGE_SIZE;
    unsigned long si_va = (unsigned long)si, i;

    xtest_info("kernel %#lx-%#lx mfn_list %#lx start_info %#lx",
               (unsigned long)_text, (unsigned long)_end,
               (unsigned long)si->mfn_list, si_va);
    xtest_info("pt_base %#lx nr_pt_frames %lu boot rsp %#lx",
               (unsigned long)si->pt_base, (unsigned long)si->nr_pt_frames,
               boot_rsp);

    check(IS_ALIGNED(si_va, PAGE_SIZE), "start_info not page aligned");
    check(IS_ALIGNED(si->pt_base, PAGE_SIZE), "pt_base not page aligned");
    check(si->nr_pt_frames >= 4, "nr_pt_frames %lu < 4",
          (unsigned long)si->nr_pt_frames);

    /* Order: kernel, [module], P2M, start_info, page tables, stack. */
    check(si->mfn_list >= ROUNDUP((unsigned long)_end, PAGE_SIZE) &&
          si->mfn_list >= si->mod_start + si->mod_len,
          "P2M list does not follow the kernel and module");
    check(si_va >= si->mfn_list + si->nr_pages * sizeof(unsigned long),
          "start_info overlaps the P2M list");
    check(si->pt_base > si_va, "page tables do not follow start_info");
    check(boot_rsp > pt_end && boot_rsp <= pt_end + 2 * PAGE_SIZE,
          "boot stack (rsp %#lx) does not follow the page tables (end %#lx)",
          boot_rsp, pt_end);

    /* pt_base is the live top-level table. */
    check_eq(pt_root_mfn(), va_to_mfn(si->pt_base), "CR3 mfn vs pt_base");

    check_mapping(PV_VIRT_BASE, true, "pfn 0");
    check_mapping((unsigned long)_text, true, "kernel text");
    check_mapping(si->mfn_list, true, "P2M list");
    check_mapping(si_va, true, "start_info");
    check_mapping(ROUNDDOWN(boot_rsp - 1, PAGE_SIZE), true, "boot stack");
    for ( i = 0; i < si->nr_pt_frames; i++ )
        check_mapping(si->pt_base + i * PAGE_SIZE, false, "page-table frame");
}

/* Page tables are read-only: writing one (even unchanged) faults. */
static void test_pt_readonly(void)
{
    volatile uint64_t *l4 = (volatile uint64_t *)si->pt_base;
    exinfo_t ex = probe_write64(&l4[511], l4[511]);

    check_exinfo(ex, EXINFO(X86_EXC_PF, X86_PFEC_PRESENT | X86_PFEC_WRITE),
                 "write to the L4 page");
    check_eq(exinfo_last_cr2, (unsigned long)&l4[511], "cr2 of that fault");
}

/* The region ends on a 4 MiB boundary at least 512 KiB past the stack. */
static void test_padding(void)
{
    unsigned long stack_end = ROUNDUP(boot_rsp, PAGE_SIZE);
    unsigned long va, end;

    for ( va = PV_VIRT_BASE; ; va += PAGE_SIZE )
    {
        uint8_t v;

        if ( probe_read8((void *)va, &v) != EXINFO_NONE )
            break;
        /* Inside the region every page is writable, padding included. */
        if ( va >= stack_end && probe_write8((void *)va, v) != EXINFO_NONE )
        {
            xtest_fail("padding page %#lx is not writable", va);
            break;
        }
    }
    end = va;
    xtest_info("initial mapping ends at %#lx (%lu KiB after the stack)", end,
               (end - stack_end) >> 10);
    check(end - stack_end >= 512 * 1024, "only %lu KiB mapped after the stack",
          (end - stack_end) >> 10);
    check(IS_ALIGNED(end, 4UL << 20), "mapping end %#lx not 4 MiB aligned", end);
    check(va_to_pfn(end) <= si->nr_pages, "mapping covers more than nr_pages");
}

static void test_shared_info(void)
{
    const struct vcpu_info *v = vcpu0();

    xtest_info("shared_info maddr %#lx, upcall mask %u, time version %u",
               (unsigned long)si->shared_info, v->evtchn_upcall_mask,
               v->time.version);
    check(IS_ALIGNED(si->shared_info, PAGE_SIZE),
          "shared_info address not page aligned");
    /* Nothing in the library unmasks events: still as handed over. */
    check_eq(v->evtchn_upcall_mask, 1, "vcpu0 evtchn_upcall_mask at start");
    check(!(v->time.version & 1), "vcpu0 time version %u is odd",
          v->time.version);
    check(v->time.tsc_to_system_mul != 0, "vcpu0 time has no TSC multiplier");
    check(!(shared_info->wc_version & 1), "wc_version is odd");
}

static void test_console_info(void)
{
    uint32_t off = si->console.dom0.info_off;
    uint32_t size = si->console.dom0.info_size;

    xtest_info("dom0 console info at +%u, %u bytes", off, size);
    if ( size == 0 )
        return;
    check(off >= sizeof(*si) && off + size <= PAGE_SIZE,
          "console info (+%u, %u bytes) outside the start_info page", off, size);
}

void test_main(void)
{
    si = start_info;

    test_magic_and_flags();
    test_memory_size();
    test_cmdline();
    test_module();
    test_p2m_m2p();
    test_layout();
    test_pt_readonly();
    test_padding();
    test_shared_info();
    test_console_info();
}
