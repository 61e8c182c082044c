/*
 * Descriptor tables: per-CPU GDT and TSS, the shared IDT, and the IST
 * stacks that NMI, #DF, #MC and #DB run on.
 *
 * The GDT spans 15 pages so that the hypervisor's reserved descriptors sit
 * at the byte offset Xen's ABI fixes (FIRST_RESERVED_GDT_BYTE, selectors
 * 0xe008...): the first 14 pages are the guest's part.
 */
#ifndef ASM_X86_DESC_H
#define ASM_X86_DESC_H

#include <xen/types.h>
#include <asm/config.h>

#define GDT_PAGES        (FIRST_RESERVED_GDT_PAGE + 1)
#define GDT_LIMIT        (GDT_PAGES * PAGE_SIZE - 1)

#define IST_NONE         0
#define IST_DF           1
#define IST_NMI          2
#define IST_MCE          3
#define IST_DB           4

struct tss64 {
    uint32_t reserved0;
    uint64_t rsp0, rsp1, rsp2;
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((__packed__));

/* Load the GDT, TSS and IDT for this CPU; stack_base is its stack block. */
void load_cpu_descriptors(unsigned int cpu, void *stack_base);
/* Per-CPU GDT memory for an AP (the BSP's is static); 0 or -ENOMEM. */
int alloc_cpu_gdt(unsigned int cpu);
/* Build the shared IDT; once, on the BSP. */
void idt_init(void);
/* Load the shared IDT on this CPU. */
void idt_load(void);

/* Per-CPU GDT windows for PV guests' GDTs (after the APs are up). */
int gdt_windows_init(void);
/* On this CPU: the GDT is the guest's frames[0..nr) plus our reserved
 * page (nr <= FIRST_RESERVED_GDT_PAGE) / the CPU's own GDT again. */
void load_guest_gdt(const unsigned long *frames, unsigned int nr);
void load_cpu_gdt(void);
/* This CPU's LDT window: page i maps mfn (0: nothing); the LDT register
 * names the window with ents descriptors (0: no LDT). */
void ldt_window_set(unsigned int i, unsigned long mfn);
void load_ldt_window(unsigned int ents);

#endif /* ASM_X86_DESC_H */
