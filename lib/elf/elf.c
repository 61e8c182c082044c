/*
 * ELF64 image validation, program-header access and segment loading
 * (interface in libelf.h).
 *
 * elf_init() checks everything later code relies on, once: the ELF
 * header, that the program header table and every segment's file data
 * lie inside the image, and that the loadable segments are sane (file
 * size within memory size, no wrap-around, no overlap, a bounded span).
 * After it succeeds, elf_get_phdr() and elf_load() index the image
 * without further bounds checks.
 */
#include "libelf-private.h"

static int check_ehdr(struct elf_binary *elf)
{
    const struct elf64_ehdr *eh = &elf->ehdr;

    if ( memcmp(eh->e_ident, "\x7f" "ELF", 4) )
        return elf_fail(elf, "not an ELF image (bad magic)");
    if ( eh->e_ident[4] != ELF_CLASS64 )
        return elf_fail(elf, "not a 64-bit ELF image");
    if ( eh->e_ident[5] != ELF_DATA2LSB )
        return elf_fail(elf, "not a little-endian ELF image");
    if ( eh->e_ident[6] != ELF_VERSION_1 || eh->e_version != ELF_VERSION_1 )
        return elf_fail(elf, "unknown ELF version");
    if ( eh->e_type != ELF_ET_EXEC && eh->e_type != ELF_ET_DYN )
        return elf_fail(elf, "ELF image is not an executable");
    if ( eh->e_phentsize != sizeof(struct elf64_phdr) )
        return elf_fail(elf, "unexpected ELF program header size");
    if ( eh->e_phnum == 0 )
        return elf_fail(elf, "ELF image has no program headers");
    if ( eh->e_phnum > ELF_MAX_PHNUM )
        return elf_fail(elf, "ELF image has too many program headers");
    if ( !elf_range_ok(eh->e_phoff,
                       (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr),
                       elf->size) )
        return elf_fail(elf, "ELF program headers run past the end of the image");
    return 0;
}

void elf_get_phdr(const struct elf_binary *elf, unsigned int i,
                  struct elf64_phdr *ph)
{
    memcpy(ph, elf->image + elf->ehdr.e_phoff + i * sizeof(*ph), sizeof(*ph));
}

bool elf_phdr_is_loadable(const struct elf64_phdr *ph)
{
    return ph->p_type == ELF_PT_LOAD &&
           (ph->p_flags & (ELF_PF_R | ELF_PF_W | ELF_PF_X));
}

/* One program header on its own: its file data, and for loadable ones
 * the memory range. */
static int check_phdr(struct elf_binary *elf, const struct elf64_phdr *ph)
{
    if ( !elf_range_ok(ph->p_offset, ph->p_filesz, elf->size) )
        return elf_fail(elf, "ELF segment runs past the end of the image");
    if ( !elf_phdr_is_loadable(ph) )
        return 0;
    if ( ph->p_filesz > ph->p_memsz )
        return elf_fail(elf, "ELF segment's file size exceeds its memory size");
    if ( !elf_range_ok(ph->p_paddr, ph->p_memsz, ~0ULL) )
        return elf_fail(elf, "ELF segment's address range wraps around");
    if ( ph->p_memsz > ELF_MAX_SPAN )
        return elf_fail(elf, "ELF segment is absurdly large");
    return 0;
}

/* Loadable segments i and j (both non-empty) share a byte. */
static bool segments_overlap(const struct elf64_phdr *a,
                             const struct elf64_phdr *b)
{
    return a->p_memsz && b->p_memsz &&
           a->p_paddr < b->p_paddr + b->p_memsz &&
           b->p_paddr < a->p_paddr + a->p_memsz;
}

static int check_overlaps(struct elf_binary *elf)
{
    struct elf64_phdr a, b;

    for ( unsigned int i = 0; i < elf->ehdr.e_phnum; i++ )
    {
        elf_get_phdr(elf, i, &a);
        if ( !elf_phdr_is_loadable(&a) )
            continue;
        for ( unsigned int j = i + 1; j < elf->ehdr.e_phnum; j++ )
        {
            elf_get_phdr(elf, j, &b);
            if ( elf_phdr_is_loadable(&b) && segments_overlap(&a, &b) )
                return elf_fail(elf, "ELF loadable segments overlap");
        }
    }
    return 0;
}

static int check_phdrs(struct elf_binary *elf)
{
    struct elf64_phdr ph;
    uint64_t lo = ~0ULL, hi = 0;
    int rc;

    for ( unsigned int i = 0; i < elf->ehdr.e_phnum; i++ )
    {
        elf_get_phdr(elf, i, &ph);
        if ( (rc = check_phdr(elf, &ph)) != 0 )
            return rc;
        if ( !elf_phdr_is_loadable(&ph) )
            continue;
        if ( ++elf->nr_loadable > ELF_MAX_LOADABLE )
            return elf_fail(elf, "ELF image has too many loadable segments");
        lo = ph.p_paddr < lo ? ph.p_paddr : lo;
        hi = ph.p_paddr + ph.p_memsz > hi ? ph.p_paddr + ph.p_memsz : hi;
    }
    if ( elf->nr_loadable == 0 )
        return elf_fail(elf, "ELF image has no loadable segment");
    if ( hi - lo > ELF_MAX_SPAN )
        return elf_fail(elf, "ELF loadable segments span more than 1 GiB");
    elf->pstart = lo;
    elf->pend = hi;
    return check_overlaps(elf);
}

int elf_init(struct elf_binary *elf, const void *image, size_t size)
{
    int rc;

    memset(elf, 0, sizeof(*elf));
    elf->image = image;
    elf->size = size;
    if ( !image || size < sizeof(struct elf64_ehdr) )
        return elf_fail(elf, "image too small for an ELF header");
    memcpy(&elf->ehdr, image, sizeof(elf->ehdr));
    if ( (rc = check_ehdr(elf)) != 0 )
        return rc;
    return check_phdrs(elf);
}

int elf_load(struct elf_binary *elf, const struct elf_xen_params *p,
             elf_write_fn write, void *ctx)
{
    uint64_t delta = p->virt_base - p->paddr_offset;   /* modulo 2^64 */
    struct elf64_phdr ph;
    int rc;

    for ( unsigned int i = 0; i < elf->ehdr.e_phnum; i++ )
    {
        elf_get_phdr(elf, i, &ph);
        if ( !elf_phdr_is_loadable(&ph) )
            continue;
        /* Never p_vaddr: Linux's per-CPU segment has p_vaddr 0. */
        rc = write(ctx, ph.p_paddr + delta, elf->image + ph.p_offset,
                   ph.p_filesz);
        if ( rc == 0 && ph.p_memsz > ph.p_filesz )
            rc = write(ctx, ph.p_paddr + delta + ph.p_filesz, NULL,
                       ph.p_memsz - ph.p_filesz);
        if ( rc )
        {
            elf_fail(elf, "ELF segment does not fit the space given to it");
            return rc;
        }
    }
    return 0;
}
