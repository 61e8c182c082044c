/*
 * The Xen ELF notes of a PV kernel (interface in libelf.h; note types in
 * public/elfnote.h).
 *
 * elf_xen_parse() walks every PT_NOTE segment of a validated image (or,
 * when none holds a "Xen" note, every SHT_NOTE section), decodes each
 * "Xen" note into struct elf_xen_params, then applies the checks Xen's
 * own loader applies before building a domain from the image:
 *   - the LOADER note starts with "generic" or GUEST_OS with "linux";
 *   - XEN_VERSION starts with "xen-3.0";
 *   - every feature marked required ("!name") has a name we know;
 *   - PADDR_OFFSET is not given without VIRT_BASE, and the entry point
 *     and VIRT_BASE lie within/below the kernel's virtual extent, which
 *     is [pstart, pend) shifted by VIRT_BASE - PADDR_OFFSET.
 * Notes whose size does not fit their type are rejected, never guessed.
 */
#include "libelf-private.h"
#include <public/elfnote.h>

/* ---- Feature strings ---------------------------------------------------- */

/* The names Xen's loader knows; others are ignored unless required. */
static const struct {
    const char *name;
    unsigned int bit;
} feature_names[] = {
    { "writable_page_tables",       XENFEAT_writable_page_tables },
    { "writable_descriptor_tables", XENFEAT_writable_descriptor_tables },
    { "auto_translated_physmap",    XENFEAT_auto_translated_physmap },
    { "supervisor_mode_kernel",     XENFEAT_supervisor_mode_kernel },
    { "pae_pgdir_above_4gb",        XENFEAT_pae_pgdir_above_4gb },
    { "hvm_callback_vector",        XENFEAT_hvm_callback_vector },
    { "dom0",                       XENFEAT_dom0 },
};

static int feature_bit(const char *name, size_t len)
{
    for ( unsigned int i = 0; i < sizeof(feature_names) / sizeof(feature_names[0]); i++ )
        if ( strlen(feature_names[i].name) == len &&
             !memcmp(feature_names[i].name, name, len) )
            return feature_names[i].bit;
    return -1;
}

static void feature_set(uint32_t *map, unsigned int bit)
{
    map[bit / 32] |= 1U << (bit % 32);
}

int elf_xen_parse_features(const char *s, size_t len, uint32_t *supported,
                           uint32_t *required, const char **bad,
                           size_t *bad_len)
{
    size_t pos = 0;

    while ( pos < len )
    {
        const char *tok = s + pos;
        const char *bar = memchr(tok, '|', len - pos);
        size_t tlen = bar ? (size_t)(bar - tok) : len - pos;
        bool req = tlen > 0 && tok[0] == '!';
        int bit = feature_bit(tok + req, tlen - req);

        pos += tlen + 1;
        if ( bit >= 0 )
        {
            feature_set(supported, bit);
            if ( req )
                feature_set(required, bit);
        }
        else if ( req )
        {
            *bad = tok;
            *bad_len = tlen;
            return -EINVAL;
        }
    }
    return 0;
}

/* ---- Decoding one note -------------------------------------------------- */

static int note_number(struct elf_binary *elf, const uint8_t *d, uint32_t sz,
                       uint64_t *val)
{
    if ( sz != 1 && sz != 2 && sz != 4 && sz != 8 )
        return elf_fail(elf, "Xen ELF note: integer of unexpected size");
    *val = 0;
    for ( uint32_t i = 0; i < sz; i++ )
        *val |= (uint64_t)d[i] << (8 * i);
    return 0;
}

static uint64_t le_bytes(const uint8_t *d, unsigned int n)
{
    uint64_t v = 0;

    for ( unsigned int i = 0; i < n; i++ )
        v |= (uint64_t)d[i] << (8 * i);
    return v;
}

/*
 * A string note: the descriptor up to its first NUL, or all of it.  Linux
 * emits FEATURES with .ascii, without a NUL (Xen's loader then reads on
 * into the padding); the descriptor's size is the bound we trust.
 */
static size_t note_string_len(const uint8_t *d, uint32_t sz)
{
    const uint8_t *nul = sz ? memchr(d, 0, sz) : NULL;

    return nul ? (size_t)(nul - d) : sz;
}

/* The string d[0, len) contains word (d need not be NUL-terminated). */
static bool contains(const uint8_t *d, size_t len, const char *word)
{
    size_t wlen = strlen(word);

    for ( size_t i = 0; i + wlen <= len; i++ )
        if ( !memcmp(d + i, word, wlen) )
            return true;
    return false;
}

static void copy_trunc(char *dst, size_t dstsz, const uint8_t *src, size_t len)
{
    if ( len >= dstsz )
        len = dstsz - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static int parse_string_note(struct elf_binary *elf, struct elf_xen_params *p,
                             uint32_t type, const uint8_t *d, uint32_t sz)
{
    size_t len = note_string_len(d, sz);

    switch ( type )
    {
    case XEN_ELFNOTE_XEN_VERSION:
        copy_trunc(p->xen_version, sizeof(p->xen_version), d, len);
        break;
    case XEN_ELFNOTE_GUEST_OS:
        copy_trunc(p->guest_os, sizeof(p->guest_os), d, len);
        break;
    case XEN_ELFNOTE_GUEST_VERSION:
        copy_trunc(p->guest_version, sizeof(p->guest_version), d, len);
        break;
    case XEN_ELFNOTE_LOADER:
        copy_trunc(p->loader, sizeof(p->loader), d, len);
        break;
    case XEN_ELFNOTE_PAE_MODE:
        if ( len == 3 && !memcmp(d, "yes", 3) )
            p->pae = ELF_PAE_YES;
        if ( contains(d, len, "bimodal") )
            p->pae = ELF_PAE_BIMODAL;
        break;
    case XEN_ELFNOTE_BSD_SYMTAB:
        p->bsd_symtab = len == 3 && !memcmp(d, "yes", 3);
        break;
    case XEN_ELFNOTE_FEATURES:
        if ( elf_xen_parse_features((const char *)d, len, p->f_supported,
                                    p->f_required, &elf->detail,
                                    &elf->detail_len) )
        {
            elf->error = "FEATURES note requires a feature unknown to us";
            return -EINVAL;
        }
        break;
    }
    return 0;
}

static uint64_t *number_slot(struct elf_xen_params *p, uint32_t type)
{
    switch ( type )
    {
    case XEN_ELFNOTE_ENTRY:          return &p->entry;
    case XEN_ELFNOTE_HYPERCALL_PAGE: return &p->hypercall_page;
    case XEN_ELFNOTE_VIRT_BASE:      return &p->virt_base;
    case XEN_ELFNOTE_PADDR_OFFSET:   return &p->paddr_offset;
    case XEN_ELFNOTE_INIT_P2M:       return &p->init_p2m;
    case XEN_ELFNOTE_HV_START_LOW:   return &p->hv_start_low;
    case XEN_ELFNOTE_PHYS32_ENTRY:   return &p->phys32_entry;
    }
    return NULL;
}

static int parse_number_note(struct elf_binary *elf, struct elf_xen_params *p,
                             uint32_t type, const uint8_t *d, uint32_t sz)
{
    uint64_t val, *slot = number_slot(p, type);
    int rc = note_number(elf, d, sz, &val);

    if ( rc )
        return rc;
    if ( slot )
        *slot = val;
    else if ( type == XEN_ELFNOTE_SUSPEND_CANCEL )
        p->suspend_cancel = val != 0;
    else if ( type == XEN_ELFNOTE_MOD_START_PFN )
        p->mod_start_pfn = val != 0;
    return 0;
}

/* SUPPORTED_FEATURES: an array of 32-bit submaps. */
static int parse_supported(struct elf_binary *elf, struct elf_xen_params *p,
                           const uint8_t *d, uint32_t sz)
{
    if ( sz < 4 || sz % 4 )
        return elf_fail(elf, "SUPPORTED_FEATURES note: bad size");
    for ( unsigned int i = 0; i < XENFEAT_NR_SUBMAPS && 4 * i < sz; i++ )
        p->f_supported[i] |= (uint32_t)le_bytes(d + 4 * i, 4);
    p->has_supported_features = true;
    return 0;
}

/* L1_MFN_VALID: (mask, value), two 64-bit or two 32-bit integers. */
static int parse_l1_mfn_valid(struct elf_binary *elf, struct elf_xen_params *p,
                              const uint8_t *d, uint32_t sz)
{
    if ( sz != 16 && sz != 8 )
        return elf_fail(elf, "L1_MFN_VALID note: bad size");
    p->l1_mfn_valid_mask = le_bytes(d, sz / 2);
    p->l1_mfn_valid_value = le_bytes(d + sz / 2, sz / 2);
    return 0;
}

static int parse_note(struct elf_binary *elf, struct elf_xen_params *p,
                      uint32_t type, const uint8_t *d, uint32_t sz)
{
    switch ( type )
    {
    case XEN_ELFNOTE_XEN_VERSION:
    case XEN_ELFNOTE_GUEST_OS:
    case XEN_ELFNOTE_GUEST_VERSION:
    case XEN_ELFNOTE_LOADER:
    case XEN_ELFNOTE_PAE_MODE:
    case XEN_ELFNOTE_FEATURES:
    case XEN_ELFNOTE_BSD_SYMTAB:
        return parse_string_note(elf, p, type, d, sz);
    case XEN_ELFNOTE_ENTRY:
    case XEN_ELFNOTE_HYPERCALL_PAGE:
    case XEN_ELFNOTE_VIRT_BASE:
    case XEN_ELFNOTE_PADDR_OFFSET:
    case XEN_ELFNOTE_INIT_P2M:
    case XEN_ELFNOTE_HV_START_LOW:
    case XEN_ELFNOTE_PHYS32_ENTRY:
    case XEN_ELFNOTE_SUSPEND_CANCEL:
    case XEN_ELFNOTE_MOD_START_PFN:
        return parse_number_note(elf, p, type, d, sz);
    case XEN_ELFNOTE_SUPPORTED_FEATURES:
        return parse_supported(elf, p, d, sz);
    case XEN_ELFNOTE_L1_MFN_VALID:
        return parse_l1_mfn_valid(elf, p, d, sz);
    }
    return 0;   /* INFO, crash/dump notes, future types: nothing to do */
}

/* ---- Walking a note area ------------------------------------------------ */

/*
 * Parse the notes in image[off, off + len), each name and descriptor
 * padded to align bytes.  The area is inside the image (checked by the
 * caller); every note must be inside the area.
 */
static int parse_note_area(struct elf_binary *elf, struct elf_xen_params *p,
                           uint64_t off, uint64_t len, unsigned int align)
{
    const uint8_t *base = elf->image + off;
    uint64_t pos = 0;
    int rc;

    while ( pos < len )
    {
        struct elf64_nhdr nh;
        uint64_t name_len, desc_off, desc_len;

        if ( len - pos < sizeof(nh) )
            return elf_fail(elf, "ELF note header runs past its segment");
        memcpy(&nh, base + pos, sizeof(nh));
        name_len = ((uint64_t)nh.n_namesz + align - 1) & ~(uint64_t)(align - 1);
        desc_len = ((uint64_t)nh.n_descsz + align - 1) & ~(uint64_t)(align - 1);
        if ( name_len > len - pos - sizeof(nh) )
            return elf_fail(elf, "ELF note name runs past its segment");
        desc_off = pos + sizeof(nh) + name_len;
        if ( nh.n_descsz > len - desc_off )
            return elf_fail(elf, "ELF note descriptor runs past its segment");
        /* The last note's padding may be cut off by the segment's end. */
        pos = desc_len < len - desc_off ? desc_off + desc_len : len;

        if ( nh.n_namesz != 4 || memcmp(base + desc_off - name_len, "Xen", 4) )
            continue;
        p->nr_notes++;
        if ( (rc = parse_note(elf, p, nh.n_type, base + desc_off,
                              nh.n_descsz)) != 0 )
            return rc;
    }
    return 0;
}

static int parse_note_segments(struct elf_binary *elf, struct elf_xen_params *p)
{
    struct elf64_phdr ph;
    int rc;

    for ( unsigned int i = 0; i < elf->ehdr.e_phnum; i++ )
    {
        elf_get_phdr(elf, i, &ph);
        /* Some binutils leave p_offset 0 in note segments: skip those. */
        if ( ph.p_type != ELF_PT_NOTE || ph.p_offset == 0 )
            continue;
        rc = parse_note_area(elf, p, ph.p_offset, ph.p_filesz,
                             ph.p_align == 8 ? 8 : 4);
        if ( rc )
            return rc;
    }
    return 0;
}

/* The fallback for images whose notes are only in sections. */
static int parse_note_sections(struct elf_binary *elf, struct elf_xen_params *p)
{
    const struct elf64_ehdr *eh = &elf->ehdr;
    struct elf64_shdr sh;
    int rc;

    if ( eh->e_shoff == 0 || eh->e_shnum == 0 )
        return 0;
    if ( eh->e_shentsize != sizeof(sh) ||
         !elf_range_ok(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(sh),
                       elf->size) )
        return elf_fail(elf, "ELF section headers run past the end of the image");
    for ( unsigned int i = 1; i < eh->e_shnum; i++ )
    {
        memcpy(&sh, elf->image + eh->e_shoff + i * sizeof(sh), sizeof(sh));
        if ( sh.sh_type != ELF_SHT_NOTE )
            continue;
        if ( !elf_range_ok(sh.sh_offset, sh.sh_size, elf->size) )
            return elf_fail(elf, "ELF note section runs past the end of the image");
        rc = parse_note_area(elf, p, sh.sh_offset, sh.sh_size,
                             sh.sh_addralign == 8 ? 8 : 4);
        if ( rc )
            return rc;
    }
    return 0;
}

/* ---- Checks ------------------------------------------------------------- */

static int check_notes(struct elf_binary *elf, const struct elf_xen_params *p)
{
    if ( p->nr_notes == 0 )
        return elf_fail(elf, "not a Xen PV kernel: no Xen ELF notes");
    if ( strncmp(p->loader, "generic", 7) && strncmp(p->guest_os, "linux", 5) )
        return elf_fail(elf, "kernel is neither for the generic loader nor Linux"
                        " (LOADER/GUEST_OS notes)");
    if ( strncmp(p->xen_version, "xen-3.0", 7) )
        return elf_fail(elf, "kernel is not built for Xen 3.0 (XEN_VERSION note)");
    return 0;
}

/* Defaults as in Xen: VIRT_BASE 0, PADDR_OFFSET 0 (notes present), entry
 * e_entry; then the kernel's virtual extent and its sanity. */
static int calc_addresses(struct elf_binary *elf, struct elf_xen_params *p)
{
    uint64_t delta;

    if ( p->paddr_offset != ELF_UNSET_ADDR && p->virt_base == ELF_UNSET_ADDR )
        return elf_fail(elf, "PADDR_OFFSET note given without VIRT_BASE");
    if ( p->virt_base == ELF_UNSET_ADDR )
        p->virt_base = 0;
    if ( p->paddr_offset == ELF_UNSET_ADDR )
        p->paddr_offset = 0;
    if ( p->entry == ELF_UNSET_ADDR )
        p->entry = elf->ehdr.e_entry;

    delta = p->virt_base - p->paddr_offset;
    p->virt_kstart = elf->pstart + delta;
    p->virt_kend = elf->pend + delta;
    if ( p->virt_kstart > p->virt_kend )
        return elf_fail(elf, "kernel's virtual extent wraps around");
    if ( p->entry < p->virt_kstart || p->entry > p->virt_kend )
        return elf_fail(elf, "kernel entry point is outside the kernel");
    if ( p->virt_base > p->virt_kstart )
        return elf_fail(elf, "VIRT_BASE is above the kernel's start");
    if ( p->init_p2m != ELF_UNSET_ADDR && p->init_p2m >= p->virt_kstart &&
         p->init_p2m < p->virt_kend )
        return elf_fail(elf, "INIT_P2M address lies inside the kernel");
    return 0;
}

static void params_init(struct elf_xen_params *p)
{
    memset(p, 0, sizeof(*p));
    p->entry = p->hypercall_page = p->virt_base = p->paddr_offset =
        p->init_p2m = p->hv_start_low = p->phys32_entry =
        p->l1_mfn_valid_mask = p->l1_mfn_valid_value = ELF_UNSET_ADDR;
}

int elf_xen_parse(struct elf_binary *elf, struct elf_xen_params *p)
{
    int rc;

    params_init(p);
    rc = parse_note_segments(elf, p);
    if ( rc == 0 && p->nr_notes == 0 )
        rc = parse_note_sections(elf, p);
    if ( rc == 0 )
        rc = check_notes(elf, p);
    if ( rc == 0 )
        rc = calc_addresses(elf, p);
    return rc;
}
