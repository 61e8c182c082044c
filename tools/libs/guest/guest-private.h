/*
 * Internal interface between the parts of libxtguest:
 *   kernel.c      the image: bzImage/XZ unpacking, ELF and notes checks
 *   initrd.c      the initrd's size and contents (gzip inflated, as Xen)
 *   gunzip.c      the gzip/deflate decoder initrd.c uses
 *   layout.c      Xen 4.17 libxenguest's pfn/virtual allocation sequence
 *   pagetables.c  the initial page tables' geometry and entries
 *   boot.c        start_info, shared_info, vCPU 0, the grant entries
 *   build.c       xt_guest_plan()/xt_guest_build(): the order of steps
 */
#ifndef GUEST_PRIVATE_H
#define GUEST_PRIVATE_H

#include <xt/guest.h>
#include <public/grant_table.h>
#include "../../../lib/elf/libelf.h"

#define PAGE_SHIFT      12
#define PAGE_SIZE       (1ULL << PAGE_SHIFT)
#define VA_MASK         ((1ULL << 48) - 1)  /* Xen builds tables on 48-bit VAs */

/* Page-table entry bits (architectural). */
#define PTE_P           0x001ULL
#define PTE_RW          0x002ULL
#define PTE_USER        0x004ULL
#define PTE_A           0x020ULL
#define PTE_D           0x040ULL
#define PTE_ADDR_MASK   0x000ffffffffff000ULL

/*
 * One virtually contiguous range mapped by the initial tables, as Xen's
 * count_pgtables() describes it: [from, to] (inclusive, 48-bit) mapped
 * to pfns from area_pfn on; per level (0 = L1 ... 3 = L4) the range the
 * level's tables cover, how many and their first pfn.
 */
struct gb_level {
    uint64_t from, to;              /* inclusive; nr == 0: none */
    uint64_t nr, pfn;
};

struct gb_mapping {
    uint64_t from, to, area_pfn;
    uint64_t nr_tables;             /* all levels together */
    struct gb_level lvl[4];
};

#define GB_MAX_MAPPINGS 2

/* Everything one build knows. */
struct gb {
    const struct xt_guest_params *p;
    struct xt_guest_result *r;
    struct xt_guest_layout *l;      /* == &r->layout */

    /* The kernel: the ELF inside the file, maybe unpacked into elf_buf. */
    uint8_t *elf_buf;
    struct elf_binary elf;
    struct elf_xen_params notes;

    /* Allocation state (Xen's pfn_alloc_end / virt_alloc_end). */
    uint64_t pfn_end, virt_end;
    unsigned int nr_maps;
    struct gb_mapping maps[GB_MAX_MAPPINGS];

    xen_pfn_t *p2m;                 /* nr_pages MFNs, from ops->populate */

    uint64_t initrd_size;           /* bytes of guest memory it gets */
    uint64_t initrd_unzip;          /* gzip: inflate into this many; or 0 */
};

/* Record an error (printf-style) in r->error and return rc. */
int gb_fail(struct gb *b, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* kernel.c */
int gb_kernel_parse(struct gb *b);
void gb_kernel_release(struct gb *b);
int gb_kernel_load(struct gb *b, uint8_t *dst, uint64_t dst_len);

/* initrd.c, gunzip.c */
int gb_initrd_size(struct gb *b);
int gb_initrd_load(struct gb *b, uint8_t *dst, uint64_t cap);
int gb_gunzip(const uint8_t *in, size_t in_len, uint8_t *out, size_t cap,
              size_t *out_len);

/* layout.c */
int gb_layout(struct gb *b);

/* pagetables.c */
int gb_count_tables(struct gb *b, uint64_t from, uint64_t to, uint64_t pfn,
                    struct gb_mapping *m);
void gb_write_tables(const struct gb *b, const struct gb_mapping *m,
                     uint64_t *tables);
uint64_t gb_table_pfn(const struct gb *b);

/* boot.c */
void gb_fill_start_info(const struct gb *b, struct start_info *si);
void gb_fill_vcpu0(const struct gb *b, struct vcpu_guest_context *c);
void gb_fill_shared_info(struct shared_info *s);
void gb_seed_grants(const struct gb *b, struct grant_entry_v1 *g);

#endif /* GUEST_PRIVATE_H */
