/*
 * Between efi_rt_ops.c (what XENPF_efi_runtime_call asks) and efi_rt.c
 * (running firmware code).
 */
#ifndef X86_EFI_RT_H
#define X86_EFI_RT_H

#include <xen/types.h>

#define EFI_RT_ARGS  5                   /* the most any service takes */

/*
 * Call the firmware entry point fn (a physical address inside a runtime
 * region) with args (pointers among them must be hypervisor memory), the
 * caller holding the runtime lock.  0 with the EFI_STATUS in *status;
 * -EOPNOTSUPP if runtime services are off or fn is not firmware code;
 * -ENOMEM if the runtime page table could not be built; -EIO if the
 * firmware faulted.
 */
long efi_rt_invoke(uint64_t fn, const uint64_t args[EFI_RT_ARGS],
                   uint64_t *status);

#endif
