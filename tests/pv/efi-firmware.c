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
 * index -EINVAL.
 *
 * Runtime services (XENPF_efi_runtime_call, as Xen 4.17 offers them by
 * default): XEN_FW_EFI_RT_VERSION and GetTime work; GetVariable of OVMF's
 * PlatformLang answers EFI_BUFFER_TOO_SMALL with the size needed for a
 * buffer too small and the value for one big enough; GetNextVariableName
 * walks every name to EFI_NOT_FOUND meeting PlatformLang; QueryVariableInfo
 * gives sane store sizes; SetVariable writes, and deletes, a non-volatile
 * variable of the test's own; the caller's MXCSR and x87 control word
 * survive a call; a name or buffer the guest cannot give
 * is -EFAULT and flag bits a function does not take -EINVAL.  With
 * pvtest.efi=nors (the hypervisor booted with efi=no-rs) RT_VERSION and
 * the calls are -EOPNOTSUPP instead.
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

/* XENPF_efi_runtime_call with *rt as the request; *rt gets the answer
 * (the hypervisors copy it back only on success). */
static long rt_call(struct xenpf_efi_runtime_call *rt)
{
    struct xen_platform_op op = {
        .cmd = XENPF_efi_runtime_call,
        .interface_version = XENPF_INTERFACE_VERSION,
    };
    long rc;

    op.u.efi_runtime_call = *rt;
    rc = HYPERVISOR_platform_op(&op);
    *rt = op.u.efi_runtime_call;
    return rc;
}

static long get_time(struct xenpf_efi_runtime_call *rt)
{
    *rt = (struct xenpf_efi_runtime_call){ .function = XEN_EFI_get_time };
    return rt_call(rt);
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

/*
 * Runtime services off (pvtest.efi=nors: Xen 4.17 or ours booted with
 * efi=no-rs): RT_VERSION and every call -EOPNOTSUPP.
 */
static void check_runtime_off(void)
{
    union xenpf_efi_info i = { 0 };
    struct xenpf_efi_runtime_call rt;
    long rv = efi_info(XEN_FW_EFI_RT_VERSION, &i), rc = get_time(&rt);

    xtest_info("RT_VERSION %ld (%#x), GetTime %ld ", rv, i.version, rc);
    check_eq(rv, -XEN_EOPNOTSUPP, "RT_VERSION with efi=no-rs");
    check_eq(rc, -XEN_EOPNOTSUPP, "GetTime with efi=no-rs");
    rt = (struct xenpf_efi_runtime_call){ .function = XEN_EFI_get_variable };
    check_eq(rt_call(&rt), -XEN_EOPNOTSUPP, "GetVariable with efi=no-rs");
}

/* The hypervisor gives the firmware a clean FPU state: ours must be back
 * afterwards (a rounding mode in MXCSR and in the x87 control word that
 * nobody else would pick). */
static void check_fpu_kept(void)
{
    uint32_t mx = 0x7f80, mx_after = 0, mx_def = 0x1f80;
    uint16_t cw = 0x0f7f, cw_after = 0, cw_def = 0x037f;
    struct xenpf_efi_runtime_call rt;

    __asm__ volatile ( "ldmxcsr %0; fldcw %1" :: "m" (mx), "m" (cw) );
    get_time(&rt);
    __asm__ volatile ( "stmxcsr %0; fnstcw %1"
                       : "=m" (mx_after), "=m" (cw_after) );
    __asm__ volatile ( "ldmxcsr %0; fldcw %1" :: "m" (mx_def), "m" (cw_def) );
    check_eq(mx_after, mx, "MXCSR across GetTime");
    check_eq(cw_after, cw, "x87 control word across GetTime");
}

static void check_time(void)
{
    union xenpf_efi_info i = { 0 };
    struct xenpf_efi_runtime_call rt;
    long rv = efi_info(XEN_FW_EFI_RT_VERSION, &i), rc = get_time(&rt);
    const struct xenpf_efi_time *t = &rt.u.get_time.time;

    xtest_info("RT_VERSION %ld (%#x), GetTime %ld status %#lx year %u", rv,
               i.version, rc, (unsigned long)rt.status, t->year);
    check_eq(rv, 0, "EFI_RT_VERSION");
    check(i.version >> 16 == 1 || i.version >> 16 == 2,
          "runtime services revision %#x", i.version);
    check_eq(rc, 0, "GetTime");
    check_eq(rt.status, 0, "GetTime status");
    check(t->year >= 2000 && t->month >= 1 && t->month <= 12 &&
          t->day >= 1 && t->day <= 31 && t->hour < 24 && t->min < 60,
          "GetTime %u-%u-%u %u:%u", t->year, t->month, t->day, t->hour,
          t->min);
    xtest_info("GetTime resolution %u accuracy %u misc %#x",
               rt.u.get_time.resolution, rt.u.get_time.accuracy, rt.misc);

    check_fpu_kept();
    rt = (struct xenpf_efi_runtime_call){ .function = XEN_EFI_get_time,
                                          .misc = 1 };
    check_eq(rt_call(&rt), -XEN_EINVAL, "GetTime with misc 1");
    rt = (struct xenpf_efi_runtime_call){
        .function = XEN_EFI_get_next_high_monotonic_count };
    rc = rt_call(&rt);
    xtest_info("GetNextHighMonotonicCount %ld status %#lx count %u", rc,
               (unsigned long)rt.status, rt.misc);
    check_eq(rc, 0, "GetNextHighMonotonicCount");
    rt = (struct xenpf_efi_runtime_call){ .function = 99 };
    check_eq(rt_call(&rt), -XEN_ENOSYS, "runtime function 99");
    rt = (struct xenpf_efi_runtime_call){
        .function = XEN_EFI_query_capsule_capabilities, .misc = 1 };
    check_eq(rt_call(&rt), -XEN_EINVAL, "QueryCapsuleCapabilities, misc 1");
}

#define EFI_SUCCESS          0UL
#define EFI_BUFFER_TOO_SMALL (0x8000000000000000UL | 5)
#define EFI_NOT_FOUND        (0x8000000000000000UL | 14)
#define VAR_NV_BS_RT         7
#define HV_HALF              ((void *)0xffff800000000000UL)

/* EFI_GLOBAL_VARIABLE, where OVMF keeps PlatformLang. */
static const struct xenpf_efi_guid global_guid = {
    0x8be4df61, 0x93ca, 0x11d2,
    { 0xaa, 0x0d, 0x00, 0xe0, 0x98, 0x03, 0x2b, 0x8c } };
/* A vendor GUID of this test's own, for the variable it writes. */
static const struct xenpf_efi_guid test_guid = {
    0x5d1b5cc4, 0x0c8b, 0x4b5e,
    { 0x9f, 0x21, 0x7e, 0x3a, 0x45, 0x10, 0xd2, 0x6c } };

static const uint16_t platform_lang[] = {
    'P', 'l', 'a', 't', 'f', 'o', 'r', 'm', 'L', 'a', 'n', 'g', 0 };
static const uint16_t test_name[] = { 'P', 'v', 't', 'e', 's', 't', 0 };
static const uint16_t no_such[] = { 'N', 'o', 'S', 'u', 'c', 'h', 0 };
static uint8_t var_data[256];
static uint16_t name_walk[512];

static long get_var(const void *name, const struct xenpf_efi_guid *g,
                    void *data, unsigned long size,
                    struct xenpf_efi_runtime_call *rt)
{
    *rt = (struct xenpf_efi_runtime_call){ .function = XEN_EFI_get_variable };
    set_xen_guest_handle(rt->u.get_variable.name, (void *)name);
    set_xen_guest_handle(rt->u.get_variable.data, data);
    rt->u.get_variable.size = size;
    rt->u.get_variable.vendor_guid = *g;
    return rt_call(rt);
}

static long set_var(const void *name, const void *data, unsigned long size,
                    uint32_t attr, struct xenpf_efi_runtime_call *rt)
{
    *rt = (struct xenpf_efi_runtime_call){ .function = XEN_EFI_set_variable,
                                           .misc = attr };
    set_xen_guest_handle(rt->u.set_variable.name, (void *)name);
    set_xen_guest_handle(rt->u.set_variable.data, (void *)data);
    rt->u.set_variable.size = size;
    rt->u.set_variable.vendor_guid = test_guid;
    return rt_call(rt);
}

/* GetVariable of OVMF's PlatformLang: sizes, too-small buffers, errors. */
static void check_get_variable(void)
{
    struct xenpf_efi_runtime_call rt;
    unsigned long need;
    long rc = get_var(platform_lang, &global_guid, NULL, 0, &rt);

    xtest_info("GetVariable(PlatformLang, size 0) %ld status %#lx size %lu",
               rc, (unsigned long)rt.status,
               (unsigned long)rt.u.get_variable.size);
    check_eq(rc, 0, "GetVariable(PlatformLang, size 0)");
    check_eq(rt.status, EFI_BUFFER_TOO_SMALL, "... status");
    need = rt.u.get_variable.size;
    if ( !check(need > 1 && need < sizeof(var_data),
                "PlatformLang of %lu bytes", need) )
        return;
    memset(var_data, 0xee, sizeof(var_data));
    check_eq(get_var(platform_lang, &global_guid, var_data, need - 1, &rt), 0,
             "GetVariable(PlatformLang, one byte short)");
    check_eq(rt.status, EFI_BUFFER_TOO_SMALL, "... status");
    check_eq(rt.u.get_variable.size, need, "... size wanted");
    check_eq(var_data[0], 0xee, "... nothing written");
    check_eq(get_var(platform_lang, &global_guid, var_data, sizeof(var_data),
                     &rt), 0, "GetVariable(PlatformLang)");
    check_eq(rt.status, EFI_SUCCESS, "... status");
    check_eq(rt.u.get_variable.size, need, "... size");
    check_eq(rt.misc & 6, 6, "... attributes boot+runtime access");
    check(var_data[0] >= 'a' && var_data[0] <= 'z' && !var_data[need - 1] &&
          var_data[need] == 0xee, "PlatformLang value '%c...', %lu bytes",
          var_data[0], need);
    xtest_info("PlatformLang = \"%s\", attributes %#x", (char *)var_data,
               rt.misc);

    check_eq(get_var(no_such, &global_guid, var_data, sizeof(var_data), &rt),
             0, "GetVariable(NoSuch)");
    check_eq(rt.status, EFI_NOT_FOUND, "... status");
    rt = (struct xenpf_efi_runtime_call){ .function = XEN_EFI_get_variable,
                                          .misc = 1 };
    check_eq(rt_call(&rt), -XEN_EINVAL, "GetVariable with misc 1");
    check_eq(get_var(HV_HALF, &global_guid, var_data, sizeof(var_data), &rt),
             -XEN_EFAULT, "GetVariable, name in the hypervisor's half");
    check_eq(get_var(platform_lang, &global_guid, HV_HALF, sizeof(var_data),
                     &rt), -XEN_EFAULT,
             "GetVariable, data buffer in the hypervisor's half");
}

/* SetVariable: a non-volatile variable of our own written, read back,
 * deleted (OVMF writes its flash store through runtime MMIO). */
static void check_set_variable(void)
{
    static const char value[] = "pvtest";
    struct xenpf_efi_runtime_call rt;

    check_eq(set_var(test_name, value, sizeof(value), VAR_NV_BS_RT, &rt), 0,
             "SetVariable(Pvtest)");
    check_eq(rt.status, EFI_SUCCESS, "... status");
    memset(var_data, 0, sizeof(var_data));
    check_eq(get_var(test_name, &test_guid, var_data, sizeof(var_data), &rt),
             0, "GetVariable(Pvtest)");
    check_eq(rt.status, EFI_SUCCESS, "... status");
    check_eq(rt.u.get_variable.size, sizeof(value), "... size");
    check_eq(rt.misc, VAR_NV_BS_RT, "... attributes");
    check(!memcmp(var_data, value, sizeof(value)), "Pvtest read back wrong");
    check_eq(set_var(test_name, value, 0, 0, &rt), 0,
             "SetVariable(Pvtest, delete)");
    check_eq(rt.status, EFI_SUCCESS, "... status");
    check_eq(get_var(test_name, &test_guid, var_data, sizeof(var_data), &rt),
             0, "GetVariable(Pvtest) after deleting");
    check_eq(rt.status, EFI_NOT_FOUND, "... status");
    check_eq(set_var(HV_HALF, value, sizeof(value), VAR_NV_BS_RT, &rt),
             -XEN_EFAULT, "SetVariable, name in the hypervisor's half");
    check_eq(set_var(test_name, HV_HALF, 8, VAR_NV_BS_RT, &rt), -XEN_EFAULT,
             "SetVariable, data in the hypervisor's half");
}

static long next_name(unsigned long size, struct xenpf_efi_guid *g,
                      struct xenpf_efi_runtime_call *rt)
{
    *rt = (struct xenpf_efi_runtime_call){
        .function = XEN_EFI_get_next_variable_name };
    set_xen_guest_handle(rt->u.get_next_variable_name.name, name_walk);
    rt->u.get_next_variable_name.size = size;
    rt->u.get_next_variable_name.vendor_guid = *g;
    return rt_call(rt);
}

/* GetNextVariableName from the start to EFI_NOT_FOUND: PlatformLang must
 * be met on the way; a too-small buffer gets the size needed. */
static void check_next_variable_name(void)
{
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g = { 0 };
    unsigned int n = 0;
    bool lang = false;
    long rc;

    name_walk[0] = 0;
    rc = next_name(2, &g, &rt);
    check_eq(rc, 0, "GetNextVariableName(first, 2-byte buffer)");
    check_eq(rt.status, EFI_BUFFER_TOO_SMALL, "... status");
    check(rt.u.get_next_variable_name.size > 2, "... size %lu wanted",
          (unsigned long)rt.u.get_next_variable_name.size);
    for ( ; n < 500; n++ )
    {
        rc = next_name(sizeof(name_walk), &g, &rt);
        if ( rc || rt.status != EFI_SUCCESS )
            break;
        g = rt.u.get_next_variable_name.vendor_guid;
        lang |= !memcmp(name_walk, platform_lang, sizeof(platform_lang)) &&
                !memcmp(&g, &global_guid, sizeof(g));
    }
    xtest_info("GetNextVariableName: %u names, then %ld status %#lx", n, rc,
               (unsigned long)rt.status);
    check_eq(rc, 0, "GetNextVariableName");
    check_eq(rt.status, EFI_NOT_FOUND, "... status at the end");
    check(n > 3, "only %u variables", n);
    check(lang, "PlatformLang not among the names");
    rt = (struct xenpf_efi_runtime_call){
        .function = XEN_EFI_get_next_variable_name, .misc = 1 };
    check_eq(rt_call(&rt), -XEN_EINVAL, "GetNextVariableName, misc 1");
    rt = (struct xenpf_efi_runtime_call){
        .function = XEN_EFI_get_next_variable_name };
    set_xen_guest_handle(rt.u.get_next_variable_name.name, HV_HALF);
    rt.u.get_next_variable_name.size = 64;
    check_eq(rt_call(&rt), -XEN_EFAULT,
             "GetNextVariableName, buffer in the hypervisor's half");
}

static void check_query_variable_info(void)
{
    struct xenpf_efi_runtime_call rt = {
        .function = XEN_EFI_query_variable_info,
        .u.query_variable_info.attr = VAR_NV_BS_RT,
    };
    long rc = rt_call(&rt);

    xtest_info("QueryVariableInfo %ld status %#lx: store %llu, left %llu, "
               "max %llu", rc, (unsigned long)rt.status,
               (unsigned long long)rt.u.query_variable_info.max_store_size,
               (unsigned long long)rt.u.query_variable_info.remain_store_size,
               (unsigned long long)rt.u.query_variable_info.max_size);
    check_eq(rc, 0, "QueryVariableInfo");
    check_eq(rt.status, EFI_SUCCESS, "... status");
    check(rt.u.query_variable_info.max_store_size &&
          rt.u.query_variable_info.remain_store_size <=
          rt.u.query_variable_info.max_store_size &&
          rt.u.query_variable_info.max_size, "QueryVariableInfo sizes");
    rt = (struct xenpf_efi_runtime_call){
        .function = XEN_EFI_query_variable_info, .misc = 2 };
    check_eq(rt_call(&rt), -XEN_EINVAL, "QueryVariableInfo, misc 2");
}

static void check_runtime(void)
{
    check_time();
    check_get_variable();
    check_next_variable_name();
    check_query_variable_info();
    check_set_variable();
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
    char efi[8];
    uint64_t table;

    if ( !kernel_cmdline_value("pvtest.efi", efi, sizeof(efi)) ||
         (efi[0] != '1' && efi[0] != 'n') )
    {
        xtest_info("not booted by UEFI (no pvtest.efi=1)");
        check_not_efi();
        check_firmware_frames();
        return;
    }
    check_version();
    table = check_config_table();
    if ( efi[0] != 'n' )
        check_vendor();                 /* Xen drops it with efi=no-rs */
    if ( table )
        check_mem_info(table);
    if ( efi[0] == 'n' )
        check_runtime_off();
    else
        check_runtime();
    check_bad_indexes();
    check_firmware_frames();
}
