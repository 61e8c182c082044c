#!/bin/sh
# Linux dom0 drives real (emulated) PCI devices with their interrupts,
# on our hypervisor and on Xen 4.17 under the same QEMU command: q35
# with a disk on the chipset's AHCI controller and one on virtio-blk,
# each an ext4 image made here holding a known file, and two NICs
# (e1000e and virtio-net) joined by a QEMU hub (no host network).
#
# dom0 (tests/boot/dom0-devices-init.sh) loads Debian's drivers, reads
# the file from both disks, puts the virtio NIC in its own network
# namespace and pings it and sends it a checksummed file over TCP from
# the e1000e; then it waits for the power button, which the test
# presses through QEMU's monitor (system_powerdown): the SCI reaches
# dom0, dom0 powers off through ACPI S5, which a Xen dom0 asks of the
# hypervisor (XENPF_enter_acpi_sleep; the hypervisor's log says so), and
# the machine (QEMU) stops.  dom0's clock must be the host's within a
# minute.
#
# Three modes, one boot each per hypervisor: "intx" (pci=nomsi: every
# device on its IO-APIC line), "msi" (MSI/MSI-X as the drivers choose)
# and "pc" (QEMU's i440fx machine with pci=nomsi: the disk on PIIX IDE
# with the legacy ISA IRQs 14/15, edge; the PCI devices' lines through
# the ACPI interrupt links LNKA-D, level and active high, unlike q35's).  Every device's /proc/interrupts row must count
# interrupts and be of the same kind (IO-APIC edge/level, MSI, MSI-X) as
# on Xen 4.17.
#
# The BIOS disk facts dom0 gets through XENPF_firmware_info: Linux's edd
# module lists both disks under /sys/firmware/edd (the AHCI disk's MBR,
# written into the ext4 image's unused boot sector, with its signature);
# every file there except raw_data must read the same as on Xen 4.17.
#
# usage: run-dom0-devices.sh [intx|msi|pc]...   (default: all three)
# HVS="ours" boots ours only (judged alone, or against a Xen boot's
# .irqs file kept in $OUT/dom0-devices from an earlier run).
. "$(dirname "$0")/../lib.sh"
. "$TOP/scripts/dom0/initramfs-lib.sh"

TIMEOUT=${LINUX_TIMEOUT:-240}
HVARGS="console=com1 com1=115200,8n1 dom0_mem=320M"
MODES=${*:-intx msi pc}
W=$OUT/dom0-devices
ROOT=$TOP
DEBS=$TOP/.cache/debs
die() { echo "$*" >&2; exit 1; }

# Drivers, with what their modules depend on found by install_modules;
# ext4 wants crc32c at mount time (a soft dependency, so named here).
MODULES="crc32c_generic ahci ata_piix sd_mod virtio_pci virtio_blk e1000e virtio_net ext4 evdev button edd"
MODGLOBS="./lib/modules/*/kernel/drivers/ata/* ./lib/modules/*/kernel/drivers/scsi/*
 ./lib/modules/*/kernel/drivers/block/* ./lib/modules/*/kernel/drivers/virtio/*
 ./lib/modules/*/kernel/drivers/net/* ./lib/modules/*/kernel/net/core/*
 ./lib/modules/*/kernel/fs/* ./lib/modules/*/kernel/lib/* ./lib/modules/*/kernel/crypto/*
 ./lib/modules/*/kernel/drivers/input/* ./lib/modules/*/kernel/drivers/acpi/*
 ./lib/modules/*/kernel/block/* ./lib/modules/*/kernel/drivers/firmware/*"

# build: the initramfs and the two disk images in $W.
build() {
    rm -rf "$W" && mkdir -p "$W/root" "$W/t" "$W/files"
    kernel_and_busybox
    install_busybox "$W/root" "$W/t"
    install_modules "$W/root" "$W/t" "$MODGLOBS" $MODULES
    mkdir -p "$W/root/proc" "$W/root/sys" "$W/root/dev"
    cp "$TOP/tests/boot/dom0-devices-init.sh" "$W/root/init"
    chmod 755 "$W/root/init"
    cpio_of "$W/root" "$W/t/bb/bin/busybox" | gzip -1 > "$W/initrd.gz"
    rm -rf "$W/t"
    for d in ahci vblk; do
        mkdir -p "$W/files/$d"
        head -c 200000 /dev/urandom > "$W/files/$d/known"
        sha256sum < "$W/files/$d/known" | cut -d' ' -f1 > "$W/$d.sum"
        mkfs.ext4 -q -F -d "$W/files/$d" "$W/$d.img" 8M || return 1
    done
    # An MBR signature for EDD: ext4 leaves the first 1 KiB alone.
    printf '\112\073\054\035' |
        dd of="$W/ahci.img" bs=1 seek=$((0x1b8)) conv=notrunc status=none
    printf '\125\252' |
        dd of="$W/ahci.img" bs=1 seek=$((0x1fe)) conv=notrunc status=none
}

wait_for() {
    n=0
    while ! grep -aq "$2" "$1" 2>/dev/null; do
        kill -0 "$4" 2>/dev/null || return 1
        n=$((n + 1))
        [ $n -ge $(($3 * 2)) ] && return 1
        sleep 0.5
    done
}

# boot <hv> <image> <mode>: runs the machine until it powers off; the
# console log is $W/<hv>-<mode>.log, and $W/<hv>-<mode>.off says whether
# QEMU stopped by itself after the power button.
boot() {
    hv=$1 image=$2 mode=$3
    log=$W/$hv-$mode.log mon=$W/$hv-$mode.mon
    kargs="console=hvc0 earlyprintk=xen rdinit=/init"
    [ "$mode" != msi ] && kargs="$kargs pci=nomsi"
    machine=q35
    [ "$mode" = pc ] && machine=pc
    rm -f "$log" "$mon.in" "$mon.out" "$W/$hv-$mode.off"
    mkfifo "$mon.in" "$mon.out"
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine $machine -cpu qemu64 \
        -smp 2 -m 1024 -nographic -no-reboot -net none \
        -chardev pipe,id=mon,path="$mon" -mon chardev=mon,mode=readline \
        -serial "file:$log" -kernel "$image" -append "$HVARGS" \
        -initrd "$TOP/.cache/linux/vmlinuz $kargs,$W/initrd.gz" \
        -drive "file=$W/ahci.img,format=raw,if=none,id=da,snapshot=on" \
        -device ide-hd,drive=da,bus=ide.0 \
        -drive "file=$W/vblk.img,format=raw,if=none,id=dv,snapshot=on" \
        -device virtio-blk-pci,drive=dv \
        -netdev hubport,id=na,hubid=0 -device e1000e,netdev=na,mac=52:54:00:12:34:01 \
        -netdev hubport,id=nv,hubid=0 -device virtio-net-pci,netdev=nv,mac=52:54:00:12:34:02 \
        </dev/null >"$log.qemu" 2>&1 &
    qemu=$!
    cat "$mon.out" > /dev/null &
    drain=$!
    exec 4>"$mon.in"
    # The host's clock when dom0 prints its own (polled every 0.5 s).
    wait_for "$log" "DEV date [0-9]" "$TIMEOUT" $qemu &&
        date +%s > "$W/$hv-$mode.hostdate"
    if wait_for "$log" "DEV ready-for-powerdown" "$TIMEOUT" $qemu; then
        sleep 1
        printf 'system_powerdown\n' >&4
        n=0
        while kill -0 $qemu 2>/dev/null && [ $n -lt 60 ]; do sleep 0.5; n=$((n + 1)); done
        kill -0 $qemu 2>/dev/null || touch "$W/$hv-$mode.off"
    fi
    exec 4>&-
    kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
    kill $drain 2>/dev/null; wait $drain 2>/dev/null
    rm -f "$mon.in" "$mon.out"
}

# dev <log> <what>: the value of the "DEV <what> ..." line.
dev() { tr -d '\r' < "$1" | sed -n "s/^DEV $2 //p" | head -n 1; }

# irq_rows <log>: "<device> <chip kind> <count>" per device IRQ row
# (the disks' and NICs'), the kind masked to ioapic-edge/ioapic-level/
# msi/msix.
irq_rows() {
    tr -d '\r' < "$1" | sed -n 's/^IRQS //p' | awk '
        / (ahci|ata_piix|virtio[0-9]|eth[0-9]|enp|ens)/ {
            n = 0; for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) n += $i; else break
            kind = "other"
            if ($0 ~ /ioapic-level/) kind = "ioapic-level"
            else if ($0 ~ /ioapic-edge/) kind = "ioapic-edge"
            else if ($0 ~ /msi-x/) kind = "msix"
            else if ($0 ~ /msi/) kind = "msi"
            # The names follow the chip ("-ioapic-level"); a shared line
            # lists several ("virtio0, eth0"), each served by it.
            for (j = i; j <= NF && $j !~ /^-/; j++) ;
            for (j++; j <= NF; j++) {
                dev = $j; sub(/,$/, "", dev); sub(/-.*/, "", dev); sub(/\[.*/, "", dev)
                print dev, kind, n
            } }' | sort | awk '
        { k = $1 " " $2; c[k] += $3 } END { for (k in c) print k, c[k] }' | sort
}

# judge <hv> <mode> [xen rows file]: PASS/FAIL lines for one boot.
judge() {
    hv=$1 mode=$2 log=$W/$1-$2.log name="dom0-devices $1 $2"
    bad=""
    [ -f "$log" ] || { fail "$name" "no log"; return 1; }
    [ "$(dev "$log" disk-ahci)" = "$(cat "$W/ahci.sum")" ] || bad="$bad ahci-disk($(dev "$log" disk-ahci))"
    [ "$(dev "$log" disk-vblk)" = "$(cat "$W/vblk.sum")" ] || bad="$bad virtio-disk($(dev "$log" disk-vblk))"
    [ "$(dev "$log" ping)" = ok ] || bad="$bad ping($(dev "$log" ping))"
    s=$(dev "$log" tcp-sent) r=$(dev "$log" tcp-received)
    [ -n "$s" ] && [ "$s" = "$r" ] || bad="$bad tcp-transfer"
    grep -aq '^DEV insmod-failed' "$log" && bad="$bad insmod($(dev "$log" insmod-failed))"
    # The clock: the host's (when the line appeared), within a minute.
    d=$(dev "$log" date)
    now=$(cat "$W/$hv-$mode.hostdate" 2>/dev/null)
    if [ -z "$d" ] || [ -z "$now" ] || [ $((now - d)) -gt 60 ] || [ $((d - now)) -gt 60 ]; then
        bad="$bad date($d, host $now)"
    fi
    irq_rows "$log" > "$W/$hv-$mode.irqs"
    [ -s "$W/$hv-$mode.irqs" ] || bad="$bad no-device-irq-rows"
    while read -r d k c; do
        [ "$c" -gt 0 ] || bad="$bad $d:$k:no-interrupts"
    done < "$W/$hv-$mode.irqs"
    # /sys/firmware/edd: both disks, and what Xen 4.17's dom0 has.
    tr -d '\r' < "$log" | sed -n 's/^DEV edd //p' | sort > "$W/$hv-$mode.edd"
    grep -q '^int13_dev81/' "$W/$hv-$mode.edd" || bad="$bad edd(no int13_dev81)"
    grep -q '^int13_dev80/mbr_signature 0x1d2c3b4a' "$W/$hv-$mode.edd" ||
        bad="$bad edd(no MBR signature of 80h)"
    if [ -n "${3-}" ] && [ -s "${3%.irqs}.edd" ] &&
       ! cmp -s "$W/$hv-$mode.edd" "${3%.irqs}.edd"; then
        bad="$bad edd(differs from Xen 4.17: $(diff "${3%.irqs}.edd" "$W/$hv-$mode.edd" | grep '^[<>]' | tr '\n' ';'))"
    fi
    if [ -n "${3-}" ] && [ -s "$3" ]; then
        # Same devices with the same kind of interrupt as on Xen 4.17.
        a=$(cut -d' ' -f1,2 "$W/$hv-$mode.irqs" | tr '\n' ' ')
        b=$(cut -d' ' -f1,2 "$3" | tr '\n' ' ')
        [ "$a" = "$b" ] || bad="$bad irq-kinds(ours: $a; Xen 4.17: $b)"
    fi
    [ "$mode" != msi ] && grep -q ' msi' "$W/$hv-$mode.irqs" && bad="$bad msi-with-pci=nomsi"
    [ "$(dev "$log" power-button)" = pressed ] || bad="$bad power-button-not-seen"
    [ -f "$W/$hv-$mode.off" ] || bad="$bad machine-not-powered-off"
    # dom0's S5 request reached the hypervisor (not only SCHEDOP_shutdown).
    case $hv in
    xen)  s5="Entering ACPI S5 state" ;;
    *)    s5="S5 requested by dom0" ;;
    esac
    grep -aq "$s5" "$log" || bad="$bad no-S5-request-from-dom0"
    if [ -n "$bad" ]; then
        fail "$name" "$bad" "$log"
        return 1
    fi
    pass "$name (disks, EDD, ping, TCP, $(cut -d' ' -f1,2 "$W/$hv-$mode.irqs" | tr '\n' ',' | sed 's/,$//'), date, power button)"
}

if ! sh "$TOP/scripts/fetch-dom0-linux.sh" >"$OUT/fetch-linux.log" 2>&1; then
    skip "dom0-devices" "no Debian kernel or busybox (see $OUT/fetch-linux.log)"
    exit 0
fi
if ! xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
    skip "dom0-devices" "no Xen 4.17 image to compare with"
    exit 0
fi
[ "${HVS-}" = ours ] && [ -f "$W/initrd.gz" ] && [ -z "${REBUILD-}" ] && build() { :; }
if ! (build) > "$OUT/dom0-devices-build.log" 2>&1; then
    fail "dom0-devices" "cannot build the initramfs or disk images" "$OUT/dom0-devices-build.log"
    exit 1
fi
status=0
for mode in $MODES; do
    case ${HVS-xen ours} in *xen*) boot xen "$xen" $mode ;; esac
    case ${HVS-xen ours} in *ours*) boot ours "$TOP/xen/xen" $mode ;; esac
    case ${HVS-xen ours} in *xen*) judge xen $mode || status=1 ;; esac
    case ${HVS-xen ours} in *ours*) judge ours $mode "$W/xen-$mode.irqs" || status=1 ;; esac
done
exit $status
