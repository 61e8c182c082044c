#!/bin/sh
# Boot the hypervisor in QEMU with the serial console on this terminal,
# with the demo dom0 (guest-pv/demo): it echoes what you type and powers
# the machine off on 'q'.
# usage: scripts/run.sh <iso|mb1|efi> <cpus> <mem-MiB> "<hypervisor args>"
#   iso  GRUB (BIOS) Multiboot2 from build/xen.iso
#   mb1  QEMU's own Multiboot1 loader
#   efi  OVMF firmware starting xen/xen.efi from build/esp (xen.cfg there)
# Quit QEMU at any time with Ctrl-A then X.
set -e
boot=$1; smp=$2; mem=$3; args=$4
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
dom0=guest-pv/demo/build/demo.elf
echo "run: booting via $boot with $smp CPUs and ${mem} MiB (quit: 'q' in dom0, or Ctrl-A X)"
case $boot in
iso)
    mkdir -p build
    sh scripts/mkiso.sh build/xen.iso "$args" "$dom0" ""
    exec qemu-system-x86_64 -machine q35 -cpu qemu64 -smp "$smp" -m "$mem" \
        -nographic -no-reboot -net none -boot d -cdrom build/xen.iso ;;
mb1)
    exec qemu-system-x86_64 -machine q35 -cpu qemu64 -smp "$smp" -m "$mem" \
        -nographic -no-reboot -net none -kernel xen/xen -append "$args" -initrd "$dom0" ;;
efi)
    esp=build/esp/EFI/BOOT
    rm -rf build/esp && mkdir -p "$esp"
    cp xen/xen.efi "$esp/BOOTX64.EFI"
    cp "$dom0" "$esp/demo.elf"
    printf 'options=%s\nkernel=demo.elf\n' "$args" > "$esp/xen.cfg"
    cp /usr/share/OVMF/OVMF_VARS_4M.fd build/ovmf-vars.fd
    exec qemu-system-x86_64 -machine q35 -cpu qemu64 -smp "$smp" -m "$mem" \
        -nographic -no-reboot -net none \
        -drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
        -drive if=pflash,format=raw,unit=1,file=build/ovmf-vars.fd \
        -drive format=raw,file=fat:rw:build/esp ;;
*)
    echo "run: unknown BOOT '$boot' (use iso, mb1 or efi)" >&2; exit 1 ;;
esac
