/*
 * test_pvh_acpi.c - the PVH domain builder's ACPI tables
 * (tools/libs/guest/acpi.c), read back by an independent walk from the
 * RSDP as an OS would: signatures, lengths, revisions, every checksum,
 * the XSDT's entries, the FADT's hardware-reduced flag and its DSDT and
 * FACS, one enabled MADT local APIC per vCPU with APIC id 2n, the DSDT's
 * AML (a \_SB scope whose package length ends exactly at the table's
 * end, holding one Processor object per vCPU, PRnn with id n), every
 * table inside the populated pages and before the RSDP.  Vcpu counts 0
 * and 129 are refused.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../tools/libs/guest/acpi.h"

static int failures;

static void fail(unsigned int n, const char *fmt, ...)
{
    va_list ap;

    printf("FAIL: pvh-acpi %u vCPUs: ", n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    failures++;
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
    return get32(p) | (uint64_t)get32(p + 4) << 32;
}

static int sum(const uint8_t *p, uint32_t len)
{
    uint8_t s = 0;

    while (len--)
        s += *p++;
    return s;
}

/* The table at guest address pa with signature sig, checked; or NULL. */
static const uint8_t *table(unsigned int n, const uint8_t *buf, size_t size,
                            uint64_t pa, const char *sig, uint8_t rev,
                            uint64_t rsdp_pa)
{
    const uint8_t *t;
    uint32_t len;

    if (pa < ACPI_BASE || pa - ACPI_BASE + 36 > size) {
        fail(n, "%s at %#llx outside the pages", sig, (unsigned long long)pa);
        return NULL;
    }
    t = buf + (pa - ACPI_BASE);
    len = get32(t + 4);
    if (memcmp(t, sig, 4) || t[8] != rev || len < 36 ||
        pa + len > rsdp_pa) {
        fail(n, "%s: signature %.4s, revision %u, length %u (to %#llx)", sig,
             t, t[8], len, (unsigned long long)(pa + len));
        return NULL;
    }
    if (sum(t, len))
        fail(n, "%s: checksum", sig);
    if (memcmp(t + 10, "Xen\0\0\0", 6) || memcmp(t + 16, "HVM\0\0\0\0\0", 8))
        fail(n, "%s: OEM ids", sig);
    return t;
}

/* AML PkgLength at p: its value, *bytes its size. */
static uint32_t pkg_len(const uint8_t *p, uint32_t *bytes)
{
    uint32_t follow = p[0] >> 6, v;

    *bytes = follow + 1;
    if (!follow)
        return p[0] & 0x3f;
    v = p[0] & 0xf;
    for (uint32_t i = 1; i <= follow; i++)
        v |= (uint32_t)p[i] << (4 + 8 * (i - 1));
    return v;
}

static void check_dsdt(unsigned int n, const uint8_t *d)
{
    uint32_t len = get32(d + 4), lb, v, at;
    unsigned int procs = 0;

    if (d[36] != 0x10) {
        fail(n, "DSDT: no Scope opcode");
        return;
    }
    v = pkg_len(d + 37, &lb);
    if (37 + v != len) {
        fail(n, "DSDT: scope package ends at %u, table at %u", 37 + v, len);
        return;
    }
    if (memcmp(d + 37 + lb, "\\_SB_", 5)) {
        fail(n, "DSDT: scope is not \\_SB_");
        return;
    }
    for (at = 37 + lb + 5; at < len; at += 2 + v, procs++) {
        char name[5];

        if (d[at] != 0x5b || d[at + 1] != 0x83) {
            fail(n, "DSDT: not a Processor object at %u", at);
            return;
        }
        v = pkg_len(d + at + 2, &lb);
        snprintf(name, sizeof(name), "PR%02X", procs);
        if (lb != 1 || v != 11 || memcmp(d + at + 3, name, 4) ||
            d[at + 7] != procs)
            fail(n, "DSDT: processor %u: length %u, name %.4s, id %u", procs,
                 v, d + at + 3, d[at + 7]);
    }
    if (at != len || procs != n)
        fail(n, "DSDT: %u processor objects ending at %u of %u", procs, at,
             len);
}

static void check_madt(unsigned int n, const uint8_t *m)
{
    uint32_t len = get32(m + 4);

    if (get32(m + 36) != 0xfee00000 || len != 44 + 8 * n) {
        fail(n, "MADT: LAPIC address %#x, length %u", get32(m + 36), len);
        return;
    }
    for (unsigned int i = 0; i < n; i++) {
        const uint8_t *e = m + 44 + 8 * i;

        if (e[0] != 0 || e[1] != 8 || e[2] != i || e[3] != 2 * i ||
            get32(e + 4) != 1)
            fail(n, "MADT entry %u: type %u len %u uid %u id %u flags %#x", i,
                 e[0], e[1], e[2], e[3], get32(e + 4));
    }
}

static void check_fadt(unsigned int n, const uint8_t *buf, size_t size,
                       const uint8_t *f, uint64_t rsdp_pa)
{
    const uint8_t *d, *facs;
    uint64_t xdsdt = get64(f + 140), xfacs = get64(f + 132);

    if (get32(f + 4) != 268 || !(get32(f + 112) & (1u << 20)))
        fail(n, "FADT: length %u, flags %#x (hardware-reduced?)",
             get32(f + 4), get32(f + 112));
    if (get32(f + 40) != xdsdt || get32(f + 36) != xfacs)
        fail(n, "FADT: 32- and 64-bit DSDT/FACS addresses differ");
    if ((d = table(n, buf, size, xdsdt, "DSDT", 2, rsdp_pa)))
        check_dsdt(n, d);
    if (xfacs < ACPI_BASE || xfacs - ACPI_BASE + 64 > size) {
        fail(n, "FACS outside the pages");
        return;
    }
    facs = buf + (xfacs - ACPI_BASE);
    if (memcmp(facs, "FACS", 4) || get32(facs + 4) != 64)
        fail(n, "FACS: signature or length");
}

static void check(unsigned int n)
{
    struct acpi_layout l;
    size_t size;
    uint8_t *buf;
    const uint8_t *r, *x, *t;
    uint64_t rsdp_pa;

    if (acpi_plan(&l, n)) {
        fail(n, "acpi_plan refused");
        return;
    }
    size = (size_t)l.nr_pages * 4096;
    buf = calloc(1, size);
    acpi_write(&l, buf);
    rsdp_pa = ACPI_BASE + l.rsdp;
    r = buf + l.rsdp;
    if (l.rsdp & 4095 || l.rsdp + ACPI_RSDP_LEN > size ||
        memcmp(r, "RSD PTR ", 8) || r[15] != 2 || get32(r + 20) != 36 ||
        sum(r, 20) || sum(r, 36) || memcmp(r + 9, "Xen", 3)) {
        fail(n, "RSDP at offset %#x", l.rsdp);
        free(buf);
        return;
    }
    x = table(n, buf, size, get64(r + 24), "XSDT", 1, rsdp_pa);
    if (x && get32(x + 4) != 36 + 16)
        fail(n, "XSDT: %u entries", (get32(x + 4) - 36) / 8);
    else if (x) {
        if ((t = table(n, buf, size, get64(x + 36), "FACP", 5, rsdp_pa)))
            check_fadt(n, buf, size, t, rsdp_pa);
        if ((t = table(n, buf, size, get64(x + 44), "APIC", 2, rsdp_pa)))
            check_madt(n, t);
    }
    if (l.facs != 4096 || l.dsdt != 4096 + 64)
        fail(n, "first tables at %#x, %#x (libxl: FACS one page up, DSDT "
             "after its 64 bytes)", l.facs, l.dsdt);
    free(buf);
}

int main(void)
{
    static const unsigned int counts[] = { 1, 2, 4, 15, 16, 63, 64, 127, 128 };
    struct acpi_layout l;

    for (unsigned int i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        int before = failures;

        check(counts[i]);
        if (failures == before)
            printf("PASS: pvh-acpi %u vCPUs\n", counts[i]);
    }
    if (acpi_plan(&l, 0) != -EINVAL || acpi_plan(&l, ACPI_MAX_VCPUS + 1) !=
        -EINVAL) {
        printf("FAIL: pvh-acpi: 0 or %u vCPUs not refused\n",
               ACPI_MAX_VCPUS + 1);
        failures++;
    } else
        printf("PASS: pvh-acpi 0 and %u vCPUs refused\n", ACPI_MAX_VCPUS + 1);
    return failures != 0;
}
