/*
 * Host unit test for the PV privileged-op emulator and CPUID policy
 * (xen/arch/x86/pv/{emul-priv-op,emul-io,emul-msr,emul-decode,cpuid}.c,
 * compiled unchanged against the stand-ins in tests/unit/emul-shim/).
 *
 * The "machine" is a model: a fake CPU (CPUID leaves, MSRs, CRs), a fake
 * port space that logs every hardware access, and guest memory that is a
 * host buffer whose accessible range and fault point the test chooses.
 * Each case places instruction bytes at the guest RIP, runs the emulator
 * as the #GP/#UD handler would, and checks registers, RIP, the exception
 * injected (if any) and the hardware accesses made.
 *
 * Prints "PASS: emul <name>" / "FAIL: emul <name>: ..." per case and a
 * closing "N passed, N failed" line; exits non-zero on failure.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/console.h>
#include <xen/guest_access.h>
#include <public/arch-x86/cpuid.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv/traps.h>
#include <asm/pv/hypercalls.h>
#include <asm/pv/debugreg.h>
#include <asm/acpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

/* ---------------------------------------------------------------- model */

struct fake_cpu fake_cpu;
struct vcpu *test_current;
unsigned long max_page;
unsigned long cpu_khz;

static struct domain dom;
static struct vcpu vcpu;
static struct vcpu_info vinfo;
static struct cpu_user_regs regs;

/* Guest memory: [guest, guest + range) is guest address space; copies
 * stop with a fault at fault_at. */
static uint8_t *guest;
static unsigned long range, fault_at;
#define GUEST_SIZE 8192

/* What the emulator asked of the rest of the hypervisor. */
static struct {
    int vector;                 /* -1: nothing injected */
    uint32_t ec;
    unsigned long cr2;
    int fpu_ts_calls, last_fpu_ts;
    int segbase_which;
    unsigned long segbase_val;
    int debugreg_reg;
    unsigned long debugreg_val;
} seen;

/* Port space and access log. */
static uint8_t ports[0x10000];
#define LOG_MAX 64
static struct io_log {
    unsigned int port, bytes;
    bool out;
    uint32_t val;
} io_log[LOG_MAX];
static unsigned int nr_io;

void cpuid_count(uint32_t leaf, uint32_t sub, struct cpuid_leaf *r)
{
    unsigned int i;

    for ( i = 0; i < fake_cpu.nr_leaves; i++ )
        if ( fake_cpu.leaves[i].leaf == leaf &&
             fake_cpu.leaves[i].subleaf == sub )
        {
            *r = fake_cpu.leaves[i].v;
            return;
        }
    *r = (struct cpuid_leaf){ 0 };
}

static int find_msr(uint32_t msr)
{
    unsigned int i;

    for ( i = 0; i < fake_cpu.nr_msrs; i++ )
        if ( fake_cpu.msrs[i].msr == msr )
            return i;
    return -1;
}

int rdmsr_safe(uint32_t msr, uint64_t *val)
{
    int i = find_msr(msr);

    if ( i < 0 )
        return -EFAULT;
    *val = fake_cpu.msrs[i].val;
    return 0;
}

int wrmsr_safe(uint32_t msr, uint64_t val)
{
    int i = find_msr(msr);

    if ( i < 0 )
        return -EFAULT;
    fake_cpu.msrs[i].val = val;
    return 0;
}

uint64_t rdmsr(uint32_t msr)
{
    uint64_t v = 0;

    rdmsr_safe(msr, &v);
    return v;
}

void wrmsr(uint32_t msr, uint64_t val)
{
    wrmsr_safe(msr, val);
}

uint32_t fake_port_in(unsigned int port, unsigned int bytes)
{
    uint32_t v = 0;
    unsigned int i;

    for ( i = 0; i < bytes; i++ )
        v |= (uint32_t)ports[(port + i) & 0xffff] << (8 * i);
    if ( nr_io < LOG_MAX )
        io_log[nr_io++] = (struct io_log){ port, bytes, false, v };
    return v;
}

void fake_port_out(unsigned int port, unsigned int bytes, uint32_t val)
{
    unsigned int i;

    for ( i = 0; i < bytes; i++ )
        ports[(port + i) & 0xffff] = val >> (8 * i);
    if ( nr_io < LOG_MAX )
        io_log[nr_io++] = (struct io_log){ port, bytes, true, val };
}

bool guest_range_ok(const void *p, unsigned long n)
{
    unsigned long s = (unsigned long)p, b = (unsigned long)guest;

    return s >= b && s + n >= s && s + n <= b + range;
}

static unsigned long fake_copy(void *to, const void *from, unsigned long n,
                               unsigned long guest_addr)
{
    unsigned long limit = (unsigned long)guest + fault_at, ok = n;

    if ( guest_addr + n > limit )
        ok = guest_addr >= limit ? 0 : limit - guest_addr;
    memcpy(to, from, ok);
    return n - ok;
}

unsigned long raw_copy_from_guest(void *to, const void *from, unsigned long n)
{
    unsigned long left = fake_copy(to, from, n, (unsigned long)from);

    memset((char *)to + (n - left), 0, left);
    return left;
}

unsigned long raw_copy_to_guest(void *to, const void *from, unsigned long n)
{
    return fake_copy(to, from, n, (unsigned long)to);
}

void pv_inject_exception(struct cpu_user_regs *r, unsigned int vector,
                         uint32_t error_code)
{
    seen.vector = vector;
    seen.ec = error_code;
}

void pv_inject_page_fault(struct cpu_user_regs *r, unsigned long addr,
                          uint32_t error_code)
{
    seen.cr2 = addr;
    pv_inject_exception(r, TRAP_page_fault, error_code);
}

long do_fpu_taskswitch(unsigned long set, unsigned long a2, unsigned long a3,
                       unsigned long a4, unsigned long a5)
{
    seen.fpu_ts_calls++;
    seen.last_fpu_ts = set;
    vcpu.arch.pv.fpu_ts = set;
    return 0;
}

long do_set_segment_base(unsigned long which, unsigned long base,
                         unsigned long a3, unsigned long a4, unsigned long a5)
{
    if ( ((long)base >> 47) != 0 && ((long)base >> 47) != -1 )
        return -EINVAL;
    seen.segbase_which = which;
    seen.segbase_val = base;
    return 0;
}

long do_set_debugreg(unsigned long reg, unsigned long value, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    if ( reg == 7 && (value >> 32) )
        return -EINVAL;
    seen.debugreg_reg = reg;
    seen.debugreg_val = value;
    vcpu.arch.pv.debugreg[reg] = value;
    return 0;
}

/* The model machine has no ACPI PM timer (the PV test privop covers
 * the denial on a real q35). */
struct acpi_fadt_info acpi_fadt;

/* The model's debug status lives in debugreg[6] already. */
void pv_debugregs_collect(struct pv_vcpu *pv)
{
}

bool console_uses_ioport(unsigned int port)
{
    return port >= 0x3f8 && port <= 0x3ff;
}

unsigned long spin_lock_irqsave_(spinlock_t *l)
{
    return 0;
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
}

/* The lock of the config-address latch (arch/x86/pci.c on a machine). */
spinlock_t pci_conf_lock;

/* The MSI filter (arch/x86/msi.c on a machine): records what it was
 * shown, ORs conf_or into the value, drops the write if conf_drop. */
static bool conf_drop;
static uint32_t conf_or;
static unsigned int conf_seg, conf_bus, conf_devfn, conf_reg, conf_size,
                    conf_calls;

bool msi_conf_write_ok(unsigned int seg, unsigned int bus, unsigned int devfn,
                       unsigned int reg, unsigned int size, uint32_t *val)
{
    conf_seg = seg;
    conf_bus = bus;
    conf_devfn = devfn;
    conf_reg = reg;
    conf_size = size;
    conf_calls++;
    *val |= conf_or;
    return !conf_drop;
}

/* ---------------------------------------------------------- scaffolding */

static void host_leaf(uint32_t leaf, uint32_t sub, uint32_t a, uint32_t b,
                      uint32_t c, uint32_t d)
{
    unsigned int i = fake_cpu.nr_leaves++;

    fake_cpu.leaves[i].leaf = leaf;
    fake_cpu.leaves[i].subleaf = sub;
    fake_cpu.leaves[i].v = (struct cpuid_leaf){ a, b, c, d };
}

static void host_msr(uint32_t msr, uint64_t val)
{
    unsigned int i = fake_cpu.nr_msrs++;

    fake_cpu.msrs[i].msr = msr;
    fake_cpu.msrs[i].val = val;
}

/*
 * A fresh machine: an AMD-like host whose feature leaves have every bit
 * set (so the policy's masks are what decides), a privileged domain in
 * guest kernel mode with a #GP handler, RIP at the start of guest memory.
 */
static void reset(void)
{
    memset(&fake_cpu, 0, sizeof(fake_cpu));
    memset(&seen, 0, sizeof(seen));
    seen.vector = -1;
    memset(ports, 0, sizeof(ports));
    nr_io = 0;

    host_leaf(0, 0, 0x1f, 0x68747541, 0x444d4163, 0x69746e65); /* AuthenticAMD */
    host_leaf(1, 0, 0x00060fb1, 0x05020800, ~0u, ~0u);
    host_leaf(7, 0, 2, ~0u, ~0u, ~0u);
    host_leaf(7, 1, ~0u, ~0u, ~0u, ~0u);
    host_leaf(4, 1, 0x11, 0x22, 0x33, 0x44);
    host_leaf(0xd, 0, ~0u, ~0u, ~0u, ~0u);
    host_leaf(0x80000000, 0, 0x80000021, 0x68747541, 0x444d4163, 0x69746e65);
    host_leaf(0x80000001, 0, 0x00060fb1, 0, ~0u, ~0u);
    host_leaf(0x80000008, 0, 0x3028, ~0u, 0x1001, ~0u);
    host_leaf(0x80000021, 0, ~0u, ~0u, ~0u, ~0u);

    host_msr(MSR_EFER, EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE | EFER_SVME);
    host_msr(MSR_IA32_CR_PAT, 0x0007010600070106ULL);
    host_msr(MSR_FS_BASE, 0);
    host_msr(MSR_GS_BASE, 0);
    host_msr(MSR_SHADOW_GS_BASE, 0);
    host_msr(0x8b, 0x0100006500000000ULL);
    host_msr(MSR_IA32_MISC_ENABLE, 0x40081);
    host_msr(MSR_LSTAR, 0xffff82d040000000ULL);
    fake_cpu.cr0 = 0x80050033;      /* PG AM WP NE ET MP PE */
    fake_cpu.cr4 = X86_CR4_PAE | X86_CR4_PGE | X86_CR4_OSFXSR |
                   X86_CR4_OSXMMEXCPT | X86_CR4_SMEP | X86_CR4_MCE;

    memset(&dom, 0, sizeof(dom));
    memset(&vcpu, 0, sizeof(vcpu));
    memset(&vinfo, 0, sizeof(vinfo));
    dom.domain_id = 0;
    dom.is_privileged = true;
    vcpu.domain = &dom;
    vcpu.vcpu_info = &vinfo;
    vcpu.arch.pv.in_kernel = true;
    vcpu.arch.pv.guest_table = 0x1234;
    vcpu.arch.pv.trap_ctxt[TRAP_gp_fault].address = 0xffffffff80001000UL;
    test_current = &vcpu;
    max_page = 0x20000;
    cpu_khz = 2445430;

    memset(guest, 0x90, GUEST_SIZE);
    range = fault_at = GUEST_SIZE;
    memset(&regs, 0, sizeof(regs));
    regs.rip = (unsigned long)guest;
    regs.rflags = X86_EFLAGS_IF | 2;
}

/* Put instruction bytes at the guest RIP (offset `at` into guest memory). */
static void code_at(unsigned long at, const char *bytes, unsigned int n)
{
    memcpy(guest + at, bytes, n);
    regs.rip = (unsigned long)guest + at;
}
#define CODE(s) code_at(0, (s), sizeof(s) - 1)

static unsigned long rip_off(void)
{
    return regs.rip - (unsigned long)guest;
}

static unsigned int failures, passes;
static const char *current_case;
static bool case_failed;

#define EXPECT(c) do {                                                    \
    if ( !(c) && !case_failed )                                           \
    {                                                                     \
        printf("FAIL: emul %s: line %d: %s\n", current_case, __LINE__, #c); \
        case_failed = true;                                               \
    }                                                                     \
} while ( 0 )

#define EXPECT_EQ(a, b) do {                                              \
    unsigned long a_ = (unsigned long)(a), b_ = (unsigned long)(b);       \
    if ( a_ != b_ && !case_failed )                                       \
    {                                                                     \
        printf("FAIL: emul %s: line %d: %s == %s: %#lx != %#lx\n",        \
               current_case, __LINE__, #a, #b, a_, b_);                   \
        case_failed = true;                                               \
    }                                                                     \
} while ( 0 )

static struct cpuid_leaf policy(uint32_t leaf, uint32_t sub)
{
    struct cpu_user_regs r = { 0 };

    pv_cpuid(leaf, sub, &r);
    return (struct cpuid_leaf){ r.rax, r.rbx, r.rcx, r.rdx };
}

/* ---------------------------------------------------------------- cases */

static void test_cpuid_via_gp(void)
{
    reset();
    CODE("\x0f\xa2");
    regs.rax = 0xffffffff00000001UL;
    regs.rcx = 0xdead00000000UL;
    regs.rbx = regs.rdx = ~0UL;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 2);
    EXPECT_EQ(regs.rax, 0x00060fb1);
    EXPECT_EQ(regs.rbx >> 24, 0);               /* no APIC ID */
    EXPECT(regs.rcx & (1u << 31));               /* hypervisor */
    EXPECT(!(regs.rcx & (1u << 5)));             /* VMX */
    EXPECT(!(regs.rcx & (1u << 26)));            /* XSAVE */
    EXPECT(!(regs.rdx & (1u << 3)));             /* PSE */
    EXPECT(regs.rdx & (1u << 9));                /* APIC: hardware domain */
    EXPECT(!(regs.rdx & (1u << 13)));            /* PGE */
    EXPECT(regs.rdx & (1u << 25));               /* SSE */
    EXPECT_EQ(seen.vector, -1);

    /* A domU is not shown the APIC (it has none to parse tables for). */
    reset();
    dom.is_privileged = false;
    CODE("\x0f\xa2");
    regs.rax = 1;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(!(regs.rdx & (1u << 9)));
}

static void test_forced_cpuid(void)
{
    reset();
    CODE("\x0f\x0b" "xen" "\x0f\xa2");
    regs.rax = XEN_CPUID_FIRST_LEAF;
    EXPECT(pv_emulate_forced_cpuid(&regs));
    EXPECT_EQ(rip_off(), 7);
    EXPECT_EQ(regs.rax, 0x40000005);
    EXPECT_EQ(regs.rbx, XEN_CPUID_SIGNATURE_EBX);
    EXPECT_EQ(regs.rcx, XEN_CPUID_SIGNATURE_ECX);
    EXPECT_EQ(regs.rdx, XEN_CPUID_SIGNATURE_EDX);

    /* Not the sequence: left alone for the caller to reflect #UD. */
    reset();
    CODE("\x0f\x0b" "xen" "\x90\x90");
    EXPECT(!pv_emulate_forced_cpuid(&regs));
    EXPECT_EQ(rip_off(), 0);
    reset();
    code_at(GUEST_SIZE - 4, "\x0f\x0b" "xe", 4);     /* runs off the end */
    EXPECT(!pv_emulate_forced_cpuid(&regs));

    /* Works from guest user mode too. */
    reset();
    vcpu.arch.pv.in_kernel = false;
    CODE("\x0f\x0b" "xen" "\x0f\xa2");
    regs.rax = XEN_CPUID_FIRST_LEAF + 1;
    EXPECT(pv_emulate_forced_cpuid(&regs));
    EXPECT_EQ(regs.rax, (4u << 16) | 17);
}

static void test_cpuid_policy(void)
{
    struct cpuid_leaf l;

    reset();
    l = policy(0, 0);
    EXPECT_EQ(l.a, 0xd);                          /* host 0x1f, capped */
    EXPECT_EQ(l.b, 0x68747541);
    l = policy(0x1e, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);         /* beyond the cap */
    l = policy(7, 0);
    EXPECT_EQ(l.a, 0);                            /* only subleaf 0 */
    EXPECT(!(l.b & ((1u << 0) | (1u << 7) | (1u << 10) | (1u << 20))));
    EXPECT(l.b & (1u << 3));                      /* BMI1 kept */
    EXPECT(!(l.c & ((1u << 2) | (1u << 3) | (1u << 16))));
    l = policy(7, 1);
    EXPECT(!l.a && !l.b && !l.c && !l.d);
    l = policy(4, 1);
    EXPECT_EQ(l.a, 0x11);                         /* subleaves passed on */
    l = policy(0xd, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);         /* XSAVE hidden */
    l = policy(0x80000000, 0);
    EXPECT_EQ(l.a, 0x80000008);
    l = policy(0x80000021, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);
    l = policy(0x80000001, 0);
    EXPECT(!(l.c & (1u << 2)));                   /* SVM */
    EXPECT(!(l.d & ((1u << 26) | (1u << 27))));   /* 1G pages, RDTSCP */
    EXPECT(l.d & ((1u << 29) | (1u << 20) | (1u << 11)));
    l = policy(0x80000008, 0);
    EXPECT_EQ(l.a, 0x3028);
    EXPECT_EQ(l.b, 1);
    EXPECT_EQ(l.d, 0);

    l = policy(0x40000002, 0);
    EXPECT(l.a == 1 && l.b == 0x40000000 && l.c == 1 && l.d == 0);
    l = policy(0x40000003, 2);
    EXPECT_EQ(l.a, 2445430);
    l = policy(0x40000003, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);
    l = policy(0x40000004, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);
    l = policy(0x40000005, 0);
    EXPECT_EQ(l.b, 29);                           /* highest MFN 0x1ffff */
    l = policy(0x40000006, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);
    l = policy(0x40000100, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);
    l = policy(0xc0000000, 0);
    EXPECT(!l.a && !l.b && !l.c && !l.d);
}

static void test_rdmsr(void)
{
    reset();
    CODE("\x0f\x32");
    regs.rcx = MSR_EFER;
    regs.rax = regs.rdx = ~0UL;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 2);
    EXPECT_EQ(regs.rax, EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE);
    EXPECT_EQ(regs.rdx, 0);

    reset();
    CODE("\x0f\x32");
    regs.rcx = MSR_IA32_APICBASE;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0xfee00900);

    reset();
    CODE("\x0f\x32");
    regs.rcx = MSR_IA32_MISC_ENABLE;
    EXPECT(pv_emulate_privileged_op(&regs));
    /* PERF_AVAIL (7) and MONITOR (18) hidden; BTS/PEBS unavailable and
     * xTPR disabled (11, 12, 23) shown. */
    EXPECT_EQ(regs.rax, 0x801801);

    reset();
    CODE("\x0f\x32");
    regs.rcx = 0x8b;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rdx, 0x01000065);

    /* Not on the list: #GP(0), RIP unchanged. */
    reset();
    CODE("\x0f\x32");
    regs.rcx = MSR_LSTAR;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, TRAP_gp_fault);
    EXPECT_EQ(seen.ec, 0);
    EXPECT_EQ(rip_off(), 0);

    /* Without a #GP handler, a real MSR reads as 0 instead (as Xen). */
    reset();
    vcpu.arch.pv.trap_ctxt[TRAP_gp_fault].address = 0;
    CODE("\x0f\x32");
    regs.rcx = MSR_LSTAR;
    regs.rax = 5;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, -1);
    EXPECT_EQ(regs.rax, 0);
    EXPECT_EQ(rip_off(), 2);

    /* Guest user mode may not. */
    reset();
    vcpu.arch.pv.in_kernel = false;
    CODE("\x0f\x32");
    regs.rcx = MSR_EFER;
    EXPECT(!pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 0);
}

static void test_wrmsr(void)
{
    reset();
    CODE("\x0f\x30");
    regs.rcx = MSR_GS_BASE;
    regs.rax = 0x80001000;
    regs.rdx = 0xffffffff;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.segbase_which, SEGBASE_GS_KERNEL);
    EXPECT_EQ(seen.segbase_val, 0xffffffff80001000UL);
    EXPECT_EQ(rip_off(), 2);

    reset();
    CODE("\x0f\x30");
    regs.rcx = MSR_SHADOW_GS_BASE;
    regs.rax = 0x1000;
    regs.rdx = 0x7f;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.segbase_which, SEGBASE_GS_USER);

    reset();
    CODE("\x0f\x30");
    regs.rcx = MSR_FS_BASE;
    regs.rdx = 0x80000000;              /* non-canonical */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, TRAP_gp_fault);

    reset();
    CODE("\x0f\x30");
    regs.rcx = MSR_EFER;
    regs.rax = EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, -1);
    reset();
    CODE("\x0f\x30");
    regs.rcx = MSR_EFER;
    regs.rax = EFER_LME | EFER_LMA | EFER_NXE;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, TRAP_gp_fault);

    /* MISC_ENABLE writes vanish; UCODE_REV writes fault on AMD. */
    reset();
    CODE("\x0f\x30");
    regs.rcx = MSR_IA32_MISC_ENABLE;
    regs.rax = 0x12345;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, -1);
    EXPECT_EQ(rdmsr(MSR_IA32_MISC_ENABLE), 0x40081);
    reset();
    CODE("\x0f\x30");
    regs.rcx = 0x8b;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, TRAP_gp_fault);

    reset();
    CODE("\x0f\x30");
    regs.rcx = MSR_LSTAR;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, TRAP_gp_fault);
    EXPECT_EQ(rdmsr(MSR_LSTAR), 0xffff82d040000000ULL);
}

static void test_control_registers(void)
{
    /* mov %cr0, %rax with the virtual TS set */
    reset();
    vcpu.arch.pv.fpu_ts = true;
    CODE("\x0f\x20\xc0");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0x80050033 | X86_CR0_TS);
    EXPECT_EQ(rip_off(), 3);

    /* mov %cr3, %r9 */
    reset();
    CODE("\x41\x0f\x20\xd9");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.r9, 0x1234000);
    EXPECT_EQ(rip_off(), 4);

    /* mov %cr4, %rdx: only PAE/OSFXSR/OSXMMEXCPT of the host's */
    reset();
    CODE("\x0f\x20\xe2");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rdx, X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);

    /* mov %cr2 reads vcpu_info; a write lands there */
    reset();
    vinfo.arch.cr2 = 0xabc000;
    CODE("\x0f\x20\xd0");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0xabc000);
    reset();
    regs.rsi = 0x5000;
    CODE("\x0f\x22\xd6");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(vinfo.arch.cr2, 0x5000);

    /* CR0 writes: TS goes to fpu_taskswitch; other changes are refused */
    reset();
    regs.rax = 0x80050033 | X86_CR0_TS;
    CODE("\x0f\x22\xc0");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(seen.fpu_ts_calls == 1 && seen.last_fpu_ts == 1);
    reset();
    regs.rax = 0x80050033 & ~X86_CR0_WP;
    CODE("\x0f\x22\xc0");
    EXPECT(!pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 0);
    EXPECT_EQ(seen.fpu_ts_calls, 0);

    /* CR4 writes never fault and change nothing */
    reset();
    regs.rax = X86_CR4_PGE | X86_CR4_PSE;
    CODE("\x0f\x22\xe0");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 3);
    EXPECT_EQ(fake_cpu.cr4 & X86_CR4_PSE, 0);

    /* CR3 writes and CR8 are not emulated */
    reset();
    CODE("\x0f\x22\xd8");
    EXPECT(!pv_emulate_privileged_op(&regs));
    reset();
    CODE("\x44\x0f\x20\xc0");
    EXPECT(!pv_emulate_privileged_op(&regs));

    /* clts clears the virtual TS */
    reset();
    vcpu.arch.pv.fpu_ts = true;
    CODE("\x0f\x06");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(seen.fpu_ts_calls == 1 && seen.last_fpu_ts == 0);
}

static void test_debug_registers(void)
{
    reset();
    CODE("\x0f\x21\xf9");                         /* mov %dr7, %rcx */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rcx, 0x400);
    reset();
    CODE("\x0f\x21\xe0");                         /* mov %dr4, %rax = dr6 */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0xffff0ff0);
    reset();
    regs.rbx = 0x7f0000001000UL;
    CODE("\x0f\x23\xc3");                         /* mov %rbx, %dr0 */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(seen.debugreg_reg == 0 && seen.debugreg_val == 0x7f0000001000UL);
    reset();
    regs.rbx = 1UL << 40;
    CODE("\x0f\x23\xfb");                         /* mov %rbx, %dr7: bad */
    EXPECT(!pv_emulate_privileged_op(&regs));
}

static void test_misc(void)
{
    reset();
    CODE("\x0f\x09");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(fake_cpu.wbinvd_count, 1);
    reset();
    dom.is_privileged = false;
    CODE("\x0f\x09");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(fake_cpu.wbinvd_count, 0);

    /* hlt is not emulated (Xen reflects #GP too) */
    reset();
    CODE("\xf4");
    EXPECT(!pv_emulate_privileged_op(&regs));

    /* cli/sti: no-ops with IOPL, refused without */
    reset();
    CODE("\xfa");
    EXPECT(!pv_emulate_privileged_op(&regs));
    reset();
    vcpu.arch.pv.iopl = 1;
    CODE("\xfb");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 1);
    EXPECT(regs.rflags & X86_EFLAGS_IF);

    /* TF: #DB after the emulated instruction, DR6.BS set */
    reset();
    regs.rflags |= X86_EFLAGS_TF | X86_EFLAGS_RF;
    CODE("\x0f\xa2");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 2);
    EXPECT_EQ(seen.vector, TRAP_debug);
    EXPECT(vcpu.arch.pv.debugreg[6] & (1u << 14));
    EXPECT(!(regs.rflags & X86_EFLAGS_RF));
}

static void test_fetch(void)
{
    /* The instruction runs into a page that faults: #PF at that byte. */
    reset();
    fault_at = 100;
    code_at(98, "\x0f\x22", 2);
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, TRAP_page_fault);
    EXPECT_EQ(seen.cr2, (unsigned long)guest + 100);
    EXPECT_EQ(rip_off(), 98);

    /* A complete instruction just before the fault is fine. */
    reset();
    fault_at = 100;
    code_at(98, "\x0f\xa2", 2);
    regs.rax = 0;
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, -1);
    EXPECT_EQ(rip_off(), 100);

    /* Truncated by the end of guest address space: not emulated. */
    reset();
    range = 100;
    code_at(99, "\x0f", 1);
    EXPECT(!pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, -1);

    /* RIP outside guest space altogether. */
    reset();
    regs.rip = 0xffff830000000000UL;
    EXPECT(!pv_emulate_privileged_op(&regs));

    /* 16 bytes of prefixes */
    reset();
    CODE("\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x0f\xa2");
    EXPECT(!pv_emulate_privileged_op(&regs));
    /* LOCK rdmsr would be #UD, never ours */
    reset();
    CODE("\xf0\x0f\x32");
    EXPECT(!pv_emulate_privileged_op(&regs));
}

static void test_port_io(void)
{
    /* No IOPL: refused, no hardware access. */
    reset();
    CODE("\xe4\x80");
    EXPECT(!pv_emulate_privileged_op(&regs));
    EXPECT_EQ(nr_io, 0);

    /* IOPL 1: a free port is real; the PIC and the UART read all ones. */
    reset();
    vcpu.arch.pv.iopl = 1;
    ports[0x80] = 0x42;
    regs.rax = 0x1122334455667788UL;
    CODE("\xe4\x80");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0x1122334455667742UL);
    EXPECT_EQ(rip_off(), 2);
    EXPECT_EQ(nr_io, 1);

    reset();
    vcpu.arch.pv.iopl = 1;
    regs.rdx = 0xa0;
    regs.rax = 0x1122334455667788UL;
    CODE("\x66\xed");                              /* inw %dx, %ax */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0x112233445566ffffUL);
    EXPECT_EQ(nr_io, 0);

    /* inw at 0x21: the PIC byte is 0xff, 0x22 is real (Xen's split). */
    reset();
    vcpu.arch.pv.iopl = 1;
    ports[0x22] = 0x9c;
    regs.rdx = 0x21;
    CODE("\x66\xed");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0x9cff);
    EXPECT(nr_io == 1 && io_log[0].port == 0x22 && io_log[0].bytes == 1);

    reset();
    vcpu.arch.pv.iopl = 1;
    regs.rdx = 0x3fc;
    regs.rax = ~0UL;
    CODE("\xed");                                  /* inl: zero-extends */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0xffffffffUL);
    EXPECT_EQ(nr_io, 0);

    /* Partly permitted: 0x1e-0x1f are real, 0x20-0x21 are the PIC's. */
    reset();
    vcpu.arch.pv.iopl = 1;
    ports[0x1e] = 0x12;
    ports[0x1f] = 0x34;
    regs.rdx = 0x1e;
    CODE("\xed");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0xffff3412UL);
    EXPECT_EQ(nr_io, 1);
    EXPECT(io_log[0].port == 0x1e && io_log[0].bytes == 2);

    /* Writes to hypervisor ports vanish. */
    reset();
    vcpu.arch.pv.iopl = 1;
    CODE("\xe6\x21");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(nr_io, 0);
    reset();
    vcpu.arch.pv.iopl = 1;
    regs.rax = 0x55;
    CODE("\xe6\x80");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(nr_io == 1 && io_log[0].out && io_log[0].val == 0x55);

    /* An unprivileged domain reaches no hardware at all. */
    reset();
    dom.is_privileged = false;
    vcpu.arch.pv.iopl = 1;
    CODE("\xe4\x80");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax & 0xff, 0xff);
    EXPECT_EQ(nr_io, 0);

    /* Guest user mode: needs IOPL 3. */
    reset();
    vcpu.arch.pv.in_kernel = false;
    vcpu.arch.pv.iopl = 1;
    CODE("\xe4\x80");
    EXPECT(!pv_emulate_privileged_op(&regs));
    vcpu.arch.pv.iopl = 3;
    EXPECT(pv_emulate_privileged_op(&regs));
}

static void test_pci_conf(void)
{
    reset();
    vcpu.arch.pv.iopl = 1;
    regs.rdx = 0xcf8;
    regs.rax = 0x80000010;
    CODE("\xef");                                  /* outl to 0xcf8: latched */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(nr_io, 0);

    regs.rdx = 0xcfe;
    regs.rax = 0;
    ports[0xcfe] = 0xcd;
    ports[0xcff] = 0xab;
    CODE("\x66\xed");                              /* inw from 0xcfe */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0xabcd);
    EXPECT(nr_io == 2 && io_log[0].out && io_log[0].port == 0xcf8 &&
           io_log[0].val == 0x80000010 && io_log[1].port == 0xcfe &&
           io_log[1].bytes == 2);

    regs.rdx = 0xcf8;
    CODE("\xed");                                  /* inl 0xcf8: the latch */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0x80000010);
    EXPECT_EQ(nr_io, 2);

    /* A data-port write is shown to the MSI filter first, with the
     * latched bus, function and register plus the port's offset. */
    regs.rdx = 0xcf8;
    regs.rax = 0x80012a44;
    CODE("\xef");
    EXPECT(pv_emulate_privileged_op(&regs));
    conf_calls = 0;
    conf_or = 1;
    regs.rdx = 0xcfe;
    regs.rax = 0x1234;
    CODE("\x66\xef");                              /* outw to 0xcfe */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(conf_calls == 1 && conf_seg == 0 && conf_bus == 1 && conf_devfn == 0x2a &&
           conf_reg == 0x46 && conf_size == 2);
    EXPECT(nr_io == 4 && io_log[2].out && io_log[2].port == 0xcf8 &&
           io_log[2].val == 0x80012a44 && io_log[3].out &&
           io_log[3].port == 0xcfe && io_log[3].val == 0x1235);
    conf_drop = true;                              /* dropped: no I/O */
    CODE("\x66\xef");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(conf_calls, 2);
    EXPECT_EQ(nr_io, 4);
    conf_drop = false;
    conf_or = 0;

    /* Without the enable bit the data port reads all ones. */
    regs.rdx = 0xcf8;
    regs.rax = 0x10;
    CODE("\xef");
    EXPECT(pv_emulate_privileged_op(&regs));
    regs.rdx = 0xcfc;
    CODE("\xed");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(regs.rax, 0xffffffffUL);
    EXPECT_EQ(nr_io, 4);
    CODE("\xef");                                  /* nor does a write */
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(nr_io, 4);
}

static void test_string_io(void)
{
    uint8_t *buf;

    /* rep insb, 3 bytes from port 0x80 */
    reset();
    vcpu.arch.pv.iopl = 1;
    ports[0x80] = 0x5a;
    buf = guest + 1024;
    regs.rdi = (unsigned long)buf;
    regs.rcx = 3;
    regs.rdx = 0x80;
    CODE("\xf3\x6c");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(buf[0] == 0x5a && buf[1] == 0x5a && buf[2] == 0x5a && buf[3] == 0x90);
    EXPECT_EQ(regs.rdi, (unsigned long)buf + 3);
    EXPECT_EQ(regs.rcx, 0);
    EXPECT_EQ(rip_off(), 2);

    /* outsw backwards (DF), no rep */
    reset();
    vcpu.arch.pv.iopl = 1;
    buf = guest + 1024;
    buf[0] = 0x34;
    buf[1] = 0x12;
    regs.rsi = (unsigned long)buf;
    regs.rdx = 0x80;
    regs.rflags |= X86_EFLAGS_DF;
    CODE("\x66\x6f");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT(nr_io == 1 && io_log[0].val == 0x1234 && io_log[0].bytes == 2);
    EXPECT_EQ(regs.rsi, (unsigned long)buf - 2);

    /* A long rep goes in batches, RIP staying until the end. */
    reset();
    vcpu.arch.pv.iopl = 1;
    regs.rdi = (unsigned long)guest + 1024;
    regs.rcx = 100;
    regs.rdx = 0x80;
    CODE("\xf3\x6c");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 0);
    EXPECT_EQ(regs.rcx, 36);
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(rip_off(), 2);
    EXPECT_EQ(regs.rcx, 0);
    EXPECT_EQ(regs.rdi, (unsigned long)guest + 1124);

    /* The destination faults: #PF (write, supervisor), RIP stays. */
    reset();
    vcpu.arch.pv.iopl = 1;
    fault_at = 2000;
    regs.rdi = (unsigned long)guest + 1998;
    regs.rcx = 4;
    regs.rdx = 0x80;
    CODE("\xf3\x6c");
    EXPECT(pv_emulate_privileged_op(&regs));
    EXPECT_EQ(seen.vector, TRAP_page_fault);
    EXPECT_EQ(seen.ec, 2);
    EXPECT_EQ(seen.cr2, (unsigned long)guest + 2000);
    EXPECT_EQ(regs.rcx, 2);
    EXPECT_EQ(rip_off(), 0);

    /* 32-bit address size wraps the string registers. */
    reset();
    vcpu.arch.pv.iopl = 1;
    regs.rsi = 0xffffffff00000000UL | ((unsigned long)guest & 0xffffffff);
    regs.rdx = 0x80;
    CODE("\x67\x6e");
    if ( ((unsigned long)guest >> 32) == 0 )
    {
        EXPECT(pv_emulate_privileged_op(&regs));
        EXPECT_EQ(regs.rsi, ((unsigned long)guest & 0xffffffff) + 1);
    }

    /* Not from guest user mode. */
    reset();
    vcpu.arch.pv.in_kernel = false;
    vcpu.arch.pv.iopl = 3;
    regs.rcx = 1;
    regs.rdi = (unsigned long)guest + 1024;
    CODE("\xf3\x6c");
    EXPECT(!pv_emulate_privileged_op(&regs));
}

static const struct {
    const char *name;
    void (*fn)(void);
} cases[] = {
    { "cpuid_via_gp", test_cpuid_via_gp },
    { "forced_cpuid", test_forced_cpuid },
    { "cpuid_policy", test_cpuid_policy },
    { "rdmsr", test_rdmsr },
    { "wrmsr", test_wrmsr },
    { "control_registers", test_control_registers },
    { "debug_registers", test_debug_registers },
    { "misc", test_misc },
    { "insn_fetch", test_fetch },
    { "port_io", test_port_io },
    { "pci_conf", test_pci_conf },
    { "string_io", test_string_io },
};

int main(void)
{
    unsigned int k;

    /* Below 4 GiB, so the 32-bit address-size case can run. */
    guest = mmap(NULL, GUEST_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if ( guest == MAP_FAILED )
        guest = aligned_alloc(4096, GUEST_SIZE);
    for ( k = 0; k < ARRAY_SIZE(cases); k++ )
    {
        current_case = cases[k].name;
        case_failed = false;
        cases[k].fn();
        if ( case_failed )
            failures++;
        else
        {
            passes++;
            printf("PASS: emul %s\n", current_case);
        }
    }
    printf("emul: %u passed, %u failed\n", passes, failures);
    return failures ? 1 : 0;
}
