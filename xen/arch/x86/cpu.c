/*
 * Per-CPU control-register setup shared by the BSP and the APs.
 */
#include <xen/lib.h>
#include <asm/processor.h>
#include <asm/cpu.h>

bool smap_enabled;

/* Physical address width, from CPUID; 36 is the architectural minimum. */
unsigned int paddr_bits = 36;

static void probe_paddr_bits(void)
{
    struct cpuid_leaf l;

    cpuid(0x80000000, &l);
    if ( l.a >= 0x80000008 )
    {
        cpuid(0x80000008, &l);
        if ( (l.a & 0xff) >= 36 && (l.a & 0xff) <= 52 )
            paddr_bits = l.a & 0xff;
    }
}

bool cpu_vendor_is_amd(void)
{
    struct cpuid_leaf r;

    cpuid(0, &r);
    return r.b == 0x68747541;   /* "Auth"enticAMD */
}

void cpu_init_control_regs(void)
{
    probe_paddr_bits();
    /* Guests use SSE (and we save it with fxsave): the OS-support bits
     * must be on, or every SSE instruction raises #UD. */
    write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
    /* Floating point errors are reported natively, not through IRQ 13. */
    write_cr0(read_cr0() | X86_CR0_NE | X86_CR0_MP);
    /* The hypervisor never runs code from guest (user) pages: with SMEP
     * a jump there, say through a corrupted pointer, faults instead. */
    if ( cpu_has_smep() )
        write_cr4(read_cr4() | X86_CR4_SMEP);
    /* Nor touches guest memory except through the copy routines. */
    if ( cpu_has_smap() )
    {
        smap_enabled = true;
        write_cr4(read_cr4() | X86_CR4_SMAP);
    }
}
