/*
 * Internal interface between the parts of the PV dom0 builder:
 *   dom0_build.c       dom0_construct_pv(): the order of the steps, the
 *                      virtual layout, start_info and the vCPU state
 *   dom0_kernel.c      the kernel image: bzImage/ELF, notes, loading
 *   dom0_memory.c      dom0's memory: size, allocation, P2M and M2P,
 *                      the initrd copy, giving the boot modules back
 *   dom0_pagetables.c  the bootstrap page tables and their self-check
 *
 * Guest memory model during the build: pfns [0, boot_pages) are the
 * initial mapping [v_start, v_end) and live in ONE machine-contiguous
 * block (boot_mfn + pfn), so the hypervisor reaches any guest virtual
 * address of that area through the direct map (dom0_boot_va()).  With
 * INIT_P2M, the P2M list and its page tables are a second contiguous
 * block (p2m_mfn).  Every other pfn comes from separate chunks and is
 * reached through the P2M.
 */
#ifndef PV_DOM0_BUILD_H
#define PV_DOM0_BUILD_H

#include <xen/bootinfo.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include "../../../../lib/elf/libelf.h"

/* The initial virtual layout, in the order Xen 4.17 builds it.  Every
 * *_start is page aligned; v_end is on a 4 MiB boundary. */
struct dom0_layout {
    unsigned long v_start, v_end;           /* the whole initial mapping */
    unsigned long kern_start, kern_end;
    unsigned long initrd_start, initrd_end; /* 0, 0: not mapped (PFN) */
    unsigned long p2m_start, p2m_end;       /* the P2M list (mfn_list) */
    unsigned long si_start, si_end;         /* start_info + console info */
    unsigned long pt_start, pt_end;
    unsigned long nr_pt;                    /* page-table frames */
    unsigned long stack_start, stack_end;
    unsigned long initrd_pfn;               /* first pfn of the initrd */
    /*
     * INIT_P2M: the P2M list is mapped at the kernel's chosen address,
     * outside the initial mapping, by its own page tables.  Its pages and
     * those tables are pfns [p2m_pfn, p2m_pfn + nr_p2m), list first.
     */
    bool p2m_separate;
    unsigned long p2m_pfn, nr_p2m, p2m_list_pages;
};

struct dom0_build {
    struct domain *d;
    const struct boot_module *kernel, *initrd;
    const char *cmdline;

    /* The ELF image: in the kernel module, or in an unpack buffer. */
    const uint8_t *image;
    size_t image_len;
    struct page_info *unpacked;
    unsigned int unpacked_order;
    uint64_t unpack_cycles;                 /* TSC cycles the unpacking took */
    struct elf_binary elf;
    struct elf_xen_params parms;

    unsigned long nr_pages;                 /* the domain's size */
    unsigned long want_pages;               /* domU: asked size; 0: dom0 */
    unsigned long boot_pages;               /* pfns of the initial mapping */
    mfn_t boot_mfn;                         /* their frames: boot_mfn + pfn */
    mfn_t p2m_mfn;                          /* INIT_P2M: p2m_pfn's frame, the
                                               block's others follow it */
    unsigned long *p2m;                     /* the guest's P2M list */
    unsigned long l4_mfn;
    struct dom0_layout l;
};

/* Hypervisor pointer to guest virtual address va of the initial mapping. */
static inline void *dom0_boot_va(const struct dom0_build *b, unsigned long va)
{
    return (uint8_t *)mfn_to_virt(b->boot_mfn) + (va - b->l.v_start);
}

/* Smallest buddy order holding pages pages. */
static inline unsigned int dom0_order_for_pages(unsigned long pages)
{
    unsigned int order = 0;

    while ( (1UL << order) < pages )
        order++;
    return order;
}

static inline unsigned long dom0_initrd_len(const struct dom0_build *b)
{
    return b->initrd ? b->initrd->size : 0;
}

/* dom0_kernel.c */
int dom0_kernel_parse(struct dom0_build *b);
int dom0_kernel_load(struct dom0_build *b);
void dom0_kernel_release(struct dom0_build *b);

/* dom0_memory.c */
unsigned long dom0_compute_nr_pages(const struct dom0_build *b);
unsigned long dom0_max_pages(void);
int dom0_alloc_boot_area(struct dom0_build *b);
int dom0_populate(struct dom0_build *b);
void dom0_copy_initrd(const struct dom0_build *b);
unsigned long dom0_free_module(const struct boot_module *m);
unsigned long dom0_module_pages(const struct boot_module *m);

/* dom0_pagetables.c */
unsigned long dom0_pt_frames_needed(unsigned long v_start, unsigned long v_end);
unsigned long dom0_p2m_tables_needed(unsigned long start, unsigned long end);
void dom0_build_pagetables(struct dom0_build *b);
int dom0_check_layout(const struct dom0_build *b);

#endif /* PV_DOM0_BUILD_H */
