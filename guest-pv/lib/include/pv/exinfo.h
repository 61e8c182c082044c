/*
 * exinfo.h - run one instruction and learn which exception it raised.
 *
 * An instruction that may fault is given an exception-table entry: a
 * pair (address where the exception is reported, address to resume at).
 * When an exception arrives whose rip matches an entry, the trap code
 * records it in a per-kernel "last exception" word and resumes at the
 * fixup address instead of crashing.  For faults the reported rip is the
 * instruction itself; for traps (int3, into, int n) it is the address just
 * after it, so those probes register the "after" label.
 *
 * An exinfo_t is 0 when nothing happened, else it packs the vector and
 * the error code: EXINFO(X86_EXC_GP, 0) is "#GP with error code 0".
 */
#ifndef PV_EXINFO_H
#define PV_EXINFO_H

#include <pv/types.h>
#include <pv/x86.h>

typedef uint32_t exinfo_t;

#define EXINFO_NONE         0u
#define EXINFO_VALID        (1u << 31)
#define EXINFO(vec, ec)     (EXINFO_VALID | ((uint32_t)(vec) & 0xff) << 16 | \
                             ((uint32_t)(ec) & 0xffff))
#define EXINFO_VEC(x)       (((x) >> 16) & 0xff)
#define EXINFO_EC(x)        ((x) & 0xffff)

/* Assembler text that adds an exception-table entry. */
#define EXTABLE_ENTRY(fault, fixup)                 \
    ".pushsection .ex_table, \"a\"\n\t"             \
    ".balign 8\n\t"                                 \
    ".quad " #fault ", " #fixup "\n\t"              \
    ".popsection\n\t"

struct extable_entry
{
    unsigned long fault;
    unsigned long fixup;
};

/* Written by the trap code when it applies a fixup. */
extern volatile exinfo_t exinfo_last;
/* The faulting address of the last fixed-up #PF (from vcpu_info cr2). */
extern volatile unsigned long exinfo_last_cr2;

/* Format an exinfo_t as e.g. "#GP[0000]" or "none" into buf. */
const char *exinfo_str(exinfo_t ex, char *buf, size_t size);

/* Find the fixup for an exception at rip (0 if none). */
unsigned long extable_lookup(unsigned long rip);

static inline void exinfo_clear(void)
{
    exinfo_last = EXINFO_NONE;
}

static inline exinfo_t exinfo_take(void)
{
    exinfo_t ex = exinfo_last;

    exinfo_last = EXINFO_NONE;
    return ex;
}

#define _PROBE_LIST(...) __VA_ARGS__

/*
 * PROBE_FAULT(insn, (outputs), (inputs), clobbers...): run one instruction
 * with a fixup and evaluate to the exinfo_t it produced.  The operand
 * lists are parenthesised (possibly empty: ()); use %[name] operands.
 */
#define PROBE_FAULT(insn, outs, ins, ...)                               \
    ({                                                                  \
        exinfo_clear();                                                 \
        __asm__ __volatile__ ("1: " insn "\n2:\n\t"                     \
                              EXTABLE_ENTRY(1b, 2b)                     \
                              : _PROBE_LIST outs                        \
                              : _PROBE_LIST ins                         \
                              : "memory", ##__VA_ARGS__);               \
        exinfo_take();                                                  \
    })

/* As PROBE_FAULT, for instructions that trap (rip reported after them). */
#define PROBE_TRAP(insn, outs, ins, ...)                                \
    ({                                                                  \
        exinfo_clear();                                                 \
        __asm__ __volatile__ ("1: " insn "\n2:\n\t"                     \
                              EXTABLE_ENTRY(2b, 2b)                     \
                              : _PROBE_LIST outs                        \
                              : _PROBE_LIST ins                         \
                              : "memory", ##__VA_ARGS__);               \
        exinfo_take();                                                  \
    })

/* Ready-made probes. */
/* RDMSR/WRMSR of msr (the value read is 0 if it faulted). */
static inline exinfo_t rdmsr_probe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    exinfo_t ex = PROBE_FAULT("rdmsr", ([lo] "+a" (lo), [hi] "+d" (hi)),
                              ([msr] "c" (msr)));

    *val = ((uint64_t)hi << 32) | lo;
    return ex;
}

static inline exinfo_t wrmsr_probe(uint32_t msr, uint64_t val)
{
    return PROBE_FAULT("wrmsr", (), ([msr] "c" (msr), [lo] "a" ((uint32_t)val),
                                      [hi] "d" ((uint32_t)(val >> 32))));
}

static inline exinfo_t probe_read8(const volatile void *p, uint8_t *val)
{
    uint8_t v = 0;
    exinfo_t ex = PROBE_FAULT("movb (%[p]), %[v]", ([v] "+q" (v)),
                               ([p] "r" (p)));

    if ( val )
        *val = v;
    return ex;
}

static inline exinfo_t probe_read64(const volatile void *p, uint64_t *val)
{
    uint64_t v = 0;
    exinfo_t ex = PROBE_FAULT("movq (%[p]), %[v]", ([v] "+r" (v)),
                               ([p] "r" (p)));

    if ( val )
        *val = v;
    return ex;
}

static inline exinfo_t probe_write8(volatile void *p, uint8_t v)
{
    return PROBE_FAULT("movb %[v], (%[p])", (), ([p] "r" (p), [v] "q" (v)));
}

static inline exinfo_t probe_write64(volatile void *p, uint64_t v)
{
    return PROBE_FAULT("movq %[v], (%[p])", (), ([p] "r" (p), [v] "r" (v)));
}

static inline exinfo_t probe_ud2(void)
{
    return PROBE_FAULT("ud2", (), ());
}

static inline exinfo_t probe_int3(void)
{
    return PROBE_TRAP("int3", (), ());
}

static inline exinfo_t probe_rdmsr(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    exinfo_t ex = PROBE_FAULT("rdmsr", ([lo] "+a" (lo), [hi] "+d" (hi)),
                              ([msr] "c" (msr)));

    if ( val )
        *val = ((uint64_t)hi << 32) | lo;
    return ex;
}

static inline exinfo_t probe_wrmsr(uint32_t msr, uint64_t val)
{
    return PROBE_FAULT("wrmsr", (),
                       ([msr] "c" (msr), [lo] "a" ((uint32_t)val),
                        [hi] "d" ((uint32_t)(val >> 32))));
}

/* Divide by zero: #DE is a fault, rip stays on the div. */
static inline exinfo_t probe_div0(void)
{
    unsigned long a = 1, d = 0;

    return PROBE_FAULT("divq %[z]", ("+a" (a), "+d" (d)), ([z] "r" (0UL)));
}

/*
 * CPUID through the forced-emulation prefix, tolerating a hypervisor that
 * does not implement the prefix (then the ud2 raises #UD and r is zero).
 */
static inline exinfo_t probe_cpuid_pv(uint32_t leaf, uint32_t subleaf,
                                      struct cpuid_regs *r)
{
    uint32_t a = leaf, b = 0, c = subleaf, d = 0;
    exinfo_t ex = PROBE_FAULT(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e; cpuid",
                              ("+a" (a), "+b" (b), "+c" (c), "+d" (d)), ());

    if ( ex != EXINFO_NONE )
        a = b = c = d = 0;
    r->a = a;
    r->b = b;
    r->c = c;
    r->d = d;
    return ex;
}

#endif /* PV_EXINFO_H */
