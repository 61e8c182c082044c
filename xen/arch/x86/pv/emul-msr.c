/*
 * The MSRs a PV guest kernel may read or write with rdmsr/wrmsr (which
 * fault at CPL 3 and come here through the privileged-op emulator).
 *
 * An allowlist: every MSR not in msr_policy[] raises #GP(0), as does a
 * missing read or write handler.  The answers match what Xen 4.17 gives a
 * 64-bit PV dom0 (tests/pv/privop.c checks them against it):
 *   - FS/GS bases: the live bases; writes behave like set_segment_base.
 *   - TSC, PAT: the hardware values (Linux builds its cache attributes
 *     from the PAT it reads, so it must be the one really in use).
 *   - APIC_BASE: the architectural default, enabled, BSP on vCPU 0, never
 *     x2APIC.  EFER: the host's SCE/LME/LMA/NXE; only a write of the same
 *     value is accepted.  MISC_ENABLE: the host's value with the
 *     performance-monitoring and MONITOR bits hidden; writes are ignored.
 *   - UCODE_REV: the host's revision; on Intel the "write 0 first" step
 *     is accepted and ignored.  PLATFORM_INFO reads 0 (no CPUID faulting).
 *   - The machine-check MSRs: a virtual MCE with two quiet banks
 *     (pv/vmce.c).
 *   - STAR/LSTAR/CSTAR/SYSCALL_MASK/SYSENTER_*, MTRRs, perf counters,
 *     speculation controls: #GP (Linux's PV MSR hooks never issue them).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv/hypercalls.h>
#include "emulate.h"

#define MSR_IA32_UCODE_REV      0x0000008b
#define MSR_PLATFORM_INFO       0x000000ce

#define MISC_ENABLE_PERF_AVAIL      (1UL << 7)
#define MISC_ENABLE_BTS_UNAVAIL     (1UL << 11)
#define MISC_ENABLE_PEBS_UNAVAIL    (1UL << 12)
#define MISC_ENABLE_MONITOR_ENABLE  (1UL << 18)
#define MISC_ENABLE_XTPR_DISABLE    (1UL << 23)

#define APIC_DEFAULT_BASE       0xfee00000UL

/* "GenuineIntel" starts with "Genu" in EBX of leaf 0. */
#define CPUID_VENDOR_INTEL_EBX  0x756e6547u

typedef int msr_read_fn(struct vcpu *v, uint32_t msr, uint64_t *val);
typedef int msr_write_fn(struct vcpu *v, uint32_t msr, uint64_t val);

static int read_hw(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    return rdmsr_safe(msr, val) ? -EPERM : 0;
}

static int read_zero(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    *val = 0;
    return 0;
}

static int read_tsc(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    *val = rdtsc();
    return 0;
}

static int read_apic_base(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    *val = APIC_DEFAULT_BASE | APICBASE_ENABLE |
           (v->vcpu_id == 0 ? APICBASE_BSP : 0);
    return 0;
}

static uint64_t guest_efer(void)
{
    return rdmsr(MSR_EFER) & (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE);
}

static int read_efer(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    *val = guest_efer();
    return 0;
}

/* Linux writes back the EFER it read; any change is refused. */
static int write_efer(struct vcpu *v, uint32_t msr, uint64_t val)
{
    return val == guest_efer() ? 0 : -EPERM;
}

static int read_misc_enable(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    uint64_t host;

    if ( rdmsr_safe(msr, &host) )
        return -EPERM;
    *val = (host & ~(MISC_ENABLE_PERF_AVAIL | MISC_ENABLE_MONITOR_ENABLE)) |
           MISC_ENABLE_BTS_UNAVAIL | MISC_ENABLE_PEBS_UNAVAIL |
           MISC_ENABLE_XTPR_DISABLE;
    return 0;
}

/* Xen drops every write, changed or not, where the MSR exists at all. */
static int write_misc_enable(struct vcpu *v, uint32_t msr, uint64_t val)
{
    uint64_t host;

    return rdmsr_safe(msr, &host) ? -EPERM : 0;
}

/* Intel's microcode-revision protocol starts with writing 0; accept just
 * that, and only on Intel (the MSR is read-only elsewhere). */
static int write_ucode_rev(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct cpuid_leaf r;

    cpuid(0, &r);
    return (r.b == CPUID_VENDOR_INTEL_EBX && val == 0) ? 0 : -EPERM;
}

static int read_gs_user(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    *val = v->arch.pv.gs_base_user;
    return 0;
}

/* The base writes share set_segment_base's checks (canonical) and
 * bookkeeping.  The emulator only runs these in guest kernel mode. */
static int write_base(unsigned int which, uint64_t val)
{
    return do_set_segment_base(which, val, 0, 0, 0) ? -EPERM : 0;
}

static int write_fs_base(struct vcpu *v, uint32_t msr, uint64_t val)
{
    return write_base(SEGBASE_FS, val);
}

static int write_gs_base(struct vcpu *v, uint32_t msr, uint64_t val)
{
    return write_base(SEGBASE_GS_KERNEL, val);
}

static int write_gs_user(struct vcpu *v, uint32_t msr, uint64_t val)
{
    return write_base(SEGBASE_GS_USER, val);
}

static const struct msr_policy {
    uint32_t msr;
    msr_read_fn *read;          /* NULL: reads raise #GP */
    msr_write_fn *write;        /* NULL: writes raise #GP */
} msr_policy[] = {
    { MSR_IA32_TSC,        read_tsc,         NULL              },
    { MSR_IA32_APICBASE,   read_apic_base,   NULL              },
    { MSR_IA32_UCODE_REV,  read_hw,          write_ucode_rev   },
    { MSR_PLATFORM_INFO,   read_zero,        NULL              },
    { MSR_IA32_MISC_ENABLE, read_misc_enable, write_misc_enable },
    { MSR_IA32_CR_PAT,     read_hw,          NULL              },
    { MSR_EFER,            read_efer,        write_efer        },
    { MSR_FS_BASE,         read_hw,          write_fs_base     },
    { MSR_GS_BASE,         read_hw,          write_gs_base     },
    { MSR_SHADOW_GS_BASE,  read_gs_user,     write_gs_user     },
};

static const struct msr_policy *find_msr(uint32_t msr)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(msr_policy); i++ )
        if ( msr_policy[i].msr == msr )
            return &msr_policy[i];
    return NULL;
}

/*
 * Xen's leniency for kernels that read MSRs before installing a #GP
 * handler: such a read of an MSR the hardware has (outside the
 * hypervisor range 0x4000xxxx) returns 0 instead of killing the guest.
 */
static bool fake_zero_read(const struct vcpu *v, uint32_t msr)
{
    uint64_t dummy;

    return !v->arch.pv.trap_ctxt[TRAP_gp_fault].address &&
           (msr >> 16) != 0x4000 && !rdmsr_safe(msr, &dummy);
}

int pv_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    const struct msr_policy *p = find_msr(msr);

    if ( pv_vmce_msr(msr) )
        return pv_vmce_read(v, msr, val);
    if ( p && p->read && p->read(v, msr, val) == 0 )
        return 0;
    if ( fake_zero_read(v, msr) )
    {
        *val = 0;
        return 0;
    }
    return -EPERM;
}

int pv_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    const struct msr_policy *p = find_msr(msr);

    if ( pv_vmce_msr(msr) )
        return pv_vmce_write(v, msr, val);
    return (p && p->write) ? p->write(v, msr, val) : -EPERM;
}
