#!/bin/sh
# Boot the hypervisor in QEMU with Debian's Linux 6.1 as dom0 and the
# dom0 initramfs (scripts/mkdom0-initramfs.sh: busybox, the Xen modules,
# xenstored, xl), the serial console on this terminal.  The hypervisor's
# own messages and dom0's console (hvc0) both appear there; what you
# type goes to dom0's shell.  `poweroff -f` in dom0 ends it, or Ctrl-A X.
# usage: scripts/run-linux-dom0.sh <hypervisor image> <cpus> <mem-MiB> "<hypervisor args>"
# The image is xen/xen (ours) or Xen 4.17's (scripts/fetch-xen.sh): both
# boot through QEMU's Multiboot loader, the path tests/boot/run-linux.sh
# and tests/boot/run-toolstack.sh cover.
set -e
image=$1; smp=$2; mem=$3; args=$4
top=$(cd "$(dirname "$0")/.." && pwd)
files=$(sh "$top/scripts/fetch-dom0-linux.sh")
vmlinuz=$(echo "$files" | sed -n 1p)
initrd=$(sh "$top/scripts/mkdom0-initramfs.sh")
# 320M as in tests/boot/run-toolstack.sh: xl create of the example Linux
# domU holds its 60+ MB kernel in dom0, and at 256M it was OOM-killed.
case $args in *dom0_mem=*) ;; *) args="$args dom0_mem=320M" ;; esac
echo "run: Linux dom0 on $image with $smp CPUs and ${mem} MiB (quit: poweroff -f in dom0, or Ctrl-A X)"
exec qemu-system-x86_64 -machine q35 -cpu qemu64 -smp "$smp" -m "$mem" \
    -nographic -no-reboot -net none \
    -kernel "$image" -append "$args" \
    -initrd "$vmlinuz console=hvc0 earlyprintk=xen rdinit=/init,$initrd"
