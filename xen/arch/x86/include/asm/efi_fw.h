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

/* A UEFI memory descriptor (the map's stride may be larger). */
struct efi_fw_desc {
    uint32_t type, pad;
    uint64_t phys, virt, pages, attr;
};
#define EFI_FW_MEMORY_UC       (1ULL << 0)
#define EFI_FW_MEMORY_WB       (1ULL << 3)
#define EFI_FW_MEMORY_RUNTIME  (1ULL << 63)

/* Descriptor i of the kept memory map, NULL past its end. */
const struct efi_fw_desc *efi_fw_desc(unsigned int i);

/* The UEFI runtime services table as the firmware laid it out: a table
 * header, then the entry points (physical addresses) in this order. */
struct efi_fw_rt {
    uint64_t signature;
    uint32_t revision, header_size, crc32, reserved;
    uint64_t get_time, set_time, get_wakeup_time, set_wakeup_time;
    uint64_t set_virtual_address_map, convert_pointer;
    uint64_t get_variable, get_next_variable_name, set_variable;
    uint64_t get_next_high_monotonic_count, reset_system;
    uint64_t update_capsule, query_capsule_capabilities;
    uint64_t query_variable_info;
};

/* The copy of the runtime services table taken at boot, or NULL. */
const struct efi_fw_rt *efi_fw_rt(void);

/* Runtime services usable (booted by UEFI, table found, no efi=no-rs,
 * no earlier fault inside the firmware): efi_rt.c. */
bool efi_rt_enabled(void);

/* XENPF_efi_runtime_call: 0 or a negative errno, as Xen 4.17; op->status
 * holds the firmware's EFI_STATUS (efi_rt_ops.c). */
long efi_rt_call(struct xenpf_efi_runtime_call *op);

/* A fault on this CPU while it runs firmware code: report it, make the
 * call return failure and turn runtime services off.  False if this CPU
 * was not in the firmware (efi_rt.c, called from do_exception). */
struct cpu_user_regs;
bool efi_rt_fault(struct cpu_user_regs *regs);

/* XEN_FW_EFI_INFO, index idx: 0 or a negative errno, as Xen 4.17. */
long efi_fw_info(uint32_t idx, union xenpf_efi_info *info);

#endif
