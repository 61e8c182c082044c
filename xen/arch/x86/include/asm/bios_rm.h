/*
 * The contract between bios_fw.c and boot/bios_rm.S: what the real-mode
 * routine is asked to do and where in its low-memory copy it leaves the
 * BIOS's answers.  Offsets are within one EDD record; the record and
 * buffer sizes bound every store the routine makes.
 */
#ifndef ASM_BIOS_RM_H
#define ASM_BIOS_RM_H

/* rm_flags: which BIOS services to ask. */
#define RM_DO_EDD           0x01    /* int 13h ah=41h/48h/08h per drive */
#define RM_DO_MBR           0x02    /* int 13h ah=02h: each drive's MBR */
#define RM_DO_EDID          0x04    /* int 10h ax=4f00h/4f15h */
#define RM_EDID_FORCE       0x08    /* read the EDID whatever the caps say */

#define RM_EDD_MAX          6       /* records kept (Xen's EDD_INFO_MAX) */
#define RM_MBR_MAX          16      /* signatures kept (EDD_MBR_SIG_MAX) */
#define RM_EDID_SIZE        128

/* One EDD record: the int 13h results for one drive, Xen's layout. */
#define RM_EDD_DEVICE       0       /* u8: BIOS drive number */
#define RM_EDD_VERSION      1       /* u8: AH of ah=41h */
#define RM_EDD_IFACE        2       /* u16: CX of ah=41h */
#define RM_EDD_CYL          4       /* u16: legacy max cylinder (ah=08h) */
#define RM_EDD_HEAD         6       /* u8: legacy max head */
#define RM_EDD_SPT          7       /* u8: legacy sectors per track */
#define RM_EDD_PARAMS       8       /* ah=48h result buffer */
#define RM_EDD_PARAMS_SIZE  74      /* what we tell the BIOS it may fill */
#define RM_EDD_REC_SIZE     (RM_EDD_PARAMS + RM_EDD_PARAMS_SIZE)

/* One MBR signature record: u8 drive, 3 bytes padding, u32 signature. */
#define RM_MBR_REC_SIZE     8
#define RM_MBR_SIG_OFFSET   0x1b8   /* where the disk signature sits */

/*
 * The copy takes two pages: the code and data, with the real-mode stack
 * at the top of the first page, and a scratch page for the sector and
 * VBE info buffers (a BIOS writes a whole sector, which may be 4 KiB).
 */
#define RM_STACK_TOP        0x1000
#define RM_BUF              0x1000
#define RM_AREA_SIZE        0x2000
#define RM_STACK_MIN        0x400   /* room left below the stack top */

#endif /* ASM_BIOS_RM_H */
