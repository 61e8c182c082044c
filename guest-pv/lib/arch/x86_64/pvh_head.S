/*
 * pvh_head.S - first instructions of a PVH test kernel.
 *
 * The PVH ABI enters at XEN_ELFNOTE_PHYS32_ENTRY in 32-bit protected
 * mode with paging off, flat CS/DS/ES/SS, and %ebx = guest-physical
 * address of struct hvm_start_info.  Nothing else is set up, so this
 * stub runs on physical addresses: it clears the BSS, builds page tables
 * that map the first GiB twice (identity, for physical pointers such as
 * start_info, and at PV_VIRT_BASE, where the image is linked), turns on
 * long mode and jumps to the linked address.
 */
#include <pv/kernel.h>
#include <public/xen.h>
#include <public/version.h>
#include <public/arch-x86/cpuid.h>

#define PHYS(x)     ((x) - PV_VIRT_BASE)
#define PTE_RW_P    0x003
#define PDE_2M_RW_P 0x083
#define CR4_PAE     0x020
#define MSR_EFER    0xc0000080
#define EFER_LME    0x100
#define CR0_PG_PE   0x80000001

    .section .text.head, "ax", @progbits
    .code32
    .globl pvh_start32
pvh_start32:
    cld
    mov     %ebx, %esi                  /* kept until C */

    mov     $PHYS(__bss_start), %edi
    mov     $PHYS(_end), %ecx
    sub     %edi, %ecx
    xor     %eax, %eax
    rep stosb

    mov     $PHYS(boot_stack_top), %esp
    mov     $PHYS(early_hypercalls32), %eax
    call    *%eax

    /* 512 2-MiB pages: the first GiB. */
    mov     $PHYS(pvh_pd), %edi
    xor     %ecx, %ecx
1:  mov     %ecx, %eax
    shl     $21, %eax
    or      $PDE_2M_RW_P, %eax
    mov     %eax, (%edi,%ecx,8)
    inc     %ecx
    cmp     $512, %ecx
    jb      1b

    mov     $PHYS(pvh_pd) + PTE_RW_P, %eax
    mov     %eax, PHYS(pvh_pdpt_low)
    mov     %eax, PHYS(pvh_pdpt_high) + 510 * 8
    mov     $PHYS(pvh_pdpt_low) + PTE_RW_P, %eax
    mov     %eax, PHYS(pvh_pml4)
    mov     $PHYS(pvh_pdpt_high) + PTE_RW_P, %eax
    mov     %eax, PHYS(pvh_pml4) + 511 * 8

    mov     %cr4, %eax
    or      $CR4_PAE, %eax
    mov     %eax, %cr4
    mov     $PHYS(pvh_pml4), %eax
    mov     %eax, %cr3
    mov     $MSR_EFER, %ecx
    rdmsr
    or      $EFER_LME, %eax
    wrmsr
    mov     %cr0, %eax
    or      $CR0_PG_PE, %eax
    mov     %eax, %cr0

    lgdt    PHYS(pvh_gdt_desc)
    ljmp    $0x08, $PHYS(pvh_start64)

/*
 * Two hypercalls from 32-bit protected mode with paging off (EBX, ECX,
 * EDX arguments, physical pointers), so that the 32-bit calling
 * convention is exercised on every boot: find Xen's CPUID leaves, have
 * the hypercall page written, then xen_version(XENVER_version) and a
 * console_io write.  The results go to pvh_early_version and
 * pvh_early_console (0xffffffff: not tried) for the tests to check.
 */
early_hypercalls32:
    push    %esi
    movl    $0xffffffff, PHYS(pvh_early_version)
    movl    $0xffffffff, PHYS(pvh_early_console)
    mov     $0x40000000, %edi
1:  mov     %edi, %eax
    xor     %ecx, %ecx
    cpuid
    cmp     $XEN_CPUID_SIGNATURE_EBX, %ebx
    jne     2f
    cmp     $XEN_CPUID_SIGNATURE_ECX, %ecx
    jne     2f
    cmp     $XEN_CPUID_SIGNATURE_EDX, %edx
    je      3f
2:  add     $0x100, %edi
    cmp     $0x40010000, %edi
    jb      1b
    jmp     9f
3:  lea     2(%edi), %eax
    xor     %ecx, %ecx
    cpuid
    mov     %ebx, %ecx                  /* the hypercall-page MSR */
    mov     $PHYS(hypercall_page), %eax
    xor     %edx, %edx
    wrmsr
    mov     $XENVER_version, %ebx
    xor     %ecx, %ecx
    mov     $PHYS(hypercall_page) + __HYPERVISOR_xen_version * 32, %edi
    call    *%edi                       /* absolute: we run below 4 GiB */
    mov     %eax, PHYS(pvh_early_version)
    mov     $CONSOLEIO_write, %ebx
    mov     $early_msg_end - early_msg, %ecx
    mov     $PHYS(early_msg), %edx
    mov     $PHYS(hypercall_page) + __HYPERVISOR_console_io * 32, %edi
    call    *%edi
    mov     %eax, PHYS(pvh_early_console)
9:  pop     %esi
    ret

    .code64
pvh_start64:
    mov     $0x10, %eax
    mov     %eax, %ds
    mov     %eax, %es
    mov     %eax, %ss
    mov     %eax, %fs
    mov     %eax, %gs
    movabs  $pvh_high, %rax
    jmp     *%rax
pvh_high:
    lea     boot_stack_top(%rip), %rsp
    xor     %ebp, %ebp
    mov     %esi, %edi                  /* zero-extends: start_info */
    call    pvh_start_kernel
1:  hlt
    jmp     1b

    .globl _start                       /* the ELF entry; never used */
    .set _start, pvh_start32

    .section .rodata
    .balign 8
pvh_gdt:
    .quad   0
    .quad   0x00af9b000000ffff          /* 0x08: 64-bit code, DPL 0 */
    .quad   0x00cf93000000ffff          /* 0x10: flat data */
pvh_gdt_end:
pvh_gdt_desc:
    .word   pvh_gdt_end - pvh_gdt - 1
    .long   PHYS(pvh_gdt)

early_msg:
    .ascii  "pvtest: console_io from 32-bit protected mode\n"
early_msg_end:

    .data
    .balign 4
    .globl pvh_early_version, pvh_early_console
pvh_early_version:  .long 0
pvh_early_console:  .long 0

    .section .bss.page_aligned, "aw", @nobits
    .balign 4096
pvh_pml4:       .skip 4096
    .globl pvh_pdpt_low
pvh_pdpt_low:   .skip 4096
pvh_pdpt_high:  .skip 4096
pvh_pd:         .skip 4096

    .section .bss.stack, "aw", @nobits
    .balign 4096
    .globl boot_stack
boot_stack:
    .skip   16 * 4096
    .globl boot_stack_top
boot_stack_top:
