/*
 * Helpers for inline assembly that may fault on purpose: the faulting
 * instruction's address and its fixup go into the exception table, and the
 * #GP/#PF handlers resume at the fixup instead of crashing.
 */
#ifndef ASM_X86_ASM_DEFNS_H
#define ASM_X86_ASM_DEFNS_H

#define _ASM_EXTABLE(from, to)                  \
    ".pushsection .ex_table, \"a\"\n\t"         \
    ".balign 8\n\t"                             \
    ".quad " #from ", " #to "\n\t"              \
    ".popsection\n\t"

#endif /* ASM_X86_ASM_DEFNS_H */
