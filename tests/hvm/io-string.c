/*
 * io-string.c - string port I/O (INS/OUTS, with and without REP) from a
 * PVH guest to a port nothing answers (0x2f8: no COM2 on QEMU's q35), as
 * the CPU does it: each INS element stores all ones, OUTS elements go
 * nowhere; rSI/rDI move by the element size (down with DF), rCX counts
 * down under REP, a 32-bit address size (0x67) uses and leaves only the
 * low halves, OUTS honours a segment override (FS/GS bases), memory is
 * reached through the guest's page tables and a missing or read-only
 * page gives the #PF the CPU raises, with rCX/rDI left at the element
 * that faulted; a long REP completes; a single-stepped REP traps after
 * each iteration.  Unbacked guest-physical memory
 * answers as any access (all ones, writes dropped).
 *
 * Ours emulates these (no device model); Xen 4.17's PVH dom0 reaches the
 * port itself, so there the CPU does them: the reference.
 *
 * Failed before the fix: ours crashed the domain at the first INSB.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "io-string: INS/OUTS to a port nothing answers";

#define PORT        0x2f8
#define HOLE_GPA    0x30000000UL
#define WIN         (1UL << 39)                 /* PML4 slot 1 */
#define PTE_P       0x001UL
#define PTE_RW      0x002UL
#define CR0_WP      (1UL << 16)
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101

static uint64_t pdpt[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t pd[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t pt[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint8_t buf[2 * PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

static char what_buf[96];
#define W(...) (snprintf(what_buf, sizeof(what_buf), __VA_ARGS__), what_buf)

static unsigned long phys(const void *p)
{
    return (unsigned long)p - PV_VIRT_BASE;
}

static void fill(void)
{
    for ( unsigned int i = 0; i < sizeof(buf); i++ )
        buf[i] = 0x5a;
}

/* buf[from, to) all ones and the rest untouched. */
static void check_ones(unsigned int from, unsigned int to, const char *what)
{
    for ( unsigned int i = 0; i < 64 + to; i++ )
    {
        uint8_t want = i >= from && i < to ? 0xff : 0x5a;

        if ( i < sizeof(buf) && !check_eq(buf[i], want, W("%s: byte %u", what, i)) )
            return;
    }
}

static void ins(void)
{
    unsigned long di, cx;

    fill();
    di = (unsigned long)buf;
    __asm__ __volatile__ ("insb" : "+D" (di) : "d" (PORT) : "memory");
    check_eq(di, (unsigned long)buf + 1, "insb: rdi");
    check_ones(0, 1, "insb");

    fill();
    di = (unsigned long)buf + 2;
    cx = 3;
    __asm__ __volatile__ ("rep insw" : "+D" (di), "+c" (cx) : "d" (PORT)
                          : "memory");
    check_eq(di, (unsigned long)buf + 8, "rep insw: rdi");
    check_eq(cx, 0, "rep insw: rcx");
    check_ones(2, 8, "rep insw");

    /* DF set: down from buf + 12, three dwords at 12, 8, 4. */
    fill();
    di = (unsigned long)buf + 12;
    cx = 3;
    __asm__ __volatile__ ("std; rep insl; cld" : "+D" (di), "+c" (cx)
                          : "d" (PORT) : "memory");
    check_eq(di, (unsigned long)buf, "std; rep insl: rdi");
    check_eq(cx, 0, "std; rep insl: rcx");
    check_ones(4, 16, "std; rep insl");

    /* REP with a zero count does nothing. */
    fill();
    di = (unsigned long)buf;
    cx = 0;
    __asm__ __volatile__ ("rep insb" : "+D" (di), "+c" (cx) : "d" (PORT)
                          : "memory");
    check_eq(di, (unsigned long)buf, "rep insb, rcx 0: rdi");
    check_ones(0, 0, "rep insb, rcx 0");

    /* A long one (more than a batch of the emulator's). */
    fill();
    di = (unsigned long)buf + 1;
    cx = 3000;
    __asm__ __volatile__ ("rep insb" : "+D" (di), "+c" (cx) : "d" (PORT)
                          : "memory");
    check_eq(di, (unsigned long)buf + 3001, "rep insb x3000: rdi");
    check_eq(cx, 0, "rep insb x3000: rcx");
    check_ones(1, 3001, "rep insb x3000");
}

/* 0x67: EDI and ECX only, and only they are written back. */
static void addr32(void)
{
    unsigned long di, cx;

    fill();
    di = 0xdead000000000000UL | phys(buf + 8);
    cx = 0xbeef000000000002UL;
    __asm__ __volatile__ ("addr32 rep insb" : "+D" (di), "+c" (cx)
                          : "d" (PORT) : "memory");
    xtest_info("addr32 rep insb: rdi %#lx rcx %#lx", di, cx);
    check_eq(di, phys(buf + 10), "addr32 rep insb: rdi");
    check_eq(cx, 0, "addr32 rep insb: rcx");
    check_ones(8, 10, "addr32 rep insb");

    unsigned long si = 0xdead000000000000UL | phys(buf);

    cx = 0xbeef000000000003UL;
    __asm__ __volatile__ ("std; addr32 rep outsw; cld" : "+S" (si), "+c" (cx)
                          : "d" (PORT) : "memory");
    check_eq(si, phys(buf) - 6, "std; addr32 rep outsw: rsi");
    check_eq(cx, 0, "std; addr32 rep outsw: rcx");
}

static void outs(void)
{
    unsigned long si, cx;

    fill();
    si = (unsigned long)buf;
    __asm__ __volatile__ ("outsb" : "+S" (si) : "d" (PORT) : "memory");
    check_eq(si, (unsigned long)buf + 1, "outsb: rsi");
    si = (unsigned long)buf;
    cx = 5;
    __asm__ __volatile__ ("rep outsl" : "+S" (si), "+c" (cx) : "d" (PORT)
                          : "memory");
    check_eq(si, (unsigned long)buf + 20, "rep outsl: rsi");
    check_eq(cx, 0, "rep outsl: rcx");
    si = (unsigned long)buf + 100;
    cx = 7;
    __asm__ __volatile__ ("std; rep outsb; cld" : "+S" (si), "+c" (cx)
                          : "d" (PORT) : "memory");
    check_eq(si, (unsigned long)buf + 93, "std; rep outsb: rsi");
    check_eq(cx, 0, "std; rep outsb: rcx");
    check_ones(0, 0, "outs leave memory alone");
}

static void set_window(void)
{
    unsigned long cr3;
    uint64_t *pml4;

    __asm__ __volatile__ ("mov %%cr3, %0" : "=r" (cr3));
    pml4 = pvh_phys(cr3 & ~0xfffUL);
    pml4[1] = phys(pdpt) | PTE_P | PTE_RW;
    pdpt[0] = phys(pd) | PTE_P | PTE_RW;
    pd[0] = phys(pt) | PTE_P | PTE_RW;
    pt[0] = phys(buf) | PTE_P | PTE_RW;         /* page 0: buf, writable */
    pt[1] = 0;                                  /* page 1: nothing */
    pt[2] = phys(buf) | PTE_P;                  /* page 2: buf, read-only */
    pt[3] = HOLE_GPA | PTE_P | PTE_RW;          /* page 3: no memory */
    __asm__ __volatile__ ("mov %0, %%cr3" :: "r" (cr3) : "memory");
}

/* Faults: registers stay at the element that faulted. */
static void faults(void)
{
    unsigned long di, si, cx, cr0;
    exinfo_t ex;

    set_window();
    fill();
    di = WIN + PAGE_SIZE - 2;
    cx = 4;
    ex = PROBE_FAULT("rep insb", ("+D" (di), "+c" (cx)), ("d" (PORT)));
    check_exinfo(ex, EXINFO(X86_EXC_PF, 2), "rep insb into an unmapped page");
    check_eq(exinfo_last_cr2, WIN + PAGE_SIZE, "its cr2");
    check_eq(di, WIN + PAGE_SIZE, "its rdi (two bytes done)");
    check_eq(cx, 2, "its rcx");
    check_ones(PAGE_SIZE - 2, PAGE_SIZE, "rep insb up to the unmapped page");

    fill();
    di = WIN + PAGE_SIZE - 1;
    cx = 1;
    ex = PROBE_FAULT("rep insw", ("+D" (di), "+c" (cx)), ("d" (PORT)));
    check_exinfo(ex, EXINFO(X86_EXC_PF, 2), "insw across into the unmapped page");
    check_eq(exinfo_last_cr2, WIN + PAGE_SIZE, "its cr2");
    check_eq(cx, 1, "its rcx (nothing done)");
    check_ones(0, 0, "nothing stored by the split insw");

    si = WIN + PAGE_SIZE + 8;
    ex = PROBE_FAULT("outsl", ("+S" (si)), ("d" (PORT)));
    check_exinfo(ex, EXINFO(X86_EXC_PF, 0), "outsl from an unmapped page");
    check_eq(exinfo_last_cr2, WIN + PAGE_SIZE + 8, "its cr2");
    check_eq(si, WIN + PAGE_SIZE + 8, "its rsi");

    /* Ring 0 writes to a read-only page: allowed unless CR0.WP. */
    __asm__ __volatile__ ("mov %%cr0, %0" : "=r" (cr0));
    __asm__ __volatile__ ("mov %0, %%cr0" :: "r" (cr0 & ~CR0_WP));
    fill();
    di = WIN + 2 * PAGE_SIZE;
    ex = PROBE_FAULT("insb", ("+D" (di)), ("d" (PORT)));
    check_exinfo(ex, EXINFO_NONE, "insb into a read-only page, CR0.WP clear");
    check_ones(0, 1, "that insb stored");
    __asm__ __volatile__ ("mov %0, %%cr0" :: "r" (cr0 | CR0_WP));
    fill();
    di = WIN + 2 * PAGE_SIZE;
    ex = PROBE_FAULT("insb", ("+D" (di)), ("d" (PORT)));
    check_exinfo(ex, EXINFO(X86_EXC_PF, 3), "insb into a read-only page, CR0.WP set");
    check_ones(0, 0, "nothing stored by it");
    __asm__ __volatile__ ("mov %0, %%cr0" :: "r" (cr0));
    si = WIN + 2 * PAGE_SIZE;
    cx = 2;
    ex = PROBE_FAULT("rep outsw", ("+S" (si), "+c" (cx)), ("d" (PORT)));
    check_exinfo(ex, EXINFO_NONE, "rep outsw from a read-only page");

    /* Non-canonical: #GP(0). */
    si = 0x0000800000000000UL;
    ex = PROBE_FAULT("outsb", ("+S" (si)), ("d" (PORT)));
    check_exinfo(ex, EXINFO(X86_EXC_GP, 0), "outsb from a non-canonical address");
}

/* Memory nothing backs: INS stores vanish, OUTS reads all ones. */
static void hole(void)
{
    unsigned long di = WIN + 3 * PAGE_SIZE, si = WIN + 3 * PAGE_SIZE, cx = 4;
    exinfo_t ex;

    ex = PROBE_FAULT("rep insw", ("+D" (di), "+c" (cx)), ("d" (PORT)));
    check_exinfo(ex, EXINFO_NONE, "rep insw into unbacked memory");
    check_eq(cx, 0, "its rcx");
    cx = 4;
    ex = PROBE_FAULT("rep outsb", ("+S" (si), "+c" (cx)), ("d" (PORT)));
    check_exinfo(ex, EXINFO_NONE, "rep outsb from unbacked memory");
    check_eq(si, WIN + 3 * PAGE_SIZE + 4, "its rsi");
}

/* OUTS's source segment follows an override: FS and GS have bases. */
static void segments(void)
{
    uint64_t fs = pvh_rdmsr(MSR_FS_BASE), gs = pvh_rdmsr(MSR_GS_BASE);
    unsigned long si;
    exinfo_t ex;

    pvh_wrmsr(MSR_FS_BASE, (unsigned long)buf);
    pvh_wrmsr(MSR_GS_BASE, WIN + PAGE_SIZE);    /* the unmapped page */
    si = 0x10;
    ex = PROBE_FAULT("outsb %%fs:(%%rsi), (%%dx)", ("+S" (si)), ("d" (PORT)));
    check_exinfo(ex, EXINFO_NONE, "outsb %fs:, FS base at buf");
    check_eq(si, 0x11, "its rsi");
    si = 0x10;
    ex = PROBE_FAULT("outsw %%gs:(%%rsi), (%%dx)", ("+S" (si)), ("d" (PORT)));
    check_exinfo(ex, EXINFO(X86_EXC_PF, 0), "outsw %gs:, GS base unmapped");
    check_eq(exinfo_last_cr2, WIN + PAGE_SIZE + 0x10, "its cr2 (GS base + rsi)");
    si = 0x10;
    ex = PROBE_FAULT("rep outsl %%ds:(%%rsi), (%%dx)", ("+S" (si)),
                     ("d" (PORT), "c" (0UL)));
    check_exinfo(ex, EXINFO_NONE, "rep outsl %ds: with rcx 0");
    pvh_wrmsr(MSR_FS_BASE, fs);
    pvh_wrmsr(MSR_GS_BASE, gs);
}

/*
 * Single step over a REP: the CPU traps after each iteration, with rip
 * still on the instruction until the count runs out (and after it then).
 * Each #DB ends the probe: run it again for the next iteration.
 */
static void rep_step(void)
{
    unsigned long di = (unsigned long)buf, cx = 3;
    unsigned int i, done;

    fill();
    for ( i = 0; i < 3; i++ )
    {
        done = 0;
        exinfo_clear();
        __asm__ __volatile__ ("pushf; orl $0x100, (%%rsp); popf\n"
                              "1: rep insb\n"
                              "2: nop\n\t"
                              "jmp 5f\n"
                              "4: movl $1, %[done]\n"
                              "5:\n\t"
                              EXTABLE_ENTRY(1b, 5b)
                              EXTABLE_ENTRY(2b, 4b)
                              : [done] "+m" (done), "+D" (di), "+c" (cx)
                              : "d" (PORT) : "memory", "cc");
        check_exinfo(exinfo_take(), EXINFO(X86_EXC_DB, 0),
                     W("single-stepped rep insb, iteration %u", i));
        check_eq(done, i == 2, W("iteration %u: rip past the instruction", i));
        check_eq(cx, 2 - i, W("iteration %u: rcx", i));
        check_eq(di, (unsigned long)buf + i + 1, W("iteration %u: rdi", i));
    }
    check_ones(0, 3, "single-stepped rep insb");
}

void test_main(void)
{
    ins();
    outs();
    addr32();
    faults();
    hole();
    segments();
    rep_step();
}
