/*
 * Entry from a Multiboot1 or Multiboot2 loader.
 *
 * The loader enters in 32-bit protected mode with paging off, EAX holding
 * the loader's magic and EBX the physical address of its information block.
 * This file carries both Multiboot headers, builds the boot page tables,
 * switches to long mode and jumps to the image's virtual address inside the
 * hypervisor's range, where C takes over in multiboot_entry().
 *
 * Until paging is on, every symbol is used through sym_phys(): the image is
 * linked at XEN_VIRT_START + its physical load address.
 */
#include <asm/config.h>
#include <asm/page.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/asm-offsets.h>

#define sym_phys(s) ((s) - XEN_VIRT_START)

#define MB1_MAGIC           0x1badb002
#define MB1_FLAGS           0x00000003  /* page-align modules, want memory info */
#define MB2_MAGIC           0xe85250d6
#define MB2_TAG_END         0
#define MB2_TAG_MODALIGN    6

#define BOOT_CS32           0x08
#define BOOT_DS             0x10
#define BOOT_CS64           0x18

        .section .text.entry, "ax", @progbits
        .code32

        /* Multiboot1 header: must sit in the first 8 KiB, 4-byte aligned. */
        .balign 4
mb1_header:
        .long   MB1_MAGIC
        .long   MB1_FLAGS
        .long   -(MB1_MAGIC + MB1_FLAGS)

        /* Multiboot2 header: must sit in the first 32 KiB, 8-byte aligned. */
        .balign 8
mb2_header:
        .long   MB2_MAGIC
        .long   0                               /* i386 protected mode */
        .long   mb2_header_end - mb2_header
        .long   -(MB2_MAGIC + (mb2_header_end - mb2_header))
        .balign 8
        .short  MB2_TAG_MODALIGN, 0             /* page-align modules */
        .long   8
        .balign 8
        /*
         * No console-flags or framebuffer tag, unlike Xen's header.  With a
         * framebuffer tag GRUB sets the payload's video mode to "auto" on
         * every platform, so under a BIOS it leaves a VBE graphics mode
         * whenever it has a video driver; Xen's real-mode boot code puts
         * text mode 3 back, ours has none.  Without the tag GRUB keeps
         * text mode under a BIOS, and under UEFI (no text mode there) it
         * still sets a graphics output mode, if it has a video driver
         * loaded, and reports it in an RGB framebuffer tag
         * (boot/multiboot.c, boot_video.c, docs/dom0.md).
         */
        .short  MB2_TAG_END, 0
        .long   8
mb2_header_end:

        .globl  start
start:
        cli
        cld
        /* Keep the loader's magic and info pointer in EDI/ESI: the SysV
         * argument registers of multiboot_entry() later on. */
        mov     %eax, %edi
        mov     %ebx, %esi

        lgdt    sym_phys(boot_gdtr)
        ljmp    $BOOT_CS32, $sym_phys(1f)
1:      mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs

        /* Clear .bss (page tables and the boot stack live there) while
         * EBP keeps the magic that EDI normally holds. */
        mov     %edi, %ebp
        mov     $sym_phys(__bss_start), %edi
        mov     $sym_phys(__bss_end), %ecx
        sub     %edi, %ecx
        shr     $2, %ecx
        xor     %eax, %eax
        rep stosl
        mov     %ebp, %edi
        mov     $sym_phys(cpu0_stack) + STACK_SIZE - 8, %esp

        /* Long mode is not optional. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      no_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     no_long_mode
        mov     %edx, %ebp                      /* NX is bit 20 */

        call    build_boot_page_tables

        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_PGE), %eax
        mov     %eax, %cr4
        mov     $sym_phys(boot_l4), %eax
        mov     %eax, %cr3

        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        bt      $20, %ebp
        jnc     2f
        or      $EFER_NXE, %eax
2:      wrmsr

        mov     $(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_ET | \
                  X86_CR0_MP | X86_CR0_PE), %eax
        mov     %eax, %cr0
        ljmp    $BOOT_CS64, $sym_phys(start64)

/*
 * Boot page tables, all with 2 MiB pages:
 *  - identity map of 0-4 GiB, needed while switching and for the APs' way in;
 *  - the same 4 GiB at DIRECTMAP_VIRT_START, so C can reach firmware tables
 *    and the loader's data through __va() before the real direct map exists;
 *  - the image: XEN_VIRT_START + 0-32 MiB -> physical 0-32 MiB.
 * EDI/ESI/EBP are preserved.
 */
build_boot_page_tables:
        /* Four L2 tables cover 4 GiB: entry i maps i * 2 MiB. */
        mov     $sym_phys(boot_l2_ident), %ebx
        xor     %ecx, %ecx
1:      mov     %ecx, %eax
        shl     $21, %eax
        or      $(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE), %eax
        mov     %eax, (%ebx, %ecx, 8)
        mov     %ecx, %eax
        shr     $11, %eax                       /* bits 32+ of i * 2 MiB */
        mov     %eax, 4(%ebx, %ecx, 8)
        inc     %ecx
        cmp     $2048, %ecx
        jb      1b

        /* L3 for the low 4 GiB, shared by the identity and direct maps. */
        mov     $sym_phys(boot_l3_ident), %ebx
        xor     %ecx, %ecx
1:      mov     %ecx, %eax
        shl     $12, %eax
        add     $sym_phys(boot_l2_ident) + __PAGE_TABLE, %eax
        mov     %eax, (%ebx, %ecx, 8)
        inc     %ecx
        cmp     $4, %ecx
        jb      1b

        /* Image: 16 x 2 MiB from physical 0. */
        mov     $sym_phys(boot_l2_xen), %ebx
        xor     %ecx, %ecx
1:      mov     %ecx, %eax
        shl     $21, %eax
        or      $(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE | _PAGE_GLOBAL), %eax
        mov     %eax, (%ebx, %ecx, 8)
        inc     %ecx
        cmp     $16, %ecx
        jb      1b
        mov     $sym_phys(boot_l2_xen) + __PAGE_TABLE, %eax
        mov     %eax, sym_phys(boot_l3_xen) + 8 * ((XEN_VIRT_START >> L3_PAGETABLE_SHIFT) & 511)

        mov     $sym_phys(boot_l3_ident) + __PAGE_TABLE, %eax
        mov     %eax, sym_phys(boot_l4)
        mov     %eax, sym_phys(boot_l4) + 8 * ((DIRECTMAP_VIRT_START >> L4_PAGETABLE_SHIFT) & 511)
        mov     $sym_phys(boot_l3_xen) + __PAGE_TABLE, %eax
        mov     %eax, sym_phys(boot_l4) + 8 * ((XEN_VIRT_START >> L4_PAGETABLE_SHIFT) & 511)
        ret

/* Without long mode there is nothing to run: say so on COM1 and stop. */
no_long_mode:
        mov     $sym_phys(no_lm_msg), %esi
1:      lodsb
        test    %al, %al
        jz      3f
        mov     %al, %bl
        mov     $0x3fd, %dx
2:      in      %dx, %al
        test    $0x20, %al
        jz      2b
        mov     $0x3f8, %dx
        mov     %bl, %al
        out     %al, %dx
        jmp     1b
3:      hlt
        jmp     3b

        .code64
start64:
        /* Still running at the physical address: jump up into the image. */
        movabs  $high_start, %rax
        jmp     *%rax

high_start:
        xor     %eax, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        movabs  $cpu0_stack + STACK_SIZE - CPUINFO_SIZE, %rsp
        and     $-16, %rsp                      /* ABI alignment for the call */
        xor     %ebp, %ebp                      /* ends backtraces */
        /* edi = magic, esi = info block (zero-extended by the 32-bit moves) */
        mov     %edi, %edi
        mov     %esi, %esi
        call    multiboot_entry
        ud2

        .section .rodata.entry, "a", @progbits
no_lm_msg:
        .asciz  "ERROR: this CPU has no long mode; the hypervisor needs x86_64.\r\n"

        .balign 8
boot_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff              /* 0x08: 32-bit code */
        .quad   0x00cf92000000ffff              /* 0x10: data */
        .quad   0x00af9a000000ffff              /* 0x18: 64-bit code */
boot_gdt_end:
        .globl  boot_gdtr
boot_gdtr:
        .short  boot_gdt_end - boot_gdt - 1
        .long   sym_phys(boot_gdt)

        .section .bss.page_aligned, "aw", @nobits
        .balign PAGE_SIZE
        .globl  boot_l4
boot_l4:        .skip PAGE_SIZE
boot_l3_ident:  .skip PAGE_SIZE
boot_l2_ident:  .skip 4 * PAGE_SIZE
boot_l3_xen:    .skip PAGE_SIZE
boot_l2_xen:    .skip PAGE_SIZE

        .section .bss.stack_aligned, "aw", @nobits
        .balign STACK_SIZE
        .globl  cpu0_stack
cpu0_stack:     .skip STACK_SIZE
