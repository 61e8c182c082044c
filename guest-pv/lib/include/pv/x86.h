/*
 * x86.h - x86 architectural constants and instruction wrappers.
 *
 * A PV kernel runs in ring 3, so several of these (control registers,
 * MSRs) only work because the hypervisor emulates them; tests that want
 * to see the exception instead use the probes in exinfo.h.
 */
#ifndef PV_X86_H
#define PV_X86_H

#include <pv/types.h>

/* Exception vectors. */
#define X86_EXC_DE      0   /* divide error */
#define X86_EXC_DB      1   /* debug */
#define X86_EXC_NMI     2
#define X86_EXC_BP      3   /* int3 */
#define X86_EXC_OF      4   /* into */
#define X86_EXC_BR      5   /* bound */
#define X86_EXC_UD      6   /* invalid opcode */
#define X86_EXC_NM      7   /* device not available */
#define X86_EXC_DF      8   /* double fault */
#define X86_EXC_CSO     9   /* coprocessor segment overrun */
#define X86_EXC_TS      10  /* invalid TSS */
#define X86_EXC_NP      11  /* segment not present */
#define X86_EXC_SS      12  /* stack fault */
#define X86_EXC_GP      13  /* general protection */
#define X86_EXC_PF      14  /* page fault */
#define X86_EXC_SPV     15  /* spurious (reserved) */
#define X86_EXC_MF      16  /* x87 floating point */
#define X86_EXC_AC      17  /* alignment check */
#define X86_EXC_MC      18  /* machine check */
#define X86_EXC_XM      19  /* SIMD floating point */
#define X86_EXC_VE      20  /* virtualisation */
#define X86_EXC_CP      21  /* control protection */
#define X86_NR_EXCEPTIONS 32

/* Vectors that push an error code: 8, 10-14, 17, 21, 29, 30. */
#define X86_EXC_HAVE_EC 0x60227d00u

/* #PF error code bits. */
#define X86_PFEC_PRESENT    (1u << 0)
#define X86_PFEC_WRITE      (1u << 1)
#define X86_PFEC_USER       (1u << 2)
#define X86_PFEC_RSVD       (1u << 3)
#define X86_PFEC_INSN       (1u << 4)

/* Selector error code bits (#GP/#NP/#SS/#TS). */
#define X86_XEC_EXT         (1u << 0)
#define X86_XEC_IDT         (1u << 1)
#define X86_XEC_TI          (1u << 2)

/* RFLAGS bits. */
#define X86_EFLAGS_CF       (1u << 0)
#define X86_EFLAGS_MBS      (1u << 1)   /* always set */
#define X86_EFLAGS_ZF       (1u << 6)
#define X86_EFLAGS_TF       (1u << 8)
#define X86_EFLAGS_IF       (1u << 9)
#define X86_EFLAGS_DF       (1u << 10)
#define X86_EFLAGS_IOPL     (3u << 12)
#define X86_EFLAGS_NT       (1u << 14)
#define X86_EFLAGS_RF       (1u << 16)
#define X86_EFLAGS_AC       (1u << 18)

/* Page-table entry bits. */
#define _PAGE_PRESENT   0x001UL
#define _PAGE_RW        0x002UL
#define _PAGE_USER      0x004UL
#define _PAGE_PWT       0x008UL
#define _PAGE_PCD       0x010UL
#define _PAGE_ACCESSED  0x020UL
#define _PAGE_DIRTY     0x040UL
#define _PAGE_PSE       0x080UL
#define _PAGE_GLOBAL    0x100UL
#define _PAGE_NX        (1UL << 63)
#define PTE_ADDR_MASK   0x000ffffffffff000UL

#define PT_ENTRIES      512
#define L1_SHIFT        12
#define L2_SHIFT        21
#define L3_SHIFT        30
#define L4_SHIFT        39
#define PT_INDEX(va, shift) (((unsigned long)(va) >> (shift)) & (PT_ENTRIES - 1))

struct cpuid_regs
{
    uint32_t a, b, c, d;
};

/* The CPU's own CPUID (not intercepted for a PV guest unless faulting). */
static inline void cpuid_native(uint32_t leaf, uint32_t subleaf,
                                struct cpuid_regs *r)
{
    __asm__ __volatile__ ("cpuid"
                          : "=a" (r->a), "=b" (r->b), "=c" (r->c), "=d" (r->d)
                          : "a" (leaf), "c" (subleaf));
}

/*
 * CPUID through the forced-emulation prefix (ud2 'x' 'e' 'n' cpuid): the
 * hypervisor emulates it and returns the guest's policy, including its
 * own leaves at 0x40000000.
 */
static inline void cpuid_pv(uint32_t leaf, uint32_t subleaf,
                            struct cpuid_regs *r)
{
    __asm__ __volatile__ (".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e; cpuid"
                          : "=a" (r->a), "=b" (r->b), "=c" (r->c), "=d" (r->d)
                          : "a" (leaf), "c" (subleaf));
}

/* Control-register reads; the hypervisor emulates them for a PV kernel. */
static inline unsigned long read_cr0(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%cr0, %0" : "=r" (v));
    return v;
}

static inline unsigned long read_cr2(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%cr2, %0" : "=r" (v));
    return v;
}

static inline unsigned long read_cr3(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%cr3, %0" : "=r" (v));
    return v;
}

static inline unsigned long read_cr4(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%cr4, %0" : "=r" (v));
    return v;
}

static inline unsigned long read_rflags(void)
{
    unsigned long v;

    __asm__ __volatile__ ("pushf; pop %0" : "=r" (v));
    return v;
}

static inline unsigned long read_rsp(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%rsp, %0" : "=r" (v));
    return v;
}

static inline uint16_t read_cs(void)
{
    uint16_t v;

    __asm__ __volatile__ ("mov %%cs, %0" : "=r" (v));
    return v;
}

static inline uint16_t read_ss(void)
{
    uint16_t v;

    __asm__ __volatile__ ("mov %%ss, %0" : "=r" (v));
    return v;
}

static inline void cpu_relax(void)
{
    __asm__ __volatile__ ("pause" ::: "memory");
}

#endif /* PV_X86_H */
