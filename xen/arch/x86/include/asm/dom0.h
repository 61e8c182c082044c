/*
 * What the dom0 builders share whatever dom0's kind (PV or PVH).
 */
#ifndef ASM_X86_DOM0_H
#define ASM_X86_DOM0_H

/* dom0's size in pages under dom0_mem= (pv/dom0_memory.c parses it), out
 * of avail pages: the asked amount, else all but a little, clamped by
 * min:/max: and by avail. */
unsigned long dom0_mem_pages(unsigned long avail);

#endif /* ASM_X86_DOM0_H */
