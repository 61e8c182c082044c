/*
 * The hypervisor's own symbol table, for backtraces and %pS.  The table is
 * generated from the linked image by tools/gen-symbols.sh and linked into
 * the .symbols section on the final link passes.
 */
#ifndef XEN_SYMBOLS_H
#define XEN_SYMBOLS_H

#include <xen/types.h>

/* Name of the function containing addr, with the offset into it and its
 * size; NULL if addr is outside every known symbol. */
const char *symbols_lookup(unsigned long addr, unsigned long *offset,
                           unsigned long *size);
/* "name+0x12/0x40" or the bare hex address. */
void symbols_format(char *buf, size_t len, unsigned long addr);

#endif /* XEN_SYMBOLS_H */
