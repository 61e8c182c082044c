/*
 * privop.c - privileged instructions the hypervisor emulates for a PV
 * kernel (which runs at CPL 3, so each one faults into the hypervisor).
 *
 * MSRs: EFER (long mode, writing back the same value is accepted, a
 * change is #GP), APIC_BASE (default base, enabled, BSP, never x2APIC),
 * PAT and TSC readable; the SYSCALL MSRs, SYSENTER_CS, PAT writes and an
 * MSR that does not exist give #GP(0).  wrmsr GS_BASE moves the base a
 * gs-relative load uses and reads back; a non-canonical base is #GP;
 * SHADOW_GS_BASE (the user GS base) and FS_BASE read back what was set.
 *
 * Control and debug registers: CR0 has PE/PG and its TS follows
 * fpu_taskswitch, clts and a CR0 write of TS, while a CR0 write changing
 * anything else is #GP; CR3 is the machine address of the current L4;
 * CR4 shows PAE but none of PSE/PGE/VMXE/SMEP/SMAP/PKE, and writes to it
 * never fault; CR2 writes land in vcpu_info.arch.cr2; DR7 reads 0x400 at
 * start and DR0 writes agree with HYPERVISOR_get_debugreg.  wbinvd is
 * accepted; hlt is #GP (Xen does not emulate it for PV).
 *
 * Port I/O: #GP without IOPL; after PHYSDEVOP_set_iopl(1) cli/sti are
 * no-ops, the hypervisor's own ports (PIC, PIT, the console UART, the
 * ACPI PM timer) read as all ones, byte and word reads keep the rest of rax while a dword read
 * zero-extends, rep insb/outsb advance rdi/rsi/rcx, and PCI configuration
 * space answers through 0xcf8/0xcfc.
 */
#include <pvtest.h>
#include <public/physdev.h>

const char test_title[] = "privop: emulated MSRs, control registers and port I/O";

#define MSR_IA32_TSC        0x00000010
#define MSR_APIC_BASE       0x0000001b
#define MSR_SYSENTER_CS     0x00000174
#define MSR_PAT             0x00000277
#define MSR_EFER            0xc0000080
#define MSR_STAR            0xc0000081
#define MSR_LSTAR           0xc0000082
#define MSR_SYSCALL_MASK    0xc0000084
#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102

#define EFER_SCE            (1UL << 0)
#define EFER_LME            (1UL << 8)
#define EFER_LMA            (1UL << 10)

#define CR0_PE              (1UL << 0)
#define CR0_TS              (1UL << 3)
#define CR0_WP              (1UL << 16)
#define CR0_PG              (1UL << 31)
#define CR4_PSE             (1UL << 4)
#define CR4_PAE             (1UL << 5)
#define CR4_PGE             (1UL << 7)
#define CR4_VMXE            (1UL << 13)
#define CR4_SMEP            (1UL << 20)
#define CR4_SMAP            (1UL << 21)
#define CR4_PKE             (1UL << 22)

#define GP0 EXINFO(X86_EXC_GP, 0)

static uint64_t rdmsr_ok(uint32_t msr, const char *what)
{
    uint64_t v = 0;

    check_exinfo(probe_rdmsr(msr, &v), EXINFO_NONE, what);
    xtest_info("%-16s %#llx", what, (unsigned long long)v);
    return v;
}

static void test_msr_reads(void)
{
    uint64_t efer = rdmsr_ok(MSR_EFER, "rdmsr EFER");
    uint64_t apic = rdmsr_ok(MSR_APIC_BASE, "rdmsr APIC_BASE");
    uint64_t t1 = rdmsr_ok(MSR_IA32_TSC, "rdmsr TSC"), t2;

    check((efer & (EFER_SCE | EFER_LME | EFER_LMA)) ==
          (EFER_SCE | EFER_LME | EFER_LMA), "EFER %#llx lacks SCE/LME/LMA",
          (unsigned long long)efer);
    check_eq(apic, 0xfee00900, "APIC_BASE (default base, enabled, BSP)");
    check(rdmsr_ok(MSR_PAT, "rdmsr PAT") != 0, "PAT reads 0");
    probe_rdmsr(MSR_IA32_TSC, &t2);
    check(t2 > t1, "TSC did not advance: %#llx then %#llx",
          (unsigned long long)t1, (unsigned long long)t2);

    check_exinfo(probe_rdmsr(MSR_STAR, NULL), GP0, "rdmsr STAR");
    check_exinfo(probe_rdmsr(MSR_LSTAR, NULL), GP0, "rdmsr LSTAR");
    check_exinfo(probe_rdmsr(MSR_SYSCALL_MASK, NULL), GP0, "rdmsr SYSCALL_MASK");
    check_exinfo(probe_rdmsr(MSR_SYSENTER_CS, NULL), GP0, "rdmsr SYSENTER_CS");
    check_exinfo(probe_rdmsr(0x12345678, NULL), GP0, "rdmsr 0x12345678");
}

static void test_msr_writes(void)
{
    uint64_t efer = 0;

    probe_rdmsr(MSR_EFER, &efer);
    check_exinfo(probe_wrmsr(MSR_EFER, efer), EXINFO_NONE, "wrmsr EFER unchanged");
    check_exinfo(probe_wrmsr(MSR_EFER, efer & ~EFER_SCE), GP0, "wrmsr EFER changed");
    check_exinfo(probe_wrmsr(MSR_LSTAR, 0), GP0, "wrmsr LSTAR");
    check_exinfo(probe_wrmsr(MSR_PAT, 0x0007040600070406ULL), GP0, "wrmsr PAT");
    check_exinfo(probe_wrmsr(0x12345678, 0), GP0, "wrmsr 0x12345678");
}

static unsigned long gs_load8(void)
{
    unsigned long v;

    __asm__ __volatile__ ("mov %%gs:8, %0" : "=r" (v));
    return v;
}

static void test_segment_bases(void)
{
    static unsigned long slot[2] = { 0x1122334455667788UL, 0x5eed5eedUL };
    uint64_t old_gs = 0, v = 0, old_user = 0;

    probe_rdmsr(MSR_GS_BASE, &old_gs);
    check_exinfo(probe_wrmsr(MSR_GS_BASE, (unsigned long)slot), EXINFO_NONE,
                 "wrmsr GS_BASE");
    check_eq(gs_load8(), 0x5eed5eedUL, "gs-relative load after wrmsr GS_BASE");
    probe_rdmsr(MSR_GS_BASE, &v);
    check_eq(v, (unsigned long)slot, "rdmsr GS_BASE after the write");
    check_exinfo(probe_wrmsr(MSR_GS_BASE, 0x8000000000000000ULL), GP0,
                 "wrmsr GS_BASE non-canonical");
    check_exinfo(probe_wrmsr(MSR_GS_BASE, old_gs), EXINFO_NONE,
                 "wrmsr GS_BASE restore");

    probe_rdmsr(MSR_SHADOW_GS_BASE, &old_user);
    check_exinfo(probe_wrmsr(MSR_SHADOW_GS_BASE, 0x7f0000001000ULL),
                 EXINFO_NONE, "wrmsr SHADOW_GS_BASE");
    probe_rdmsr(MSR_SHADOW_GS_BASE, &v);
    check_eq(v, 0x7f0000001000ULL, "rdmsr SHADOW_GS_BASE after the write");
    probe_wrmsr(MSR_SHADOW_GS_BASE, old_user);

    check_exinfo(probe_wrmsr(MSR_FS_BASE, 0x7f0000002000ULL), EXINFO_NONE,
                 "wrmsr FS_BASE");
    probe_rdmsr(MSR_FS_BASE, &v);
    check_eq(v, 0x7f0000002000ULL, "rdmsr FS_BASE after the write");
    probe_wrmsr(MSR_FS_BASE, 0);
}

static exinfo_t write_cr0(unsigned long v)
{
    return PROBE_FAULT("mov %[v], %%cr0", (), ([v] "r" (v)));
}

static void test_cr0(void)
{
    unsigned long cr0 = read_cr0();

    xtest_info("%-16s %#lx", "cr0", cr0);
    check((cr0 & (CR0_PE | CR0_PG)) == (CR0_PE | CR0_PG), "CR0 %#lx lacks PE/PG", cr0);
    check(!(cr0 & CR0_TS), "CR0.TS set at start");

    check_rc_setup(HYPERVISOR_fpu_taskswitch(1), "fpu_taskswitch(1)");
    check(read_cr0() & CR0_TS, "CR0.TS clear after fpu_taskswitch(1)");
    check_exinfo(PROBE_FAULT("clts", (), ()), EXINFO_NONE, "clts");
    check(!(read_cr0() & CR0_TS), "CR0.TS set after clts");

    check_exinfo(write_cr0(cr0 | CR0_TS), EXINFO_NONE, "mov to cr0 (TS set)");
    check(read_cr0() & CR0_TS, "CR0.TS clear after writing it");
    check_exinfo(write_cr0(cr0 & ~CR0_TS), EXINFO_NONE, "mov to cr0 (TS clear)");
    check_eq(read_cr0(), cr0, "CR0 after restoring it");
    check_exinfo(write_cr0(cr0 & ~CR0_WP), GP0, "mov to cr0 clearing WP");
    check_eq(read_cr0(), cr0, "CR0 after the refused write");
}

static void test_cr2_cr3_cr4(void)
{
    unsigned long cr4 = read_cr4(), cr3 = read_cr3();
    unsigned long l4_mfn = va_to_mfn(start_info->pt_base);

    xtest_info("%-16s %#lx", "cr4", cr4);
    check(cr4 & CR4_PAE, "CR4 %#lx lacks PAE", cr4);
    check(!(cr4 & (CR4_PSE | CR4_PGE | CR4_VMXE | CR4_SMEP | CR4_SMAP | CR4_PKE)),
          "CR4 %#lx shows PSE/PGE/VMXE/SMEP/SMAP/PKE", cr4);
    check_exinfo(PROBE_FAULT("mov %[v], %%cr4", (), ([v] "r" (cr4 | CR4_PGE))),
                 EXINFO_NONE, "mov to cr4 (PGE)");
    check(!(read_cr4() & CR4_PGE), "CR4.PGE became visible");
    check_exinfo(PROBE_FAULT("mov %[v], %%cr4", (), ([v] "r" (cr4))),
                 EXINFO_NONE, "mov to cr4 (restore)");

    xtest_info("%-16s %#lx (L4 mfn %#lx)", "cr3", cr3, l4_mfn);
    check_eq(cr3, l4_mfn << PAGE_SHIFT, "CR3 vs the L4's machine address");

    check_exinfo(PROBE_FAULT("mov %[v], %%cr2", (), ([v] "r" (0x1234000UL))),
                 EXINFO_NONE, "mov to cr2");
    check_eq(read_cr2(), 0x1234000UL, "CR2 after writing it");
    check_eq(vcpu0()->arch.cr2, 0x1234000UL, "vcpu_info.arch.cr2 after mov to cr2");
}

static void test_debug_and_misc(void)
{
    unsigned long dr7 = 0, addr = (unsigned long)&test_title;

    check_exinfo(PROBE_FAULT("mov %%dr7, %[v]", ([v] "=r" (dr7)), ()),
                 EXINFO_NONE, "mov from dr7");
    check_eq(dr7, 0x400, "DR7 at start");
    check_exinfo(PROBE_FAULT("mov %[v], %%dr0", (), ([v] "r" (addr))),
                 EXINFO_NONE, "mov to dr0");
    check_eq(HYPERVISOR_get_debugreg(0), addr, "get_debugreg(0) after mov to dr0");
    HYPERVISOR_set_debugreg(0, 0);

    check_exinfo(PROBE_FAULT("wbinvd", (), ()), EXINFO_NONE, "wbinvd");
    check_exinfo(PROBE_FAULT("hlt", (), ()), GP0, "hlt");
}

static long set_iopl(unsigned int iopl)
{
    struct physdev_set_iopl io = { .iopl = iopl };

    return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &io);
}

static uint8_t inb_ok(uint16_t port, const char *what)
{
    uint8_t v = 0x5a;

    check_exinfo(PROBE_FAULT("inb %%dx, %%al", ("+a" (v)), ("d" (port))),
                 EXINFO_NONE, what);
    return v;
}

/*
 * Widths, on the console UART (0x3f8-0x3ff: every byte is the
 * hypervisor's): inb/inw leave the rest of rax alone, inl zero-extends.
 * (Not the PIT: Xen emulates channel 2 and port 0x61 for dom0.)
 */
static void test_in_widths(void)
{
    unsigned long a;

    a = 0x1122334455667788UL;
    PROBE_FAULT("inb %%dx, %%al", ("+a" (a)), ("d" (0x3f8)));
    check_eq(a, 0x11223344556677ffUL, "inb from the UART into al");
    a = 0x1122334455667788UL;
    PROBE_FAULT("inw %%dx, %%ax", ("+a" (a)), ("d" (0x3fa)));
    check_eq(a, 0x112233445566ffffUL, "inw from the UART into ax");
    a = 0x1122334455667788UL;
    PROBE_FAULT("inl %%dx, %%eax", ("+a" (a)), ("d" (0x3fc)));
    check_eq(a, 0xffffffffUL, "inl from the UART into eax");
}

static void test_string_io(void)
{
    uint8_t buf[8];
    unsigned long di = (unsigned long)buf, si, cx = 4;

    memset(buf, 0, sizeof(buf));
    check_exinfo(PROBE_FAULT("rep insb", ("+D" (di), "+c" (cx)), ("d" (0x21))),
                 EXINFO_NONE, "rep insb from the PIC");
    check(!memcmp(buf, "\xff\xff\xff\xff\0", 5), "rep insb stored %02x %02x "
          "%02x %02x %02x", buf[0], buf[1], buf[2], buf[3], buf[4]);
    check_eq(di, (unsigned long)buf + 4, "rdi after rep insb");
    check_eq(cx, 0, "rcx after rep insb");

    si = (unsigned long)buf;
    cx = 3;
    check_exinfo(PROBE_FAULT("rep outsb", ("+S" (si), "+c" (cx)), ("d" (0x80))),
                 EXINFO_NONE, "rep outsb to port 0x80");
    check_eq(si, (unsigned long)buf + 3, "rsi after rep outsb");
    check_eq(cx, 0, "rcx after rep outsb");
}

static void test_pci_conf(void)
{
    uint32_t id = 0, addr = 0;

    check_exinfo(PROBE_FAULT("outl %%eax, %%dx", (), ("a" (0x80000000u), "d" (0xcf8))),
                 EXINFO_NONE, "outl 0xcf8");
    check_exinfo(PROBE_FAULT("inl %%dx, %%eax", ("=a" (id)), ("d" (0xcfc))),
                 EXINFO_NONE, "inl 0xcfc");
    PROBE_FAULT("inl %%dx, %%eax", ("=a" (addr)), ("d" (0xcf8)));
    xtest_info("PCI 00:00.0 id %#x", id);
    check_eq(addr, 0x80000000u, "0xcf8 reads back the address");
    check(id != 0xffffffffu && id != 0, "PCI 00:00.0 id %#x", id);
}

/*
 * The ACPI PM timer belongs to the hypervisor: Xen denies dom0 its ports
 * (they read as all ones).  QEMU's q35 FADT puts it at 0x608-0x60b (the
 * hypervisor's boot log says so); a live timer would count.
 */
#define Q35_PM_TIMER 0x608

static void test_pm_timer(void)
{
    uint32_t a = 0, b = 0;
    uint64_t t = pv_system_time(0) + NS_PER_MS;

    check_exinfo(PROBE_FAULT("inl %%dx, %%eax", ("=a" (a)), ("d" (Q35_PM_TIMER))),
                 EXINFO_NONE, "inl from the PM timer");
    while ( pv_system_time(0) < t )
        ;
    PROBE_FAULT("inl %%dx, %%eax", ("=a" (b)), ("d" (Q35_PM_TIMER)));
    xtest_info("PM timer port %#x reads %#x, then %#x", Q35_PM_TIMER, a, b);
    check_eq(a, 0xffffffffu, "the PM timer as dom0 reads it");
    check_eq(b, 0xffffffffu, "the PM timer as dom0 reads it 1 ms later");
    for ( unsigned int p = Q35_PM_TIMER; p < Q35_PM_TIMER + 4; p++ )
        check_eq(inb_ok(p, "inb from the PM timer"), 0xff,
                 "a PM timer byte as dom0 reads it");
}

static void test_port_io(void)
{
    uint8_t v = 0;

    check_exinfo(PROBE_FAULT("inb %%dx, %%al", ("+a" (v)), ("d" (0x80))), GP0,
                 "inb without IOPL");
    check_exinfo(PROBE_FAULT("cli", (), ()), GP0, "cli without IOPL");
    if ( !check_rc_setup(set_iopl(1), "PHYSDEVOP_set_iopl(1)") )
        return;

    check_exinfo(PROBE_FAULT("cli", (), ()), EXINFO_NONE, "cli with IOPL 1");
    check_exinfo(PROBE_FAULT("sti", (), ()), EXINFO_NONE, "sti with IOPL 1");
    check_eq(inb_ok(0x21, "inb 0x21"), 0xff, "inb from the master PIC");
    check_eq(inb_ok(0xa1, "inb 0xa1"), 0xff, "inb from the slave PIC");
    check_eq(inb_ok(0x40, "inb 0x40"), 0xff, "inb from PIT channel 0");
    check_eq(inb_ok(0x3fd, "inb 0x3fd"), 0xff, "inb from the console UART");
    test_in_widths();
    test_string_io();
    test_pci_conf();
    test_pm_timer();

    set_iopl(0);
    check_exinfo(PROBE_FAULT("inb %%dx, %%al", ("+a" (v)), ("d" (0x80))), GP0,
                 "inb after dropping IOPL");
}

void test_main(void)
{
    test_msr_reads();
    test_msr_writes();
    test_segment_bases();
    test_cr0();
    test_cr2_cr3_cr4();
    test_debug_and_misc();
    test_port_io();
}
