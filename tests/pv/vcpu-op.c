/*
 * vcpu-op.c - VCPUOP bounds: which vCPU ids exist, and where a vCPU's
 * vcpu_info may be moved.
 *
 * dom0 has 2 vCPUs (dom0_max_vcpus=2), vCPU 1 never brought up.  vCPU id
 * 2 (== max_vcpus) and beyond is -ENOENT for every sub-op; 1 exists (down).
 * VCPUOP_register_vcpu_info, tried on the down vCPU 1 so that vCPU 0's
 * own vcpu_info stays where the library reads it: an offset whose
 * vcpu_info would cross the page's end is refused, and so is a misaligned
 * one (-ENXIO both, on Xen 4.17); the last offset that fits is accepted,
 * and only once (-EINVAL).
 *
 * pvtest-hv: dom0_max_vcpus=2
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "vcpu-op: vCPU ids and register_vcpu_info bounds";

#define PFN_INFO 0x50       /* a page of ours for vCPU 1's vcpu_info */

static long reg_info(unsigned int vcpu, unsigned int offset)
{
    struct vcpu_register_vcpu_info info = {
        .mfn = pfn_to_mfn(PFN_INFO), .offset = offset,
    };

    return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, vcpu, &info);
}

static void check_ids(void)
{
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 0, NULL), 1, "is_up(0)");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0, "is_up(1), down");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 2, NULL), -XEN_ENOENT,
             "is_up(2) == max_vcpus");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 2, NULL), -XEN_ENOENT,
             "up(2) == max_vcpus");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 3, NULL), -XEN_ENOENT,
             "is_up(3)");
    check_eq(reg_info(2, 0), -XEN_ENOENT, "register_vcpu_info(2)");
}

static void check_register(void)
{
    unsigned int last = PAGE_SIZE - sizeof(struct vcpu_info);
    volatile struct vcpu_info *vi = (void *)(pfn_to_va(PFN_INFO) + last);
    long rc;

    memset((void *)pfn_to_va(PFN_INFO), 0, PAGE_SIZE);
    rc = reg_info(1, last + 1);
    xtest_info("offset %u (crosses the page end): %ld", last + 1, rc);
    check_eq(rc, -XEN_ENXIO, "register_vcpu_info crossing the page end");
    check_eq(reg_info(1, last + 8), -XEN_ENXIO,
             "register_vcpu_info 8 bytes past the end");
    check_eq(reg_info(1, 8 + 1), -XEN_ENXIO,
             "register_vcpu_info at a misaligned offset");
    check_eq(reg_info(1, 4), -XEN_ENXIO,
             "register_vcpu_info at offset 4 (not 8-aligned)");
    check_eq(reg_info(1, last), 0, "register_vcpu_info, last offset that fits");
    check_eq(vi->evtchn_upcall_mask, 1, "the new vcpu_info's event mask");
    check_eq(reg_info(1, 0), -XEN_EINVAL, "register_vcpu_info a second time");
}

void test_main(void)
{
    check_ids();
    check_register();
}
