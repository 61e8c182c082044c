/*
 * handover.S - the last step of xen.efi: from UEFI's 64-bit long mode
 * with identity paging to the state a Multiboot2 loader leaves (32-bit
 * protected mode, paging off, flat segments, EAX = the Multiboot2 magic,
 * EBX = the information block), then into the hypervisor's entry point.
 *
 * This code is copied to a page below 4 GiB (identity mapped by UEFI, so
 * it keeps running when paging goes off) and called as
 *   handover(entry, info, gdt_base)
 * with interrupts off and boot services gone.  gdt_base is that page's
 * own data area, where the stub builds its GDT.  Nothing here returns.
 *
 * It also carries the hypervisor image (xen/xen, an ELF32 file) that
 * xen.efi loads.
 */
        .text
        .code64
        .globl  handover_start, handover_end

handover_start:
        /* rdi = entry, rsi = info, rdx = where our GDT goes (below 4G). */
        cli
        movq    $0x0000000000000000, %rax
        movq    %rax, 0(%rdx)                   /* null */
        movq    $0x00cf9a000000ffff, %rax
        movq    %rax, 8(%rdx)                   /* 0x08: 32-bit code, flat */
        movq    $0x00cf92000000ffff, %rax
        movq    %rax, 16(%rdx)                  /* 0x10: data, flat */
        movw    $23, 24(%rdx)                   /* GDTR: limit ... */
        movq    %rdx, 26(%rdx)                  /* ... and base */
        lgdt    24(%rdx)
        movl    %esi, %ebx                      /* info; entry stays in edi */
        /* A far return into 32-bit code at 1f. */
        leaq    1f(%rip), %rax
        pushq   $0x08
        pushq   %rax
        lretq
        .code32
1:      movl    $0x10, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %fs
        movl    %eax, %gs
        movl    %eax, %ss
        /* Paging off, then long mode off. */
        movl    %cr0, %eax
        andl    $0x7fffffff, %eax
        movl    %eax, %cr0
        movl    $0xc0000080, %ecx               /* EFER */
        rdmsr
        andl    $~0x00000100, %eax              /* LME */
        wrmsr
        movl    %cr4, %eax
        andl    $~0x00000020, %eax              /* PAE off: a clean slate */
        movl    %eax, %cr4
        movl    $0x36d76289, %eax               /* Multiboot2 boot magic */
        jmp     *%edi
handover_end:

        .section .rodata
        .balign 64
        .globl  xen_image, xen_image_end
xen_image:
        .incbin XEN_IMAGE
xen_image_end:
        .section .note.GNU-stack,"",@progbits
