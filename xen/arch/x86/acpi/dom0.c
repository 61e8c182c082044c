/*
 * The ACPI tables a PVH dom0 sees (hvm/dom0_acpi.c places them).
 *
 * dom0 reads the firmware's own tables where they are, except those that
 * describe what the hypervisor keeps for itself or what dom0 does not
 * have: the MADT (the host's CPUs and IO-APICs; dom0 has its vCPUs and no
 * IO-APIC), the HPET (the hypervisor's clock), DMAR/IVRS (IOMMUs), and
 * SRAT/SLIT/MPST/PMTT (the host's memory topology, not dom0's).  A fresh
 * RSDP (revision 2) points at a fresh XSDT listing a fresh MADT and every
 * other table the hypervisor found valid; the three sit in one buffer the
 * caller copies into dom0's memory at a guest-physical address.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include "acpi-internal.h"

static const char hidden[][4] = {
    "APIC", "HPET", "DMAR", "IVRS", "SRAT", "SLIT", "MPST", "PMTT",
    /* Reached through the FADT, never listed in a root table. */
    "DSDT", "FACS",
};

static bool dom0_sees(const struct acpi_table_header *t)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(hidden); i++ )
        if ( !memcmp(t->signature, hidden[i], 4) )
            return false;
    return true;
}

static void finish(struct acpi_table_header *h, const char *sig,
                   uint8_t rev, uint32_t len)
{
    memcpy(h->signature, sig, 4);
    h->length = len;
    h->revision = rev;
    memcpy(h->oem_id, "XENHV ", 6);
    memcpy(h->oem_table_id, "PVHDOM0 ", 8);
    h->oem_revision = 1;
    memcpy(h->creator_id, "XENH", 4);
    h->creator_revision = 1;
    h->checksum = 0;
    h->checksum = -acpi_checksum(h, len);
}

/* The MADT: one enabled local APIC per vCPU, APIC ID 2 * vCPU id (the
 * vLAPIC's), at the architectural base; no IO-APIC, no 8259s.  xAPIC
 * entries only: up to 127 vCPUs (APIC IDs below 0xff). */
static size_t build_madt(void *p, size_t room, unsigned int nr_vcpus)
{
    struct acpi_madt *m = p;
    struct madt_lapic *l = p + sizeof(*m);
    size_t len = sizeof(*m) + nr_vcpus * sizeof(*l);

    if ( len > room || 2 * nr_vcpus > 0xff )
        return 0;
    memset(m, 0, len);
    m->lapic_addr = 0xfee00000;
    for ( unsigned int i = 0; i < nr_vcpus; i++ )
        l[i] = (struct madt_lapic){ { MADT_LAPIC, sizeof(*l) }, i, 2 * i,
                                    MADT_CPU_ENABLED };
    finish(&m->h, "APIC", 4, len);
    return len;
}

static void write_rsdp(struct acpi_rsdp *r, uint64_t xsdt)
{
    memcpy(r->signature, "RSD PTR ", 8);
    memcpy(r->oem_id, "XENHV ", 6);
    r->revision = 2;
    r->length = sizeof(*r);
    r->xsdt_address = xsdt;
    r->checksum = -acpi_checksum(r, ACPI_RSDP_V1_SIZE);
    r->ext_checksum = -acpi_checksum(r, sizeof(*r));
}

/* Layout: the RSDP, the XSDT at 16-byte alignment after it, the MADT
 * after that; the MADT's XSDT entry is the last. */
long acpi_build_dom0_tables(void *buf, size_t size, uint64_t gpa,
                            unsigned int nr_vcpus)
{
    size_t off = ROUNDUP(sizeof(struct acpi_rsdp), 16), xsdt_len, madt_off;
    size_t madt_len, n = 0;
    struct acpi_table_header *x = buf + off;
    uint64_t *entry = (uint64_t *)(x + 1);
    const struct acpi_table_header *t;
    paddr_t pa;

    memset(buf, 0, size);
    for ( unsigned int i = 0; (t = acpi_table_nth(i, &pa)); i++ )
        if ( dom0_sees(t) )
        {
            if ( off + sizeof(*x) + (n + 2) * 8 > size )
                return -ENOSPC;
            entry[n++] = pa;
        }
    xsdt_len = sizeof(*x) + (n + 1) * 8;
    madt_off = ROUNDUP(off + xsdt_len, 16);
    if ( madt_off >= size ||
         !(madt_len = build_madt(buf + madt_off, size - madt_off, nr_vcpus)) )
        return -ENOSPC;
    entry[n] = gpa + madt_off;
    finish(x, "XSDT", 1, xsdt_len);
    write_rsdp(buf, gpa + off);
    return madt_off + madt_len;
}

int acpi_for_each_host_table(int (*fn)(void *ctx, paddr_t pa, size_t len),
                             void *ctx)
{
    const struct acpi_table_header *t, *f = acpi_get_table("FACP", 0);
    paddr_t pa;
    int rc;

    for ( unsigned int i = 0; (t = acpi_table_nth(i, &pa)); i++ )
        if ( (rc = fn(ctx, pa, t->length)) )
            return rc;
    if ( f )
    {
        const struct acpi_fadt *fadt = (const void *)f;
        paddr_t facs = fadt->firmware_ctrl;

        if ( ACPI_HAS_FIELD(f->length, struct acpi_fadt, x_firmware_ctrl) &&
             fadt->x_firmware_ctrl )
            facs = fadt->x_firmware_ctrl;
        /* The FACS has no checksum; 64 bytes is its fixed size. */
        if ( facs && (rc = fn(ctx, facs, 64)) )
            return rc;
    }
    return 0;
}
