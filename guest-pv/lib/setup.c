/*
 * setup.c - from head.S to test_main().
 *
 * Order matters: shared_info must be mapped before anything that may
 * take an exception (the #PF path reads cr2 from vcpu_info), and the
 * hypercall transport must be chosen before the first hypercall.
 */
#include <pvtest.h>

start_info_t *start_info;
unsigned long boot_rsp;

/*
 * shared_info is remapped over this page of our image.  Until then the
 * pointer names the (zeroed) page itself so early readers see zeroes
 * instead of faulting.
 */
static uint8_t shared_info_page[PAGE_SIZE]
    __aligned(PAGE_SIZE) __section(".bss.page_aligned");
shared_info_t *shared_info = (shared_info_t *)shared_info_page;

static void map_shared_info(void)
{
    unsigned long va = (unsigned long)shared_info_page;
    uint64_t pte = start_info->shared_info | _PAGE_PRESENT | _PAGE_RW |
                   _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY;
    long rc = HYPERVISOR_update_va_mapping(va, pte, UVMF_INVLPG);

    if ( rc )
        xtest_error("mapping shared_info (maddr %#lx) failed: %ld",
                    (unsigned long)start_info->shared_info, rc);
}

static void banner(void)
{
    const struct hv_info *hv = hv_info();

    printf("--- pvtest: %s ---\n", test_title);
    printf("pvtest: %s %u.%u%s, hypercalls via %s\n",
           hv_kind_name(hv->kind), hv->major, hv->minor, hv->extraversion,
           hypercall_mode_name(hypercall_get_mode()));
}

void start_kernel(start_info_t *si, unsigned long rsp)
{
    start_info = si;
    boot_rsp = rsp;

    /* Prefer the page when the hypervisor filled it, as older kernels do. */
    hypercall_set_mode(hypercall_page_filled() ? HYPERCALL_VIA_PAGE
                                               : HYPERCALL_VIA_SYSCALL);
    map_shared_info();
    traps_init();
    banner();

    test_main();
    xtest_exit();
}
