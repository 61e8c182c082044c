/*
 * A PVH dom0's view of the host's firmware above 1 MiB (the first MiB is
 * dom0_build.c's), as Xen gives its PVH dom0:
 *
 *  - the host's e820 ranges that are not RAM appear in dom0's memory map
 *    with their types (reserved, ACPI, NVS), so that dom0 keeps out of
 *    them; ACPI and NVS ranges are mapped 1:1 as direct MMIO;
 *  - every ACPI table the hypervisor found valid, and the FACS, is
 *    mapped 1:1 as well, wherever it is (QEMU's sit in a reserved range,
 *    which Xen 4.17 leaves unmapped without an IOMMU: its dom0 reads them
 *    as all ones);
 *  - dom0 gets tables of its own in its last page of RAM, listed as ACPI
 *    in its map: an RSDP, an XSDT and a MADT of its vCPUs
 *    (acpi/dom0.c), named in hvm_start_info.rsdp_paddr.
 *
 * Nothing is mapped that is RAM to the host (the hypervisor's memory and
 * its heap) or a device the hypervisor registered as its own
 * (mmio_guard.h: local APIC, MSI window, IO-APICs, HPET): dom0_direct_ok().
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/acpi.h>
#include <asm/e820.h>
#include <asm/mmio_guard.h>
#include <asm/hvm/p2m.h>
#include <asm/hvm/dom0_acpi.h>

/* May dom0's p2m name machine frame mfn directly?  Not host RAM, not a
 * device of the hypervisor's. */
bool dom0_direct_ok(unsigned long mfn)
{
    uint64_t pa = (uint64_t)mfn << PAGE_SHIFT;

    for ( unsigned int i = 0; i < e820.nr; i++ )
    {
        const struct boot_mem_range *r = &e820.map[i];

        if ( r->type == MEM_RAM && pa < r->addr + r->size &&
             r->addr < pa + PAGE_SIZE )
            return false;
    }
    return !mmio_guarded(mfn);
}

/* Map [pa, pa + len) 1:1 into dom0's p2m, page by page; pages already
 * mapped (a table sharing a page with another) are left as they are. */
static int map_direct(struct domain *d, uint64_t pa, uint64_t len)
{
    unsigned long s = PFN_DOWN(pa), e = PFN_UP(pa + len);

    for ( unsigned long pfn = s; pfn < e; pfn++ )
    {
        int rc;

        if ( !dom0_direct_ok(pfn) )
        {
            printk(XENLOG_WARNING "d0: %#lx is the hypervisor's: not mapped\n",
                   pfn);
            continue;
        }
        rc = p2m_set_entry_if_free(d->arch.hvm.p2m, pfn, _mfn(pfn),
                                   p2m_mmio_direct);
        if ( rc && rc != -EEXIST )
            return rc;
    }
    return 0;
}

static int add_entry(struct pvh_dom0_map *m, uint64_t addr, uint64_t size,
                     uint32_t type)
{
    if ( m->nr == m->max )
        return -ENOSPC;
    m->e[m->nr++] = (struct hvm_memmap_table_entry){
        .addr = addr, .size = size, .type = type };
    return 0;
}

static int host_ranges(struct domain *d, struct pvh_dom0_map *m)
{
    for ( unsigned int i = 0; i < e820.nr; i++ )
    {
        const struct boot_mem_range *r = &e820.map[i];
        uint64_t s = r->addr < MB(1) ? MB(1) : r->addr, e = r->addr + r->size;
        int rc;

        if ( r->type == MEM_RAM || e <= s )
            continue;
        if ( (rc = add_entry(m, s, e - s, r->type)) )
            return rc;
        if ( (r->type == MEM_ACPI || r->type == MEM_NVS) &&
             (rc = map_direct(d, s, e - s)) )
            return rc;
    }
    return 0;
}

static int map_table(void *ctx, paddr_t pa, size_t len)
{
    return map_direct(ctx, pa, len);
}

/* The last page of dom0's highest RAM entry becomes its ACPI page. */
static int take_top_page(struct pvh_dom0_map *m, uint64_t floor,
                         uint64_t *gpa)
{
    struct hvm_memmap_table_entry *top = NULL;

    for ( unsigned int i = 0; i < m->nr; i++ )
        if ( m->e[i].type == XEN_HVM_MEMMAP_TYPE_RAM &&
             (!top || m->e[i].addr > top->addr) )
            top = &m->e[i];
    if ( !top || top->size <= PAGE_SIZE ||
         top->addr + top->size - PAGE_SIZE < floor )
        return -ENOMEM;
    top->size -= PAGE_SIZE;
    *gpa = top->addr + top->size;
    return add_entry(m, *gpa, PAGE_SIZE, XEN_HVM_MEMMAP_TYPE_ACPI);
}

static int write_tables(struct domain *d, uint64_t gpa)
{
    enum p2m_type t;
    mfn_t mfn = p2m_lookup(d->arch.hvm.p2m, PFN_DOWN(gpa), &t);
    long n;

    if ( t != p2m_ram_rw )
        return -EINVAL;
    n = acpi_build_dom0_tables(mfn_to_virt(mfn), PAGE_SIZE, gpa,
                               d->max_vcpus);
    if ( n < 0 )
        printk(XENLOG_ERR "d0: no room for its ACPI tables (%ld)\n", n);
    return n < 0 ? n : 0;
}

int pvh_dom0_acpi(struct domain *d, struct pvh_dom0_map *m, uint64_t floor,
                  uint64_t *rsdp)
{
    int rc;

    if ( (rc = host_ranges(d, m)) ||
         (rc = acpi_for_each_host_table(map_table, d)) ||
         (rc = take_top_page(m, floor, rsdp)) ||
         (rc = write_tables(d, *rsdp)) )
        return rc;
    return 0;
}
