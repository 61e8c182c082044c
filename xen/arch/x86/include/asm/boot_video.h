/*
 * The firmware's display mode, for dom0's start_info (arch/x86/boot_video.c).
 */
#ifndef ASM_X86_BOOT_VIDEO_H
#define ASM_X86_BOOT_VIDEO_H

#include <public/xen.h>

/* Fill *ci (zeroed first): under UEFI the linear framebuffer the loader
 * described (XEN_VGATYPE_EFI_LFB), else VGA text mode 3 if the BIOS left
 * one, else all zero (video_type 0), as Xen 4.17 reports a machine
 * without either. */
void boot_video_info(struct dom0_vga_console_info *ci);

/* A linear framebuffer as a Multiboot2 framebuffer tag gives it. */
struct boot_lfb {
    uint64_t base;
    uint32_t pitch, width, height;
    uint8_t bpp;
    uint8_t colour[6];        /* red, green, blue: position, size */
};

/* The loader's framebuffer (copied; the last one given wins). */
void boot_video_set_lfb(const struct boot_lfb *fb);

#endif /* ASM_X86_BOOT_VIDEO_H */
