/*
 * libelf: the ELF64 side of loading a PV guest kernel, and the bzImage
 * wrapper around it.
 *
 * The kernel image is untrusted input.  elf_init() validates the ELF
 * header and every program header against the image size, so that later
 * calls can index the image without re-checking; nothing here reads
 * outside [image, image + size) or writes anywhere but through the
 * caller's callback.  Errors return a negative errno and leave a one-line
 * reason in elf->error (plus, for some, the offending text in
 * elf->detail/detail_len, which points into the image).
 *
 *   elf_init()           validate an image and compute its paddr span
 *   elf_get_phdr()       copy out program header i (for iteration)
 *   elf_xen_parse()      find the "Xen" notes, fill struct elf_xen_params,
 *                        check them and derive the kernel's virtual range
 *   elf_xen_parse_features()  "!a|b" feature string -> bitmaps
 *   elf_load()           copy every PT_LOAD to VA = p_paddr - paddr_offset
 *                        + virt_base through a callback, zeroing the BSS
 *   bzimage_probe()      recognise a Linux bzImage and find its payload
 *   bzimage_decompress() unpack an XZ payload into a caller's buffer
 *
 * No dependency on the hypervisor beyond the string functions: the host
 * unit tests (tests/unit/test_libelf.c) compile these files unchanged.
 * Only little-endian ELF64 is supported, read on a little-endian host.
 */
#ifndef LIBELF_H
#define LIBELF_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <public/features.h>

/* ---- ELF64 file format (the System V gABI) ---------------------------- */

struct elf64_ehdr {
    uint8_t  e_ident[16];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;
    uint64_t e_phoff;
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset;
    uint64_t p_vaddr;
    uint64_t p_paddr;
    uint64_t p_filesz;
    uint64_t p_memsz;
    uint64_t p_align;
};

struct elf64_shdr {
    uint32_t sh_name;
    uint32_t sh_type;
    uint64_t sh_flags;
    uint64_t sh_addr;
    uint64_t sh_offset;
    uint64_t sh_size;
    uint32_t sh_link;
    uint32_t sh_info;
    uint64_t sh_addralign;
    uint64_t sh_entsize;
};

/* A note's header; name and descriptor follow, each padded. */
struct elf64_nhdr {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
};

#define ELF_CLASS64     2
#define ELF_DATA2LSB    1
#define ELF_VERSION_1   1
#define ELF_ET_EXEC     2
#define ELF_ET_DYN      3
#define ELF_EM_X86_64   62

#define ELF_PT_LOAD     1
#define ELF_PT_NOTE     4
#define ELF_PF_X        1
#define ELF_PF_W        2
#define ELF_PF_R        4
#define ELF_SHT_NOTE    7

/* ---- Limits that make a hostile image cheap to reject ------------------ */

#define ELF_MAX_PHNUM      4096            /* program headers */
#define ELF_MAX_LOADABLE   64              /* PT_LOAD segments (checked pairwise) */
#define ELF_MAX_SPAN       (1ULL << 30)    /* paddr span of all PT_LOADs */
#define BZIMAGE_MAX_OUTPUT (256UL << 20)   /* decompressed kernel */

/* ---- A validated image ------------------------------------------------- */

struct elf_binary {
    const uint8_t *image;
    size_t size;
    struct elf64_ehdr ehdr;         /* copied out: the image may be unaligned */
    uint64_t pstart, pend;          /* paddr span of the loadable segments */
    unsigned int nr_loadable;
    const char *error;              /* why the last call failed */
    const char *detail;             /* optional: offending text in the image */
    size_t detail_len;
};

/* 0 or -EINVAL.  The image must stay in place while elf is used. */
int elf_init(struct elf_binary *elf, const void *image, size_t size);
/* Copy program header i (i < elf->ehdr.e_phnum; validated by elf_init). */
void elf_get_phdr(const struct elf_binary *elf, unsigned int i,
                  struct elf64_phdr *ph);
/* PT_LOAD with at least one of R/W/X: the segments that are loaded. */
bool elf_phdr_is_loadable(const struct elf64_phdr *ph);

/* ---- The Xen notes ------------------------------------------------------ */

#define ELF_UNSET_ADDR  (~0ULL)

/* PAE_MODE note, kept for completeness: only 32-bit guests use it. */
#define ELF_PAE_NO       0
#define ELF_PAE_YES      1
#define ELF_PAE_BIMODAL  2

struct elf_xen_params {
    /* Integer notes; ELF_UNSET_ADDR when absent. */
    uint64_t entry;                 /* XEN_ELFNOTE_ENTRY (default e_entry) */
    uint64_t hypercall_page;        /* XEN_ELFNOTE_HYPERCALL_PAGE */
    uint64_t virt_base;             /* XEN_ELFNOTE_VIRT_BASE (default 0) */
    uint64_t paddr_offset;          /* XEN_ELFNOTE_PADDR_OFFSET (default 0) */
    uint64_t init_p2m;              /* XEN_ELFNOTE_INIT_P2M */
    uint64_t hv_start_low;          /* XEN_ELFNOTE_HV_START_LOW */
    uint64_t phys32_entry;          /* XEN_ELFNOTE_PHYS32_ENTRY (PVH) */
    uint64_t l1_mfn_valid_mask;     /* XEN_ELFNOTE_L1_MFN_VALID: mask, */
    uint64_t l1_mfn_valid_value;    /*   value (both unset when absent) */
    bool mod_start_pfn;             /* initrd may be passed as a PFN */
    bool suspend_cancel;
    bool bsd_symtab;                /* asked for; not provided by us */
    unsigned int pae;               /* ELF_PAE_* */

    /* String notes, truncated to fit, always NUL-terminated. */
    char loader[16];
    char guest_os[16];
    char guest_version[16];
    char xen_version[16];

    /* FEATURES ("!" = required) and SUPPORTED_FEATURES, merged. */
    uint32_t f_supported[XENFEAT_NR_SUBMAPS];
    uint32_t f_required[XENFEAT_NR_SUBMAPS];
    bool has_supported_features;    /* the SUPPORTED_FEATURES note exists */

    unsigned int nr_notes;          /* "Xen" notes seen */

    /* Derived: the kernel's virtual extent [virt_kstart, virt_kend). */
    uint64_t virt_kstart, virt_kend;
};

/*
 * Parse the notes of PT_NOTE segments (falling back to SHT_NOTE sections
 * if no segment holds a "Xen" note), then apply Xen's checks: a
 * "generic" loader or a "linux" guest, XEN_VERSION "xen-3.0", a known
 * name for every required feature, and entry/virt_base inside the image.
 */
int elf_xen_parse(struct elf_binary *elf, struct elf_xen_params *p);

/*
 * Parse a FEATURES string of len bytes ('|'-separated names, '!' marks a
 * required one) into the bitmaps.  Unknown names are ignored unless
 * required: then -EINVAL, with *bad and *bad_len naming it.
 */
int elf_xen_parse_features(const char *s, size_t len, uint32_t *supported,
                           uint32_t *required, const char **bad,
                           size_t *bad_len);

static inline bool elf_feature_test(const uint32_t *map, unsigned int bit)
{
    return bit < 32 * XENFEAT_NR_SUBMAPS && ((map[bit / 32] >> (bit % 32)) & 1);
}

/*
 * Write len bytes at guest virtual address va: copy them from src, or
 * zero them when src is NULL.  Returns 0 or a negative errno.
 */
typedef int (*elf_write_fn)(void *ctx, uint64_t va, const void *src,
                            uint64_t len);

/* Load every loadable segment at p_paddr - paddr_offset + virt_base. */
int elf_load(struct elf_binary *elf, const struct elf_xen_params *p,
             elf_write_fn write, void *ctx);

/* ---- bzImage ------------------------------------------------------------ */

enum bzimage_compression {
    BZ_NONE,                        /* the payload is the ELF itself */
    BZ_XZ,
};

struct bzimage_info {
    const uint8_t *payload;
    size_t payload_len;
    enum bzimage_compression comp;
    size_t out_len;                 /* size of the ELF inside */
};

/*
 * 1: image is a bzImage whose payload we can use (bz filled in);
 * 0: not a bzImage (try it as ELF); -EINVAL: a bzImage we cannot use
 * (old boot protocol, payload out of bounds, unsupported compression),
 * with the reason in *why.
 */
int bzimage_probe(const void *image, size_t size, struct bzimage_info *bz,
                  const char **why);

/* Unpack into out (out_cap >= bz->out_len).  0, or -EINVAL with *why. */
int bzimage_decompress(const struct bzimage_info *bz, void *out,
                       size_t out_cap, const char **why);

#endif /* LIBELF_H */
