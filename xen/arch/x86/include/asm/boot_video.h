/*
 * The firmware's display mode, for dom0's start_info (arch/x86/boot_video.c).
 */
#ifndef ASM_X86_BOOT_VIDEO_H
#define ASM_X86_BOOT_VIDEO_H

#include <public/xen.h>

/* Fill *ci (zeroed first): VGA text mode 3 if the BIOS left one, else
 * all zero (video_type 0), as Xen 4.17 reports a machine without it. */
void boot_video_info(struct dom0_vga_console_info *ci);

#endif /* ASM_X86_BOOT_VIDEO_H */
