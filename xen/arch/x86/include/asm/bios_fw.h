/*
 * What the PC BIOS told us at boot (bios_fw.c), for
 * XENPF_firmware_info's EDD, MBR signature and VBE DDC (EDID) types.
 */
#ifndef ASM_BIOS_FW_H
#define ASM_BIOS_FW_H

#include <xen/bootinfo.h>
#include <public/platform.h>

/*
 * Ask the BIOS once, on the boot CPU, while the loader's machine state
 * (real-mode vector table, PIC, BIOS data) is untouched and the low 4 GiB
 * are still identity mapped.  Does nothing when booted by UEFI.
 */
void bios_fw_collect(const struct boot_info *bi);

/* XENPF_firmware_info for XEN_FW_DISK_INFO, XEN_FW_DISK_MBR_SIGNATURE
 * and XEN_FW_VBEDDC_INFO: 0 (f filled in), -ESRCH or -EFAULT. */
long bios_fw_info(struct xenpf_firmware_info *f);

#endif /* ASM_BIOS_FW_H */
