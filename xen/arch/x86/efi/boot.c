/*
 * xen.efi: the hypervisor as a UEFI application (GNU-EFI).
 *
 * It reads xen.cfg from its own directory on the boot volume, loads the
 * files named there with the EFI file protocols, loads the hypervisor
 * image it carries (xen/xen) where that image asks to be, and hands over
 * exactly as a Multiboot2 loader would: an information block with the
 * command line, the modules, the memory map (as Multiboot2 and as the EFI
 * map itself), the EFI system table and the ACPI RSDP; boot services
 * exited; 32-bit protected mode, paging off (handover.S).  From there the
 * start of day is the Multiboot path's.
 *
 * xen.cfg (lines; '#' starts a comment; blank lines are ignored):
 *   options=<hypervisor command line>
 *   kernel=<file> [command line]       dom0's kernel (required)
 *   ramdisk=<file>                     dom0's initrd
 *   module=<file> [command line]       more modules (domU kernels ...),
 *                                      in order, any number
 * Files are looked up in xen.efi's directory.  Anything missing or wrong
 * is printed on the EFI console (which the firmware also sends to the
 * serial port) and xen.efi returns to the firmware with an error.
 *
 * Runtime services regions stay reserved in the memory map (the
 * hypervisor calls the services for dom0 only; ACPI does reboot and
 * power-off).
 *
 * The display: as Xen's EFI loader does, the graphics output protocol's
 * largest mode is set and handed over as a Multiboot2 framebuffer tag,
 * which dom0 is told about (console.dom0, XEN_VGATYPE_EFI_LFB).
 */
#include <efi.h>
#include <efilib.h>
#include <stdbool.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define MB2_MAGIC          0x36d76289
#define MB2_TAG_END        0
#define MB2_TAG_CMDLINE    1
#define MB2_TAG_LOADER     2
#define MB2_TAG_MODULE     3
#define MB2_TAG_MMAP       6
#define MB2_TAG_EFI64      12
#define MB2_TAG_ACPI_OLD   14
#define MB2_TAG_ACPI_NEW   15
#define MB2_TAG_EFI_MMAP   17
#define MB2_TAG_FRAMEBUFFER 8
#define MB2_FB_RGB         1

#define E820_RAM      1
#define E820_RESERVED 2
#define E820_ACPI     3
#define E820_NVS      4

#define MAX_MODULES   16
#define LINE_MAX      1024
#define INFO_PAGES    16                 /* the Multiboot2 block, 64 KiB */
#define BELOW_4G      0xffffffffULL

extern char handover_start[], handover_end[], xen_image[], xen_image_end[];

struct module {
    EFI_PHYSICAL_ADDRESS start;
    UINTN size;
    CHAR8 string[LINE_MAX];              /* "file args" */
};

static struct {
    CHAR8 options[LINE_MAX];
    struct module mods[MAX_MODULES];     /* kernel, ramdisk, the others */
    unsigned int nr_mods;
    bool have_kernel, have_ramdisk;
} cfg;

static EFI_FILE_HANDLE root;
static CHAR16 dir[512];

/* ---- small helpers ---- */

static void __attribute__((noreturn)) hang(void)
{
    for ( ; ; )
        __asm__ volatile ( "hlt" );
}

static EFI_STATUS fail(EFI_STATUS st, const CHAR16 *what, const CHAR8 *name)
{
    if ( name )
        Print(L"xen.efi: %s: %a\r\n", what, name);
    else
        Print(L"xen.efi: %s\r\n", what);
    return st;
}

static UINTN len8(const CHAR8 *s)
{
    UINTN n = 0;

    while ( s[n] )
        n++;
    return n;
}

static void copy8(CHAR8 *dst, const CHAR8 *src, UINTN max)
{
    UINTN i;

    for ( i = 0; i + 1 < max && src[i]; i++ )
        dst[i] = src[i];
    dst[i] = 0;
}

static EFI_STATUS alloc_low(UINTN pages, EFI_PHYSICAL_ADDRESS *addr)
{
    *addr = BELOW_4G;
    return uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress,
                             EfiLoaderData, pages, addr);
}

/* ---- files ---- */

/* dir = the directory xen.efi was started from, e.g. \EFI\BOOT */
static void find_own_dir(EFI_LOADED_IMAGE *li)
{
    CHAR16 *path = DevicePathToStr(li->FilePath);
    UINTN n = 0, cut = 0;

    if ( path )
        for ( ; path[n] && n + 1 < ARRAY_SIZE(dir); n++ )
        {
            dir[n] = path[n] == L'/' ? L'\\' : path[n];
            if ( dir[n] == L'\\' )
                cut = n;
        }
    dir[cut] = 0;
}

/* Read file name (in our directory) into pages below 4 GiB. */
static EFI_STATUS read_file(const CHAR8 *name, EFI_PHYSICAL_ADDRESS *addr,
                            UINTN *size)
{
    CHAR16 path[sizeof(dir) / sizeof(CHAR16) + LINE_MAX];
    EFI_FILE_HANDLE fh;
    EFI_FILE_INFO *info;
    EFI_STATUS st;
    UINTN n = 0;

    for ( UINTN i = 0; dir[i]; i++ )
        path[n++] = dir[i];
    path[n++] = L'\\';
    for ( UINTN i = 0; name[i] && n + 1 < ARRAY_SIZE(path); i++ )
        path[n++] = name[i];
    path[n] = 0;
    st = uefi_call_wrapper(root->Open, 5, root, &fh, path, EFI_FILE_MODE_READ, 0);
    if ( EFI_ERROR(st) )
        return st;
    if ( !(info = LibFileInfo(fh)) )
    {
        uefi_call_wrapper(fh->Close, 1, fh);
        return EFI_LOAD_ERROR;
    }
    *size = info->FileSize;
    FreePool(info);
    st = alloc_low(EFI_SIZE_TO_PAGES(*size ? *size : 1), addr);
    if ( !EFI_ERROR(st) )
        st = uefi_call_wrapper(fh->Read, 3, fh, size, (void *)*addr);
    uefi_call_wrapper(fh->Close, 1, fh);
    return st;
}

/* ---- xen.cfg ---- */

static bool key_is(const CHAR8 *line, const char *key, const CHAR8 **val)
{
    UINTN k = 0;

    while ( key[k] && line[k] == (CHAR8)key[k] )
        k++;
    if ( key[k] || line[k] != '=' )
        return false;
    *val = line + k + 1;
    return true;
}

static EFI_STATUS add_module(const CHAR8 *val, unsigned int slot)
{
    if ( slot >= MAX_MODULES )
        return fail(EFI_INVALID_PARAMETER, L"xen.cfg: too many modules", NULL);
    if ( !*val )
        return fail(EFI_INVALID_PARAMETER, L"xen.cfg: a module line without a file", NULL);
    copy8(cfg.mods[slot].string, val, LINE_MAX);
    if ( slot >= cfg.nr_mods )
        cfg.nr_mods = slot + 1;
    return EFI_SUCCESS;
}

static EFI_STATUS parse_line(CHAR8 *line)
{
    const CHAR8 *val;

    while ( *line == ' ' || *line == '\t' )
        line++;
    if ( !*line || *line == '#' )
        return EFI_SUCCESS;
    if ( key_is(line, "options", &val) )
    {
        copy8(cfg.options, val, LINE_MAX);
        return EFI_SUCCESS;
    }
    if ( key_is(line, "kernel", &val) )
    {
        cfg.have_kernel = true;
        return add_module(val, 0);
    }
    if ( key_is(line, "ramdisk", &val) )
    {
        cfg.have_ramdisk = true;
        return add_module(val, 1);
    }
    if ( key_is(line, "module", &val) )
        return add_module(val, cfg.nr_mods < 2 ? 2 : cfg.nr_mods);
    return fail(EFI_INVALID_PARAMETER, L"xen.cfg: unknown line", line);
}

static EFI_STATUS read_config(void)
{
    EFI_PHYSICAL_ADDRESS addr;
    UINTN size, start = 0;
    EFI_STATUS st;
    CHAR8 *text;

    st = read_file((const CHAR8 *)"xen.cfg", &addr, &size);
    if ( EFI_ERROR(st) )
        return fail(st, L"cannot read the configuration file", (CHAR8 *)"xen.cfg");
    text = (CHAR8 *)addr;
    for ( UINTN i = 0; i <= size; i++ )
        if ( i == size || text[i] == '\n' || text[i] == '\r' )
        {
            CHAR8 line[LINE_MAX];
            UINTN n = i - start < LINE_MAX ? i - start : LINE_MAX - 1;

            for ( UINTN j = 0; j < n; j++ )
                line[j] = text[start + j];
            line[n] = 0;
            start = i + 1;
            if ( EFI_ERROR((st = parse_line(line))) )
                return st;
        }
    if ( !cfg.have_kernel )
        return fail(EFI_NOT_FOUND, L"xen.cfg: no kernel= line", NULL);
    if ( !cfg.have_ramdisk && cfg.nr_mods > 2 )
    {
        /* No ramdisk: the further modules move up by one. */
        for ( unsigned int m = 1; m + 1 < cfg.nr_mods; m++ )
            cfg.mods[m] = cfg.mods[m + 1];
        cfg.nr_mods--;
    }
    else if ( !cfg.have_ramdisk )
        cfg.nr_mods = 1;
    return EFI_SUCCESS;
}

static EFI_STATUS load_modules(void)
{
    for ( unsigned int m = 0; m < cfg.nr_mods; m++ )
    {
        CHAR8 name[LINE_MAX];
        UINTN n = 0;
        EFI_STATUS st;

        while ( cfg.mods[m].string[n] && cfg.mods[m].string[n] != ' ' )
        {
            name[n] = cfg.mods[m].string[n];
            n++;
        }
        name[n] = 0;
        st = read_file(name, &cfg.mods[m].start, &cfg.mods[m].size);
        if ( EFI_ERROR(st) )
            return fail(st, L"cannot load module", name);
        Print(L"xen.efi: loaded %a (%d bytes)\r\n", name, cfg.mods[m].size);
    }
    return EFI_SUCCESS;
}

/* ---- the hypervisor image ---- */

typedef struct {
    UINT8 ident[16];
    UINT16 type, machine;
    UINT32 version, entry, phoff, shoff, flags;
    UINT16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf32_ehdr;

typedef struct {
    UINT32 type, offset, vaddr, paddr, filesz, memsz, flags, align;
} elf32_phdr;

static EFI_STATUS load_hypervisor(UINT32 *entry)
{
    const elf32_ehdr *eh = (const elf32_ehdr *)xen_image;
    UINTN len = xen_image_end - xen_image;

    if ( len < sizeof(*eh) || eh->ident[0] != 0x7f || eh->ident[1] != 'E' ||
         eh->ident[4] != 1 || eh->phoff + (UINTN)eh->phnum * sizeof(elf32_phdr) > len )
        return fail(EFI_LOAD_ERROR, L"the built-in hypervisor image is not ELF32", NULL);
    for ( unsigned int i = 0; i < eh->phnum; i++ )
    {
        const elf32_phdr *ph = (const elf32_phdr *)(xen_image + eh->phoff) + i;
        EFI_PHYSICAL_ADDRESS at = ph->paddr & ~0xfffULL;
        UINTN pages = EFI_SIZE_TO_PAGES(ph->paddr + ph->memsz - at);
        EFI_STATUS st;

        if ( ph->type != 1 )
            continue;
        if ( ph->offset + (UINTN)ph->filesz > len )
            return fail(EFI_LOAD_ERROR, L"the hypervisor image is truncated", NULL);
        st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress,
                               EfiLoaderData, pages, &at);
        if ( EFI_ERROR(st) )
            return fail(st, L"the memory the hypervisor is linked for is in use", NULL);
        CopyMem((void *)(UINTN)ph->paddr, (void *)(xen_image + ph->offset), ph->filesz);
        SetMem((void *)(UINTN)(ph->paddr + ph->filesz), ph->memsz - ph->filesz, 0);
    }
    *entry = eh->entry;
    return EFI_SUCCESS;
}

/* ---- the Multiboot2 information block ---- */

static UINT8 *info;
static UINTN info_len;

static void *tag(UINT32 type, UINT32 size)
{
    UINT32 *t = (UINT32 *)(info + info_len);

    t[0] = type;
    t[1] = size;
    info_len += (size + 7) & ~7U;
    return t;
}

static void tag_string(UINT32 type, const CHAR8 *s)
{
    UINTN n = len8(s);
    UINT8 *t = tag(type, 8 + n + 1);

    CopyMem(t + 8, (void *)s, n + 1);
}

/* Position and width of the lowest run of set bits in mask. */
static void mask_field(UINT32 mask, UINT8 *pos, UINT8 *size)
{
    *pos = *size = 0;
    if ( !mask )
        return;
    while ( !(mask & 1) )
    {
        mask >>= 1;
        ++*pos;
    }
    while ( mask & 1 )
    {
        mask >>= 1;
        ++*size;
    }
}

/* Bits per pixel of a mode, 0 for a format without a framebuffer. */
static UINT32 mode_bpp(const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *m)
{
    UINT32 all;
    UINT32 bpp = 0;

    switch ( m->PixelFormat )
    {
    case PixelRedGreenBlueReserved8BitPerColor:
    case PixelBlueGreenRedReserved8BitPerColor:
        return 32;
    case PixelBitMask:
        all = m->PixelInformation.RedMask | m->PixelInformation.GreenMask |
              m->PixelInformation.BlueMask |
              m->PixelInformation.ReservedMask;
        while ( all )
        {
            all >>= 1;
            bpp++;
        }
        return bpp;
    default:
        return 0;
    }
}

/* The mode with the most pixels among those with a framebuffer (what
 * Xen's loader picks when not told otherwise), or ~0. */
static UINT32 largest_mode(EFI_GRAPHICS_OUTPUT_PROTOCOL *gop)
{
    UINT32 best = ~0U;
    UINT64 most = 0;

    for ( UINT32 i = 0; i < gop->Mode->MaxMode; i++ )
    {
        EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *m;
        UINTN size;
        UINT64 px;

        if ( EFI_ERROR(uefi_call_wrapper(gop->QueryMode, 4, gop, i, &size, &m)) )
            continue;
        px = (UINT64)m->HorizontalResolution * m->VerticalResolution;
        if ( mode_bpp(m) && px > most )
        {
            most = px;
            best = i;
        }
    }
    return best;
}

/* Set the largest mode and describe it in a framebuffer tag; nothing if
 * there is no graphics output or no usable mode. */
static void add_framebuffer(void)
{
    EFI_GRAPHICS_OUTPUT_PROTOCOL *gop;
    EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *m;
    UINTN size;
    UINT32 mode, bpp, *t;
    UINT8 *c;

    if ( EFI_ERROR(uefi_call_wrapper(BS->LocateProtocol, 3,
                                     &GraphicsOutputProtocol, NULL,
                                     (void **)&gop)) || !gop || !gop->Mode )
        return;
    mode = largest_mode(gop);
    if ( mode != ~0U && mode != gop->Mode->Mode )
        uefi_call_wrapper(gop->SetMode, 2, gop, mode);
    if ( EFI_ERROR(uefi_call_wrapper(gop->QueryMode, 4, gop, gop->Mode->Mode,
                                     &size, &m)) ||
         !(bpp = mode_bpp(m)) || !gop->Mode->FrameBufferBase ||
         !m->HorizontalResolution || !m->VerticalResolution )
        return;
    t = tag(MB2_TAG_FRAMEBUFFER, 38);
    *(UINT64 *)(t + 2) = gop->Mode->FrameBufferBase;
    t[4] = (m->PixelsPerScanLine * bpp + 7) / 8;     /* pitch */
    t[5] = m->HorizontalResolution;
    t[6] = m->VerticalResolution;
    c = (UINT8 *)(t + 7);
    c[0] = bpp;
    c[1] = MB2_FB_RGB;
    c[2] = c[3] = 0;
    c += 4;                                          /* colour fields */
    switch ( m->PixelFormat )
    {
    case PixelRedGreenBlueReserved8BitPerColor:
        c[0] = 0, c[2] = 8, c[4] = 16;
        c[1] = c[3] = c[5] = 8;
        break;
    case PixelBlueGreenRedReserved8BitPerColor:
        c[0] = 16, c[2] = 8, c[4] = 0;
        c[1] = c[3] = c[5] = 8;
        break;
    default:
        mask_field(m->PixelInformation.RedMask, &c[0], &c[1]);
        mask_field(m->PixelInformation.GreenMask, &c[2], &c[3]);
        mask_field(m->PixelInformation.BlueMask, &c[4], &c[5]);
        break;
    }
}

/* Everything but the memory maps, which come last (the final map). */
static void build_info_head(EFI_SYSTEM_TABLE *st)
{
    static EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;

    info_len = 8;                        /* total size, reserved */
    tag_string(MB2_TAG_CMDLINE, cfg.options);
    tag_string(MB2_TAG_LOADER, (const CHAR8 *)"xen.efi");
    for ( unsigned int m = 0; m < cfg.nr_mods; m++ )
    {
        UINTN n = len8(cfg.mods[m].string);
        UINT32 *t = tag(MB2_TAG_MODULE, 16 + n + 1);

        t[2] = cfg.mods[m].start;
        t[3] = cfg.mods[m].start + cfg.mods[m].size;
        CopyMem(t + 4, cfg.mods[m].string, n + 1);
    }
    {
        UINT64 *t = tag(MB2_TAG_EFI64, 16);

        t[1] = (UINT64)(UINTN)st;
    }
    add_framebuffer();
    for ( UINTN i = 0; i < st->NumberOfTableEntries; i++ )
    {
        EFI_CONFIGURATION_TABLE *ct = &st->ConfigurationTable[i];
        bool v2 = !CompareGuid(&ct->VendorGuid, &acpi20);

        if ( v2 || !CompareGuid(&ct->VendorGuid, &acpi10) )
        {
            UINT32 len = v2 ? 36 : 20;   /* RSDP sizes, v2 and v1 */
            UINT8 *t = tag(v2 ? MB2_TAG_ACPI_NEW : MB2_TAG_ACPI_OLD, 8 + len);

            CopyMem(t + 8, ct->VendorTable, len);
        }
    }
}

static UINT32 e820_type(UINT32 efi_type)
{
    switch ( efi_type )
    {
    case EfiLoaderCode: case EfiLoaderData:
    case EfiBootServicesCode: case EfiBootServicesData:
    case EfiConventionalMemory:
        return E820_RAM;                 /* free once boot services end */
    case EfiACPIReclaimMemory:
        return E820_ACPI;
    case EfiACPIMemoryNVS:
        return E820_NVS;
    default:
        return E820_RESERVED;            /* runtime services, MMIO, ... */
    }
}

static void build_info_maps(const UINT8 *map, UINTN map_size, UINTN desc_size,
                            UINT32 desc_version, UINTN head_len)
{
    UINTN n = map_size / desc_size;
    UINT32 *t;

    info_len = head_len;
    t = tag(MB2_TAG_MMAP, 16 + n * 24);
    t[2] = 24;                           /* entry size */
    t[3] = 0;                            /* entry version */
    for ( UINTN i = 0; i < n; i++ )
    {
        const EFI_MEMORY_DESCRIPTOR *d = (const void *)(map + i * desc_size);
        UINT32 *e = t + 4 + i * 6;

        *(UINT64 *)e = d->PhysicalStart;
        *(UINT64 *)(e + 2) = d->NumberOfPages << EFI_PAGE_SHIFT;
        e[4] = e820_type(d->Type);
        e[5] = 0;
    }
    t = tag(MB2_TAG_EFI_MMAP, 16 + map_size);
    t[2] = desc_size;
    t[3] = desc_version;
    CopyMem(t + 4, (void *)map, map_size);
    tag(MB2_TAG_END, 8);
    ((UINT32 *)info)[0] = info_len;
    ((UINT32 *)info)[1] = 0;
}

/* ---- the handover ---- */

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
    EFI_LOADED_IMAGE *li;
    EFI_PHYSICAL_ADDRESS info_addr, stub_addr, map_addr;
    UINTN map_pages = 8, map_size, map_key, desc_size, head_len;
    UINT32 desc_version, entry;
    EFI_STATUS rc;

    InitializeLib(image, st);
    Print(L"xen.efi: the hypervisor, started by UEFI\r\n");
    rc = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol,
                           (void **)&li);
    if ( EFI_ERROR(rc) || !(root = LibOpenRoot(li->DeviceHandle)) )
        return fail(EFI_LOAD_ERROR, L"cannot open the volume xen.efi is on", NULL);
    find_own_dir(li);
    if ( EFI_ERROR((rc = read_config())) || EFI_ERROR((rc = load_modules())) ||
         EFI_ERROR((rc = load_hypervisor(&entry))) )
        return rc;
    if ( EFI_ERROR(alloc_low(INFO_PAGES, &info_addr)) ||
         EFI_ERROR(alloc_low(1, &stub_addr)) ||
         EFI_ERROR(alloc_low(map_pages, &map_addr)) )
        return fail(EFI_OUT_OF_RESOURCES, L"no memory below 4 GiB", NULL);
    info = (UINT8 *)(UINTN)info_addr;
    CopyMem((void *)(UINTN)stub_addr, handover_start, handover_end - handover_start);
    build_info_head(st);
    head_len = info_len;
    Print(L"xen.efi: entering the hypervisor at %x\r\n", entry);

    /* The map must be the last thing read before ExitBootServices; if
     * the key went stale meanwhile, read it again. */
    for ( unsigned int tries = 0; ; tries++ )
    {
        map_size = map_pages * EFI_PAGE_SIZE;
        rc = uefi_call_wrapper(BS->GetMemoryMap, 5, &map_size,
                               (EFI_MEMORY_DESCRIPTOR *)(UINTN)map_addr,
                               &map_key, &desc_size, &desc_version);
        if ( EFI_ERROR(rc) )
            return fail(rc, L"cannot read the memory map", NULL);
        if ( head_len + 16 + (map_size / desc_size) * 24 + 16 + map_size + 8 >
             INFO_PAGES * EFI_PAGE_SIZE )
            return fail(EFI_BUFFER_TOO_SMALL, L"the memory map is too large", NULL);
        build_info_maps((UINT8 *)(UINTN)map_addr, map_size, desc_size,
                        desc_version, head_len);
        rc = uefi_call_wrapper(BS->ExitBootServices, 2, image, map_key);
        if ( !EFI_ERROR(rc) )
            break;
        if ( tries == 2 )
            return fail(rc, L"ExitBootServices failed", NULL);
    }
    ((void (*)(UINT64, UINT64, UINT64))(UINTN)stub_addr)
        (entry, info_addr, stub_addr + 2048);
    hang();
}
