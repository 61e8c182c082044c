/*
 * One round trip from long mode down to real mode and back, made once on
 * the boot CPU at start of day, to ask the PC BIOS what dom0 later asks
 * the hypervisor for through XENPF_firmware_info: the EDD records of the
 * BIOS disks, each disk's MBR signature and the display's EDID block.
 * Only the BIOS knows these and it answers only in real mode, so this
 * part is assembly; bios_fw.c decides whether to come here at all, picks
 * and saves the low memory, and checks every answer afterwards.
 *
 * bios_fw.c copies [bios_rm_start, bios_rm_end) to a page-aligned area
 * below 1 MiB (RM_AREA_SIZE bytes, see asm/bios_rm.h), fills in the GDT
 * bases, the far pointers, the control register values to come back to
 * and rm_flags, and calls bios_rm_call(area).  The way down: lgdt our own
 * GDT, far jump to 32-bit compatibility code in the copy (identity
 * mapped), paging off (long mode ends), EFER.LME off, a 16-bit protected
 * mode segment, then PE off and a far jump into real mode with CS = the
 * copy's segment.  The way up mirrors it and ends with a far return to
 * the caller's code segment on the caller's stack, GDT and IDT.
 *
 * In real mode interrupts are on (the BIOS's disk and video services may
 * wait for its timer), the IDT is the real-mode vector table at 0, and
 * DS = ES = SS = CS.  After every int the segments are set again: the
 * BIOS owes us nothing but its documented result registers, so the
 * drive number and record pointer are kept in memory, not registers.
 * Stores go only to fixed-size records whose count is checked first.
 */
#include <asm/config.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/bios_rm.h>

#define RM_CS32     0x08
#define RM_DS32     0x10
#define RM_CS16     0x18
#define RM_DS16     0x20
#define RM_CS64     0x28

/* A symbol's offset within the copy (which is also its real-mode offset). */
#define RM(sym)     ((sym) - bios_rm_start)

        .text
        .code64
/* void bios_rm_call(unsigned long area): area is identity mapped. */
        .globl  bios_rm_call
bios_rm_call:
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        pushfq
        cli
        mov     %rdi, %rbx
        mov     %rsp, RM(rm_save_rsp)(%rbx)
        sgdt    RM(rm_save_gdtr)(%rbx)
        sidt    RM(rm_save_idtr)(%rbx)
        mov     %cs, RM(rm_save_cs)(%rbx)
        mov     %ss, RM(rm_save_ss)(%rbx)
        mov     %ds, RM(rm_save_ds)(%rbx)
        mov     %es, RM(rm_save_es)(%rbx)
        mov     %fs, RM(rm_save_fs)(%rbx)
        mov     %gs, RM(rm_save_gs)(%rbx)
        lgdt    RM(rm_gdtr)(%rbx)
        ljmpl   *RM(rm_down32_ptr)(%rbx)

/* Back in long mode from the copy, EBX = the area: restore the caller. */
bios_rm_back:
        mov     %ebx, %ebx
        lgdt    RM(rm_save_gdtr)(%rbx)
        lidt    RM(rm_save_idtr)(%rbx)
        mov     RM(rm_save_rsp)(%rbx), %rsp
        mov     RM(rm_save_ss)(%rbx), %ss
        mov     RM(rm_save_ds)(%rbx), %ds
        mov     RM(rm_save_es)(%rbx), %es
        mov     RM(rm_save_fs)(%rbx), %fs
        mov     RM(rm_save_gs)(%rbx), %gs
        movzwl  RM(rm_save_cs)(%rbx), %eax
        push    %rax
        lea     1f(%rip), %rax
        push    %rax
        lretq
1:      popfq
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        ret

/* ---- The part copied below 1 MiB ----------------------------------------- */

        .section .rodata.bios_rm, "a", @progbits
        .balign 16
        .globl  bios_rm_start
bios_rm_start:
        .code32
        .globl  rm_down32, rm_up32, rm_up64
/* Compatibility mode, EBX = the area.  Leave long mode, then go 16-bit. */
rm_down32:
        mov     $RM_DS32, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %cr0, %eax
        and     $~X86_CR0_PG, %eax
        mov     %eax, %cr0
        mov     $MSR_EFER, %ecx
        rdmsr
        and     $~EFER_LME, %eax
        wrmsr
        mov     $RM_DS16, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        ljmp    $RM_CS16, $RM(rm_down16)

        .code16
rm_down16:
        mov     %cr0, %eax
        and     $~X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpw   *RM(rm_real_ptr)

rm_real:
        mov     %cs, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %ss
        mov     $RM_STACK_TOP, %sp
        xor     %ax, %ax
        mov     %ax, %fs
        mov     %ax, %gs
        lidt    RM(rm_ivt)
        sti
        call    rm_do_mbr
        call    rm_do_edd
        call    rm_do_edid
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        xor     %ebx, %ebx
        mov     %ax, %bx
        shl     $4, %ebx
        lgdtl   RM(rm_gdtr)
        mov     %cr0, %eax
        or      $X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   *RM(rm_up32_ptr)

        .code32
/* Flat 32-bit protected mode, EBX = the area: paging and long mode back. */
rm_up32:
        mov     $RM_DS32, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     RM(rm_save_cr4)(%ebx), %eax
        mov     %eax, %cr4
        mov     RM(rm_save_cr3)(%ebx), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        mov     RM(rm_save_efer)(%ebx), %eax
        mov     RM(rm_save_efer) + 4(%ebx), %edx
        wrmsr
        mov     RM(rm_save_cr0)(%ebx), %eax
        mov     %eax, %cr0
        ljmpl   *RM(rm_up64_ptr)(%ebx)

        .code64
rm_up64:
        movabs  $bios_rm_back, %rax
        jmp     *%rax

        .code16
/* Put DS and ES back on the copy after a BIOS call. */
rm_reseg:
        push    %ax
        mov     %cs, %ax
        mov     %ax, %ds
        mov     %ax, %es
        pop     %ax
        cld
        ret

/*
 * The MBR signature of each BIOS disk from 80h up: read sector 0-0-1,
 * keep the 32-bit word at 0x1b8 when the sector ends in 55h AAh.  The
 * first drive that cannot be read ends the scan (as on Xen: the disks
 * are numbered without gaps), and so do RM_MBR_MAX kept signatures.
 */
rm_do_mbr:
        testb   $RM_DO_MBR, RM(rm_flags)
        jz      9f
        movb    $0x80, RM(rm_drive)
1:      movw    $0, RM_BUF + 0x1fe              /* no stale 55 AA */
        mov     $0x0201, %ax                    /* read one sector */
        mov     $0x0001, %cx                    /* cylinder 0, sector 1 */
        mov     RM(rm_drive), %dl
        xor     %dh, %dh                        /* head 0 */
        mov     $RM_BUF, %bx                    /* ES:BX */
        int     $0x13
        call    rm_reseg
        jc      9f
        test    %ah, %ah                        /* CF alone is not trusted */
        jnz     9f
        cmpw    $0xaa55, RM_BUF + 0x1fe
        jne     2f
        movzbw  RM(rm_mbr_nr), %di
        shl     $3, %di                         /* RM_MBR_REC_SIZE */
        add     $RM(rm_mbr), %di
        mov     RM(rm_drive), %al
        mov     %al, (%di)
        mov     RM_BUF + RM_MBR_SIG_OFFSET, %eax
        mov     %eax, 4(%di)
        incb    RM(rm_mbr_nr)
        cmpb    $RM_MBR_MAX, RM(rm_mbr_nr)
        jae     9f
2:      incb    RM(rm_drive)
        jnz     1b
9:      ret

/*
 * EDD records of the BIOS disks from 80h up.  ah=41h says whether the
 * drive has the extensions (CF: no such drive, the scan ends; a wrong
 * BX magic: no EDD, next drive).  For a drive that has them: ah=48h
 * fills the parameter block (told its size first; its result is kept
 * whatever it says, as on Xen) and ah=08h gives the legacy geometry.
 */
rm_do_edd:
        testb   $RM_DO_EDD, RM(rm_flags)
        jz      9f
        movb    $0x80, RM(rm_drive)
1:      mov     $0x41, %ah
        mov     $0x55aa, %bx
        mov     RM(rm_drive), %dl
        int     $0x13
        call    rm_reseg
        jc      9f
        cmp     $0xaa55, %bx
        jne     3f
        movzbw  RM(rm_edd_nr), %di
        imul    $RM_EDD_REC_SIZE, %di, %di
        add     $RM(rm_edd), %di
        mov     %di, RM(rm_rec)
        mov     RM(rm_drive), %dl
        mov     %dl, RM_EDD_DEVICE(%di)
        mov     %ah, RM_EDD_VERSION(%di)
        mov     %cx, RM_EDD_IFACE(%di)
        incb    RM(rm_edd_nr)

        movw    $RM_EDD_PARAMS_SIZE, RM_EDD_PARAMS(%di)
        lea     RM_EDD_PARAMS(%di), %si          /* DS:SI */
        mov     $0x48, %ah
        int     $0x13
        call    rm_reseg

        xor     %ax, %ax                        /* ES:DI = 0:0 for ah=08h */
        mov     %ax, %es
        xor     %di, %di
        mov     $0x08, %ah
        mov     RM(rm_drive), %dl
        int     $0x13
        call    rm_reseg
        jc      2f
        mov     RM(rm_rec), %di
        mov     %cl, %al
        and     $0x3f, %al
        mov     %al, RM_EDD_SPT(%di)
        mov     %dh, RM_EDD_HEAD(%di)
        mov     %cl, %ah                        /* cylinder bits 9:8 */
        shr     $6, %ah
        mov     %ch, %al                        /* cylinder bits 7:0 */
        mov     %ax, RM_EDD_CYL(%di)
2:      cmpb    $RM_EDD_MAX, RM(rm_edd_nr)
        jae     9f
3:      incb    RM(rm_drive)
        jnz     1b
9:      ret

/*
 * The EDID block through VBE/DDC: only with a VBE 2.0+ BIOS (ax=4f00h),
 * whose DDC capabilities (ax=4f15h bl=0) say it can read one in at most
 * 5 s, unless rm_flags forces the read (Xen's edid=force).
 */
rm_do_edid:
        testb   $RM_DO_EDID, RM(rm_flags)
        jz      9f
        movl    $0x32454256, RM_BUF             /* "VBE2": ask for 2.0 data */
        mov     $0x4f00, %ax
        mov     $RM_BUF, %di                    /* ES:DI */
        int     $0x10
        call    rm_reseg
        cmp     $0x004f, %ax
        jne     9f
        cmpw    $0x0200, RM_BUF + 4             /* VBE version */
        jb      9f
        xor     %ax, %ax                        /* ES:DI = 0:0 */
        mov     %ax, %es
        xor     %di, %di
        mov     $0x4f15, %ax
        xor     %bx, %bx                        /* report DDC capabilities */
        xor     %cx, %cx
        int     $0x10
        call    rm_reseg
        cmp     $0x004f, %ax
        jne     9f
        mov     %bx, RM(rm_edid_caps)
        testb   $RM_EDID_FORCE, RM(rm_flags)
        jnz     1f
        test    $3, %bl                         /* DDC1 or DDC2 */
        jz      9f
        cmp     $5, %bh                         /* seconds per block */
        ja      9f
1:      mov     $0x4f15, %ax
        mov     $1, %bx                         /* read EDID */
        xor     %cx, %cx
        xor     %dx, %dx                        /* block 0 */
        mov     $RM(rm_edid_buf), %di            /* ES:DI */
        int     $0x10
        call    rm_reseg
        mov     %ax, RM(rm_edid_status)
9:      ret

/* ---- Data, filled in by bios_fw.c unless said otherwise ------------------ */

        .balign 8
        .globl  rm_gdt
rm_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff              /* 0x08: flat 32-bit code */
        .quad   0x00cf92000000ffff              /* 0x10: flat data */
        .globl  rm_gdt_cs16
rm_gdt_cs16:
        .quad   0x00009a000000ffff              /* 0x18: 16-bit code, base set */
        .quad   0x000092000000ffff              /* 0x20: 16-bit data, base set */
        .quad   0x00af9a000000ffff              /* 0x28: 64-bit code */
rm_gdt_end:

        .balign 8
        .globl  rm_gdtr
rm_gdtr:
        .short  rm_gdt_end - rm_gdt - 1
        .quad   0                               /* base */
        .balign 8
rm_ivt:                                         /* the real-mode IDT */
        .short  0x3ff
        .quad   0

        .balign 4
        .globl  rm_down32_ptr, rm_up32_ptr, rm_up64_ptr, rm_real_ptr
rm_down32_ptr:  .long 0                         /* m16:32 far pointers */
                .short RM_CS32
rm_up32_ptr:    .long 0
                .short RM_CS32
rm_up64_ptr:    .long 0
                .short RM_CS64
rm_real_ptr:    .short RM(rm_real)              /* m16:16, segment set */
                .short 0

        .balign 8
        .globl  rm_save_cr0, rm_save_cr3, rm_save_cr4, rm_save_efer
rm_save_cr0:    .long 0
rm_save_cr3:    .long 0
rm_save_cr4:    .long 0
                .long 0
rm_save_efer:   .quad 0
rm_save_rsp:    .quad 0                         /* the rest: bios_rm_call */
rm_save_gdtr:   .skip 16
rm_save_idtr:   .skip 16
rm_save_cs:     .short 0
rm_save_ss:     .short 0
rm_save_ds:     .short 0
rm_save_es:     .short 0
rm_save_fs:     .short 0
rm_save_gs:     .short 0

/* Working state of the scans. */
rm_drive:       .byte 0
                .byte 0
rm_rec:         .short 0

/* Request in, results out. */
        .globl  rm_flags, rm_edd_nr, rm_mbr_nr, rm_edid_caps, rm_edid_status
        .globl  rm_edd, rm_mbr, rm_edid_buf
rm_flags:       .byte 0
rm_edd_nr:      .byte 0
rm_mbr_nr:      .byte 0
                .byte 0
rm_edid_caps:   .short 0
rm_edid_status: .short 0
        .balign 8
rm_mbr:         .skip RM_MBR_MAX * RM_MBR_REC_SIZE
rm_edd:         .skip RM_EDD_MAX * RM_EDD_REC_SIZE
rm_edid_buf:    .skip RM_EDID_SIZE

        .globl  bios_rm_end
bios_rm_end:
