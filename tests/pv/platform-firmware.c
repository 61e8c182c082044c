/*
 * platform-firmware.c - XENPF_firmware_info, which Linux's dom0 asks for
 * its EDD disk records, MBR signatures, the EDID of the display, EFI
 * data and the BIOS keyboard shift flags.
 *
 * QEMU gets three disks (below): AHCI with an MBR, AHCI without one
 * (all zeros) and virtio-blk with an MBR.  Booted by Multiboot on
 * SeaBIOS, Xen 4.17 asked the BIOS at boot and answers: one EDD record
 * per disk, in BIOS drive order (80h, 81h, 82h), -ESRCH past the last;
 * an MBR signature for each drive whose sector 0 ends in 55 AA (the
 * zeroed disk is skipped, the scan goes on); the VGA BIOS's EDID block
 * at index 0 only.  The EDD parameter block goes into the caller's
 * buffer, at most as many bytes as the caller's first u16 says, and the
 * count actually written back into that u16.  Not booted by EFI:
 * -ENOSYS for EFI data.  Keyboard shift flags 0 at index 0.  Unknown
 * types: -EINVAL.
 *
 * pvtest-disk: 0x1d2c3b4a ide
 * pvtest-disk: 0 ide
 * pvtest-disk: 0xcafe0003 virtio
 * pvtest-bochs-skip: the disks are QEMU options
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

static uint16_t get16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

/* EDD record i with the caller's buffer claiming room for want bytes. */
static long edd(uint32_t i, uint16_t want, struct xenpf_firmware_info *f)
{
    memset(buf, 0xee, sizeof(buf));
    buf[0] = want & 0xff;
    buf[1] = want >> 8;
    return fw(XEN_FW_DISK_INFO, i, f);
}

/* SeaBIOS 1.16's answers for the three 1 MiB disks, which Xen 4.17 passes
 * on unchanged: EDD 3.0 with all three interface subsets, the legacy
 * geometry of a disk that small, and a parameter block of 26 bytes for
 * AHCI and 30 (with the DPTE pointer) for virtio-blk. */
static void check_edd_records(void)
{
    static const uint8_t devices[] = { 0x80, 0x81, 0x82 };
    static const uint16_t lengths[] = { 26, 26, 30 };
    struct xenpf_firmware_info f;
    uint16_t full;

    for ( unsigned int i = 0; i < 3; i++ )
    {
        if ( edd(i, 74, &f) )
        {
            xtest_fail("EDD record %u: not found", i);
            continue;
        }
        full = get16(buf);
        xtest_info("EDD %u: drive %#x version %#x iface %#x C/H/S %u/%u/%u "
                   "params %u bytes, %u sectors of %u bytes", i,
                   f.u.disk_info.device, f.u.disk_info.version,
                   f.u.disk_info.interface_support,
                   f.u.disk_info.legacy_max_cylinder,
                   f.u.disk_info.legacy_max_head,
                   f.u.disk_info.legacy_sectors_per_track, full,
                   buf[16] | (buf[17] << 8) | (buf[18] << 16) | (buf[19] << 24),
                   get16(buf + 24));
        check_eq(f.u.disk_info.device, devices[i], "EDD record's drive");
        check_eq(f.u.disk_info.version, 0x30, "EDD version");
        check_eq(f.u.disk_info.interface_support, 7, "EDD interface subsets");
        check_eq(f.u.disk_info.legacy_max_cylinder, 0, "legacy max cylinder");
        check_eq(f.u.disk_info.legacy_max_head, 15, "legacy max head");
        check_eq(f.u.disk_info.legacy_sectors_per_track, 63,
                 "legacy sectors per track");
        check_eq(full, lengths[i], "EDD params length");
        check_eq(buf[full], 0xee, "nothing past the params length");
        /* 1 MiB of 512-byte sectors. */
        check_eq(buf[16] | (buf[17] << 8), 2048, "EDD sector count");
        check_eq(get16(buf + 24), 512, "EDD bytes per sector");
    }
    check_eq(edd(3, 74, NULL), -XEN_ESRCH, "EDD record 3 (past the last)");
    check_eq(edd(7, 74, NULL), -XEN_ESRCH, "EDD record 7");
    check_eq(edd(~0u, 74, NULL), -XEN_ESRCH, "EDD record 0xffffffff");

    /* The caller's length bounds what is written, and comes back. */
    check_eq(edd(0, 10, NULL), 0, "EDD record 0, 10-byte buffer");
    check_eq(get16(buf), 10, "... length 10 back");
    check_eq(buf[10], 0xee, "... byte 10 untouched");
    check_eq(edd(0, 0, NULL), 0, "EDD record 0, 0-byte buffer");
    check_eq(get16(buf), 0, "... length 0 back");
    check_eq(buf[2], 0xee, "... byte 2 untouched");
    check_eq(edd(0, 0xffff, NULL), 0, "EDD record 0, 64 KiB claimed");
    check(get16(buf) <= 74, "... at most 74 bytes back (%u)", get16(buf));
}

static void check_mbr_signatures(void)
{
    struct xenpf_firmware_info f;

    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 0, &f), 0, "MBR signature 0");
    check_eq(f.u.disk_mbr_signature.device, 0x80, "... drive 80h");
    check_eq(f.u.disk_mbr_signature.mbr_signature, 0x1d2c3b4a, "... signature");
    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 1, &f), 0, "MBR signature 1");
    check_eq(f.u.disk_mbr_signature.device, 0x82, "... drive 82h (81h has none)");
    check_eq(f.u.disk_mbr_signature.mbr_signature, 0xcafe0003, "... signature");
    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 2, NULL), -XEN_ESRCH,
             "MBR signature 2 (past the last)");
    check_eq(fw(XEN_FW_DISK_MBR_SIGNATURE, 16, NULL), -XEN_ESRCH,
             "MBR signature 16");
}

static void check_edid(void)
{
    static const uint8_t header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
    struct xenpf_firmware_info f;
    unsigned int sum = 0;

    memset(buf, 0xee, sizeof(buf));
    check_eq(fw(XEN_FW_VBEDDC_INFO, 0, &f), 0, "EDID index 0 (VGA BIOS)");
    xtest_info("EDID: capabilities %#x, transfer time %u, bytes 8-11 "
               "%02x %02x %02x %02x", f.u.vbeddc_info.capabilities,
               f.u.vbeddc_info.edid_transfer_time, buf[8], buf[9], buf[10],
               buf[11]);
    check(!memcmp(buf, header, sizeof(header)), "EDID header");
    for ( unsigned int i = 0; i < 128; i++ )
        sum += buf[i];
    check_eq(sum & 0xff, 0, "EDID checksum");
    check_eq(buf[128], 0xee, "128 bytes only");
    check(f.u.vbeddc_info.capabilities & 3, "DDC capabilities %#x",
          f.u.vbeddc_info.capabilities);
    check_eq(fw(XEN_FW_VBEDDC_INFO, 1, NULL), -XEN_ESRCH, "EDID index 1");
}

void test_main(void)
{
    struct xenpf_firmware_info f;

    check_edd_records();
    check_mbr_signatures();
    check_edid();
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
