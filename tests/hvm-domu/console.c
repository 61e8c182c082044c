/*
 * console.c - a PVH kernel built by the toolstack (`xl create` of a
 * <type>xenpvh</type> config, tests/boot/run-toolstack-pvh.sh).  It has no
 * console_io (a domU's is refused), so it first finds its console ring
 * and port in the HVM parameters the builder set and prints through the
 * ring, which xenconsoled logs in dom0.  Then it checks what libxl's PVH
 * build gives a guest: start info version 1 with the command line, the
 * memory map (RAM from 0, none at the special frames below the local
 * APIC) equal to XENMEM_memory_map, the xenstore parameters, the initrd
 * as module 0 when the command line says `initrd=<bytes>`, the ACPI
 * tables (rsdp_paddr names a revision 2 RSDP with both checksums right,
 * inside an ACPI map entry; its XSDT lists a hardware-reduced FADT and a
 * MADT with one local APIC, APIC id 0), flags 0, the
 * feature bits of a translated guest with the vector callback and a safe
 * PV clock (none of a PV guest's), a balloon round trip on one of its
 * frames, and that it can put its shared info page in its physmap.  It prints
 * `PVH DOMU MARKER`, the result line, and powers off.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/memory.h>
#include <public/features.h>
#include <public/version.h>

const char test_title[] = "hvm-domu/console: a PVH domU from the toolstack";

#define SPECIAL_CONSOLE 0xfefffUL       /* libxl's layout */
#define SPECIAL_STORE   0xfeffcUL

static uint64_t param(uint32_t index)
{
    struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
    long rc = hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, &p);

    return rc ? ~0UL : p.value;
}

static struct {
    uint64_t addr, size;
    uint32_t type;
} __packed e820[16];

static void check_maps(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    const struct hvm_memmap_table_entry *e = pvh_phys(si->memmap_paddr);
    struct xen_memory_map m = { .nr_entries = 16 };
    long rc;

    set_xen_guest_handle(m.buffer, e820);
    rc = HYPERVISOR_memory_op(XENMEM_memory_map, &m);
    if ( !check_eq(rc, 0, "XENMEM_memory_map") ||
         !check(si->memmap_entries == m.nr_entries && m.nr_entries >= 1,
                "start info has %u map entries, XENMEM_memory_map %u",
                si->memmap_entries, m.nr_entries) )
        return;
    for ( unsigned int i = 0; i < m.nr_entries; i++ )
    {
        xtest_info("e820[%u]: %#lx+%#lx type %u", i,
                   (unsigned long)e820[i].addr, (unsigned long)e820[i].size,
                   e820[i].type);
        check(e[i].addr == e820[i].addr && e[i].size == e820[i].size &&
              e[i].type == e820[i].type, "entry %u differs", i);
        check(e820[i].type != XEN_HVM_MEMMAP_TYPE_RAM ||
              SPECIAL_CONSOLE << 12 < e820[i].addr ||
              SPECIAL_CONSOLE << 12 >= e820[i].addr + e820[i].size,
              "the console frame lies in RAM entry %u", i);
    }
    check(e820[0].addr == 0 && e820[0].type == XEN_HVM_MEMMAP_TYPE_RAM,
          "the map does not start with RAM at 0");
}

static uint8_t bytes_sum(const uint8_t *p, uint32_t len)
{
    uint8_t s = 0;

    while ( len-- )
        s += *p++;
    return s;
}

/* The ACPI table the XSDT names with sig, checksum checked; or NULL. */
static const uint8_t *xsdt_table(const uint8_t *xsdt, const char *sig)
{
    uint32_t len = *(const uint32_t *)(xsdt + 4);

    for ( uint32_t at = 36; at + 8 <= len; at += 8 )
    {
        uint64_t pa = *(const uint64_t *)(xsdt + at);
        const uint8_t *t = pa >> 32 ? NULL : pvh_phys(pa);

        if ( t && !memcmp(t, sig, 4) )
            return check(!bytes_sum(t, *(const uint32_t *)(t + 4)),
                         "%s checksum", sig) ? t : NULL;
    }
    check(0, "the XSDT lists no %s", sig);
    return NULL;
}

static void check_acpi(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    const uint8_t *r, *x, *f, *m;
    bool in_map = false;

    if ( !check(si->rsdp_paddr && !(si->rsdp_paddr >> 32),
                "rsdp_paddr %#lx", (unsigned long)si->rsdp_paddr) )
        return;
    for ( unsigned int i = 0; i < 16 && i < si->memmap_entries; i++ )
        in_map |= e820[i].type == XEN_HVM_MEMMAP_TYPE_ACPI &&
                  si->rsdp_paddr >= e820[i].addr &&
                  si->rsdp_paddr + 36 <= e820[i].addr + e820[i].size;
    check(in_map, "the RSDP is not inside an ACPI map entry");
    r = pvh_phys(si->rsdp_paddr);
    if ( !check(!memcmp(r, "RSD PTR ", 8) && r[15] == 2 &&
                !bytes_sum(r, 20) && !bytes_sum(r, 36),
                "RSDP signature, revision %u or checksums", r[15]) )
        return;
    x = pvh_phys(*(const uint64_t *)(r + 24));
    if ( !check(!memcmp(x, "XSDT", 4) &&
                !bytes_sum(x, *(const uint32_t *)(x + 4)),
                "XSDT signature or checksum") )
        return;
    if ( (f = xsdt_table(x, "FACP")) )
        check(*(const uint32_t *)(f + 112) & (1u << 20),
              "the FADT is not hardware-reduced");
    if ( (m = xsdt_table(x, "APIC")) )
        check(*(const uint32_t *)(m + 4) == 44 + 8 && m[44] == 0 &&
              m[47] == 0 && (m[48] & 1),
              "the MADT does not hold exactly one enabled local APIC 0");
}

static void check_initrd(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    const char *want = kernel_cmdline_find("initrd");
    const struct hvm_modlist_entry *mod = pvh_phys(si->modlist_paddr);
    unsigned long bytes = 0;

    if ( !want )
    {
        check_eq(si->nr_modules, 0, "modules without an initrd");
        return;
    }
    while ( *want >= '0' && *want <= '9' )
        bytes = bytes * 10 + (unsigned long)(*want++ - '0');
    if ( !check_eq(si->nr_modules, 1, "nr_modules") )
        return;
    xtest_info("module 0: %#lx+%#lx", (unsigned long)mod->paddr,
               (unsigned long)mod->size);
    check(!(mod->paddr & 4095) && mod->size == bytes,
          "module 0 is %#lx+%lu, expected page aligned and %lu bytes",
          (unsigned long)mod->paddr, (unsigned long)mod->size, bytes);
}

/* What Linux's PVH path needs to hear: a translated guest with the
 * vector callback and a PV clock it may trust. */
static void check_features(void)
{
    struct xen_feature_info fi = { .submap_idx = 0 };
    uint32_t need = (1u << XENFEAT_writable_page_tables) |
                    (1u << XENFEAT_auto_translated_physmap) |
                    (1u << XENFEAT_hvm_callback_vector) |
                    (1u << XENFEAT_hvm_safe_pvclock);

    if ( !check_eq(HYPERVISOR_xen_version(XENVER_get_features, &fi), 0,
                   "XENVER_get_features") )
        return;
    xtest_info("features %#x", fi.submap);
    check((fi.submap & need) == need, "features %#x lack %#x", fi.submap,
          need & ~fi.submap);
    check(!(fi.submap & ((1u << XENFEAT_direct_mapped) |
                         (1u << XENFEAT_mmu_pt_update_preserve_ad) |
                         (1u << XENFEAT_dom0))),
          "PV-only or dom0 features %#x", fi.submap);
}

/* A balloon's round trip on one of its own frames (14 MiB, unused by
 * this kernel): out of the physmap and back, writable again. */
static void check_balloon(void)
{
    xen_pfn_t gfn = 0xe00;
    struct xen_memory_reservation r = { .nr_extents = 1,
                                        .domid = DOMID_SELF };
    volatile uint64_t *p = pvh_phys(gfn << 12);

    set_xen_guest_handle(r.extent_start, &gfn);
    check_eq(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r), 1,
             "decrease_reservation of an own frame");
    check_eq(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), 1,
             "populate_physmap of it again");
    *p = 0x77;
    check_eq(*p, 0x77, "the frame populated again");
}

static void check_shared_info(void)
{
    struct xen_add_to_physmap a = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info, .idx = 0,
        .gpfn = 0x80000,                /* 2 GiB: nothing there */
    };

    check_eq(HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a), 0,
             "shared info into the physmap");
}

void test_main(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    uint64_t cons = param(HVM_PARAM_CONSOLE_PFN);
    uint64_t port = param(HVM_PARAM_CONSOLE_EVTCHN);

    if ( cons != SPECIAL_CONSOLE || !port || port >> 32 )
        xtest_crash("no console ring: pfn %#lx port %#lx",
                    (unsigned long)cons, (unsigned long)port);
    console_use_ring(pvh_phys(cons << 12), (uint32_t)port);
    printf("PVH DOMU MARKER\n");
    check_eq(si->version, 1, "start info version");
    check_eq(si->flags, 0, "start info flags");
    check(kernel_cmdline_find("pvh-domu") != NULL,
          "the command line lacks pvh-domu");
    check_eq(param(HVM_PARAM_STORE_PFN), SPECIAL_STORE, "xenstore frame");
    check(param(HVM_PARAM_STORE_EVTCHN) != 0, "no xenstore port");
    check_maps();
    check_acpi();
    check_initrd();
    check_features();
    check_balloon();
    check_shared_info();
}
