/*
 * One static inline per privileged instruction the hypervisor executes, so
 * that C code never carries inline assembly of its own.
 */
#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <xen/types.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>

struct cpuid_leaf {
    uint32_t a, b, c, d;
};

static inline void cpuid_count(uint32_t leaf, uint32_t sub, struct cpuid_leaf *r)
{
    __asm__ volatile ( "cpuid"
                       : "=a" (r->a), "=b" (r->b), "=c" (r->c), "=d" (r->d)
                       : "a" (leaf), "c" (sub) );
}

static inline void cpuid(uint32_t leaf, struct cpuid_leaf *r)
{
    cpuid_count(leaf, 0, r);
}

static inline uint32_t cpuid_ecx(uint32_t leaf)
{
    struct cpuid_leaf r;

    cpuid(leaf, &r);
    return r.c;
}

static inline uint32_t cpuid_edx(uint32_t leaf)
{
    struct cpuid_leaf r;

    cpuid(leaf, &r);
    return r.d;
}

/* CPUID leaf 7, sub-leaf 0, EBX: structured extended features. */
#define CPUID7_EBX_SMEP (1U << 7)
#define CPUID7_EBX_SMAP (1U << 20)

static inline uint32_t cpuid7_ebx(void)
{
    struct cpuid_leaf r;

    cpuid(0, &r);
    if ( r.a < 7 )
        return 0;
    cpuid_count(7, 0, &r);
    return r.b;
}

static inline bool cpu_has_smep(void)
{
    return cpuid7_ebx() & CPUID7_EBX_SMEP;
}

static inline bool cpu_has_smap(void)
{
    return cpuid7_ebx() & CPUID7_EBX_SMAP;
}

/*
 * SMAP: with CR4.SMAP on, ring 0 faults on any access to a user page
 * (every PV guest page) unless EFLAGS.AC is set.  stac()/clac() open and
 * close such a window around the copies to and from guests; both are
 * no-ops on CPUs without SMAP (where the instructions would be #UD).
 */
extern bool smap_enabled;

static inline void stac(void)
{
    if ( smap_enabled )
        __asm__ volatile ( "stac" ::: "memory" );
}

static inline void clac(void)
{
    if ( smap_enabled )
        __asm__ volatile ( "clac" ::: "memory" );
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    __asm__ volatile ( "wrmsr"
                       :: "c" (msr), "a" ((uint32_t)val),
                          "d" ((uint32_t)(val >> 32)) : "memory" );
}

/* rdmsr that survives a #GP (see the exception table); 0 or -EFAULT. */
int rdmsr_safe(uint32_t msr, uint64_t *val);
int wrmsr_safe(uint32_t msr, uint64_t val);
/* A byte store that survives a page fault; 0 or -EFAULT. */
int write_u8_safe(uint8_t *p, uint8_t val);

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

/* rdtsc that cannot be hoisted above earlier loads (lfence orders it). */
static inline uint64_t rdtsc_ordered(void)
{
    __asm__ volatile ( "lfence" ::: "memory" );
    return rdtsc();
}

#define DEFINE_CR_ACCESS(n)                                              \
static inline unsigned long read_cr##n(void)                             \
{                                                                        \
    unsigned long v;                                                     \
    __asm__ volatile ( "mov %%cr" #n ", %0" : "=r" (v) );                \
    return v;                                                            \
}                                                                        \
static inline void write_cr##n(unsigned long v)                          \
{                                                                        \
    __asm__ volatile ( "mov %0, %%cr" #n :: "r" (v) : "memory" );        \
}
DEFINE_CR_ACCESS(0)
DEFINE_CR_ACCESS(2)
DEFINE_CR_ACCESS(3)
DEFINE_CR_ACCESS(4)
#undef DEFINE_CR_ACCESS

#define DEFINE_DR_ACCESS(n)                                              \
static inline unsigned long read_dr##n(void)                             \
{                                                                        \
    unsigned long v;                                                     \
    __asm__ volatile ( "mov %%db" #n ", %0" : "=r" (v) );                \
    return v;                                                            \
}                                                                        \
static inline void write_dr##n(unsigned long v)                          \
{                                                                        \
    __asm__ volatile ( "mov %0, %%db" #n :: "r" (v) );                   \
}
DEFINE_DR_ACCESS(0)
DEFINE_DR_ACCESS(1)
DEFINE_DR_ACCESS(2)
DEFINE_DR_ACCESS(3)
DEFINE_DR_ACCESS(6)
DEFINE_DR_ACCESS(7)
#undef DEFINE_DR_ACCESS

static inline void invlpg(const void *va)
{
    __asm__ volatile ( "invlpg (%0)" :: "r" (va) : "memory" );
}

/* Flush every TLB entry, global ones included, by toggling CR4.PGE. */
static inline void flush_tlb_all_local(void)
{
    unsigned long cr4 = read_cr4();

    write_cr4(cr4 & ~X86_CR4_PGE);
    write_cr4(cr4);
}

static inline void cpu_relax(void)
{
    __asm__ volatile ( "pause" ::: "memory" );
}

static inline void halt(void)
{
    __asm__ volatile ( "hlt" ::: "memory" );
}

/* sti;hlt as a pair: the interrupt shadow means no wakeup is lost between. */
static inline void safe_halt(void)
{
    __asm__ volatile ( "sti; hlt" ::: "memory" );
}

static inline void local_irq_disable(void)
{
    __asm__ volatile ( "cli" ::: "memory" );
}

static inline void local_irq_enable(void)
{
    __asm__ volatile ( "sti" ::: "memory" );
}

static inline unsigned long read_rflags(void)
{
    unsigned long f;

    __asm__ volatile ( "pushf; pop %0" : "=r" (f) :: "memory" );
    return f;
}

static inline unsigned long local_irq_save(void)
{
    unsigned long f = read_rflags();

    local_irq_disable();
    return f;
}

static inline void local_irq_restore(unsigned long f)
{
    if ( f & X86_EFLAGS_IF )
        local_irq_enable();
}

static inline bool local_irq_is_enabled(void)
{
    return read_rflags() & X86_EFLAGS_IF;
}

struct desc_ptr {
    uint16_t limit;
    uint64_t base;
} __attribute__((__packed__));

static inline void lgdt(const struct desc_ptr *p)
{
    __asm__ volatile ( "lgdt %0" :: "m" (*p) );
}

static inline void lidt(const struct desc_ptr *p)
{
    __asm__ volatile ( "lidt %0" :: "m" (*p) );
}

static inline void ltr(uint16_t sel)
{
    __asm__ volatile ( "ltr %0" :: "rm" (sel) );
}

static inline void lldt(uint16_t sel)
{
    __asm__ volatile ( "lldt %0" :: "rm" (sel) );
}

/* Clear CR0.TS so FPU instructions run without #NM. */
static inline void clts(void)
{
    __asm__ volatile ( "clts" ::: "memory" );
}

static inline void wbinvd(void)
{
    __asm__ volatile ( "wbinvd" ::: "memory" );
}

static inline unsigned long read_rsp(void)
{
    unsigned long sp;

    __asm__ volatile ( "mov %%rsp, %0" : "=r" (sp) );
    return sp;
}

#endif /* ASM_X86_PROCESSOR_H */
