/*
 * The Intel VMX backend of the HVM layer: NOT IMPLEMENTED YET.
 *
 * What it will have to provide is struct hvm_vendor (asm/hvm/hvm.h): VMXON
 * per CPU, a VMCS per vCPU with EPT (the p2m would need EPT's leaf
 * encoding), VPID, unrestricted guest for the PVH 32-bit entry, and exit
 * decoding into struct hvm_exit.  Until then the probe reports no VMX, so
 * on Intel hardware the hypervisor runs PV guests only and dom0=pvh is
 * refused (docs/hvm.md).
 */
#include <xen/lib.h>
#include <asm/hvm/hvm.h>

const struct hvm_vendor *vmx_probe(void);

const struct hvm_vendor *vmx_probe(void)
{
    return NULL;
}
