#!/bin/sh
# Debian's Linux 6.1 (linux-image-amd64) as PV dom0 with a busybox
# initramfs, on our hypervisor and on Xen 4.17 under the same QEMU
# command: the kernel must reach the shell, run what is typed on its
# console (hvc0 through console_io) and power off.
#
# The kernel and busybox come from Debian's archive through
# scripts/fetch-dom0-linux.sh (cached in .cache/).  Without network and
# cache the test is skipped.
. "$(dirname "$0")/../lib.sh"

TIMEOUT=${LINUX_TIMEOUT:-150}
KARGS="console=hvc0 earlyprintk=xen rdinit=/init"

if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>"$OUT/fetch-linux.log"); then
    skip "linux-dom0" "no Debian kernel or busybox (see $OUT/fetch-linux.log)"
    exit 0
fi
VMLINUZ=$(echo "$files" | sed -n 1p)
INITRD=$(echo "$files" | sed -n 2p)

# wait_for <log> <text> <seconds> <qemu pid>: 0 once text is in the log.
wait_for() {
    n=0
    while ! grep -aq "$2" "$1" 2>/dev/null; do
        kill -0 "$4" 2>/dev/null || return 1
        n=$((n + 1))
        [ $n -ge $(($3 * 2)) ] && return 1
        sleep 0.5
    done
}

boot_linux() {
    hv=$1 image=$2 args=$3
    name="linux-dom0 $hv (Debian 6.1 to a busybox shell)"
    log=$OUT/linux-$hv.log fifo=$OUT/linux-$hv.in
    rm -f "$log" "$fifo"
    mkfifo "$fifo"
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 -cpu qemu64 \
        -smp 2 -m 1024 -nographic -no-reboot -net none -monitor none \
        -serial stdio -kernel "$image" -append "$args" \
        -initrd "$VMLINUZ $KARGS,$INITRD" <"$fifo" >"$log" 2>&1 &
    qemu=$!
    exec 3>"$fifo"
    if ! wait_for "$log" "BUSYBOX SHELL READY" "$TIMEOUT" $qemu; then
        exec 3>&-
        kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
        rm -f "$fifo"
        fail "$name" "no shell" "$log"
        return
    fi
    sleep 1
    printf 'echo hello-$((6*7)) cpus-$(grep -c ^processor /proc/cpuinfo)\n' >&3
    wait_for "$log" "hello-42 cpus-" 20 $qemu
    printf 'poweroff -f\n' >&3
    wait_for "$log" "$4" 20 $qemu
    exec 3>&-
    kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
    rm -f "$fifo"
    if ! grep -aq "hello-42 cpus-2" "$log"; then
        fail "$name" "the shell did not run the typed command (2 CPUs)" "$log"
    elif ! grep -aq "$4" "$log"; then
        fail "$name" "no power-off after poweroff -f" "$log"
    else
        pass "$name"
    fi
}

boot_linux ours "$TOP/xen/xen" \
    "console=com1 com1=115200,8n1 dom0_mem=256M" "Powering off"
if xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
    boot_linux xen "$xen" "console=com1 com1=115200,8n1 dom0_mem=256M" \
        "Entering ACPI S5 state"
else
    skip "linux-dom0 xen" "no Xen 4.17 image"
fi
