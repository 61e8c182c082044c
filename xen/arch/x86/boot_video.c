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
 *
 * Under UEFI there is no VGA BIOS: Xen's EFI loader sets the graphics
 * output protocol's largest mode and tells dom0 about its framebuffer
 * (XEN_VGATYPE_EFI_LFB), from which Linux's efifb comes up.  Ours gets
 * the same from xen.efi, or from GRUB under UEFI (which sets a mode when
 * it has a video driver, boot/head.S), as a Multiboot2 framebuffer tag.  That tag has no
 * framebuffer size nor reserved channel: the size is taken as pitch times
 * height (what OVMF reports as well), the reserved channel as the bits
 * above the colours up to the pixel's width.  GRUB's mode is the one it
 * chose (the display's preferred one), where Xen, run in boot services,
 * sets the largest itself; ours cannot once boot services are over.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/boot_video.h>
#include <asm/page.h>
#include <asm/efi_fw.h>

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

static struct boot_lfb lfb;
static bool have_lfb;

void boot_video_set_lfb(const struct boot_lfb *fb)
{
    lfb = *fb;
    have_lfb = true;
}

/* Xen's EFI_LFB fields from the framebuffer: false if it is unusable. */
static bool lfb_info(struct dom0_vga_console_info *ci)
{
    unsigned int top = 0;
    uint64_t size = (uint64_t)lfb.pitch * lfb.height;

    if ( !have_lfb || !lfb.base || !lfb.width || !lfb.height ||
         !lfb.bpp || lfb.bpp > 32 || lfb.width > 0xffff ||
         lfb.height > 0xffff || lfb.pitch > 0xffff ||
         lfb.pitch < (lfb.width * lfb.bpp + 7) / 8 )
        return false;
    for ( unsigned int i = 0; i < 6; i += 2 )
        if ( lfb.colour[i] + lfb.colour[i + 1] > top )
            top = lfb.colour[i] + lfb.colour[i + 1];
    if ( top > lfb.bpp )
        return false;
    ci->video_type = XEN_VGATYPE_EFI_LFB;
    ci->u.vesa_lfb.width = lfb.width;
    ci->u.vesa_lfb.height = lfb.height;
    ci->u.vesa_lfb.bytes_per_line = lfb.pitch;
    ci->u.vesa_lfb.bits_per_pixel = lfb.bpp;
    ci->u.vesa_lfb.lfb_base = (uint32_t)lfb.base;
    ci->u.vesa_lfb.ext_lfb_base = lfb.base >> 32;
    ci->u.vesa_lfb.lfb_size = (size + 0xffff) >> 16;   /* 64 KiB units */
    ci->u.vesa_lfb.red_pos = lfb.colour[0];
    ci->u.vesa_lfb.red_size = lfb.colour[1];
    ci->u.vesa_lfb.green_pos = lfb.colour[2];
    ci->u.vesa_lfb.green_size = lfb.colour[3];
    ci->u.vesa_lfb.blue_pos = lfb.colour[4];
    ci->u.vesa_lfb.blue_size = lfb.colour[5];
    if ( top < lfb.bpp )
    {
        ci->u.vesa_lfb.rsvd_pos = top;
        ci->u.vesa_lfb.rsvd_size = lfb.bpp - top;
    }
    ci->u.vesa_lfb.gbl_caps = 2;              /* possibly not VGA, as Xen */
    return true;
}

void boot_video_info(struct dom0_vga_console_info *ci)
{
    unsigned int cols = bda16(BDA_COLUMNS), rows = bda8(BDA_ROWS_MINUS_1) + 1;
    unsigned int font = bda16(BDA_CHAR_HEIGHT);

    memset(ci, 0, sizeof(*ci));
    if ( efi_fw_booted() )
    {
        lfb_info(ci);
        return;                               /* no VGA BIOS to ask */
    }
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
