/*
 * pvh-build.c - a PV dom0 builds a PVH domU with the hypercalls Xen
 * 4.17's libxl/libxenguest use (what xl create of a <type>xenpvh</type>
 * config does, tools/libs/guest/pvh.c), and takes it apart again.
 *
 * createdomain with XEN_DOMCTL_CDF_hvm | _hap: the local APIC as the
 * only emulated device is accepted, none or more devices are
 * -EOPNOTSUPP; getdomaininfo says HVM and HAP.  populate_physmap at
 * guest frames (the list comes back as it went: a translated domain's
 * machine frames stay hidden); a PV dom0 maps a populated guest frame
 * through mmu_update with the domU as foreigndom (the frame goes through
 * the domU's p2m: what is written is seen at the next map), an
 * unpopulated one is refused, and so is one given back with
 * decrease_reservation until it is populated again.  HVMOP_set/get_param on the domU from
 * dom0 (a parameter read back; an index past the end -EINVAL; dom0,
 * a PV domain, has none: -EINVAL).  gethvmcontext: the size, then a
 * chain with the header (magic, version) and an MTRR record for vCPU 0,
 * but no CPU record while vCPU 0 is down (as Xen).  sethvmcontext: a bad magic, a CPU record for a
 * vCPU that does not exist, CR0.PG without PE, all -EINVAL; a chain
 * without its end -ENODATA; then libxc's start state for vCPU 0 is
 * accepted, and vCPU 0's CPU record reads it back.  set_memory_map for it.  Destroy: every page
 * comes back (ours: exactly; Xen 4.17 returns the domain's paging pool
 * later, so there only the populated pages are counted).
 *
 * pvtest-cpu: qemu64,+smep,+smap,+svm,+npt
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/hvm/save.h>

const char test_title[] = "pvh-build: dom0 builds a PVH domU through the ABI";

#define PFN_MAP     0x40            /* dom0's scratch page for the maps */
#define GFN0        0x100           /* the domU's populated frames */
#define NR          4
#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static uint8_t chain[16384];

static long domctl(struct xen_domctl *op)
{
    return HYPERVISOR_domctl(op);
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo");
    return sc.u.physinfo.free_pages;
}

static long create(uint32_t flags, uint32_t emu, domid_t *d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_createdomain };
    long rc;

    dc.u.createdomain.flags = flags;
    dc.u.createdomain.max_vcpus = 1;
    dc.u.createdomain.max_evtchn_port = 1023;
    dc.u.createdomain.max_grant_frames = -1;
    dc.u.createdomain.max_maptrack_frames = -1;
    dc.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    dc.u.createdomain.arch.emulation_flags = emu;
    rc = domctl(&dc);
    *d = dc.domain;
    return rc;
}

static long destroy(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = d };

    return domctl(&dc);
}

static long param(unsigned int op, domid_t d, uint32_t index, uint64_t *v)
{
    struct xen_hvm_param p = { .domid = d, .index = index, .value = *v };
    long rc = hypercall2(__HYPERVISOR_hvm_op, op, &p);

    *v = p.value;
    return rc;
}

static long map_at(unsigned long mfn_or_gfn, domid_t dom)
{
    struct mmu_update u = { .ptr = pt_l1e_maddr(pfn_to_va(PFN_MAP)),
                            .val = mfn_or_gfn ? (mfn_or_gfn << PAGE_SHIFT) |
                                                PTE_RW : 0 };
    long rc = HYPERVISOR_mmu_update(&u, 1, NULL, dom);

    HYPERVISOR_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                         1, NULL, DOMID_SELF);
    return rc;
}

static long hvmcontext(uint32_t cmd, domid_t d, void *buf, uint32_t *size)
{
    struct xen_domctl dc = { .cmd = cmd, .domain = d };
    long rc;

    dc.u.hvmcontext.size = *size;
    set_xen_guest_handle(dc.u.hvmcontext.buffer, buf);
    rc = domctl(&dc);
    *size = dc.u.hvmcontext.size;
    return rc;
}

static void check_create(void)
{
    domid_t d;

    check_eq(create(XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap, 0, &d),
             -XEN_EOPNOTSUPP, "an HVM domain without the local APIC");
    check_eq(create(XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
                    XEN_X86_EMU_LAPIC | XEN_X86_EMU_HPET, &d),
             -XEN_EOPNOTSUPP, "an HVM domain with the APIC and the HPET");
}

static void check_memory(domid_t d)
{
    struct xen_memory_reservation r = { .nr_extents = NR, .domid = d };
    xen_pfn_t list[NR];
    uint64_t v;

    for ( unsigned int i = 0; i < NR; i++ )
        list[i] = GFN0 + i;
    set_xen_guest_handle(r.extent_start, list);
    if ( !check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), NR,
                   "populate_physmap at guest frames") )
        return;
    for ( unsigned int i = 0; i < NR; i++ )
        check_eq(list[i], GFN0 + i, "a frame number was rewritten");
    if ( check_eq(map_at(GFN0 + 1, d), 0, "dom0 maps guest frame 0x101") )
    {
        *(volatile uint64_t *)pfn_to_va(PFN_MAP) = 0x5a5a1234;
        map_at(0, DOMID_SELF);
        check_eq(map_at(GFN0 + 1, d), 0, "mapping it again");
        check_eq(*(volatile uint64_t *)pfn_to_va(PFN_MAP), 0x5a5a1234,
                 "what dom0 wrote into guest frame 0x101");
        map_at(0, DOMID_SELF);
    }
    check_eq(map_at(GFN0 + NR + 5, d), -XEN_EINVAL,
             "mapping a guest frame nothing backs");
    /* Taken back out of the p2m, it cannot be mapped; populated again,
     * it can. */
    list[0] = GFN0 + 2;
    r.nr_extents = 1;
    check_eq(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r), 1,
             "decrease_reservation of guest frame 0x102");
    check_eq(map_at(GFN0 + 2, d), -XEN_EINVAL, "mapping a frame given back");
    check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), 1,
             "populating guest frame 0x102 again");
    if ( check_eq(map_at(GFN0 + 2, d), 0, "mapping it again") )
        map_at(0, DOMID_SELF);
    v = 0;
    check_eq(param(HVMOP_set_param, d, HVM_PARAM_STORE_PFN, &(uint64_t){ GFN0 }),
             0, "dom0 sets the domU's HVM_PARAM_STORE_PFN");
    check_eq(param(HVMOP_get_param, d, HVM_PARAM_STORE_PFN, &v), 0,
             "reading it back");
    check_eq(v, GFN0, "the xenstore frame read back");
    check_eq(param(HVMOP_set_param, d, HVM_NR_PARAMS, &v), -XEN_EINVAL,
             "parameter index HVM_NR_PARAMS");
    check_eq(param(HVMOP_get_param, DOMID_SELF, HVM_PARAM_STORE_PFN, &v),
             -XEN_EINVAL, "a PV domain's HVM parameter");
}

/* Append a record; the new length. */
static uint32_t put(uint32_t at, uint16_t code, uint16_t inst,
                    const void *rec, uint32_t len)
{
    struct hvm_save_descriptor h = { code, inst, len };

    memcpy(chain + at, &h, sizeof(h));
    memcpy(chain + at + sizeof(h), rec, len);
    return at + sizeof(h) + len;
}

static const void *cpu_record;      /* has_record()'s last find */

static bool has_record(uint32_t size, uint16_t code, uint32_t len)
{
    uint32_t at = 0;

    while ( at + sizeof(struct hvm_save_descriptor) <= size )
    {
        struct hvm_save_descriptor h;

        memcpy(&h, chain + at, sizeof(h));
        if ( h.typecode == code && h.instance == 0 && h.length == len )
        {
            cpu_record = chain + at + sizeof(h);
            return true;
        }
        if ( h.typecode == HVM_SAVE_CODE_END )
            return false;
        at += sizeof(h) + h.length;
    }
    return false;
}

static void boot_cpu(struct hvm_hw_cpu *c)
{
    memset(c, 0, sizeof(*c));
    c->cs_limit = c->ds_limit = c->es_limit = c->ss_limit = ~0u;
    c->tr_limit = 0x67;
    c->cs_arbytes = 0xc9b;
    c->ds_arbytes = c->es_arbytes = c->ss_arbytes = 0xc93;
    c->tr_arbytes = 0x8b;
    c->cr0 = 0x11;
    c->rip = GFN0 << PAGE_SHIFT;
    c->rbx = 0x1234000;
    c->dr6 = 0xffff0ff0;
    c->dr7 = 0x400;
}

static void check_context(domid_t d)
{
    static struct hvm_hw_cpu cpu;
    struct hvm_save_header hdr;
    uint32_t size = 0, hsz = sizeof(struct hvm_save_descriptor) + sizeof(hdr);
    uint32_t n;

    if ( !check_eq(hvmcontext(XEN_DOMCTL_gethvmcontext, d, NULL, &size), 0,
                   "gethvmcontext size") ||
         !check(size > hsz && size <= sizeof(chain), "context size %u", size) )
        return;
    if ( !check_eq(hvmcontext(XEN_DOMCTL_gethvmcontext, d, chain, &size), 0,
                   "gethvmcontext") )
        return;
    memcpy(&hdr, chain + sizeof(struct hvm_save_descriptor), sizeof(hdr));
    check(hdr.magic == HVM_FILE_MAGIC && hdr.version == HVM_FILE_VERSION,
          "header %#x version %u", hdr.magic, hdr.version);
    check(!has_record(size, HVM_SAVE_CODE_CPU, sizeof(struct hvm_hw_cpu)),
          "a CPU record for vCPU 0, which is down");
    check(has_record(size, HVM_SAVE_CODE_MTRR, sizeof(struct hvm_hw_mtrr)),
          "no MTRR record for vCPU 0");

    /* The header stays where gethvmcontext put it. */
    boot_cpu(&cpu);
    n = put(hsz, HVM_SAVE_CODE_CPU, 0, &cpu, sizeof(cpu));
    check_eq(hvmcontext(XEN_DOMCTL_sethvmcontext, d, chain, &n), -XEN_ENODATA,
             "a chain without its end");
    n = put(put(hsz, HVM_SAVE_CODE_CPU, 7, &cpu, sizeof(cpu)),
            HVM_SAVE_CODE_END, 0, NULL, 0);
    check_eq(hvmcontext(XEN_DOMCTL_sethvmcontext, d, chain, &n), -XEN_EINVAL,
             "a CPU record for vCPU 7");
    cpu.cr0 = 0x80000010;
    n = put(put(hsz, HVM_SAVE_CODE_CPU, 0, &cpu, sizeof(cpu)),
            HVM_SAVE_CODE_END, 0, NULL, 0);
    check_eq(hvmcontext(XEN_DOMCTL_sethvmcontext, d, chain, &n), -XEN_EINVAL,
             "CR0.PG without PE");
    boot_cpu(&cpu);
    n = put(put(hsz, HVM_SAVE_CODE_CPU, 0, &cpu, sizeof(cpu)),
            HVM_SAVE_CODE_END, 0, NULL, 0);
    chain[sizeof(struct hvm_save_descriptor)] ^= 1;
    check_eq(hvmcontext(XEN_DOMCTL_sethvmcontext, d, chain, &n), -XEN_EINVAL,
             "a bad magic");
    chain[sizeof(struct hvm_save_descriptor)] ^= 1;
    check_eq(hvmcontext(XEN_DOMCTL_sethvmcontext, d, chain, &n), 0,
             "libxc's start state for vCPU 0");
    size = sizeof(chain);
    if ( check_eq(hvmcontext(XEN_DOMCTL_gethvmcontext, d, chain, &size), 0,
                  "gethvmcontext after the load") &&
         check(has_record(size, HVM_SAVE_CODE_CPU, sizeof(cpu)),
               "no CPU record for vCPU 0 after the load") )
    {
        memcpy(&cpu, cpu_record, sizeof(cpu));
        check(cpu.rip == GFN0 << PAGE_SHIFT && cpu.rbx == 0x1234000 &&
              (cpu.cr0 & 0x11) == 0x11 && cpu.cs_arbytes == 0xc9b,
              "vCPU 0 reads back rip %#lx rbx %#lx cr0 %#lx cs %#x",
              (unsigned long)cpu.rip, (unsigned long)cpu.rbx,
              (unsigned long)cpu.cr0, cpu.cs_arbytes);
    }
}

static void check_memory_map(domid_t d)
{
    static struct { uint64_t addr, size; uint32_t type; } __packed e = {
        0, (GFN0 + NR) << PAGE_SHIFT, 1 };
    struct xen_foreign_memory_map f = { .domid = d, .map.nr_entries = 1 };

    set_xen_guest_handle(f.map.buffer, &e);
    check_eq(HYPERVISOR_memory_op(XENMEM_set_memory_map, &f), 0,
             "set_memory_map for the domU");
}

void test_main(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
    struct xen_domctl dc;
    uint64_t before, after;
    domid_t d;

    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
        return;
    /* The runner's CPU has SVM with nested paging (pvtest-cpu). */
    check((sc.u.physinfo.capabilities &
           (XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap)) ==
          (XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap),
          "physinfo reports no HVM with HAP (capabilities %#x)",
          sc.u.physinfo.capabilities);
    check_create();
    before = free_pages();
    if ( !check_rc_setup(create(XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
                                XEN_X86_EMU_LAPIC, &d), "createdomain (PVH)") )
        return;
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };
    if ( check_eq(domctl(&dc), 0, "getdomaininfo") )
        check((dc.u.getdomaininfo.flags & (XEN_DOMINF_hvm_guest | XEN_DOMINF_hap))
              == (XEN_DOMINF_hvm_guest | XEN_DOMINF_hap), "flags %#x",
              dc.u.getdomaininfo.flags);
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_vcpus, .domain = d };
    dc.u.max_vcpus.max = 1;
    check_rc_setup(domctl(&dc), "max_vcpus");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_mem, .domain = d };
    dc.u.max_mem.max_memkb = 1024;
    check_rc_setup(domctl(&dc), "max_mem");
    check_memory(d);
    check_context(d);
    check_memory_map(d);
    check_eq(destroy(d), 0, "destroydomain");
    for ( unsigned int i = 0; i < 100; i++ )
    {
        after = free_pages();
        if ( after >= before )
            break;
        pv_sleep_until(pv_system_time(0) + 50 * NS_PER_MS);
    }
    xtest_info("free pages before %lu after %lu", (unsigned long)before,
               (unsigned long)after);
    check(after + 64 >= before, "pages lost: %lu before, %lu after",
          (unsigned long)before, (unsigned long)after);
    if ( kernel_cmdline_find("pvtest.hv") &&
         !strncmp(kernel_cmdline_find("pvtest.hv"), "ours", 4) )
        check_eq(after, before, "free pages after the destroy (ours: exact)");
}
