/*
 * The UEFI firmware's facts a hardware domain asks for through
 * XENPF_firmware_info(XEN_FW_EFI_INFO).  Linux's dom0 builds its own
 * view of the EFI system table from them (arch/x86/xen/efi.c: the
 * configuration table's address and count, the vendor string and
 * revision, the specification revision) and looks up the memory type of
 * the configuration tables it uses (drivers/xen/efi.c).
 *
 * Both UEFI boot paths (GRUB's Multiboot2 and xen.efi) hand over with
 * boot services ended, the system table's address in the EFI64 tag and
 * the firmware's memory map in the EFI map tag.  Everything is copied
 * here at the start of day, before the loader's data and the firmware's
 * boot-time memory become free RAM; the configuration table itself lives
 * in runtime-services memory, which stays reserved, so only its address
 * is kept, as on Xen.
 *
 * The runtime services table is copied too (its header revision and the
 * entry points, physical addresses since nobody calls
 * SetVirtualAddressMap): efi_rt.c calls through it for
 * XENPF_efi_runtime_call.  With efi=no-rs, or when the table is missing
 * or damaged, XEN_FW_EFI_RT_VERSION says -EOPNOTSUPP, as Xen 4.17 does.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <asm/page.h>
#include <asm/efi_fw.h>

#define EFI_PAGE_SHIFT   12
#define VENDOR_MAX       128              /* UCS-2 units kept, with the NUL */
#define MAP_MAX          (32 * 1024)      /* bytes of descriptors kept */
#define LOW_4G           (1ULL << 32)     /* what the early direct map covers */
#define EFI_SYSTAB_SIG   0x5453595320494249ULL /* "IBI SYST" */
#define EFI_RT_SIG       0x56524553544e5552ULL /* "RUNTSERV" */

/* The x86_64 EFI system table, up to the configuration table pointer. */
struct efi_systab {
    uint64_t signature;
    uint32_t revision, header_size, crc32, reserved;
    uint64_t fw_vendor;
    uint32_t fw_revision, pad;
    uint64_t con_in_handle, con_in, con_out_handle, con_out;
    uint64_t std_err_handle, std_err, runtime, boot;
    uint64_t nr_tables, tables;
};

static struct {
    bool booted;
    uint32_t version, fw_revision;
    uint64_t tables, nr_tables;
    bool have_vendor;
    uint16_t vendor[VENDOR_MAX];
    size_t map_len, desc_size;
    uint8_t map[MAP_MAX] __aligned(8);
    bool have_rt;
    struct efi_fw_rt rt;
} fw;

/* The loader's pointers are physical; the early direct map holds the low
 * 4 GiB, where UEFI on the machines we boot keeps these structures. */
static bool low(paddr_t pa, size_t n)
{
    return pa && pa < LOW_4G && n <= LOW_4G - pa;
}

static void capture_vendor(paddr_t pa)
{
    unsigned int i;

    if ( !low(pa, sizeof(fw.vendor)) )
        return;
    for ( i = 0; i < VENDOR_MAX - 1; i++ )
        if ( !(fw.vendor[i] = ((const uint16_t *)__va(pa))[i]) )
            break;
    fw.vendor[i] = 0;
    fw.have_vendor = true;
}

/* The runtime services table: kept only if its signature is right. */
static void capture_rt(paddr_t pa)
{
    if ( !low(pa, sizeof(fw.rt)) )
        return;
    memcpy(&fw.rt, __va(pa), sizeof(fw.rt));
    fw.have_rt = fw.rt.signature == EFI_RT_SIG;
    if ( !fw.have_rt )
        printk(XENLOG_WARNING "EFI: no runtime services table at %#lx\n",
               (unsigned long)pa);
}

void efi_fw_capture(paddr_t systab, const void *descs, size_t len,
                    size_t desc_size)
{
    const struct efi_systab *st;

    if ( !low(systab, sizeof(*st)) )
    {
        if ( systab )
            printk(XENLOG_WARNING "EFI: system table at %#lx is out of reach\n",
                   (unsigned long)systab);
        return;
    }
    st = __va(systab);
    if ( st->signature != EFI_SYSTAB_SIG )
    {
        printk(XENLOG_WARNING "EFI: no system table at %#lx\n",
               (unsigned long)systab);
        return;
    }
    fw.booted = true;
    fw.version = st->revision;
    fw.fw_revision = st->fw_revision;
    fw.tables = st->tables;
    fw.nr_tables = st->nr_tables;
    capture_vendor(st->fw_vendor);
    capture_rt(st->runtime);
    if ( !descs || desc_size < sizeof(struct efi_fw_desc) )
        return;
    if ( len > MAP_MAX )
    {
        printk(XENLOG_WARNING "EFI: memory map of %lu bytes, %u kept\n",
               (unsigned long)len, MAP_MAX);
        len = MAP_MAX - MAP_MAX % desc_size;
    }
    memcpy(fw.map, descs, len);
    fw.map_len = len - len % desc_size;
    fw.desc_size = desc_size;
}

bool efi_fw_booted(void)
{
    return fw.booted;
}

const struct efi_fw_rt *efi_fw_rt(void)
{
    return fw.have_rt ? &fw.rt : NULL;
}

const struct efi_fw_desc *efi_fw_desc(unsigned int i)
{
    if ( !fw.desc_size || i >= fw.map_len / fw.desc_size )
        return NULL;
    return (const void *)(fw.map + (size_t)i * fw.desc_size);
}

/*
 * Up to bufsz / 2 UCS-2 units, ending after the NUL if it comes first:
 * a buffer too small gets a string without its NUL and no error, as on
 * Xen.  The whole buffer must be guest memory (-EFAULT otherwise).
 */
static long copy_vendor(union xenpf_efi_info *info)
{
    uint16_t *dst = info->vendor.name.p;
    size_t n = info->vendor.bufsz / sizeof(uint16_t), i;

    if ( !fw.have_vendor )
        return -EOPNOTSUPP;
    info->vendor.revision = fw.fw_revision;
    if ( !guest_range_ok(dst, n * sizeof(uint16_t)) )
        return -EFAULT;
    for ( i = 0; i < n && i < VENDOR_MAX; i++ )
    {
        if ( copy_to_guest_ptr(dst + i, &fw.vendor[i], sizeof(uint16_t)) )
            return -EFAULT;
        if ( !fw.vendor[i] )
            break;
    }
    return 0;
}

/*
 * The descriptor holding mem.addr: its type and attributes, and mem.size
 * cut down to the descriptor's end when the range runs past it (or wraps).
 */
static long mem_info(union xenpf_efi_info *info)
{
    uint64_t addr = info->mem.addr, size = info->mem.size;

    for ( size_t off = 0; off < fw.map_len; off += fw.desc_size )
    {
        const struct efi_fw_desc *d = (const void *)(fw.map + off);
        uint64_t end = d->phys + (d->pages << EFI_PAGE_SHIFT);

        if ( addr < d->phys || addr >= end )
            continue;
        info->mem.type = d->type;
        info->mem.attr = d->attr;
        if ( addr + size < addr || addr + size > end )
            info->mem.size = end - addr;
        return 0;
    }
    return -ESRCH;
}

long efi_fw_info(uint32_t idx, union xenpf_efi_info *info)
{
    if ( !fw.booted )
        return -ENOSYS;              /* Xen's answer when not booted by EFI */
    switch ( idx )
    {
    case XEN_FW_EFI_VERSION:
        info->version = fw.version;
        return 0;
    case XEN_FW_EFI_CONFIG_TABLE:
        info->cfg.addr = fw.tables;
        info->cfg.nent = fw.nr_tables;
        return 0;
    case XEN_FW_EFI_VENDOR:
        return copy_vendor(info);
    case XEN_FW_EFI_MEM_INFO:
        return mem_info(info);
    case XEN_FW_EFI_RT_VERSION:
        if ( !efi_rt_enabled() )
            return -EOPNOTSUPP;      /* efi=no-rs, or no usable table */
        info->version = fw.rt.revision;
        return 0;
    case XEN_FW_EFI_PCI_ROM:
        return -ESRCH;               /* no option ROMs kept */
    case XEN_FW_EFI_APPLE_PROPERTIES:
        return -ENODATA;
    }
    return -EINVAL;
}
