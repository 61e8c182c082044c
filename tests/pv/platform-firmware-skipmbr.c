/*
 * platform-firmware-skipmbr.c - the hypervisor's "edd=skipmbr" and
 * "edid=no" options, as Xen 4.17 has them: the BIOS is asked for the EDD
 * records but no disk's MBR is read, and no EDID is fetched.  So with a
 * disk that has an MBR signature, XENPF_firmware_info has EDD record 0
 * but answers -ESRCH for MBR signature 0 and for the EDID.
 * (platform-firmware covers the defaults.)
 *
 * pvtest-hv: edd=skipmbr edid=no
 * pvtest-disk: 0x1d2c3b4a ide
 * pvtest-bochs-skip: the disk is a QEMU option
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/platform.h>

const char test_title[] = "platform-firmware-skipmbr: edd=skipmbr edid=no";

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

    check_eq(fw(XEN_FW_DISK_INFO, 0, &f), 0, "EDD record 0");
    check_eq(f.u.disk_info.device, 0x80, "... drive 80h");
    check_eq(fw(XEN_FW_DISK_INFO, 1, NULL), -XEN_ESRCH, "EDD record 1");
    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 0, NULL), -XEN_ESRCH,
             "MBR signature 0 (MBRs not read)");
    check_eq(fw(XEN_FW_VBEDDC_INFO, 0, NULL), -XEN_ESRCH,
             "EDID index 0 (not fetched)");
}
