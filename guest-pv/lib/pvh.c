/*
 * pvh.c - from pvh_head.S to test_main() in a PVH kernel.
 *
 * Until the hypercall page is written there is no console, so a kernel
 * that finds no Xen CPUID leaves, or a bad start_info, can only stop
 * (hlt; the hypervisor sees a vCPU that never wakes).
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/memory.h>
#include <public/arch-x86/cpuid.h>

const struct hvm_start_info *pvh_start_info;
uint32_t pvh_cpuid_base;

/* What pvh_head.S maps 1:1. */
#define PVH_IDENTITY_END (1UL << 32)

static char cmdline_copy[1024];

static uint32_t find_cpuid_base(void)
{
    struct cpuid_regs r;

    for ( uint32_t base = 0x40000000; base < 0x40010000; base += 0x100 )
    {
        cpuid_native(base, 0, &r);
        if ( r.b == XEN_CPUID_SIGNATURE_EBX && r.c == XEN_CPUID_SIGNATURE_ECX &&
             r.d == XEN_CPUID_SIGNATURE_EDX && r.a >= base + 2 )
            return base;
    }
    return 0;
}

uint64_t pvh_hypercall_page_gpa(void)
{
    return (unsigned long)hypercall_page - PV_VIRT_BASE;
}

long pvh_place_shared_info(void *va)
{
    struct xen_add_to_physmap a = { .domid = DOMID_SELF,
                                    .space = XENMAPSPACE_shared_info,
                                    .gpfn = pvh_gpfn(va) };

    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a);
}

static void __noreturn stop(void)
{
    for ( ;; )
        __asm__ __volatile__ ("cli; hlt");
}

/* Leaf base+2: eax = pages, ebx = the MSR; the page's index goes in the
 * low 12 bits of the value written (0: our only page). */
static void hypercall_page_init(void)
{
    struct cpuid_regs r;

    cpuid_native(pvh_cpuid_base + 2, 0, &r);
    if ( r.a < 1 )
        stop();
    pvh_wrmsr(r.b, pvh_hypercall_page_gpa());
    hypercall_set_mode(HYPERCALL_VIA_PAGE);
}

static void copy_cmdline(void)
{
    uint64_t pa = pvh_start_info->cmdline_paddr;

    if ( pa && pa < PVH_IDENTITY_END )
        strlcpy(cmdline_copy, pvh_phys(pa), sizeof(cmdline_copy));
    pvh_cmdline = cmdline_copy;
}

void pvh_start_kernel(uint32_t start_info_pa)
{
    pvh_start_info = pvh_phys(start_info_pa);
    if ( !start_info_pa || start_info_pa >= PVH_IDENTITY_END - PAGE_SIZE ||
         pvh_start_info->magic != XEN_HVM_START_MAGIC_VALUE )
        stop();
    if ( !(pvh_cpuid_base = find_cpuid_base()) )
        stop();
    pvh_traps_init();
    hypercall_page_init();
    copy_cmdline();

    printf("--- pvtest: %s ---\n", test_title);
    printf("pvtest: PVH, CPUID base %#x, hypercall page at %#lx\n",
           pvh_cpuid_base, (unsigned long)pvh_hypercall_page_gpa());
    test_main();
    xtest_exit();
}

/* Uncached 2 MiB mappings between 3 and 4 GiB, at their own addresses:
 * the head's tables map only the first GiB, device pages (the local
 * APIC's) live near 4 GiB. */
extern uint64_t pvh_pdpt_low[512];
static uint64_t mmio_pd[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

#define PDE_2M_UC  0x9bUL       /* P, RW, PWT, PCD, PS */

volatile void *pvh_map_mmio(uint64_t pa)
{
    uint64_t base = pa & ~((1UL << 21) - 1);

    if ( pa < (3UL << 30) || pa >= (4UL << 30) )
        return NULL;
    pvh_pdpt_low[3] = ((unsigned long)mmio_pd - PV_VIRT_BASE) | 3;
    mmio_pd[(pa >> 21) & 511] = base | PDE_2M_UC;
    __asm__ __volatile__ ("mov %%cr3, %%rax; mov %%rax, %%cr3" ::: "rax", "memory");
    return (volatile void *)(unsigned long)pa;
}
