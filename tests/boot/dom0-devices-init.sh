#!/bin/busybox sh
# /init of the initramfs of tests/boot/run-dom0-devices.sh: Linux dom0
# loads the drivers of the machine's disks and NICs, reads a known file
# from each disk, moves a file between the two NICs (one of them in its
# own network namespace, so the bytes cross the virtual wire), lists
# /sys/firmware/edd, prints
# /proc/interrupts and waits for the power button.  Every result is a
# line "DEV <what> <value>" on the console for the host to judge.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mkdir -p /tmp /mnt/ahci /mnt/vblk
echo "DEV date $(date +%s)"

for m in $(cat /lib/modules/load-order); do
    insmod "/lib/modules/$m" || echo "DEV insmod-failed $m"
done

# The BIOS disks as dom0 learnt them from the hypervisor (edd module):
# every file but the binary raw_data, "DEV edd <disk>/<file> <value>".
for f in /sys/firmware/edd/int13_dev*/*; do
    [ -f "$f" ] && [ "${f##*/}" != raw_data ] || continue
    echo "DEV edd ${f#/sys/firmware/edd/} $(tr '\n' ' ' < "$f" 2>/dev/null)"
done

# wait_path <path>: up to ten seconds for a device node to appear.
wait_path() {
    n=0
    while [ ! -e "$1" ] && [ $n -lt 20 ]; do sleep 0.5; n=$((n + 1)); done
}

# disk <name> <device>: mount read-only, print the known file's sum.
disk() {
    wait_path "$2"
    if mount -t ext4 -o ro "$2" "/mnt/$1" 2>/dev/null; then
        echo "DEV disk-$1 $(sha256sum < "/mnt/$1/known" | cut -d' ' -f1)"
    else
        echo "DEV disk-$1 no-mount"
    fi
}
disk ahci /dev/sda
disk vblk /dev/vda

# nic <driver>: the interface its driver drives.
nic() {
    for n in /sys/class/net/*; do
        d=$(readlink "$n/device/driver")
        case $d in */"$1") basename "$n"; return ;; esac
    done
}
wait_path /sys/class/net/eth1
E=$(nic e1000e)
V=$(nic virtio_net)
echo "DEV nics e1000e=$E virtio_net=$V"

ip link set lo up
ip addr add 10.9.0.1/24 dev "$E"
ip link set "$E" up
unshare -n sleep 1000 &
NS=$!
sleep 1
ip link set "$V" netns $NS
nsenter -t $NS -n sh -c "ip link set lo up; ip addr add 10.9.0.2/24 dev $V; ip link set $V up"
# e1000e negotiates its link for a few seconds.
n=0
while ! ping -c 1 -W 1 10.9.0.2 >/dev/null 2>&1 && [ $n -lt 15 ]; do n=$((n + 1)); done
if ping -c 3 -W 2 10.9.0.2 >/dev/null 2>&1; then echo "DEV ping ok"; else echo "DEV ping lost"; fi

head -c 1048576 /dev/urandom > /tmp/send
echo "DEV tcp-sent $(sha256sum < /tmp/send | cut -d' ' -f1)"
# The receiver's stdin never ends: busybox nc half-closes its socket at
# the end of stdin, and the sender, seeing that, would stop sending.
nsenter -t $NS -n sh -c "sleep 40 | timeout 30 nc -l -p 5000 > /tmp/recv" &
SRV=$!
sleep 1
timeout 30 nc 10.9.0.2 5000 < /tmp/send
wait $SRV
echo "DEV tcp-received $(sha256sum < /tmp/recv | cut -d' ' -f1)"
echo "DEV tcp-bytes $(wc -c < /tmp/recv)"

sed 's/^/IRQS /' /proc/interrupts
echo "DEV date-end $(date +%s)"

# The power button: ACPI's button driver reports it as an input event.
for i in /sys/class/input/event*; do
    [ "$(cat "$i/device/name" 2>/dev/null)" = "Power Button" ] || continue
    EV=/dev/input/$(basename "$i")
done
wait_path "$EV"
echo "DEV ready-for-powerdown ${EV:-none}"
[ -n "$EV" ] && dd if="$EV" of=/dev/null bs=24 count=1 2>/dev/null
echo "DEV power-button pressed"
kill $NS 2>/dev/null
umount /mnt/ahci /mnt/vblk
poweroff -f
