/*
 * lapic-access.c - accesses to the xAPIC page that are not the 32-bit
 * aligned register accesses the architecture asks for, with what Xen
 * 4.17 answers (none of them crashes the guest): 1- and 2-byte reads
 * inside a register's first 32 bits read those bytes, reads that do not
 * fit there (4 bytes at +2, the reserved words at +4, 8 bytes) read 0;
 * 1- and 2-byte writes merge into the register, 4 bytes at +2 and 8-byte
 * writes are dropped; writes to read-only and reserved registers (LVR,
 * 0x40, the x2APIC-only SELF IPI at 0x3f0) change nothing, an ESR write
 * clears it; everything above 0x3f0 reads 0 (dword and sub-word reads).  Each access is a
 * different instruction form (MOV, MOVZX, immediates, byte registers
 * AH-BH, REX registers) for the emulator to decode.
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/lapic.h>

const char test_title[] = "lapic-access: APIC page accesses of odd width";

static volatile uint8_t *page;

#define AT(type, off) (*(volatile type *)(page + (off)))

static uint32_t tpr(void)
{
    return AT(uint32_t, APIC_TPR);
}

static void reads(void)
{
    uint64_t q;
    uint32_t l;
    uint16_t w;
    uint8_t b;

    check_eq(AT(uint8_t, 0x30), 0x14, "byte read of LVR");
    check_eq(AT(uint8_t, 0x32), 0x05, "byte read of LVR + 2");
    check_eq(AT(uint16_t, 0x32), 0x0005, "word read of LVR + 2");
    check_eq(AT(uint16_t, 0x31), 0x0500, "word read of LVR + 1");
    check_eq(AT(uint32_t, 0x32), 0, "dword read of LVR + 2");
    check_eq(AT(uint32_t, 0x34), 0, "dword read of LVR + 4");
    check_eq(AT(uint64_t, 0x30), 0, "qword read of LVR");
    check_eq(AT(uint8_t, 0xff8), 0, "byte read at 0xff8");
    /* No registers above 0x3f0: every word there reads 0. */
    for ( unsigned int off = 0x400; off < 0x1000; off += 4 )
        if ( !check_eq(AT(uint32_t, off), 0, "a word above 0x3f0") )
        {
            xtest_info("at offset %#x", off);
            break;
        }
    for ( unsigned int off = 0x400; off < 0x1000; off += 0x10 )
        if ( !check_eq(AT(uint16_t, off + 2), 0, "a half-word above 0x3f0") )
            break;
    /* Other forms: movzbl, and a read into a REX register and into AH. */
    __asm__ __volatile__ ("movzbl 0x30(%1), %0" : "=r" (l) : "r" (page));
    check_eq(l, 0x14, "movzbl of LVR");
    __asm__ __volatile__ ("movzwl 0x32(%1), %0" : "=r" (l) : "r" (page));
    check_eq(l, 5, "movzwl of LVR + 2");
    __asm__ __volatile__ ("mov 0x30(%1), %%r11d; mov %%r11, %0"
                          : "=r" (q) : "r" (page) : "r11");
    check_eq(q, 0x50014, "LVR into r11d");
    q = 0xffffffffffffffffUL;
    __asm__ __volatile__ ("mov 0x30(%1), %%ah" : "+a" (q) : "r" (page));
    check_eq(q, 0xffffffffffff14ffUL, "LVR's low byte into AH");
    w = 0;
    __asm__ __volatile__ ("movw 0x30(%1), %0" : "=r" (w) : "r" (page));
    check_eq(w, 0x14, "word read into a 16-bit register");
    b = 0;
    __asm__ __volatile__ ("movb 0x32(%1), %0" : "=q" (b) : "r" (page));
    check_eq(b, 5, "byte read into an 8-bit register");
}

static void writes(void)
{
    AT(uint8_t, APIC_TPR) = 0x12;
    check_eq(tpr(), 0x12, "TPR after a byte write");
    AT(uint8_t, APIC_TPR + 1) = 0x34;
    check_eq(tpr(), 0x12, "TPR after a byte write at +1");
    AT(uint16_t, APIC_TPR) = 0x56;
    check_eq(tpr(), 0x56, "TPR after a word write");
    AT(uint32_t, APIC_TPR + 2) = 0x78;
    check_eq(tpr(), 0x56, "TPR after a dword write at +2");
    AT(uint64_t, APIC_TPR) = 0x9a;
    check_eq(tpr(), 0x56, "TPR after a qword write");
    /* Immediates: movl $imm, movb $imm; and from BH. */
    __asm__ __volatile__ ("movl $0x21, 0x80(%0)" :: "r" (page) : "memory");
    check_eq(tpr(), 0x21, "TPR after movl $imm");
    __asm__ __volatile__ ("movb $0x43, 0x80(%0)" :: "r" (page) : "memory");
    check_eq(tpr(), 0x43, "TPR after movb $imm");
    __asm__ __volatile__ ("mov %%bh, 0x80(%0)" :: "r" (page), "b" (0x6500)
                          : "memory");
    check_eq(tpr(), 0x65, "TPR after a write from BH");
    AT(uint32_t, APIC_TPR) = 0;
    check_eq(tpr(), 0, "TPR cleared");

    AT(uint32_t, APIC_LVR) = 0;
    check_eq(AT(uint32_t, APIC_LVR), 0x50014, "LVR after a write");
    AT(uint32_t, 0x40) = 5;
    check_eq(AT(uint32_t, 0x40), 0, "reserved 0x40 after a write");
    AT(uint32_t, APIC_ESR) = 5;
    check_eq(AT(uint32_t, APIC_ESR), 0, "ESR after a write");
    AT(uint32_t, APIC_SELF_IPI) = 0x40;
    check_eq(AT(uint32_t, APIC_SELF_IPI), 0, "0x3f0 after a write");
    check_eq(AT(uint32_t, APIC_IRR + 0x40), 0, "IRR after the 0x3f0 write");
}

void test_main(void)
{
    page = (volatile uint8_t *)lapic_map();
    reads();
    writes();
}
