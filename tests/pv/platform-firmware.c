/*
 * platform-firmware.c - XENPF_firmware_info, which Linux's dom0 asks for
 * its EDD disk records, MBR signatures, the EDID of the display, EFI
 * data and the BIOS keyboard shift flags.
 *
 * Under QEMU with a Multiboot boot and no disk, Xen 4.17 has no EDD
 * records or MBR signatures (-ESRCH at every index), no EFI data
 * (-ENOSYS), keyboard shift flags 0 at index 0 (-ESRCH past it), and
 * -EINVAL for a type it does not know.  Xen also has the VGA BIOS's
 * EDID block at index 0, from a real-mode call this hypervisor does not
 * make (it answers -ESRCH there): only index 1 is compared, and the
 * index-0 answer is reported.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/platform.h>

const char test_title[] = "platform-firmware: XENPF_firmware_info";

static uint8_t buf[4096] __aligned(4096);

static long fw(uint32_t type, uint32_t index, struct xenpf_firmware_info *out)
{
    struct xen_platform_op op = {
        .cmd = XENPF_firmware_info,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.firmware_info = { .type = type, .index = index },
    };
    long rc;

    if ( type == XEN_FW_DISK_INFO )
        set_xen_guest_handle(op.u.firmware_info.u.disk_info.edd_params, buf);
    if ( type == XEN_FW_VBEDDC_INFO )
        set_xen_guest_handle(op.u.firmware_info.u.vbeddc_info.edid, buf);
    if ( type == XEN_FW_KBD_SHIFT_FLAGS )
        op.u.firmware_info.u.kbd_shift_flags = 0xa5;
    rc = HYPERVISOR_platform_op(&op);
    if ( out )
        *out = op.u.firmware_info;
    return rc;
}

void test_main(void)
{
    struct xenpf_firmware_info f;
    long rc;

    check_eq(fw(XEN_FW_DISK_INFO, 0, NULL), -XEN_ESRCH, "EDD record 0 (no disk)");
    check_eq(fw(XEN_FW_DISK_INFO, 7, NULL), -XEN_ESRCH, "EDD record 7");
    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 0, NULL), -XEN_ESRCH,
             "MBR signature 0");
    check_eq(fw(XEN_FW_VBEDDC_INFO, 1, NULL), -XEN_ESRCH, "EDID index 1");
    rc = fw(XEN_FW_VBEDDC_INFO, 0, &f);
    xtest_info("EDID index 0: %ld (Xen 4.17: 0 from the VGA BIOS; ours: "
               "-ESRCH, no real-mode calls)", rc);
    check_eq(fw(XEN_FW_EFI_INFO, XEN_FW_EFI_VERSION, NULL), -XEN_ENOSYS,
             "EFI version (not booted by EFI)");
    check_eq(fw(XEN_FW_KBD_SHIFT_FLAGS, 0, &f), 0, "keyboard shift flags");
    check_eq(f.u.kbd_shift_flags, 0, "... none pressed");
    check_eq(fw(XEN_FW_KBD_SHIFT_FLAGS, 1, NULL), -XEN_ESRCH,
             "keyboard shift flags, index 1");
    check_eq(fw(0, 0, NULL), -XEN_EINVAL, "type 0");
    check_eq(fw(6, 0, NULL), -XEN_EINVAL, "type 6");
    check_eq(fw(0xffffffffu, 0, NULL), -XEN_EINVAL, "type 0xffffffff");
}
