#!/bin/sh
# Build a GRUB (BIOS + UEFI) ISO that boots xen/xen through Multiboot2.
# usage: scripts/mkiso.sh <output.iso> "<hypervisor args>" [module "args"]...
# MKISO_HV names another hypervisor image (Xen 4.17's) instead of xen/xen.
set -e
out=$1; args=$2; shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "${MKISO_HV:-$top/xen/xen}" "$dir/boot/xen"
{
    echo "set timeout=0"
    echo "set default=0"
    echo "serial --unit=0 --speed=115200"
    echo "terminal_input serial console"
    echo "terminal_output serial console"
    echo "menuentry \"hypervisor\" {"
    # A video driver under UEFI only (distributions load all of them):
    # the graphics output protocol's mode for a Multiboot2 framebuffer
    # request.  A BIOS boot keeps text mode (no driver: "auto" falls
    # back to text).
    echo "    if [ \"\$grub_platform\" = efi ]; then insmod efi_gop; fi"
    echo "    multiboot2 /boot/xen $args"
    n=0
    while [ $# -ge 2 ]; do
        cp "$1" "$dir/boot/mod$n"
        echo "    module2 /boot/mod$n $2"
        n=$((n + 1)); shift 2
    done
    echo "    boot"
    echo "}"
} > "$dir/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$dir" >/dev/null 2>&1 || {
    echo "mkiso: grub-mkrescue failed" >&2
    grub-mkrescue -o "$out" "$dir"
}
