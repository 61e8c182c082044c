/*
 * Link the hypervisor at XEN_VIRT_START + XEN_LOAD_ADDR, with load (physical)
 * addresses equal to XEN_LOAD_ADDR onwards.  mkelf32 turns the result into
 * the single-segment 32-bit ELF that Multiboot loaders boot.
 */
#include <asm/config.h>

#undef i386
OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start)

PHDRS
{
    image PT_LOAD FLAGS(7);
}

SECTIONS
{
    . = XEN_VIRT_START + XEN_LOAD_ADDR;
    _start = .;

    .text : AT(ADDR(.text) - XEN_VIRT_START)
    {
        *(.text.entry)
        *(.text .text.*)
        *(.fixup)                   /* executable: inside the text range */
    } :image
    _etext = .;

    . = ALIGN(PAGE_SIZE);
    __rodata_start = .;             /* W^X: text below, read-only above */
    .rodata : AT(ADDR(.rodata) - XEN_VIRT_START)
    {
        *(.rodata.entry)
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __param_start = .;
        KEEP(*(.data.param))
        __param_end = .;
        . = ALIGN(8);
        __start___ex_table = .;
        KEEP(*(.ex_table))
        __stop___ex_table = .;
        . = ALIGN(8);
        __initcall_start = .;
        KEEP(*(.initcall.presmp))
        __presmp_initcall_end = .;
        KEEP(*(.initcall))
        __initcall_end = .;
    } :image

    . = ALIGN(PAGE_SIZE);
    __rwdata_start = .;             /* W^X: writable, never executable */
    /* Before .data: its .data.* would otherwise take the per-CPU
     * variables, leaving the template empty and every secondary CPU's
     * copy of them outside its allocation. */
    .data.percpu : AT(ADDR(.data.percpu) - XEN_VIRT_START)
    {
        __per_cpu_start = .;
        *(.data.percpu.page_aligned)
        *(.data.percpu)
        . = ALIGN(64);
        __per_cpu_end = .;
    } :image

    . = ALIGN(PAGE_SIZE);
    .data : AT(ADDR(.data) - XEN_VIRT_START)
    {
        *(.data.page_aligned)
        *(.data .data.*)
    } :image

    /* Filled in by the second and third link with the symbol table. */
    . = ALIGN(8);
    .symbols : AT(ADDR(.symbols) - XEN_VIRT_START)
    {
        *(.rodata.symbols)
    } :image

    . = ALIGN(PAGE_SIZE);
    .bss : AT(ADDR(.bss) - XEN_VIRT_START)
    {
        __bss_start = .;
        *(.bss.stack_aligned)
        *(.bss.page_aligned)
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(PAGE_SIZE);
        __bss_end = .;
    } :image
    _end = .;

    /DISCARD/ :
    {
        *(.comment)
        *(.note.*)
        *(.eh_frame)
        *(.discard)
    }

    .debug_info 0 : { *(.debug_info) }
    .debug_abbrev 0 : { *(.debug_abbrev) }
    .debug_line 0 : { *(.debug_line) }
    .debug_str 0 : { *(.debug_str) }
    .debug_line_str 0 : { *(.debug_line_str) }
    .debug_aranges 0 : { *(.debug_aranges) }
    .debug_ranges 0 : { *(.debug_ranges) }
    .debug_rnglists 0 : { *(.debug_rnglists) }
    .debug_loclists 0 : { *(.debug_loclists) }
    .debug_loc 0 : { *(.debug_loc) }
    .debug_frame 0 : { *(.debug_frame) }
}

ASSERT(_end - XEN_VIRT_START <= 0x2000000, "image larger than the 32 MiB the boot page tables map")
ASSERT(__per_cpu_end > __per_cpu_start, "no per-CPU variables in the per-CPU template")
