/*
 * platform-firmware-eddoff.c - the hypervisor's "edd=off" option, as Xen
 * 4.17 has it: no EDD records are gathered, but the disks' MBRs are still
 * read (Xen's edd=off does not stop that; edd=skipmbr does).  So with a
 * disk that has an MBR signature XENPF_firmware_info answers -ESRCH for
 * EDD record 0 and still has MBR signature 0, and the EDID.
 * (platform-firmware covers the defaults, -skipmbr the other options.)
 *
 * pvtest-hv: edd=off
 * pvtest-disk: 0x1d2c3b4a ide
 * pvtest-bochs-skip: the disk is a QEMU option
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/platform.h>

const char test_title[] = "platform-firmware-eddoff: edd=off";

static uint8_t buf[4096] __aligned(4096);

static long fw(uint32_t type, uint32_t index, struct xenpf_firmware_info *out)
{
    struct xen_platform_op op = {
        .cmd = XENPF_firmware_info,
        .interface_version = XENPF_INTERFACE_VERSION,
        .u.firmware_info = { .type = type, .index = index },
    };
    long rc;

    buf[0] = 74;
    buf[1] = 0;
    set_xen_guest_handle(op.u.firmware_info.u.disk_info.edd_params, buf);
    if ( type == XEN_FW_VBEDDC_INFO )
        set_xen_guest_handle(op.u.firmware_info.u.vbeddc_info.edid, buf);
    rc = HYPERVISOR_platform_op(&op);
    if ( out )
        *out = op.u.firmware_info;
    return rc;
}

void test_main(void)
{
    struct xenpf_firmware_info f;

    check_eq(fw(XEN_FW_DISK_INFO, 0, NULL), -XEN_ESRCH, "EDD record 0 (edd=off)");
    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 0, &f), 0,
             "MBR signature 0 (read even so)");
    check_eq(f.u.disk_mbr_signature.mbr_signature, 0x1d2c3b4a, "... signature");
    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 1, NULL), -XEN_ESRCH,
             "MBR signature 1");
    check_eq(fw(XEN_FW_VBEDDC_INFO, 0, NULL), 0, "EDID index 0 (still there)");
}
