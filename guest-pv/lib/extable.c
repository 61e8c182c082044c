/*
 * extable.c - the exception table: which faulting rip resumes where.
 *
 * Entries come from EXTABLE_ENTRY() in inline assembly and are gathered
 * by the linker between __start_ex_table and __stop_ex_table.  The table
 * is small, so a linear search is fine.
 */
#include <pv/exinfo.h>
#include <pv/printf.h>
#include <pv/traps.h>

extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

volatile exinfo_t exinfo_last;
volatile unsigned long exinfo_last_cr2;

unsigned long extable_lookup(unsigned long rip)
{
    const struct extable_entry *e;

    for ( e = __start_ex_table; e < __stop_ex_table; e++ )
        if ( e->fault == rip )
            return e->fixup;
    return 0;
}

const char *exinfo_str(exinfo_t ex, char *buf, size_t size)
{
    if ( !(ex & EXINFO_VALID) )
        snprintf(buf, size, "none");
    else
        snprintf(buf, size, "%s[%04x]", trap_name(EXINFO_VEC(ex)),
                 EXINFO_EC(ex));
    return buf;
}
