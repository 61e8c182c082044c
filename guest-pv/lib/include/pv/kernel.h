/*
 * kernel.h - what the library learned at boot and keeps for the tests.
 *
 * The image is linked at PV_VIRT_BASE + PV_LOAD_OFFSET and tells the
 * domain builder (ELF notes) that virtual address PV_VIRT_BASE is
 * pseudo-physical address 0, so the boot mapping is
 * va == PV_VIRT_BASE + (pfn << PAGE_SHIFT).
 */
#ifndef PV_KERNEL_H
#define PV_KERNEL_H

#ifdef __ASSEMBLY__
#define _PV_UL(x)       x
#else
#define _PV_UL(x)       x ## UL
#endif

#define PV_VIRT_BASE    _PV_UL(0xffffffff80000000)
#define PV_LOAD_OFFSET  _PV_UL(0x100000)

#ifndef __ASSEMBLY__

#include <pv/types.h>
#include <public/xen.h>

/* start_info as handed over in rsi, untouched. */
extern start_info_t *start_info;
/* The stack pointer the hypervisor started us with. */
extern unsigned long boot_rsp;
/* shared_info, mapped by the library over a page of its own image. */
extern shared_info_t *shared_info;

/* Image boundaries from the linker script. */
extern char _text[], _etext[], _edata[], __bss_start[], _end[];

static inline struct vcpu_info *vcpu0(void)
{
    return &shared_info->vcpu_info[0];
}

/* Pseudo-physical <-> virtual inside the boot mapping. */
static inline unsigned long pfn_to_va(unsigned long pfn)
{
    return PV_VIRT_BASE + (pfn << PAGE_SHIFT);
}

static inline unsigned long va_to_pfn(unsigned long va)
{
    return (va - PV_VIRT_BASE) >> PAGE_SHIFT;
}

/* P2M (start_info->mfn_list) lookup. */
static inline unsigned long pfn_to_mfn(unsigned long pfn)
{
    return ((const unsigned long *)start_info->mfn_list)[pfn];
}

static inline unsigned long va_to_mfn(unsigned long va)
{
    return pfn_to_mfn(va_to_pfn(va));
}

/* The dom0 command line (start_info->cmd_line, or a PVH kernel's). */
const char *kernel_cmdline(void);
/* Set by a PVH kernel's start-up (pvh.h) to its command line. */
extern const char *pvh_cmdline;

/*
 * Look for "name" or "name=value" as a word of the command line.  Returns
 * NULL if absent, else a pointer to the value ("" for a bare word); copy
 * it with kernel_cmdline_value() to get it terminated.
 */
const char *kernel_cmdline_find(const char *name);
bool kernel_cmdline_value(const char *name, char *buf, size_t size);

/* C entry point, called by head.S. */
void start_kernel(start_info_t *si, unsigned long rsp) __noreturn;

#endif /* !__ASSEMBLY__ */

#endif /* PV_KERNEL_H */
