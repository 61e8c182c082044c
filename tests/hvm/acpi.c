/*
 * acpi.c - the ACPI tables a PVH dom0 is given.  Both hypervisors name
 * an RSDP of their own in hvm_start_info.rsdp_paddr (revision 2, valid
 * checksums), inside a range their memory map (XENMEM_memory_map) calls
 * ACPI; its XSDT lists a MADT with one enabled local APIC per vCPU, APIC
 * ID 2 * vCPU id (xAPIC entries on ours, x2APIC ones on Xen), and no HPET (the hypervisor's clock).  Every listed
 * table must be readable without crashing dom0, with a valid checksum.
 *
 * Xen 4.17 differs in two ways the test tolerates and reports: the XSDT's
 * header is copied from the host's XSDT, which an ACPI 1.0 firmware
 * (QEMU's SeaBIOS) does not have, so its signature and checksum are
 * garbage; and host tables in an e820 "reserved" range (QEMU puts them
 * there) are not mapped without an IOMMU, so they read as all ones.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "acpi: a PVH dom0's RSDP, XSDT and MADT";

struct sdt {
    char sig[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem_id[6], oem_table_id[8];
    uint32_t oem_revision;
    char creator_id[4];
    uint32_t creator_revision;
} __packed;

struct rsdp {
    char sig[8];
    uint8_t checksum;
    char oem_id[6];
    uint8_t revision;
    uint32_t rsdt;
    uint32_t length;
    uint64_t xsdt;
    uint8_t ext_checksum, reserved[3];
} __packed;

/* Tables are read below 1 GiB (the library's identity map). */
#define READABLE_END 0x40000000UL

static uint8_t sum(const void *p, uint32_t len)
{
    const uint8_t *b = p;
    uint8_t s = 0;

    while ( len-- )
        s += *b++;
    return s;
}

static struct {
    uint64_t addr, size;
    uint32_t type;
} __packed e820[64];
static unsigned int nr_e820;

static uint32_t map_type(uint64_t pa)
{
    for ( unsigned int i = 0; i < nr_e820; i++ )
        if ( pa >= e820[i].addr && pa - e820[i].addr < e820[i].size )
            return e820[i].type;
    return 0;
}

static unsigned int nr_vcpus(void)
{
    unsigned int n = 0;

    while ( n < 128 && HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) >= 0 )
        n++;
    return n;
}

static void check_madt(const struct sdt *t)
{
    const uint8_t *p = (const uint8_t *)t + 44, *end = (const uint8_t *)t + t->length;
    unsigned int n = 0, want = nr_vcpus();

    check_eq(sum(t, t->length), 0, "MADT checksum");
    while ( p + 2 <= end && p[1] >= 2 && p + p[1] <= end )
    {
        uint32_t id = ~0u, flags = 0;

        if ( p[0] == 0 && p[1] >= 8 )           /* local APIC */
        {
            id = p[3];
            flags = p[4];
        }
        else if ( p[0] == 9 && p[1] >= 16 )     /* local x2APIC (Xen's) */
        {
            memcpy(&id, p + 4, 4);
            memcpy(&flags, p + 8, 4);
        }
        if ( flags & 1 )
        {
            check(id == 2 * n, "MADT local APIC %u has APIC ID %u", n, id);
            n++;
        }
        p += p[1];
    }
    check(n == want, "MADT lists %u enabled local APICs for %u vCPUs", n, want);
}

static void check_tables(const struct sdt *x)
{
    uint32_t n = (x->length - sizeof(*x)) / 8;
    const uint64_t *entry = (const void *)(x + 1);
    bool madt = false;

    check(n >= 1 && n <= 64, "XSDT lists %u tables", n);
    for ( uint32_t i = 0; i < n && i < 64; i++ )
    {
        uint64_t pa;
        const struct sdt *t;

        memcpy(&pa, &entry[i], 8);
        if ( !check(pa && pa < READABLE_END, "XSDT entry %u at %#lx", i,
                    (unsigned long)pa) )
            continue;
        t = pvh_phys(pa);
        if ( t->length == 0xffffffff )
        {
            xtest_info("table %u at %#lx reads as all ones (map type %u)",
                       i, (unsigned long)pa, map_type(pa));
            continue;
        }
        xtest_info("table %u: %.4s at %#lx, %u bytes, map type %u", i,
                   t->sig, (unsigned long)pa, t->length, map_type(pa));
        check(memcmp(t->sig, "HPET", 4), "the XSDT lists the HPET");
        check(t->length >= sizeof(*t) && t->length < 0x100000 &&
              sum(t, t->length) == 0, "%.4s: bad length or checksum", t->sig);
        if ( !memcmp(t->sig, "APIC", 4) )
        {
            check(!madt, "two MADTs");
            madt = true;
            check_madt(t);
        }
    }
    check(madt, "no MADT in the XSDT");
}

void test_main(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    struct xen_memory_map m = { .nr_entries = 64 };
    const struct rsdp *r;
    const struct sdt *x;

    set_xen_guest_handle(m.buffer, e820);
    if ( !check_eq(HYPERVISOR_memory_op(XENMEM_memory_map, &m), 0,
                   "XENMEM_memory_map") )
        return;
    nr_e820 = m.nr_entries;
    xtest_info("rsdp_paddr %#lx", (unsigned long)si->rsdp_paddr);
    if ( !check(si->rsdp_paddr && si->rsdp_paddr < READABLE_END,
                "no usable rsdp_paddr in hvm_start_info") )
        return;
    check_eq(map_type(si->rsdp_paddr), XEN_HVM_MEMMAP_TYPE_ACPI,
             "memory map type at the RSDP");
    r = pvh_phys(si->rsdp_paddr);
    check(!memcmp(r->sig, "RSD PTR ", 8), "RSDP signature");
    check_eq(sum(r, 20), 0, "RSDP checksum");
    if ( !check(r->revision >= 2, "RSDP revision %u", r->revision) )
        return;
    check(r->length >= sizeof(*r) && r->length < 4096 &&
          !sum(r, r->length), "RSDP extended checksum");
    if ( !check(r->xsdt && r->xsdt < READABLE_END, "XSDT at %#lx",
                (unsigned long)r->xsdt) )
        return;
    x = pvh_phys(r->xsdt);
    check_eq(map_type(r->xsdt), XEN_HVM_MEMMAP_TYPE_ACPI,
             "memory map type at the XSDT");
    if ( memcmp(x->sig, "XSDT", 4) || sum(x, x->length) )
        xtest_info("the XSDT's header is not an XSDT's (signature %.4s):"
                   " Xen 4.17 copies it from the host's, absent on ACPI 1.0",
                   x->sig);
    if ( !check(x->length >= sizeof(*x) + 8 && x->length < 4096,
                "XSDT length %u", x->length) )
        return;
    check_tables(x);
}
