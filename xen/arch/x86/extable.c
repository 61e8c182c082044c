/*
 * The exception table: pairs of (instruction that may fault, where to
 * resume), collected by the linker into one section.  A linear search is
 * fine: lookups only happen on a fault, and the table is small.
 */
#include <xen/lib.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/asm-defns.h>
#include <xen/errno.h>

struct ex_entry {
    unsigned long insn, fixup;
};

extern const struct ex_entry __start___ex_table[], __stop___ex_table[];

unsigned long search_exception_table(unsigned long rip)
{
    const struct ex_entry *e;

    for ( e = __start___ex_table; e < __stop___ex_table; e++ )
        if ( e->insn == rip )
            return e->fixup;
    return 0;
}

int rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    int rc = 0;

    __asm__ volatile ( "1: rdmsr\n"
                       "2:\n"
                       ".pushsection .fixup, \"ax\"\n"
                       "3: movl %[fault], %[rc]\n"
                       "   jmp 2b\n"
                       ".popsection\n"
                       _ASM_EXTABLE(1b, 3b)
                       : "+a" (lo), "+d" (hi), [rc] "+r" (rc)
                       : "c" (msr), [fault] "i" (-EFAULT) );
    *val = rc ? 0 : ((uint64_t)hi << 32) | lo;
    return rc;
}

int wrmsr_safe(uint32_t msr, uint64_t val)
{
    int rc = 0;

    __asm__ volatile ( "1: wrmsr\n"
                       "2:\n"
                       ".pushsection .fixup, \"ax\"\n"
                       "3: movl %[fault], %[rc]\n"
                       "   jmp 2b\n"
                       ".popsection\n"
                       _ASM_EXTABLE(1b, 3b)
                       : [rc] "+r" (rc)
                       : "c" (msr), "a" ((uint32_t)val),
                         "d" ((uint32_t)(val >> 32)), [fault] "i" (-EFAULT) );
    return rc;
}

int write_u8_safe(uint8_t *p, uint8_t val)
{
    int rc = 0;

    __asm__ volatile ( "1: movb %[val], %[mem]\n"
                       "2:\n"
                       ".pushsection .fixup, \"ax\"\n"
                       "3: movl %[fault], %[rc]\n"
                       "   jmp 2b\n"
                       ".popsection\n"
                       _ASM_EXTABLE(1b, 3b)
                       : [rc] "+r" (rc), [mem] "=m" (*p)
                       : [val] "q" (val), [fault] "i" (-EFAULT) );
    return rc;
}
