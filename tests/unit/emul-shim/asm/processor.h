/*
 * Host stand-in for asm/processor.h, for tests/unit/test_pv_emul.c: the
 * CPU the emulator sees (CPUID, MSRs, control registers, TSC) is a model
 * the test sets up in struct fake_cpu, never the host's.
 */
#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <xen/types.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>

struct cpuid_leaf {
    uint32_t a, b, c, d;
};

#define FAKE_NR_LEAVES 64
#define FAKE_NR_MSRS   32

struct fake_cpu {
    struct {
        uint32_t leaf, subleaf;
        struct cpuid_leaf v;
    } leaves[FAKE_NR_LEAVES];
    unsigned int nr_leaves;
    struct {
        uint32_t msr;
        uint64_t val;
    } msrs[FAKE_NR_MSRS];
    unsigned int nr_msrs;
    unsigned long cr0, cr2, cr3, cr4;
    uint64_t tsc;
    unsigned int wbinvd_count;
};
extern struct fake_cpu fake_cpu;

void cpuid_count(uint32_t leaf, uint32_t sub, struct cpuid_leaf *r);
uint64_t rdmsr(uint32_t msr);
void wrmsr(uint32_t msr, uint64_t val);
int rdmsr_safe(uint32_t msr, uint64_t *val);
int wrmsr_safe(uint32_t msr, uint64_t val);

static inline void cpuid(uint32_t leaf, struct cpuid_leaf *r)
{
    cpuid_count(leaf, 0, r);
}

static inline uint64_t rdtsc(void)
{
    return fake_cpu.tsc += 1000;
}

static inline unsigned long read_cr0(void) { return fake_cpu.cr0; }
static inline unsigned long read_cr2(void) { return fake_cpu.cr2; }
static inline unsigned long read_cr3(void) { return fake_cpu.cr3; }
static inline unsigned long read_cr4(void) { return fake_cpu.cr4; }
static inline void write_cr0(unsigned long v) { fake_cpu.cr0 = v; }
static inline void write_cr4(unsigned long v) { fake_cpu.cr4 = v; }
static inline void wbinvd(void) { fake_cpu.wbinvd_count++; }
static inline void cpu_relax(void) { }

#endif /* ASM_X86_PROCESSOR_H */
