/* SPDX-License-Identifier: MIT */
/*
 * The ACPI tables a PVH domain gets from the toolstack, as Xen 4.17's
 * libxl gives one (facts from the ACPI specification and from what Linux
 * prints of libxl's tables):
 *
 *   RSDP  revision 2, OEM "Xen", the XSDT's address, both checksums;
 *         no RSDT (a revision 2 RSDP is read through its XSDT)
 *   XSDT  revision 1: the FADT, the MADT
 *   FADT  revision 5 (268 bytes), hardware-reduced (no PM blocks, no
 *         SCI, no PM timer), power and sleep buttons not fixed-feature,
 *         no VGA; DSDT and FACS by 32- and 64-bit address
 *   FACS  64 bytes, version 1
 *   MADT  revision 2, the local APIC at 0xfee00000, PC-AT compatible
 *         flag as libacpi sets it, one enabled local APIC entry per vCPU
 *         (processor id n, APIC id 2n: the ids the hypervisor gives);
 *         no IO-APIC (a PVH domain has none)
 *   DSDT  revision 2: \_SB with a Processor object PRnn per vCPU whose
 *         id matches its MADT entry (libxl's DSDT adds _MAT/_STA methods
 *         for vCPU hotplug; these are the bare objects)
 *
 * Every table has OEM id "Xen", OEM table id "HVM", creator "HVML".  The
 * first table starts one page above ACPI_BASE, 64-byte FACS first, each
 * next table on a 16-byte boundary, as libxl's allocator places them.
 */
#include <errno.h>
#include <string.h>
#include "acpi.h"

#define PAGE                4096u
#define HDR_LEN             36u
#define FADT_LEN            268u
#define FACS_LEN            64u
#define RSDP_LEN            36u
#define PROC_OBJ_LEN        13u     /* one Processor object in AML */
#define LAPIC_BASE          0xfee00000u

#define FADT_WBINVD         (1u << 0)
#define FADT_PROC_C1        (1u << 2)
#define FADT_PWR_BUTTON     (1u << 4)
#define FADT_SLP_BUTTON     (1u << 5)
#define FADT_HW_REDUCED     (1u << 20)
#define BOOT_ARCH_NO_VGA    (1u << 2)
#define MADT_PCAT_COMPAT    1u
#define MADT_LAPIC          0
#define LAPIC_ENABLED       1u

#define AML_SCOPE           0x10
#define AML_EXT_PREFIX      0x5b
#define AML_PROCESSOR       0x83

static uint32_t align16(uint32_t x)
{
    return (x + 15) & ~15u;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, v);
    put32(p + 4, v >> 32);
}

/* The byte that makes the len bytes at p sum to 0. */
static uint8_t checksum(const uint8_t *p, uint32_t len)
{
    uint8_t sum = 0;

    while (len--)
        sum += *p++;
    return (uint8_t)-sum;
}

static void seal(uint8_t *t, uint32_t len)
{
    t[9] = 0;
    t[9] = checksum(t, len);
}

static void header(uint8_t *t, const char *sig, uint32_t len, uint8_t rev)
{
    memcpy(t, sig, 4);
    put32(t + 4, len);
    t[8] = rev;
    memcpy(t + 10, "Xen", 3);           /* OEM id, zero padded to 6 */
    memcpy(t + 16, "HVM", 3);           /* OEM table id, padded to 8 */
    put32(t + 24, 0);                   /* OEM revision */
    memcpy(t + 28, "HVML", 4);          /* creator id */
    put32(t + 32, 0);                   /* creator revision */
}

/* Bytes an AML PkgLength takes for a package of body bytes. */
static uint32_t pkg_len_bytes(uint32_t body)
{
    if (body + 1 <= 0x3f)
        return 1;
    return body + 2 < (1u << 12) ? 2 : 3;
}

/* Write the PkgLength of a package of body bytes; its own size back. */
static uint32_t put_pkg_len(uint8_t *p, uint32_t body)
{
    uint32_t n = pkg_len_bytes(body), v = body + n;

    if (n == 1) {
        p[0] = v;
        return 1;
    }
    p[0] = ((n - 1) << 6) | (v & 0xf);
    for (uint32_t i = 1; i < n; i++)
        p[i] = v >> (4 + 8 * (i - 1));
    return n;
}

static uint32_t scope_body(unsigned int nr_vcpus)
{
    return 5 + PROC_OBJ_LEN * nr_vcpus;     /* "\_SB_" and the objects */
}

int acpi_plan(struct acpi_layout *l, unsigned int nr_vcpus)
{
    uint32_t end, body = scope_body(nr_vcpus);

    if (nr_vcpus < 1 || nr_vcpus > ACPI_MAX_VCPUS)
        return -EINVAL;
    memset(l, 0, sizeof(*l));
    l->nr_vcpus = nr_vcpus;
    l->facs = PAGE;
    l->dsdt = align16(l->facs + FACS_LEN);
    l->dsdt_len = HDR_LEN + 1 + pkg_len_bytes(body) + body;
    l->fadt = align16(l->dsdt + l->dsdt_len);
    l->madt = align16(l->fadt + FADT_LEN);
    l->madt_len = HDR_LEN + 8 + 8 * nr_vcpus;
    l->xsdt = align16(l->madt + l->madt_len);
    l->xsdt_len = HDR_LEN + 2 * 8;
    end = l->xsdt + l->xsdt_len;
    l->rsdp = (end + PAGE - 1) & ~(PAGE - 1);
    l->nr_pages = l->rsdp / PAGE + 1;
    return 0;
}

static void write_dsdt(const struct acpi_layout *l, uint8_t *t)
{
    uint8_t *p = t + HDR_LEN;

    header(t, "DSDT", l->dsdt_len, 2);
    *p++ = AML_SCOPE;
    p += put_pkg_len(p, scope_body(l->nr_vcpus));
    memcpy(p, "\\_SB_", 5);
    p += 5;
    for (unsigned int i = 0; i < l->nr_vcpus; i++) {
        static const char hex[] = "0123456789ABCDEF";

        *p++ = AML_EXT_PREFIX;
        *p++ = AML_PROCESSOR;
        *p++ = PROC_OBJ_LEN - 2;        /* PkgLength: all but the opcode */
        p[0] = 'P';                     /* the name: PR00, PR01 ... PR7F */
        p[1] = 'R';
        p[2] = hex[i >> 4];
        p[3] = hex[i & 15];
        p[4] = (uint8_t)i;              /* processor id = MADT's */
        put32(p + 5, 0);                /* no processor block */
        p[9] = 0;
        p += 10;
    }
    seal(t, l->dsdt_len);
}

static void write_fadt(const struct acpi_layout *l, uint8_t *t)
{
    header(t, "FACP", FADT_LEN, 5);
    put32(t + 36, (uint32_t)(ACPI_BASE + l->facs));     /* FIRMWARE_CTRL */
    put32(t + 40, (uint32_t)(ACPI_BASE + l->dsdt));     /* DSDT */
    put16(t + 109, BOOT_ARCH_NO_VGA);                   /* IAPC_BOOT_ARCH */
    put32(t + 112, FADT_WBINVD | FADT_PROC_C1 | FADT_PWR_BUTTON |
                   FADT_SLP_BUTTON | FADT_HW_REDUCED);
    put64(t + 132, ACPI_BASE + l->facs);                /* X_FIRMWARE_CTRL */
    put64(t + 140, ACPI_BASE + l->dsdt);                /* X_DSDT */
    seal(t, FADT_LEN);
}

static void write_madt(const struct acpi_layout *l, uint8_t *t)
{
    uint8_t *e = t + HDR_LEN + 8;

    header(t, "APIC", l->madt_len, 2);
    put32(t + 36, LAPIC_BASE);
    put32(t + 40, MADT_PCAT_COMPAT);
    for (unsigned int i = 0; i < l->nr_vcpus; i++, e += 8) {
        e[0] = MADT_LAPIC;
        e[1] = 8;
        e[2] = (uint8_t)i;              /* ACPI processor id */
        e[3] = (uint8_t)(2 * i);        /* APIC id, as the hypervisor's */
        put32(e + 4, LAPIC_ENABLED);
    }
    seal(t, l->madt_len);
}

static void write_rsdp(const struct acpi_layout *l, uint8_t *r)
{
    memcpy(r, "RSD PTR ", 8);
    memcpy(r + 9, "Xen", 3);
    r[15] = 2;                          /* revision: XSDT, length */
    put32(r + 20, RSDP_LEN);
    put64(r + 24, ACPI_BASE + l->xsdt);
    r[8] = checksum(r, 20);             /* the ACPI 1.0 part */
    r[32] = checksum(r, RSDP_LEN);      /* the whole structure */
}

void acpi_write(const struct acpi_layout *l, uint8_t *buf)
{
    uint8_t *facs = buf + l->facs, *xsdt = buf + l->xsdt;

    memcpy(facs, "FACS", 4);
    put32(facs + 4, FACS_LEN);
    facs[32] = 1;                       /* version */
    write_dsdt(l, buf + l->dsdt);
    write_fadt(l, buf + l->fadt);
    write_madt(l, buf + l->madt);
    header(xsdt, "XSDT", l->xsdt_len, 1);
    put64(xsdt + HDR_LEN, ACPI_BASE + l->fadt);
    put64(xsdt + HDR_LEN + 8, ACPI_BASE + l->madt);
    seal(xsdt, l->xsdt_len);
    write_rsdp(l, buf + l->rsdp);
}
