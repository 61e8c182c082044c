/*
 * npf.c - a PVH guest touches guest-physical memory nothing backs
 * (768 MiB: above QEMU's 512 MiB and dom0's memory, inside the 1 GiB the
 * library maps; and the last page below the guest's physical address
 * width), as Xen 4.17 answers a PVH guest without a device model: every
 * read returns all ones and every write is dropped, in each instruction
 * form Linux's readX()/writeX() and drivers use (MOV both ways in 1, 2,
 * 4 and 8 bytes, with REX, the operand-size prefix and the high byte
 * registers, MOV of an immediate, MOVZX, MOVSX).  The emulated read must
 * load exactly the bytes the instruction loads (the rest of the register
 * as the CPU leaves it).  A page-table entry above the physical address
 * width faults (#PF with RSVD) before anything reaches the hypervisor.
 * An instruction fetch from such memory is #GP(0), as on Xen.  The HPET's
 * page (0xfed00000 on QEMU) belongs to the hypervisor: dom0 (this test)
 * never reaches its registers and reads it as unbacked memory.
 *
 * Failed before the fix: ours crashed the domain at the first read.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "npf: unbacked guest-physical memory reads ones, drops writes";

#define HOLE_GPA    0x30000000UL
#define HPET_GPA    0xfed00000UL            /* QEMU's HPET: the hypervisor's */
#define WIN         (1UL << 39)                 /* PML4 slot 1 */
#define PTE_P       0x001UL
#define PTE_RW      0x002UL
#define PTE_PCD     0x010UL

static uint64_t pdpt[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t pd[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t pt[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

#define FILL 0x1122334455667788UL

static unsigned long phys(const void *p)
{
    return (unsigned long)p - PV_VIRT_BASE;
}

/* Loads: each leaves the rest of its destination as the CPU would. */
static void reads(volatile void *p, const char *where)
{
    uint64_t r;

    xtest_info("reads at %s", where);
    r = FILL;
    __asm__ __volatile__ ("movb (%1), %b0" : "+q" (r) : "r" (p));
    check_eq(r, 0x11223344556677ffUL, "movb to %al");
    r = FILL;
    __asm__ __volatile__ ("movb (%1), %h0" : "+Q" (r) : "r" (p));
    check_eq(r, 0x112233445566ff88UL, "movb to %ah (no REX)");
    r = FILL;
    __asm__ __volatile__ ("mov %0, %%r9; movb (%1), %%r9b; mov %%r9, %0"
                          : "+r" (r) : "r" (p) : "r9");
    check_eq(r, 0x11223344556677ffUL, "movb to %r9b (REX)");
    r = FILL;
    __asm__ __volatile__ ("mov %0, %%r10; movw (%1), %%r10w; mov %%r10, %0"
                          : "+r" (r) : "r" (p) : "r10");
    check_eq(r, 0x112233445566ffffUL, "movw to %r10w (66 REX)");
    r = FILL;
    __asm__ __volatile__ ("movw (%1), %w0" : "+r" (r) : "r" (p));
    check_eq(r, 0x112233445566ffffUL, "movw (66)");
    r = FILL;
    __asm__ __volatile__ ("movl (%1), %k0" : "+r" (r) : "r" (p));
    check_eq(r, 0xffffffffUL, "movl (upper half zeroed)");
    r = FILL;
    __asm__ __volatile__ ("movq (%1), %0" : "+r" (r) : "r" (p));
    check_eq(r, ~0UL, "movq");
    r = FILL;
    __asm__ __volatile__ ("mov %0, %%r11; movq 8(%1), %%r11; mov %%r11, %0"
                          : "+r" (r) : "r" (p) : "r11");
    check_eq(r, ~0UL, "movq disp8 to %r11");
    r = FILL;
    __asm__ __volatile__ ("movzbl (%1), %k0" : "+r" (r) : "r" (p));
    check_eq(r, 0xffUL, "movzbl");
    r = FILL;
    __asm__ __volatile__ ("movzwl (%1), %k0" : "+r" (r) : "r" (p));
    check_eq(r, 0xffffUL, "movzwl");
    r = FILL;
    __asm__ __volatile__ ("movzbq (%1), %0" : "+r" (r) : "r" (p));
    check_eq(r, 0xffUL, "movzbq (REX.W)");
    r = FILL;
    __asm__ __volatile__ ("movzbw (%1), %w0" : "+r" (r) : "r" (p));
    check_eq(r, 0x11223344556600ffUL, "movzbw (66)");
    r = FILL;
    __asm__ __volatile__ ("movsbl (%1), %k0" : "+r" (r) : "r" (p));
    check_eq(r, 0xffffffffUL, "movsbl");
    r = FILL;
    __asm__ __volatile__ ("movswq (%1), %0" : "+r" (r) : "r" (p));
    check_eq(r, ~0UL, "movswq");
    r = FILL;
    __asm__ __volatile__ ("movsbw (%1), %w0" : "+r" (r) : "r" (p));
    check_eq(r, 0x112233445566ffffUL, "movsbw (66)");
    r = FILL;
    __asm__ __volatile__ ("movslq (%1), %0" : "+r" (r) : "r" (p));
    check_eq(r, ~0UL, "movslq");
}

/* Stores: none sticks, the next read is all ones again. */
static void writes(volatile void *p, const char *where)
{
    volatile uint8_t *b = p;
    uint64_t r;

    xtest_info("writes at %s", where);
    __asm__ __volatile__ ("movb %h0, (%1)" :: "Q" (0x1200UL), "r" (p) : "memory");
    check_eq(b[0], 0xff, "movb %ah then read");
    __asm__ __volatile__ ("movw $0x1234, (%0)" :: "r" (p) : "memory");
    check_eq(*(volatile uint16_t *)p, 0xffff, "movw $imm then read");
    __asm__ __volatile__ ("movl $0x12345678, 4(%0)" :: "r" (p) : "memory");
    check_eq(*(volatile uint32_t *)(b + 4), 0xffffffff, "movl $imm then read");
    __asm__ __volatile__ ("movq $-2, 8(%0)" :: "r" (p) : "memory");
    check_eq(*(volatile uint64_t *)(b + 8), ~0UL, "movq $imm then read");
    __asm__ __volatile__ ("mov %0, %%r11; movq %%r11, 16(%1)"
                          :: "r" (FILL), "r" (p) : "r11", "memory");
    check_eq(*(volatile uint64_t *)(b + 16), ~0UL, "movq %r11 then read");
    __asm__ __volatile__ ("movb $0, 24(%0)" :: "r" (p) : "memory");
    __asm__ __volatile__ ("movw %w0, 26(%1)" :: "r" (0UL), "r" (p) : "memory");
    r = *(volatile uint64_t *)(b + 24);
    check_eq(r, ~0UL, "movb $0 / movw %reg then read");
}

/* A page at WIN mapping gpa (uncached, as a driver maps a BAR). */
static volatile void *map_gpa(unsigned int slot, uint64_t gpa)
{
    pt[slot] = gpa | PTE_P | PTE_RW | PTE_PCD;
    __asm__ __volatile__ ("invlpg (%0)" :: "r" (WIN + slot * PAGE_SIZE)
                          : "memory");
    return (volatile void *)(WIN + slot * PAGE_SIZE);
}

static void setup_window(void)
{
    unsigned long cr3;
    uint64_t *pml4;

    __asm__ __volatile__ ("mov %%cr3, %0" : "=r" (cr3));
    pml4 = pvh_phys(cr3 & ~0xfffUL);
    pml4[1] = phys(pdpt) | PTE_P | PTE_RW;
    pdpt[0] = phys(pd) | PTE_P | PTE_RW;
    pd[0] = phys(pt) | PTE_P | PTE_RW;
    __asm__ __volatile__ ("mov %0, %%cr3" :: "r" (cr3) : "memory");
}

/* The top of the guest's physical address width: the last page below
 * it reads ones; a PTE naming the first page above it is reserved. */
static void width(void)
{
    uint32_t eax, ebx, ecx, edx;
    unsigned int bits;
    volatile void *top, *above;
    uint64_t v;
    exinfo_t ex;

    __asm__ __volatile__ ("cpuid" : "=a" (eax), "=b" (ebx), "=c" (ecx),
                          "=d" (edx) : "a" (0x80000008), "c" (0));
    bits = eax & 0xff;
    xtest_info("physical address width %u bits", bits);
    top = map_gpa(1, (1UL << bits) - PAGE_SIZE);
    reads(top, "the last page below the width");
    writes(top, "the last page below the width");
    above = map_gpa(2, 1UL << bits);
    /* The CPU's walk refuses the entry; whether it also reports P is
     * the (emulated) CPU's business, not the hypervisor's (QEMU does
     * not). */
    ex = probe_read64(above, &v);
    check_eq(EXINFO_VEC(ex), X86_EXC_PF, "read through a PTE above the width: #PF");
    check_eq(EXINFO_EC(ex) & ~1u, 0x8, "its error code (RSVD, read)");
    check_eq(exinfo_last_cr2, (unsigned long)above, "cr2 of that #PF");
    ex = probe_write64(above, 1);
    check_eq(EXINFO_VEC(ex), X86_EXC_PF, "write through a PTE above the width: #PF");
    check_eq(EXINFO_EC(ex) & ~1u, 0xa, "its error code (RSVD, write)");
}

/* Jump into the hole: the fixup is registered at the hole's own
 * address, so the exception the fetch raises comes back here.  Xen's
 * emulator cannot fetch from unclaimed memory: #GP(0). */
static void fetch(void)
{
    exinfo_clear();
    __asm__ __volatile__ ("jmp *%0\n"
                          "2:\n\t"
                          EXTABLE_ENTRY(0x30000000, 2b)
                          :: "r" (HOLE_GPA) : "memory");
    check_exinfo(exinfo_take(), EXINFO(X86_EXC_GP, 0),
                 "instruction fetch from the hole");
}

void test_main(void)
{
    volatile void *hole = pvh_phys(HOLE_GPA), *hpet;

    reads(hole, "768 MiB");
    writes(hole, "768 MiB");
    setup_window();
    reads(map_gpa(0, HOLE_GPA + 0x10000), "768 MiB + 64 KiB, uncached");
    width();
    fetch();
    hpet = pvh_map_mmio(HPET_GPA);
    /* Reads only: were the page reachable, writes would reprogram the
     * hypervisor's timer. */
    if ( check(hpet != NULL, "mapping the HPET's page") )
        reads(hpet, "the HPET's page (the hypervisor's)");
}
