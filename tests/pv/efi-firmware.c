/*
 * efi-firmware.c - XENPF_firmware_info(XEN_FW_EFI_INFO) and
 * XENPF_efi_runtime_call, which Linux's dom0 uses to learn about the UEFI
 * firmware the hypervisor was started by (arch/x86/xen/efi.c,
 * drivers/xen/efi.c).
 *
 * With pvtest.efi=1 (tests/boot/run-efi.sh boots it under OVMF, on ours
 * by GRUB Multiboot2 and xen.efi, on Xen 4.17 by GRUB Multiboot2) every
 * index must answer with values that fit together: a UEFI revision
 * (major << 16 | minor), a configuration table whose entries include the
 * ACPI 2.0 GUID, read at the machine address given, a NUL-ended vendor
 * string, and for the table's address a memory descriptor of a type the
 * firmware keeps after boot.  A vendor buffer too small gets the string
 * cut short without error; one outside the guest, -EFAULT; an unknown
 * index -EINVAL.  Runtime services: either both XEN_FW_EFI_RT_VERSION
 * and a GetTime call work (Xen 4.17) or both say -EOPNOTSUPP (ours, as
 * Xen with efi=no-rs).
 *
 * Without the option (BIOS, tests/pv/run.sh) the EFI data and runtime
 * calls are -ENOSYS, as on Xen 4.17 when not booted by EFI.
 *
 * Both ways, every non-RAM range of the machine map below the end of RAM
 * (firmware data: UEFI runtime memory, SMBIOS, ACPI) must be mappable
 * by dom0, first and last frame (check_firmware_frames).
 */
#include <pvtest.h>
#include <pv/kernel.h>
#include <pv/pagetable.h>
#include <pv/exinfo.h>
#include <public/errno.h>
#include <public/platform.h>

const char test_title[] = "efi-firmware: XEN_FW_EFI_INFO and efi_runtime_call";

#define PFN_SCRATCH  0x40                  /* two pages, as dom0-console */
#define PTE_RO       (_PAGE_PRESENT | _PAGE_ACCESSED)
#define EFI_RT_DATA  6
#define EFI_RT_CODE  5
#define EFI_BS_DATA  4
#define EFI_ACPI_RECLAIM 9
#define EFI_ACPI_NVS 10

static uint16_t vendor[128];

/* The ACPI 2.0 table GUID as it lies in memory (EFI_GUID, little-endian). */
static const uint8_t acpi20_guid[16] = {
    0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4, 0xd3, 0x11,
    0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81,
};

static long efi_info(uint32_t index, union xenpf_efi_info *io)
{
    struct xen_platform_op op = {
        .cmd = XENPF_firmware_info,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.firmware_info = { .type = XEN_FW_EFI_INFO, .index = index },
    };
    long rc;

    op.u.firmware_info.u.efi_info = *io;
    rc = HYPERVISOR_platform_op(&op);
    *io = op.u.firmware_info.u.efi_info;
    return rc;
}

static long get_vendor(void *buf, uint32_t bufsz, union xenpf_efi_info *io)
{
    *io = (union xenpf_efi_info){ .vendor.bufsz = bufsz };
    set_xen_guest_handle(io->vendor.name, buf);
    return efi_info(XEN_FW_EFI_VENDOR, io);
}

static long get_time(struct xenpf_efi_runtime_call *rt)
{
    struct xen_platform_op op = {
        .cmd = XENPF_efi_runtime_call,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.efi_runtime_call = { .function = XEN_EFI_get_time },
    };
    long rc = HYPERVISOR_platform_op(&op);

    *rt = op.u.efi_runtime_call;
    return rc;
}

/* Does the configuration table at machine address pa (n entries of a
 * GUID and a pointer) hold the ACPI 2.0 GUID?  Mapped read-only, two
 * pages, so n must fit in what is left of the first page and the next. */
static bool table_has_acpi20(uint64_t pa, uint32_t n)
{
    unsigned long va = pfn_to_va(PFN_SCRATCH);
    uint64_t old0 = pt_leaf(va), old1 = pt_leaf(va + PAGE_SIZE);
    uint64_t base = pa & ~(uint64_t)(PAGE_SIZE - 1);
    const uint8_t *t = (const uint8_t *)va + (pa - base);
    bool found = false;

    if ( !check(n * 24 <= PAGE_SIZE, "config table of %u entries", n) ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(va, base | PTE_RO,
                                                      UVMF_INVLPG),
                         "mapping the config table") ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(va + PAGE_SIZE,
                                                      (base + PAGE_SIZE) | PTE_RO,
                                                      UVMF_INVLPG),
                         "mapping the config table's next page") )
        return false;
    for ( uint32_t i = 0; i < n && !found; i++ )
        found = !memcmp(t + i * 24, acpi20_guid, sizeof(acpi20_guid));
    HYPERVISOR_update_va_mapping(va, old0, UVMF_INVLPG);
    HYPERVISOR_update_va_mapping(va + PAGE_SIZE, old1, UVMF_INVLPG);
    return found;
}

/* Can dom0 map machine frame mfn (read-only, for a moment)? */
static long map_frame(uint64_t mfn)
{
    unsigned long va = pfn_to_va(PFN_SCRATCH);
    uint64_t old = pt_leaf(va);
    long rc = HYPERVISOR_update_va_mapping(va, (mfn << PAGE_SHIFT) | PTE_RO,
                                           UVMF_INVLPG);
    uint8_t byte;

    if ( !rc && probe_read8((const volatile uint8_t *)va, &byte) )
        rc = -1;                            /* "mapped" but not readable */
    HYPERVISOR_update_va_mapping(va, old, UVMF_INVLPG);
    return rc;
}

/*
 * The firmware's own memory between the RAM ranges (reserved, ACPI data
 * and NVS: where UEFI keeps its runtime data, SMBIOS and ACPI tables)
 * must be mappable by dom0: Linux reads the SMBIOS entry point there as
 * soon as it knows the EFI configuration table.  The first and last whole
 * frame of each such range, below the end of RAM (above it are device
 * windows the hypervisors keep partly for themselves).
 */
static void check_firmware_frames(void)
{
    static struct __attribute__((packed)) {
        uint64_t addr, size;
        uint32_t type;
    } e[64];
    struct xen_memory_map map = { .nr_entries = 64 };
    uint64_t ram_end = 0;
    unsigned int i, n = 0;

    set_xen_guest_handle(map.buffer, e);
    if ( !check_rc_setup(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &map),
                         "machine_memory_map") )
        return;
    for ( i = 0; i < map.nr_entries && i < 64; i++ )
        if ( e[i].type == 1 && e[i].addr + e[i].size > ram_end )
            ram_end = e[i].addr + e[i].size;
    for ( i = 0; i < map.nr_entries && i < 64; i++ )
    {
        uint64_t first = (e[i].addr + PAGE_SIZE - 1) >> PAGE_SHIFT;
        uint64_t end = (e[i].addr + e[i].size) >> PAGE_SHIFT;

        if ( e[i].type == 1 || first >= end || end << PAGE_SHIFT > ram_end )
            continue;
        check(!map_frame(first), "frame %#llx (type %u range) not mappable",
              (unsigned long long)first, e[i].type);
        check(!map_frame(end - 1), "frame %#llx (type %u range) not mappable",
              (unsigned long long)(end - 1), e[i].type);
        n++;
    }
    xtest_info("%u firmware ranges below the end of RAM mapped", n);
}

static void check_version(void)
{
    union xenpf_efi_info i = { 0 };

    check_eq(efi_info(XEN_FW_EFI_VERSION, &i), 0, "EFI_VERSION");
    xtest_info("UEFI revision %u.%u", i.version >> 16, i.version & 0xffff);
    check(i.version >> 16 == 1 || i.version >> 16 == 2,
          "UEFI major revision %u", i.version >> 16);
    check((i.version & 0xffff) < 100, "UEFI minor revision %u",
          i.version & 0xffff);
}

static uint64_t check_config_table(void)
{
    union xenpf_efi_info i = { 0 };

    check_eq(efi_info(XEN_FW_EFI_CONFIG_TABLE, &i), 0, "EFI_CONFIG_TABLE");
    xtest_info("config table at %#llx, %u entries",
               (unsigned long long)i.cfg.addr, i.cfg.nent);
    if ( !check(i.cfg.addr && i.cfg.nent && i.cfg.nent < 64,
                "config table %#llx, %u entries",
                (unsigned long long)i.cfg.addr, i.cfg.nent) )
        return 0;
    check(table_has_acpi20(i.cfg.addr, i.cfg.nent),
          "no ACPI 2.0 GUID in the config table");
    return i.cfg.addr;
}

static void check_vendor(void)
{
    union xenpf_efi_info i;
    uint16_t small[4];
    unsigned int len = 0;

    memset(vendor, 0xff, sizeof(vendor));
    check_eq(get_vendor(vendor, sizeof(vendor), &i), 0, "EFI_VENDOR");
    while ( len < 128 && vendor[len] )
        len++;
    check(len > 0 && len < 128, "vendor string of %u units", len);
    xtest_info("vendor %u units, first '%c', revision %#x", len,
               (char)vendor[0], i.vendor.revision);
    check(i.vendor.revision != 0, "vendor revision 0");

    /* Too small: cut short, no NUL, no error, nothing past bufsz. */
    memset(small, 0xff, sizeof(small));
    check_eq(get_vendor(small, 5, &i), 0, "EFI_VENDOR, 5-byte buffer");
    check_eq(small[0], vendor[0], "... first unit");
    check_eq(small[1], len > 1 ? vendor[1] : 0xffff, "... second unit");
    check_eq(small[2], 0xffff, "... third unit untouched");
    memset(small, 0xff, sizeof(small));
    check_eq(get_vendor(small, 0, &i), 0, "EFI_VENDOR, empty buffer");
    check_eq(small[0], 0xffff, "... nothing written");
    check_eq(get_vendor((void *)0xffff800000000000UL, 64, &i), -XEN_EFAULT,
             "EFI_VENDOR, buffer in the hypervisor's half");
}

static void check_mem_info(uint64_t table)
{
    union xenpf_efi_info i = { .mem = { .addr = table, .size = ~0ULL } };
    uint64_t end;

    check_eq(efi_info(XEN_FW_EFI_MEM_INFO, &i), 0, "EFI_MEM_INFO(table)");
    end = table + i.mem.size;
    xtest_info("table's descriptor: type %u attr %#llx, %#llx bytes left",
               i.mem.type, (unsigned long long)i.mem.attr,
               (unsigned long long)i.mem.size);
    check(i.mem.type == EFI_RT_DATA || i.mem.type == EFI_RT_CODE ||
          i.mem.type == EFI_BS_DATA || i.mem.type == EFI_ACPI_RECLAIM ||
          i.mem.type == EFI_ACPI_NVS, "config table in type %u", i.mem.type);
    check(i.mem.size && !(end & 0xfff) && end > table,
          "descriptor end %#llx", (unsigned long long)end);

    i = (union xenpf_efi_info){ .mem = { .addr = table, .size = 1 } };
    check_eq(efi_info(XEN_FW_EFI_MEM_INFO, &i), 0, "EFI_MEM_INFO(table, 1)");
    check_eq(i.mem.size, 1, "... size within the descriptor kept");
    i = (union xenpf_efi_info){ .mem = { .addr = ~0xfffULL, .size = 1 } };
    check_eq(efi_info(XEN_FW_EFI_MEM_INFO, &i), -XEN_ESRCH,
             "EFI_MEM_INFO(top page)");
}

static void check_runtime(void)
{
    union xenpf_efi_info i = { 0 };
    struct xenpf_efi_runtime_call rt;
    long rv = efi_info(XEN_FW_EFI_RT_VERSION, &i), rc = get_time(&rt);

    xtest_info("RT_VERSION %ld (%#x), GetTime %ld status %#lx year %u", rv,
               i.version, rc, (unsigned long)rt.status,
               rt.u.get_time.time.year);
    if ( rv == -XEN_EOPNOTSUPP )
    {
        check_eq(rc, -XEN_EOPNOTSUPP, "GetTime without runtime services");
        return;
    }
    check_eq(rv, 0, "EFI_RT_VERSION");
    check(i.version >> 16 == 1 || i.version >> 16 == 2,
          "runtime services revision %#x", i.version);
    check_eq(rc, 0, "GetTime");
    check_eq(rt.status, 0, "GetTime status");
    check(rt.u.get_time.time.year >= 2000, "GetTime year %u",
          rt.u.get_time.time.year);
}

static void check_bad_indexes(void)
{
    union xenpf_efi_info i = { 0 };

    i.pci_rom.segment = 0xffff;
    check_eq(efi_info(XEN_FW_EFI_PCI_ROM, &i), -XEN_ESRCH,
             "EFI_PCI_ROM of no device");
    i = (union xenpf_efi_info){ 0 };
    check_eq(efi_info(XEN_FW_EFI_APPLE_PROPERTIES, &i), -XEN_ENODATA,
             "EFI_APPLE_PROPERTIES");
    check_eq(efi_info(7, &i), -XEN_EINVAL, "index 7");
    check_eq(efi_info(0xffffffffu, &i), -XEN_EINVAL, "index 0xffffffff");
}

static void check_not_efi(void)
{
    struct xenpf_efi_runtime_call rt;

    for ( uint32_t idx = 0; idx <= 7; idx++ )
    {
        union xenpf_efi_info i = { 0 };

        check(efi_info(idx, &i) == -XEN_ENOSYS, "index %u not -ENOSYS", idx);
    }
    check_eq(get_time(&rt), -XEN_ENOSYS, "GetTime (not booted by EFI)");
}

void test_main(void)
{
    char efi[4];
    uint64_t table;

    if ( !kernel_cmdline_value("pvtest.efi", efi, sizeof(efi)) ||
         efi[0] != '1' )
    {
        xtest_info("not booted by UEFI (no pvtest.efi=1)");
        check_not_efi();
        check_firmware_frames();
        return;
    }
    check_version();
    table = check_config_table();
    check_vendor();
    if ( table )
        check_mem_info(table);
    check_runtime();
    check_bad_indexes();
    check_firmware_frames();
}
