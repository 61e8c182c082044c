/* SPDX-License-Identifier: MIT */
/*
 * Hypervisor CPUID leaves on x86.  They start at 0x40000000 (or at
 * 0x40000100 and further 0x100 steps if another hypervisor interface is
 * offered first); a guest scans for the signature.
 *
 *  leaf base+0: eax = highest leaf of this range,
 *               ebx:ecx:edx = "XenVMMXenVMM"
 *  leaf base+1: eax = (major << 16) | minor version
 *  leaf base+2: eax = number of hypercall pages,
 *               ebx = MSR that loads the hypercall page (write its GPA),
 *               ecx = XEN_CPUID_FEAT1_* bits
 *  leaf base+3: TSC / time information (sub-leaves)
 *  leaf base+4: HVM-specific: eax = XEN_HVM_CPUID_*, ebx = vCPU id,
 *               ecx = domain id
 *  leaf base+5: PV-specific: ebx = machine address width (bits 0-7)
 */

#ifndef PUBLIC_ARCH_X86_CPUID_H
#define PUBLIC_ARCH_X86_CPUID_H

#define XEN_CPUID_FIRST_LEAF    0x40000000
#define XEN_CPUID_LEAF(i)       (XEN_CPUID_FIRST_LEAF + (i))

/* "XenV" "MMXe" "nVMM" as little-endian register values. */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e

/* Leaf 2, ecx: MMU_PT_UPDATE_PRESERVE_AD is supported. */
#define _XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD 0
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD  (1u << 0)

/* Leaf 4, eax (HVM guests). */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT  (1u << 0) /* APIC page virtualised */
#define XEN_HVM_CPUID_X2APIC_VIRT       (1u << 1) /* x2APIC MSRs virtualised */
#define XEN_HVM_CPUID_IOMMU_MAPPINGS    (1u << 2) /* memory_op maps IOMMU too */
#define XEN_HVM_CPUID_VCPU_ID_PRESENT   (1u << 3) /* ebx holds the vCPU id */
#define XEN_HVM_CPUID_DOMID_PRESENT     (1u << 4) /* ecx holds the domain id */
#define XEN_HVM_CPUID_EXT_DEST_ID       (1u << 5) /* extended MSI dest id */
#define XEN_HVM_CPUID_UPCALL_VECTOR     (1u << 6) /* per-vCPU upcall vector */

/* Leaf 5, ebx (PV guests): machine address width in bits. */
#define XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK (0xffu << 0)

/* Highest leaf offset currently defined. */
#define XEN_CPUID_MAX_NUM_LEAVES 5

#endif /* PUBLIC_ARCH_X86_CPUID_H */
