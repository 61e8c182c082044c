/*
 * Multiboot1 and Multiboot2 information parsing.
 *
 * multiboot_entry() is called from head.S in long mode with the loader's
 * magic and the physical address of its information block.  The low 4 GiB
 * are mapped at DIRECTMAP_VIRT_START by then, which is where every loader
 * structure lives, so everything is read through __va().  The result is a
 * loader-independent struct boot_info for start_xen().
 */
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <asm/page.h>
#include <asm/efi_fw.h>
#include <asm/boot_video.h>

#define MB1_BOOT_MAGIC   0x2badb002
#define MB2_BOOT_MAGIC   0x36d76289

/* Multiboot1 info block flags and layout (the fields we use). */
#define MB1_INFO_MEMORY  (1u << 0)
#define MB1_INFO_CMDLINE (1u << 2)
#define MB1_INFO_MODS    (1u << 3)
#define MB1_INFO_MMAP    (1u << 6)
#define MB1_INFO_LOADER  (1u << 9)

struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
};

struct mb1_module {
    uint32_t start, end, cmdline, reserved;
};

/* A memory map entry is preceded by its size, which excludes the size field. */
struct mb1_mmap {
    uint32_t size;
    uint64_t addr, len;
    uint32_t type;
} __packed;

/* Multiboot2 tags. */
#define MB2_TAG_END       0
#define MB2_TAG_CMDLINE   1
#define MB2_TAG_LOADER    2
#define MB2_TAG_MODULE    3
#define MB2_TAG_MEMINFO   4
#define MB2_TAG_MMAP      6
#define MB2_TAG_EFI64     12
#define MB2_TAG_ACPI_OLD  14
#define MB2_TAG_ACPI_NEW  15
#define MB2_TAG_EFI_MMAP  17
#define MB2_TAG_FRAMEBUFFER 8
#define MB2_FB_RGB        1

struct mb2_tag {
    uint32_t type, size;
};

struct mb2_tag_module {
    struct mb2_tag tag;
    uint32_t start, end;
    char cmdline[];
};

struct mb2_tag_mmap {
    struct mb2_tag tag;
    uint32_t entry_size, entry_version;
};

struct mb2_mmap_entry {
    uint64_t addr, len;
    uint32_t type, reserved;
};

static struct boot_info boot_info;

/*
 * Loader data may sit in RAM that the heap will hand out later (QEMU puts
 * it right after the modules), so every string and the RSDP are copied
 * into the image before start_xen() sees them.
 */
static char string_pool[8192];
static size_t pool_used;
static uint8_t rsdp_copy[64] __aligned(16);

static const char *keep_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *p;

    if ( len > sizeof(string_pool) - pool_used )
    {
        printk(XENLOG_WARNING "boot strings exceed %zu bytes, one dropped\n",
               sizeof(string_pool));
        return "";
    }
    p = memcpy(string_pool + pool_used, s, len);
    pool_used += len;
    return p;
}

/*
 * Multiboot1 loaders other than GRUB 2 (QEMU's -kernel among them) start
 * every command line with the image's file name; drop it so that options
 * begin at the first real word.
 */
static const char *skip_image_name(const char *s, bool has_name)
{
    while ( *s == ' ' )
        s++;
    if ( !has_name )
        return s;
    while ( *s && *s != ' ' )
        s++;
    while ( *s == ' ' )
        s++;
    return s;
}

static void detach_from_loader(struct boot_info *bi, bool names)
{
    bi->loader = keep_string(bi->loader);
    bi->cmdline = keep_string(skip_image_name(bi->cmdline, names));
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        bi->mods[i].cmdline =
            keep_string(skip_image_name(bi->mods[i].cmdline, names));
    if ( bi->rsdp )
    {
        memcpy(rsdp_copy, __va(bi->rsdp), sizeof(rsdp_copy));
        bi->rsdp = __pa(rsdp_copy);
    }
}

static const char *str_or_empty(uint32_t pa)
{
    return pa ? __va(pa) : "";
}

static void add_mem(struct boot_info *bi, uint64_t addr, uint64_t len,
                    uint32_t type)
{
    if ( bi->nr_mem == MAX_MEMMAP )
    {
        printk(XENLOG_WARNING "memory map: more than %u entries, rest ignored\n",
               MAX_MEMMAP);
        return;
    }
    bi->mem[bi->nr_mem++] = (struct boot_mem_range){ addr, len, type };
}

static void add_module(struct boot_info *bi, paddr_t start, paddr_t end,
                       const char *cmdline)
{
    if ( bi->nr_modules == MAX_BOOT_MODULES )
    {
        printk(XENLOG_WARNING "more than %u boot modules, rest ignored\n",
               MAX_BOOT_MODULES);
        return;
    }
    if ( end < start )
        end = start;
    bi->mods[bi->nr_modules++] = (struct boot_module){ start, end - start, cmdline };
}

static void parse_mb1(struct boot_info *bi, paddr_t info)
{
    const struct mb1_info *mbi = __va(info);
    unsigned int i;

    bi->info_start = info;
    bi->info_end = info + sizeof(*mbi);
    if ( mbi->flags & MB1_INFO_CMDLINE )
        bi->cmdline = str_or_empty(mbi->cmdline);
    if ( mbi->flags & MB1_INFO_LOADER )
        bi->loader = str_or_empty(mbi->boot_loader_name);

    if ( mbi->flags & MB1_INFO_MODS )
    {
        const struct mb1_module *m = __va(mbi->mods_addr);

        for ( i = 0; i < mbi->mods_count; i++ )
            add_module(bi, m[i].start, m[i].end, str_or_empty(m[i].cmdline));
    }

    if ( mbi->flags & MB1_INFO_MMAP )
    {
        paddr_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

        while ( p + sizeof(struct mb1_mmap) <= end )
        {
            const struct mb1_mmap *e = __va(p);

            add_mem(bi, e->addr, e->len, e->type);
            p += e->size + sizeof(e->size);
        }
    }
    else if ( mbi->flags & MB1_INFO_MEMORY )
    {
        /* No map: the two classic sizes in KiB are all there is. */
        add_mem(bi, 0, (uint64_t)mbi->mem_lower << 10, MEM_RAM);
        add_mem(bi, MB(1), (uint64_t)mbi->mem_upper << 10, MEM_RAM);
    }
}

static void parse_mb2_mmap(struct boot_info *bi, const struct mb2_tag_mmap *t)
{
    const char *p = (const char *)(t + 1);
    const char *end = (const char *)t + t->tag.size;

    if ( t->entry_size < sizeof(struct mb2_mmap_entry) )
        return;
    for ( ; p + t->entry_size <= end; p += t->entry_size )
    {
        const struct mb2_mmap_entry *e = (const void *)p;

        add_mem(bi, e->addr, e->len, e->type);
    }
}

/*
 * The EFI memory map tag: the firmware's own descriptors, used when the
 * loader gave no Multiboot2 map.  Boot services have ended (that is how
 * the hypervisor is entered), so their memory and the loader's are free
 * RAM; runtime services, MMIO and the rest stay reserved.
 */
struct mb2_tag_efi_mmap {
    struct mb2_tag tag;
    uint32_t desc_size, desc_version;
};

struct efi_mem_desc {
    uint32_t type, pad;
    uint64_t phys, virt, pages, attr;
};

static uint32_t efi_to_mem_type(uint32_t t)
{
    switch ( t )
    {
    case 1: case 2:          /* loader code/data */
    case 3: case 4:          /* boot services code/data */
    case 7:                  /* conventional */
        return MEM_RAM;
    case 9:                  /* ACPI reclaimable */
        return MEM_ACPI;
    case 10:                 /* ACPI NVS */
        return MEM_NVS;
    case 8:                  /* unusable */
        return MEM_UNUSABLE;
    default:                 /* runtime services, MMIO, reserved, ... */
        return MEM_RESERVED;
    }
}

static void parse_mb2_efi_mmap(struct boot_info *bi,
                               const struct mb2_tag_efi_mmap *t)
{
    const char *p = (const char *)(t + 1);
    const char *end = (const char *)t + t->tag.size;

    if ( t->desc_size < sizeof(struct efi_mem_desc) )
        return;
    for ( ; p + t->desc_size <= end; p += t->desc_size )
    {
        const struct efi_mem_desc *d = (const void *)p;

        add_mem(bi, d->phys, d->pages << PAGE_SHIFT, efi_to_mem_type(d->type));
    }
}

static const struct mb2_tag_efi_mmap *efi_mmap_tag;
static const struct mb2_tag *fb_tag;

/* A Multiboot2 framebuffer tag of the direct-colour kind (xen.efi's, or
 * GRUB's under UEFI, from the graphics output protocol): kept for dom0's
 * console info.  An EGA-text or indexed one is ignored. */
static void parse_mb2_framebuffer(const struct mb2_tag *t)
{
    const uint8_t *b = (const uint8_t *)t;
    struct boot_lfb fb;

    if ( t->size < 38 || b[29] != MB2_FB_RGB )
        return;
    fb.base = *(const uint64_t *)(b + 8);
    fb.pitch = *(const uint32_t *)(b + 16);
    fb.width = *(const uint32_t *)(b + 20);
    fb.height = *(const uint32_t *)(b + 24);
    fb.bpp = b[28];
    memcpy(fb.colour, b + 32, sizeof(fb.colour));
    boot_video_set_lfb(&fb);
}

static void parse_mb2_tag(struct boot_info *bi, const struct mb2_tag *t)
{
    const struct mb2_tag_module *mod;

    switch ( t->type )
    {
    case MB2_TAG_CMDLINE:
        bi->cmdline = (const char *)(t + 1);
        break;
    case MB2_TAG_LOADER:
        bi->loader = (const char *)(t + 1);
        break;
    case MB2_TAG_MODULE:
        mod = (const void *)t;
        add_module(bi, mod->start, mod->end, mod->cmdline);
        break;
    case MB2_TAG_MMAP:
        parse_mb2_mmap(bi, (const void *)t);
        break;
    case MB2_TAG_EFI64:
        bi->efi_systab = *(const uint64_t *)(t + 1);
        break;
    case MB2_TAG_ACPI_OLD:
        if ( !bi->rsdp )
            bi->rsdp = __pa(t + 1);
        break;
    case MB2_TAG_ACPI_NEW:
        bi->rsdp = __pa(t + 1);  /* the v2 copy wins: it has the XSDT */
        break;
    case MB2_TAG_EFI_MMAP:
        efi_mmap_tag = (const void *)t;
        break;
    case MB2_TAG_FRAMEBUFFER:
        fb_tag = t;
        break;
    }
}

static void parse_mb2(struct boot_info *bi, paddr_t info)
{
    uint32_t total = *(const uint32_t *)__va(info);
    paddr_t p = info + 8, end = info + total;

    bi->info_start = info;
    bi->info_end = end;
    while ( p + sizeof(struct mb2_tag) <= end )
    {
        const struct mb2_tag *t = __va(p);

        if ( t->type == MB2_TAG_END || t->size < sizeof(*t) )
            break;
        parse_mb2_tag(bi, t);
        p += ROUNDUP(t->size, 8);
    }
    if ( !bi->nr_mem && efi_mmap_tag )
        parse_mb2_efi_mmap(bi, efi_mmap_tag);
    /* Only a UEFI boot's framebuffer is dom0's console: under a BIOS the
     * VGA text console (BIOS data area) stays, as on Xen, whatever mode a
     * loader with a VBE driver may have left. */
    if ( fb_tag && bi->efi_systab )
        parse_mb2_framebuffer(fb_tag);
    if ( efi_mmap_tag && efi_mmap_tag->tag.size >= sizeof(*efi_mmap_tag) )
        efi_fw_capture(bi->efi_systab, efi_mmap_tag + 1,
                       efi_mmap_tag->tag.size - sizeof(*efi_mmap_tag),
                       efi_mmap_tag->desc_size);
    else
        efi_fw_capture(bi->efi_systab, NULL, 0, 0);
}

void __noreturn multiboot_entry(uint32_t magic, uint32_t info)
{
    struct boot_info *bi = &boot_info;

    bi->loader = "unknown";
    bi->cmdline = "";
    if ( magic == MB1_BOOT_MAGIC )
        parse_mb1(bi, info);
    else if ( magic == MB2_BOOT_MAGIC )
        parse_mb2(bi, info);
    else
        panic("not started by a Multiboot loader (magic %#x)", magic);
    detach_from_loader(bi, magic == MB1_BOOT_MAGIC &&
                           strncmp(bi->loader, "GRUB 2", 6));
    start_xen(bi);
}
