/*
 * The kernel image: find the ELF (plain, or the payload of a bzImage,
 * XZ-compressed or not), validate it and its Xen notes with lib/elf, and
 * apply the checks Xen 4.17's libxenguest adds for a PV domU:
 *   - x86_64 only (we build 64-bit PV guests only);
 *   - a kernel that requires XENFEAT_dom0 cannot be a domU;
 *   - every required feature must also be a supported one;
 *   - XENFEAT_auto_translated_physmap is refused (EOPNOTSUPP), as Xen
 *     no longer runs translated PV guests;
 *   - BSD_SYMTAB is refused: Xen would load the symbol table after the
 *     kernel, which we do not implement.
 * A hypercall page must lie inside the kernel: Xen's hypervisor writes
 * it there, and a page anywhere else would be one we also fill.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "guest-private.h"

static int unpack(struct gb *b, const struct bzimage_info *bz)
{
    const char *why;

    if ( bz->out_len == 0 || bz->out_len > BZIMAGE_MAX_OUTPUT )
        return gb_fail(b, -EINVAL, "kernel: bzImage payload unpacks to %zu"
                       " bytes (limit %lu)", bz->out_len, BZIMAGE_MAX_OUTPUT);
    b->elf_buf = malloc(bz->out_len);
    if ( !b->elf_buf )
        return gb_fail(b, -ENOMEM, "kernel: no memory to unpack %zu bytes",
                       bz->out_len);
    if ( bzimage_decompress(bz, b->elf_buf, bz->out_len, &why) )
        return gb_fail(b, -EINVAL, "kernel: bzImage: %s", why);
    return elf_init(&b->elf, b->elf_buf, bz->out_len);
}

/* elf_init() on the ELF inside the file; 0 or a negative errno. */
static int find_elf(struct gb *b)
{
    struct bzimage_info bz;
    const char *why;
    int rc = bzimage_probe(b->p->kernel, b->p->kernel_len, &bz, &why);

    if ( rc < 0 )
        return gb_fail(b, -EINVAL, "kernel: bzImage: %s", why);
    if ( rc == 0 )
        return elf_init(&b->elf, b->p->kernel, b->p->kernel_len);
    if ( bz.comp == BZ_NONE )
        return elf_init(&b->elf, bz.payload, bz.payload_len);
    return unpack(b, &bz);
}

static int elf_error(struct gb *b)
{
    if ( b->elf.detail )
        return gb_fail(b, -EINVAL, "kernel: %s: '%.*s'", b->elf.error,
                       (int)(b->elf.detail_len > 64 ? 64 : b->elf.detail_len),
                       b->elf.detail);
    return gb_fail(b, -EINVAL, "kernel: %s",
                   b->elf.error ? b->elf.error : "not a valid ELF image");
}

static int check_features(struct gb *b)
{
    const struct elf_xen_params *n = &b->notes;

    for ( unsigned int i = 0; i < XENFEAT_NR_SUBMAPS; i++ )
        if ( n->f_required[i] & ~n->f_supported[i] )
            return gb_fail(b, -EINVAL, "kernel: requires features %#x it does"
                           " not support", n->f_required[i] & ~n->f_supported[i]);
    if ( elf_feature_test(n->f_required, XENFEAT_dom0) )
        return gb_fail(b, -EINVAL, "kernel: does not support unprivileged"
                       " (domU) operation (requires XENFEAT_dom0)");
    if ( elf_feature_test(n->f_required, XENFEAT_auto_translated_physmap) )
        return gb_fail(b, -EOPNOTSUPP, "kernel: requires auto-translated"
                       " physmap: PV autotranslate guests are not supported");
    return 0;
}

int gb_kernel_parse(struct gb *b)
{
    const struct elf_xen_params *n = &b->notes;
    int rc;

    if ( !b->p->kernel || b->p->kernel_len == 0 )
        return gb_fail(b, -EINVAL, "kernel: no image given");
    rc = find_elf(b);
    if ( rc )
        return b->r->error[0] ? rc : elf_error(b);
    if ( elf_xen_parse(&b->elf, &b->notes) )
        return elf_error(b);
    if ( b->elf.ehdr.e_machine != ELF_EM_X86_64 )
        return gb_fail(b, -EINVAL, "kernel: not an x86_64 image (e_machine %u)",
                       b->elf.ehdr.e_machine);
    if ( n->bsd_symtab )
        return gb_fail(b, -EINVAL, "kernel: asks for a BSD symbol table"
                       " (BSD_SYMTAB), which this builder does not load");
    if ( n->hypercall_page != ELF_UNSET_ADDR &&
         (n->hypercall_page < n->virt_kstart ||
          n->hypercall_page >= n->virt_kend) )
        return gb_fail(b, -EINVAL, "kernel: HYPERCALL_PAGE %#llx lies outside"
                       " the kernel %#llx-%#llx",
                       (unsigned long long)n->hypercall_page,
                       (unsigned long long)n->virt_kstart,
                       (unsigned long long)n->virt_kend);
    return check_features(b);
}

void gb_kernel_release(struct gb *b)
{
    free(b->elf_buf);
    b->elf_buf = NULL;
}

/* Where libelf writes: a mapped window over the kernel's pages. */
struct sink {
    uint8_t *dst;
    uint64_t va, len;
};

static int write_segment(void *ctx, uint64_t va, const void *src, uint64_t len)
{
    const struct sink *s = ctx;

    if ( va < s->va || va - s->va > s->len || len > s->len - (va - s->va) )
        return -EINVAL;
    if ( src )
        memcpy(s->dst + (va - s->va), src, len);
    else
        memset(s->dst + (va - s->va), 0, len);
    return 0;
}

/* Load every segment into dst, the dst_len bytes mapped at the kernel's
 * start; a byte outside them fails the build. */
int gb_kernel_load(struct gb *b, uint8_t *dst, uint64_t dst_len)
{
    struct sink s = { .dst = dst, .va = b->l->kernel.vstart, .len = dst_len };

    if ( elf_load(&b->elf, &b->notes, write_segment, &s) )
        return elf_error(b);
    return 0;
}
