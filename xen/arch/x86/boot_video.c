/*
 * The display the firmware left: what dom0's start_info describes after
 * start_info itself (console.dom0, struct dom0_vga_console_info).
 *
 * Xen 4.17 learns it from the VGA BIOS in real mode at boot, after
 * setting text mode 3 (80x25), and always hands dom0 the structure,
 * zeroed when it found no VGA text mode.  This hypervisor makes no
 * real-mode calls: it reads the same facts from the BIOS data area,
 * which the VGA BIOS keeps current (mode, columns, rows, character
 * height, the cursor of page 0).  It never sets a mode, so the cursor
 * is where the firmware's last message left it, not at 0,0 as after
 * Xen's mode set; the rest is the same under the same machine.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/boot_video.h>
#include <asm/page.h>

/* BIOS data area fields (physical addresses). */
#define BDA_VIDEO_MODE   0x449   /* byte: current mode, bit 7 "no clear" */
#define BDA_COLUMNS      0x44a   /* word */
#define BDA_CURSOR_PAGE0 0x450   /* byte column, byte row */
#define BDA_CRTC_PORT    0x463   /* word: 0x3d4 colour, 0x3b4 mono */
#define BDA_ROWS_MINUS_1 0x484   /* byte (EGA and later) */
#define BDA_CHAR_HEIGHT  0x485   /* word (EGA and later) */

#define VGA_COLOUR_CRTC  0x3d4
#define TEXT_MODE_3      3

static uint8_t bda8(unsigned int pa)
{
    return *(const volatile uint8_t *)__va(pa);
}

static uint16_t bda16(unsigned int pa)
{
    return *(const volatile uint16_t *)__va(pa);
}

void boot_video_info(struct dom0_vga_console_info *ci)
{
    unsigned int cols = bda16(BDA_COLUMNS), rows = bda8(BDA_ROWS_MINUS_1) + 1;
    unsigned int font = bda16(BDA_CHAR_HEIGHT);

    memset(ci, 0, sizeof(*ci));
    /* Colour text mode 3 with the EGA/VGA fields filled in: anything
     * else (no VGA BIOS, a graphics mode) is reported as nothing. */
    if ( (bda8(BDA_VIDEO_MODE) & 0x7f) != TEXT_MODE_3 ||
         bda16(BDA_CRTC_PORT) != VGA_COLOUR_CRTC ||
         !cols || cols > 255 || !font || font > 32 )
        return;
    ci->video_type = XEN_VGATYPE_TEXT_MODE_3;
    ci->u.text_mode_3.font_height = font;
    ci->u.text_mode_3.cursor_x = bda8(BDA_CURSOR_PAGE0);
    ci->u.text_mode_3.cursor_y = bda8(BDA_CURSOR_PAGE0 + 1);
    ci->u.text_mode_3.rows = rows;
    ci->u.text_mode_3.columns = cols;
}
