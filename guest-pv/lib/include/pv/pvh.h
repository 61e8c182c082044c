/*
 * pvh.h - the PVH mode of the library.
 *
 * A PVH kernel is an HVM guest without firmware or emulated devices: it
 * enters in 32-bit protected mode (pvh_head.S), finds the hypervisor's
 * CPUID leaves, has the hypervisor write its hypercall page through the
 * MSR that leaf 0x40000002 names, and from then on makes hypercalls
 * through that page (vmcall or vmmcall stubs, same registers as PV).
 * The console, shutdown, printf and the test API work as in a PV kernel;
 * PV-only parts (start_info, traps, events, page walks) do not.
 */
#ifndef PV_PVH_H
#define PV_PVH_H

#include <pv/types.h>
#include <public/hvm/start_info.h>

/* hvm_start_info as handed over in %ebx (identity-mapped). */
extern const struct hvm_start_info *pvh_start_info;
/* The hypervisor's CPUID base (0x40000000 + n * 0x100), 0: not found. */
extern uint32_t pvh_cpuid_base;

/* A guest-physical address below 4 GiB, through the identity map. */
static inline void *pvh_phys(uint64_t pa)
{
    return (void *)(unsigned long)pa;
}

/* Results of the two hypercalls pvh_head.S makes in 32-bit protected
 * mode (0xffffffff: not made): xen_version(XENVER_version) and a
 * console_io write. */
extern uint32_t pvh_early_version, pvh_early_console;

/* The hypercall page's guest-physical address. */
uint64_t pvh_hypercall_page_gpa(void);

/* The guest frame of a page of the kernel image (or its bss). */
static inline unsigned long pvh_gpfn(const void *va)
{
    return ((unsigned long)va - PV_VIRT_BASE) >> PAGE_SHIFT;
}

/* The shared_info page placed over the kernel's page at va
 * (XENMEM_add_to_physmap): 0 or -errno. */
long pvh_place_shared_info(void *va);

static inline uint64_t pvh_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void pvh_wrmsr(uint32_t msr, uint64_t val)
{
    __asm__ __volatile__ ("wrmsr" :: "c" (msr), "a" ((uint32_t)val),
                          "d" ((uint32_t)(val >> 32)) : "memory");
}

void pvh_start_kernel(uint32_t start_info_pa) __noreturn;

/* What pvh_entry.S saves: the registers, then the hardware frame. */
struct pvh_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Install the native IDT (exceptions 0-31): probes (pv/exinfo.h) work, any
 * other exception ends the test as an ERROR. */
void pvh_traps_init(void);
void pvh_trap(struct pvh_frame *f);
/* DR6 as the last #DB found it (the handler then resets DR6 to 0xffff0ff0). */
extern volatile unsigned long pvh_last_dr6;
/* Route interrupt vector (32-255, or 2: the NMI) to fn, called with
 * interrupts off; one handler at a time (the last one set is called for
 * every such vector). */
void pvh_set_irq_handler(unsigned int vector, void (*fn)(void));

/* Map guest-physical pa (between 3 and 4 GiB: device pages such as the
 * local APIC's at 0xfee00000) uncached at the same virtual address, in
 * 2 MiB pages; NULL outside that range. */
volatile void *pvh_map_mmio(uint64_t pa);

#endif /* PV_PVH_H */
