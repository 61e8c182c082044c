/*
 * Firmware data only the PC BIOS has: the EDD records of its disks, each
 * disk's MBR signature and the display's EDID block.  Linux's dom0 asks
 * for them through XENPF_firmware_info to fill /sys/firmware/edd and its
 * EDID copy.  Xen 4.17 gathers them in real mode on the way in from a
 * BIOS boot loader; here the boot CPU makes one trip down to real mode
 * (boot/bios_rm.S) early in start_xen(), before anything reprograms the
 * PIC or takes low memory.  Under UEFI there is no BIOS to ask: nothing
 * is gathered and every index answers -ESRCH, as on Xen.
 *
 * Options, with Xen 4.17's behaviour: "edd=off|on|skipmbr" (off: no EDD
 * records, though the MBR signatures are still read; skipmbr: EDD
 * records without reading the MBRs), "edid=no|force" (no EDID, or read
 * it even when the DDC capabilities say the BIOS cannot).
 *
 * Nothing the BIOS returned is trusted: record counts are capped at the
 * sizes of the arrays they index, and the EDD parameter block's length
 * at the size of the block the BIOS was given.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/guest_access.h>
#include <asm/bios_fw.h>
#include <asm/bios_rm.h>
#include <asm/e820.h>
#include <asm/efi_fw.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>

enum { EDD_ON, EDD_SKIPMBR, EDD_OFF };
enum { EDID_ON, EDID_NO, EDID_FORCE };
static unsigned int opt_edd = EDD_ON, opt_edid = EDID_ON;

static int parse_edd(const char *s)
{
    if ( !strcmp(s, "off") )
        opt_edd = EDD_OFF;
    else if ( !strcmp(s, "skipmbr") )
        opt_edd = EDD_SKIPMBR;
    else if ( !strcmp(s, "on") )
        opt_edd = EDD_ON;
    else
        return -EINVAL;
    return 0;
}
custom_param("edd", parse_edd);

static int parse_edid(const char *s)
{
    if ( !strcmp(s, "no") )
        opt_edid = EDID_NO;
    else if ( !strcmp(s, "force") )
        opt_edid = EDID_FORCE;
    else
        return -EINVAL;
    return 0;
}
custom_param("edid", parse_edid);

/* The routine and the data it leaves in its low copy (bios_rm.S). */
extern char bios_rm_start[], bios_rm_end[];
extern char rm_gdt[], rm_gdtr[], rm_gdt_cs16[];
extern char rm_down32_ptr[], rm_up32_ptr[], rm_up64_ptr[], rm_real_ptr[];
extern char rm_save_cr0[], rm_save_cr3[], rm_save_cr4[], rm_save_efer[];
extern char rm_flags[], rm_edd_nr[], rm_mbr_nr[], rm_edid_caps[];
extern char rm_edid_status[], rm_edd[], rm_mbr[], rm_edid_buf[];
extern char rm_down32[], rm_up32[], rm_up64[];
void bios_rm_call(unsigned long area);

/* The answers, kept once the low copy is given back. */
struct edd_rec {
    uint8_t device, version;
    uint16_t interface_support, legacy_max_cylinder;
    uint8_t legacy_max_head, legacy_sectors_per_track;
    uint8_t params[RM_EDD_PARAMS_SIZE];     /* starts with its u16 length */
} __packed;

static struct {
    unsigned int nr_edd, nr_mbr;
    struct edd_rec edd[RM_EDD_MAX];
    struct { uint8_t device; uint32_t sig; } mbr[RM_MBR_MAX];
    bool have_edid;
    uint16_t edid_caps;
    uint8_t edid[RM_EDID_SIZE];
} fw;

/* What the low area held before (the loader's data may live there). */
static uint8_t saved_low[RM_AREA_SIZE] __aligned(PAGE_SIZE);

/* A symbol's place in the low copy at area (bios_rm_call() is opaque to
 * the compiler, so plain accesses are ordered around it). */
#define RM_OFS(sym)        ((size_t)((sym) - bios_rm_start))
#define RM_VAR(area, type, sym) \
    (*(type *)((char *)__va(area) + RM_OFS(sym)))

static bool overlaps(paddr_t s1, paddr_t e1, paddr_t s2, paddr_t e2)
{
    return s1 < e2 && s2 < e1;
}

static bool loader_data_in(paddr_t pa, paddr_t end, const struct boot_info *bi)
{
    if ( overlaps(pa, end, bi->info_start, bi->info_end) )
        return true;
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        if ( overlaps(pa, end, bi->mods[i].start,
                      bi->mods[i].start + bi->mods[i].size) )
            return true;
    return false;
}

/*
 * RM_AREA_SIZE bytes of conventional memory, page aligned: RAM in the
 * memory map, above the vector table and BIOS data page, below both the
 * EBDA and the base memory size the BIOS reports (a BIOS keeps its own
 * data under the top of base memory too).  Loader data is avoided when
 * possible; the area is saved and restored in any case.  0: none.
 */
static paddr_t pick_low_area(const struct boot_info *bi)
{
    paddr_t ebda = (paddr_t)*(const volatile uint16_t *)__va(0x40e) << 4;
    paddr_t base = (paddr_t)*(const volatile uint16_t *)__va(0x413) << 10;
    paddr_t limit = 0xa0000;

    if ( ebda >= 0x10000 && ebda < limit )
        limit = ebda;
    if ( base >= 0x10000 && base < limit )
        limit = base;
    for ( int pass = 0; pass < 2; pass++ )
        for ( paddr_t pa = 0x1000; pa + RM_AREA_SIZE <= limit; pa += PAGE_SIZE )
            if ( e820_all_ram(pa, pa + RM_AREA_SIZE) &&
                 (pass || !loader_data_in(pa, pa + RM_AREA_SIZE, bi)) )
                return pa;
    return 0;
}

/* A real-mode vector that is 0000:0000 has no BIOS service behind it. */
static bool bios_vector_set(unsigned int vec)
{
    return *(const volatile uint32_t *)__va(vec * 4) != 0;
}

static uint64_t gdt_base_bits(paddr_t base)
{
    return ((base & 0xffffffULL) << 16) | ((uint64_t)(base >> 24) << 56);
}

/* Copy the routine to area and fill in its addresses and request. */
static void prepare(paddr_t area, uint8_t flags)
{
    uint64_t *gdt16 = &RM_VAR(area, uint64_t, rm_gdt_cs16);

    memset(__va(area), 0, RM_AREA_SIZE);
    memcpy(__va(area), bios_rm_start, bios_rm_end - bios_rm_start);
    gdt16[0] |= gdt_base_bits(area);        /* 16-bit code */
    gdt16[1] |= gdt_base_bits(area);        /* 16-bit data */
    RM_VAR(area, uint64_t, rm_gdtr + 2) = area + RM_OFS(rm_gdt);
    RM_VAR(area, uint32_t, rm_down32_ptr) = area + RM_OFS(rm_down32);
    RM_VAR(area, uint32_t, rm_up32_ptr) = area + RM_OFS(rm_up32);
    RM_VAR(area, uint32_t, rm_up64_ptr) = area + RM_OFS(rm_up64);
    RM_VAR(area, uint16_t, rm_real_ptr + 2) = area >> 4;
    RM_VAR(area, uint32_t, rm_save_cr0) = read_cr0();
    RM_VAR(area, uint32_t, rm_save_cr3) = read_cr3();
    RM_VAR(area, uint32_t, rm_save_cr4) = read_cr4();
    RM_VAR(area, uint64_t, rm_save_efer) = rdmsr(MSR_EFER) & ~(uint64_t)EFER_LMA;
    RM_VAR(area, uint8_t, rm_flags) = flags;
    /* Xen's "nothing written" pattern: an EDID left like this is none. */
    memset(&RM_VAR(area, uint8_t, rm_edid_buf), 0x13, RM_EDID_SIZE);
}

/* Keep what the routine left, each count capped at its array. */
static void take_results(paddr_t area)
{
    const uint8_t *edid = &RM_VAR(area, uint8_t, rm_edid_buf);
    static const uint8_t none[4] = { 0x13, 0x13, 0x13, 0x13 };

    fw.nr_edd = min(RM_VAR(area, uint8_t, rm_edd_nr), RM_EDD_MAX);
    memcpy(fw.edd, &RM_VAR(area, uint8_t, rm_edd), fw.nr_edd * RM_EDD_REC_SIZE);
    fw.nr_mbr = min(RM_VAR(area, uint8_t, rm_mbr_nr), RM_MBR_MAX);
    for ( unsigned int i = 0; i < fw.nr_mbr; i++ )
    {
        const uint8_t *r = &RM_VAR(area, uint8_t, rm_mbr) + i * RM_MBR_REC_SIZE;

        fw.mbr[i].device = r[0];
        memcpy(&fw.mbr[i].sig, r + 4, sizeof(fw.mbr[i].sig));
    }
    fw.edid_caps = RM_VAR(area, uint16_t, rm_edid_caps);
    fw.have_edid = RM_VAR(area, uint16_t, rm_edid_status) == 0x004f &&
                   memcmp(edid, none, sizeof(none));
    if ( fw.have_edid )
        memcpy(fw.edid, edid, RM_EDID_SIZE);
}

static uint8_t wanted_services(void)
{
    uint8_t flags = 0;

    /* As on Xen 4.17, edd=off stops the EDD records but not the MBR
     * signatures (the oracle reads them); edd=skipmbr the reverse. */
    if ( bios_vector_set(0x13) )
        flags |= (opt_edd != EDD_OFF ? RM_DO_EDD : 0) |
                 (opt_edd != EDD_SKIPMBR ? RM_DO_MBR : 0);
    if ( opt_edid != EDID_NO && bios_vector_set(0x10) )
        flags |= RM_DO_EDID | (opt_edid == EDID_FORCE ? RM_EDID_FORCE : 0);
    return flags;
}

void bios_fw_collect(const struct boot_info *bi)
{
    size_t size = bios_rm_end - bios_rm_start;
    uint64_t fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);
    uint8_t flags;
    paddr_t area;

    if ( bi->efi_systab || efi_fw_booted() )
        return;                             /* no BIOS behind UEFI */
    if ( !(flags = wanted_services()) )
        return;
    /* The way back loads CR3 in 32-bit code; PCID cannot leave long mode. */
    if ( read_cr3() >= GB(4) || (read_cr4() & X86_CR4_PCIDE) ||
         size > RM_STACK_TOP - RM_STACK_MIN || !(area = pick_low_area(bi)) )
    {
        printk(XENLOG_WARNING "BIOS: cannot go to real mode; no EDD or EDID\n");
        return;
    }
    memcpy(saved_low, __va(area), RM_AREA_SIZE);
    prepare(area, flags);
    bios_rm_call(area);
    wrmsr(MSR_FS_BASE, fs);                 /* segment loads reset them */
    wrmsr(MSR_GS_BASE, gs);
    take_results(area);
    memcpy(__va(area), saved_low, RM_AREA_SIZE);
    printk(XENLOG_INFO "BIOS: %u EDD record(s), %u MBR signature(s), %s\n",
           fw.nr_edd, fw.nr_mbr, fw.have_edid ? "EDID" : "no EDID");
}

/* XEN_FW_DISK_INFO: the guest's buffer gets at most as many parameter
 * bytes as it says it holds (its first u16), and that count back. */
static long disk_info(struct xenpf_firmware_info *f)
{
    const struct edd_rec *r;
    uint16_t len, bios_len;
    void *params = f->u.disk_info.edd_params.p;

    if ( f->index >= fw.nr_edd )
        return -ESRCH;
    r = &fw.edd[f->index];
    if ( copy_from_guest_ptr(&len, params, sizeof(len)) )
        return -EFAULT;
    memcpy(&bios_len, r->params, sizeof(bios_len));
    len = min(len, min(bios_len, (uint16_t)sizeof(r->params)));
    if ( copy_to_guest_ptr(params, r->params, len) ||
         copy_to_guest_ptr(params, &len, sizeof(len)) )
        return -EFAULT;
    f->u.disk_info.device = r->device;
    f->u.disk_info.version = r->version;
    f->u.disk_info.interface_support = r->interface_support;
    f->u.disk_info.legacy_max_cylinder = r->legacy_max_cylinder;
    f->u.disk_info.legacy_max_head = r->legacy_max_head;
    f->u.disk_info.legacy_sectors_per_track = r->legacy_sectors_per_track;
    return 0;
}

long bios_fw_info(struct xenpf_firmware_info *f)
{
    switch ( f->type )
    {
    case XEN_FW_DISK_INFO:
        return disk_info(f);
    case XEN_FW_DISK_MBR_SIGNATURE:
        if ( f->index >= fw.nr_mbr )
            return -ESRCH;
        f->u.disk_mbr_signature.device = fw.mbr[f->index].device;
        f->u.disk_mbr_signature.mbr_signature = fw.mbr[f->index].sig;
        return 0;
    case XEN_FW_VBEDDC_INFO:
        if ( f->index || !fw.have_edid )
            return -ESRCH;
        f->u.vbeddc_info.capabilities = fw.edid_caps & 0xff;
        f->u.vbeddc_info.edid_transfer_time = fw.edid_caps >> 8;
        return copy_to_guest_ptr(f->u.vbeddc_info.edid.p, fw.edid,
                                 RM_EDID_SIZE) ? -EFAULT : 0;
    }
    return -EINVAL;
}
