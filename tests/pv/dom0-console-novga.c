/*
 * dom0-console-novga.c - dom0-console's checks on a machine without VGA
 * (QEMU -vga none): start_info still carries the console info, of its
 * full size, all zero (video_type 0), as Xen 4.17 hands it.  Ours and
 * Xen 4.17.
 *
 * pvtest-qemu: -vga none
 */
#define NO_VGA 1
const char test_title[] = "dom0-console-novga: no VGA, zeroed console info";
#include "dom0-console.c"
