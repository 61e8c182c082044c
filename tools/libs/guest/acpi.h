/*
 * ACPI tables for a PVH domain (acpi.c), laid out where Xen 4.17's libxl
 * puts them for PVH: a page at ACPI_BASE (libxl's acpi_info page, left
 * zero here), the tables from the next page on, the RSDP at the start of
 * the page after the tables.  hvm_start_info.rsdp_paddr names the RSDP.
 */
#ifndef GUEST_ACPI_H
#define GUEST_ACPI_H

#include <stddef.h>
#include <stdint.h>

#define ACPI_BASE           0xfc000000ULL
#define ACPI_MAX_VCPUS      128     /* MADT entries carry 8-bit APIC ids */
#define ACPI_RSDP_LEN       64      /* what libxl reserves for the RSDP */

struct acpi_layout {
    unsigned int nr_vcpus;
    uint32_t facs, dsdt, fadt, madt, xsdt;  /* offsets from ACPI_BASE */
    uint32_t dsdt_len, madt_len, xsdt_len;
    uint32_t rsdp;                          /* offset, page-aligned */
    uint32_t nr_pages;                      /* to populate from ACPI_BASE */
};

/* The layout for nr_vcpus (1..ACPI_MAX_VCPUS); -EINVAL otherwise. */
int acpi_plan(struct acpi_layout *l, unsigned int nr_vcpus);

/* Write the tables into buf, the zeroed nr_pages pages from ACPI_BASE. */
void acpi_write(const struct acpi_layout *l, uint8_t *buf);

#endif
