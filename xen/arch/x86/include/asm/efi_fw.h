/*
 * What the UEFI firmware told the boot loader, kept for
 * XENPF_firmware_info(XEN_FW_EFI_INFO) (xen/arch/x86/efi_fw.c).
 */
#ifndef ASM_EFI_FW_H
#define ASM_EFI_FW_H

#include <xen/types.h>
#include <public/platform.h>

/*
 * Called once from the Multiboot2 parser, while the loader's data and the
 * firmware's boot-time memory are still intact: systab is the EFI system
 * table's physical address (0: not booted by EFI), descs/len/desc_size the
 * EFI memory map of the Multiboot2 EFI map tag (NULL: none).
 */
void efi_fw_capture(paddr_t systab, const void *descs, size_t len,
                    size_t desc_size);

/* True when the hypervisor was started by UEFI. */
bool efi_fw_booted(void);

/* XEN_FW_EFI_INFO, index idx: 0 or a negative errno, as Xen 4.17. */
long efi_fw_info(uint32_t idx, union xenpf_efi_info *info);

#endif
