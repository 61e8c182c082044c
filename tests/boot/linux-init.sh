#!/bin/busybox sh
# /init of the busybox initramfs that Linux boots as dom0 in
# tests/boot/run-linux.sh: mount the basics, say where we are, and hand
# the console to a shell.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo "dom0 userspace: Linux $(uname -r) on $(cat /sys/hypervisor/type 2>/dev/null)" \
     "$(cat /sys/hypervisor/version/major 2>/dev/null).$(cat /sys/hypervisor/version/minor 2>/dev/null)"
echo "BUSYBOX SHELL READY"
exec /bin/sh
