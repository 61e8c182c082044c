/*
 * dom0-console.c - start_info's console.dom0: the display the firmware
 * left, described after start_info (struct dom0_vga_console_info).
 *
 * Xen 4.17 always hands dom0 the structure, at offset sizeof(start_info)
 * and of its full size, whatever it found.  Under QEMU's standard VGA
 * (present even with -nographic) it is VGA text mode 3, 80x25, 16-line
 * font.  The values must agree with the BIOS data area (machine page 0,
 * which dom0 may map), which the VGA BIOS keeps current: Xen sets mode
 * 3 at boot (so its cursor is 0,0), this hypervisor leaves the mode and
 * cursor as the firmware left them, and each must report what is so.
 * Ours and Xen 4.17.
 */
#include <pvtest.h>
#include <pv/pagetable.h>

#ifndef NO_VGA
const char test_title[] = "dom0-console: start_info's dom0 VGA console info";
#endif

#define PFN_SCRATCH  0x40
#define PTE_RO       (_PAGE_PRESENT | _PAGE_ACCESSED)

/* The BIOS data area's display fields, read through a mapping of
 * machine frame 0. */
struct bda_video {
    uint8_t mode, cur_x, cur_y, rows;
    uint16_t cols, crtc, font;
};

static bool read_bda(struct bda_video *b)
{
    unsigned long va = pfn_to_va(PFN_SCRATCH);
    uint64_t old = pt_leaf(va);
    const volatile uint8_t *p = (const volatile uint8_t *)va;

    if ( HYPERVISOR_update_va_mapping(va, PTE_RO, UVMF_INVLPG) )
        return false;
    b->mode = p[0x449] & 0x7f;
    b->cols = p[0x44a] | p[0x44b] << 8;
    b->cur_x = p[0x450];
    b->cur_y = p[0x451];
    b->crtc = p[0x463] | p[0x464] << 8;
    b->rows = p[0x484] + 1;
    b->font = p[0x485] | p[0x486] << 8;
    HYPERVISOR_update_va_mapping(va, old, UVMF_INVLPG);
    return true;
}

void test_main(void)
{
    const start_info_t *si = start_info;
    const dom0_vga_console_info_t *ci =
        (const void *)((const char *)si + si->console.dom0.info_off);
    struct bda_video b;

    xtest_info("flags %#x, console info at +%u, %u bytes", si->flags,
               si->console.dom0.info_off, si->console.dom0.info_size);
    check_eq(si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN),
             SIF_PRIVILEGED | SIF_INITDOMAIN, "SIF_PRIVILEGED|SIF_INITDOMAIN");
    check_eq(si->console.dom0.info_off, sizeof(start_info_t), "info_off");
    check_eq(si->console.dom0.info_size, sizeof(dom0_vga_console_info_t),
             "info_size");
    if ( si->console.dom0.info_off != sizeof(start_info_t) )
        xtest_exit();
    xtest_info("video_type %#x font %u cursor %u,%u rows %u cols %u",
               ci->video_type, ci->u.text_mode_3.font_height,
               ci->u.text_mode_3.cursor_x, ci->u.text_mode_3.cursor_y,
               ci->u.text_mode_3.rows, ci->u.text_mode_3.columns);
    if ( !check_rc_setup(read_bda(&b) ? 0 : -1, "mapping machine frame 0") )
        xtest_exit();
    xtest_info("BDA: mode %u cols %u rows %u font %u cursor %u,%u crtc %#x",
               b.mode, b.cols, b.rows, b.font, b.cur_x, b.cur_y, b.crtc);
#ifdef NO_VGA
    /* No VGA BIOS: the structure is there, all zero. */
    for ( unsigned int i = 0; i < sizeof(*ci); i++ )
        check_eq(((const uint8_t *)ci)[i], 0, "console info byte without VGA");
    return;
#endif
    /* QEMU's standard VGA is there: both report its text mode. */
    check_eq(ci->video_type, XEN_VGATYPE_TEXT_MODE_3, "video_type");
    check_eq(ci->u.text_mode_3.columns, b.cols, "columns (BDA)");
    check_eq(ci->u.text_mode_3.rows, b.rows, "rows (BDA)");
    check_eq(ci->u.text_mode_3.font_height, b.font, "font height (BDA)");
    check_eq(ci->u.text_mode_3.cursor_x, b.cur_x, "cursor x (BDA)");
    check_eq(ci->u.text_mode_3.cursor_y, b.cur_y, "cursor y (BDA)");
    check_eq(ci->u.text_mode_3.columns, 80, "columns");
    check_eq(ci->u.text_mode_3.rows, 25, "rows");
    check_eq(ci->u.text_mode_3.font_height, 16, "font height");
}
