/*
 * The dom0 kernel image (interface in dom0_build.h): unpack a bzImage,
 * check the ELF and its Xen notes the way Xen 4.17 does, load the
 * segments into the initial mapping and write the hypercall page.
 *
 * The image is untrusted: libelf validates every length before anything
 * is read, and loading goes through a callback that refuses any byte
 * outside the kernel's own virtual extent.  Each refusal prints one line
 * and fails the build with -EINVAL (-ENOMEM when memory runs out).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <asm/boot_timing.h>
#include <asm/pv/hypercall_page.h>
#include "dom0_build.h"

/* Features a kernel may require ("!name" in its FEATURES note). */
#define DOM0_FEATURES_OK ((1U << XENFEAT_writable_page_tables) |   \
                          (1U << XENFEAT_pae_pgdir_above_4gb) |    \
                          (1U << XENFEAT_dom0))

static int unpack_xz(struct dom0_build *b, const struct bzimage_info *bz)
{
    unsigned int order = dom0_order_for_pages(PFN_UP(bz->out_len));
    struct page_info *pg = order <= MAX_ORDER ? alloc_domheap_pages(NULL, order, MEMF_no_scrub)
                                              : NULL;
    const char *why;
    uint64_t t;
    int rc;

    printk(" Dom0 kernel: bzImage, %zu bytes of XZ unpacking to %zu bytes\n",
           bz->payload_len, bz->out_len);
    if ( !pg )
    {
        printk(XENLOG_ERR "dom0: no %lu KiB of memory to unpack the kernel\n",
               (PAGE_SIZE << order) >> 10);
        return -ENOMEM;
    }
    t = boot_phase_begin();
    rc = bzimage_decompress(bz, page_to_virt(pg), PAGE_SIZE << order, &why);
    b->unpack_cycles = boot_phase_begin() - t;
    boot_phase_end("dom0 decompress", t);
    if ( rc )
    {
        free_domheap_pages(pg, order);
        printk(XENLOG_ERR "dom0: kernel: %s\n", why);
        return -EINVAL;
    }
    b->unpacked = pg;
    b->unpacked_order = order;
    b->image = page_to_virt(pg);
    b->image_len = bz->out_len;
    return 0;
}

/* Find the ELF image: the module itself, or inside its bzImage wrapper. */
static int find_elf(struct dom0_build *b)
{
    const uint8_t *img = __va(b->kernel->start);
    struct bzimage_info bz;
    const char *why;
    int rc = bzimage_probe(img, b->kernel->size, &bz, &why);

    if ( rc < 0 )
    {
        printk(XENLOG_ERR "dom0: kernel: %s\n", why);
        return -EINVAL;
    }
    if ( rc == 0 )
    {
        b->image = img;
        b->image_len = b->kernel->size;
        return 0;
    }
    if ( bz.comp == BZ_NONE )
    {
        b->image = bz.payload;
        b->image_len = bz.payload_len;
        return 0;
    }
    return unpack_xz(b, &bz);
}

static int elf_error(const struct elf_binary *elf)
{
    if ( elf->detail )
        printk(XENLOG_ERR "dom0: kernel: %s: '%.*s'\n", elf->error,
               (int)min(elf->detail_len, (size_t)64), elf->detail);
    else
        printk(XENLOG_ERR "dom0: kernel: %s\n", elf->error);
    return -EINVAL;
}

/*
 * What Xen 4.17 refuses for dom0: a non-x86_64 image; a kernel whose
 * SUPPORTED_FEATURES note exists but lacks XENFEAT_dom0.  We also refuse
 * every required feature we cannot give a PV dom0 (Xen only panics for
 * supervisor_mode_kernel and ignores the rest).
 */
static int check_compatible(const struct dom0_build *b)
{
    const struct elf_xen_params *p = &b->parms;
    uint32_t missing = p->f_required[0] & ~DOM0_FEATURES_OK;

    if ( b->elf.ehdr.e_machine != ELF_EM_X86_64 )
    {
        printk(XENLOG_ERR "dom0: kernel is not an x86_64 image (e_machine %u)\n",
               b->elf.ehdr.e_machine);
        return -EINVAL;
    }
    if ( b->d->is_privileged && p->has_supported_features &&
         !elf_feature_test(p->f_supported, XENFEAT_dom0) )
    {
        printk(XENLOG_ERR "dom0: kernel does not support Dom0 operation\n");
        return -EINVAL;
    }
    if ( missing )
    {
        printk(XENLOG_ERR "dom0: kernel requires unsupported features %#x\n",
               missing);
        return -EINVAL;
    }
    return 0;
}

int dom0_kernel_parse(struct dom0_build *b)
{
    int rc = find_elf(b);

    if ( rc )
        return rc;
    if ( elf_init(&b->elf, b->image, b->image_len) ||
         elf_xen_parse(&b->elf, &b->parms) )
        return elf_error(&b->elf);
    printk(" Dom0 kernel: 64-bit%s, lsb, paddr %#lx -> %#lx\n",
           b->parms.pae ? ", PAE" : "", (unsigned long)b->elf.pstart,
           (unsigned long)b->elf.pend);
    return check_compatible(b);
}

/* libelf's sink: bytes may land only inside the kernel's extent. */
static int write_kernel(void *ctx, uint64_t va, const void *src, uint64_t len)
{
    const struct dom0_build *b = ctx;

    if ( va < b->l.kern_start || va > b->l.kern_end ||
         len > b->l.kern_end - va )
        return -EINVAL;
    if ( src )
        memcpy(dom0_boot_va(b, va), src, len);
    else
        memset(dom0_boot_va(b, va), 0, len);
    return 0;
}

int dom0_kernel_load(struct dom0_build *b)
{
    unsigned long va = b->parms.hypercall_page;

    if ( elf_load(&b->elf, &b->parms, write_kernel, b) )
        return elf_error(&b->elf);
    if ( va == ELF_UNSET_ADDR )
        return 0;
    /* Range checked with the layout (hypercall_page_ok()). */
    pv_write_hypercall_page(dom0_boot_va(b, va));
    b->d->arch.hypercall_page_mfn = mfn_x(b->boot_mfn) +
                                    ((va - b->l.v_start) >> PAGE_SHIFT);
    return 0;
}

void dom0_kernel_release(struct dom0_build *b)
{
    if ( b->unpacked )
        free_domheap_pages(b->unpacked, b->unpacked_order);
    b->unpacked = NULL;
    b->image = NULL;
}
