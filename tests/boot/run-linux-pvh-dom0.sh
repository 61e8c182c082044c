#!/bin/sh
# Debian's Linux 6.1 as PVH dom0 (dom0=pvh) with the busybox initramfs of
# run-linux.sh: on ours it must reach the shell, run what is typed on its
# console (hvc0) with its two vCPUs up, and power the machine off itself
# when told to (poweroff -f: ACPI S5 through its own port I/O).  Its
# pcpu driver must get its answers from platform_op (XENPF_get_cpuinfo).
#
# QEMU: -machine q35 -cpu qemu64,+svm,+npt -smp 2 -m 2048.  Xen 4.17
# does not get this kernel to a shell under the same command (it stops
# after "ACPI: Core revision 20220331": QEMU's tables sit in an e820
# reserved range, which Xen 4.17 does not map for a PVH dom0 without an
# IOMMU, so the FADT reads as all ones; docs/hvm.md "PVH dom0").  Its run
# costs minutes, so it is made only with LINUX_PVH_XEN=1, and reported as
# a SKIP line saying how far it got when it does not reach the shell.
. "$(dirname "$0")/../lib.sh"

TIMEOUT=${LINUX_TIMEOUT:-200}
KARGS="console=hvc0 earlyprintk=xen rdinit=/init"
HVARGS="console=com1 com1=115200,8n1 dom0=pvh dom0-iommu=none dom0_mem=512M"

if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>"$OUT/fetch-linux.log"); then
    skip "linux-pvh-dom0" "no Debian kernel or busybox (see $OUT/fetch-linux.log)"
    exit 0
fi
VMLINUZ=$(echo "$files" | sed -n 1p)
INITRD=$(echo "$files" | sed -n 2p)

# Keys typed at a QEMU that has gone must not kill the script.
trap '' PIPE

# wait_for, shared with the other console-driven boot tests.
. "$TOP/tests/boot/console-lib.sh"

# boot_pvh <hv> <image>: sets $log; 0 if the shell came.
boot_pvh() {
    log=$OUT/linux-pvh-dom0-$1.log fifo=$OUT/linux-pvh-dom0-$1.in
    rm -f "$log" "$fifo"
    mkfifo "$fifo"
    timeout -k 5 $((TIMEOUT + 30)) qemu-system-x86_64 -machine q35 \
        -cpu qemu64,+svm,+npt -smp 2 -m 2048 -nographic -no-reboot \
        -net none -monitor none -serial stdio -kernel "$2" \
        -append "$HVARGS" -initrd "$VMLINUZ $KARGS,$INITRD" \
        <"$fifo" >"$log" 2>&1 &
    qemu=$!
    exec 3>"$fifo"
    if ! wait_for "$log" "BUSYBOX SHELL READY" "$TIMEOUT" $qemu; then
        # For the report: the hypervisor's view of its domains and vCPUs
        # (the 'q' debug key, after CTRL-a three times; QEMU outlives
        # this wait by 30 s, and a closed pipe is not fatal: PIPE ignored).
        printf '\001\001\001' >&3; sleep 1; printf 'q' >&3; sleep 2
        stop_qemu
        return 1
    fi
    sleep 1
    printf 'echo hello-$((6*7)) cpus-$(grep -c ^processor /proc/cpuinfo)\n' >&3
    wait_for "$log" "hello-42 cpus-" 20 $qemu
    printf 'poweroff -f\n' >&3
    # dom0 powers the machine off itself (ACPI S5 through the PM1
    # control port): QEMU must exit on its own.
    off=1
    n=0
    while kill -0 $qemu 2>/dev/null; do
        n=$((n + 1))
        [ $n -ge 40 ] && off=0 && break
        sleep 0.5
    done
    stop_qemu
}

stop_qemu() {
    exec 3>&-
    kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
    rm -f "$fifo"
}

name="linux-pvh-dom0 ours (Debian 6.1 as PVH dom0 to a busybox shell)"
# Seen once in about 35 boots (2026-12-07): Linux printed "Run /init as
# init process" and nothing more for 200 s, with nothing from the
# hypervisor (open, docs/hvm.md).  Such a boot is printed as a FLAKE line
# with the hypervisor's domain dump and made once more; a second one fails.
ok_boot() {
    boot_pvh ours "$TOP/xen/xen" && return 0
    grep -aq "Run /init as init process" "$log" || return 1
    echo "FLAKE: linux-pvh-dom0 ours: no shell after 'Run /init' (open," \
         "docs/hvm.md); booted once more"
    grep -a -A12 "dumping domain info" "$log" | sed 's/^/    /'
    cp "$log" "$OUT/linux-pvh-dom0-ours-flake.log"
    boot_pvh ours "$TOP/xen/xen"
}
if ! ok_boot; then
    fail "$name" "no shell" "$log"
elif ! grep -aq "hello-42 cpus-2" "$log"; then
    fail "$name" "the shell did not run the typed command (2 CPUs)" "$log"
elif [ "$off" != 1 ]; then
    fail "$name" "the machine did not power off after poweroff -f" "$log"
elif grep -aq "Failed to sync pcpu info" "$log"; then
    # drivers/xen/pcpu.c reads every CPU with XENPF_get_cpuinfo.
    fail "$name" "platform_op refused (xen_cpu: Failed to sync pcpu info)" "$log"
else
    pass "$name"
fi

[ "${LINUX_PVH_XEN:-0}" = 1 ] || exit 0
if ! xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
    skip "linux-pvh-dom0 xen" "no Xen 4.17 image"
elif boot_pvh xen "$xen"; then
    pass "linux-pvh-dom0 xen (Debian 6.1 as PVH dom0 to a busybox shell)"
else
    skip "linux-pvh-dom0 xen" "Xen 4.17 gets no shell; its last line: $(grep -a '^\[' "$log" | tail -1)"
fi
