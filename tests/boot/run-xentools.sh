#!/bin/sh
# Xen 4.17's own toolstack (Debian's xen-utils-4.17, unmodified) in a
# Linux 6.1 PV dom0: boot the initramfs of scripts/mkdom0-xentools-
# initramfs.sh on Xen 4.17 (the oracle) and on ours under the same QEMU
# command, type xl commands on the dom0 console and check their answers:
# xl info, xl list, xl create of a Linux PV domU, its console marker in
# xenconsoled's log, xl pause / unpause, xl destroy; xl cpupool-list,
# vcpu-list, dmesg; a second domU shut down with xl shutdown -w.  The first failing
# step on a hypervisor is reported as "first failure"; the rest still run
# (their failures are mostly consequences).  docs/compatibility.md says
# where ours stands.
# XENTOOLS_HV="ours" or "xen" boots only one of them.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/boot/console-lib.sh"

TIMEOUT=${XENTOOLS_TIMEOUT:-600}
KARGS="console=hvc0 earlyprintk=xen rdinit=/init"
HV_ARGS="console=com1 com1=115200,8n1 dom0_mem=512M"

if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>"$OUT/fetch-linux.log"); then
    skip "xentools" "no Debian kernel or busybox (see $OUT/fetch-linux.log)"
    exit 0
fi
VMLINUZ=$(echo "$files" | sed -n 1p)
if ! INITRD=$(sh "$TOP/scripts/mkdom0-xentools-initramfs.sh" 2>"$OUT/xentools-build.log"); then
    fail "xentools" "building the initramfs failed" "$OUT/xentools-build.log"
    exit 0
fi

# check <name> <step> <extended regex>: the step's output matches.
check() {
    if output_of "$2" | grep -Eq "$3"; then
        pass "xentools $hv: $1"
    else
        echo "FAIL: xentools $hv: $1: no line matching /$3/"
        [ -n "$first" ] || first=$1
        output_of "$2" | tail -n 8 | sed 's/^/    /'
    fi
}

xl_steps() {
    type_cmd 'stty cols 300'
    type_cmd 'cat /var/log/xen/xen-init-dom0.log; xenstore-read /local/pool/0/name'
    check "xen-init-dom0 named pool 0" $step '^Pool-0$'
    type_cmd 'xl info' 60
    check "xl info" $step '^xen_caps +: .*xen-3\.0-x86_64'
    type_cmd 'xl list' 60
    check "xl list" $step '^Domain-0 +0 +[0-9]+ +2 '
    type_cmd 'xl create /etc/xen/domu.cfg' 120
    check "xl create" $step '@@.* rc=0$'
    type_cmd 'xl list' 60
    check "xl list shows the domU" $step '^domu +[0-9]+ +128 +1 '
    # Wait for the marker only when the domain exists.
    type_cmd 'G=/var/log/xen/console/guest-domu.log; xl domid domu' 60
    if output_of $step | grep -q '@@.* rc=0$'; then
        type_cmd 'for i in $(seq 150); do grep -qs "DOMU SHELL" $G && break; sleep 1; done' 170
    fi
    type_cmd 'cat $G'
    check "domU console marker (xenconsoled log)" $step 'DOMU SHELL READY'
    type_cmd 'xl pause domu; xl list domu' 60
    check "xl pause" $step '^domu +[0-9]+ +128 +1 +[-r][-b]p--- '
    type_cmd 'xl unpause domu; xl list domu' 60
    check "xl unpause" $step '^domu +[0-9]+ +128 +1 +[-rb]{2}---- '
    type_cmd 'xl destroy domu; xl list | grep -c domu' 60
    check "xl destroy" $step '^0$'
    type_cmd 'xl cpupool-list' 60
    check "xl cpupool-list" $step '^Pool-0 +2 +credit'
    type_cmd 'xl vcpu-list Domain-0' 60
    check "xl vcpu-list" $step '^Domain-0 +0 +1 '
    type_cmd 'xl dmesg | grep -c "(XEN)"' 60
    check "xl dmesg" $step '^[1-9][0-9]*$'
    # A second domain, shut down from dom0 through its xenbus.
    type_cmd 'rm -f $G; xl create /etc/xen/domu.cfg' 120
    check "xl create (again)" $step '@@.* rc=0$'
    if output_of $step | grep -q '@@.* rc=0$'; then
        type_cmd 'for i in $(seq 150); do grep -qs "DOMU SHELL" $G && break; sleep 1; done' 170
    fi
    type_cmd 'xl shutdown -w domu' 120
    check "xl shutdown -w" $step '@@.* rc=0$'
    type_cmd 'xl list | grep -c domu' 60
    check "shut down domain gone" $step '^0$'
    # A domU that cannot be built (more memory than the host has): xl
    # fails and takes the half-made domain away again.
    type_cmd 'xl create /etc/xen/domu.cfg name=\"big\" memory=4000' 120
    check "xl create too big fails" $step '@@.* rc=[1-9][0-9]*$'
    type_cmd 'xl list | grep -c big' 60
    check "the half-built domain is gone" $step '^0$'
    # What the daemons said, for the record (not checked).
    type_cmd 'tail -n 20 /var/log/xen/*.log /var/log/xen/*.out'
}

boot_xentools() {
    hv=$1 image=$2 done_text=$3 first=""
    log=$OUT/xentools-$hv.log fifo=$OUT/xentools-$hv.in step=0
    rm -f "$log" "$fifo"
    mkfifo "$fifo"
    start=$(date +%s)
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 -cpu qemu64 \
        -smp 2 -m 2048 -nographic -no-reboot -net none -monitor none \
        -serial stdio -kernel "$image" -append "$HV_ARGS" \
        -initrd "$VMLINUZ $KARGS,$INITRD" <"$fifo" >"$log" 2>&1 &
    qemu=$!
    exec 3>"$fifo"
    if wait_for "$log" "DOM0 SHELL READY" 240 $qemu; then
        echo "xentools $hv: shell after $(($(date +%s) - start)) s"
        pass "xentools $hv: boot to the dom0 shell"
        sleep 1
        xl_steps
        printf 'poweroff -f\n' >&3
        wait_for "$log" "$done_text" 30 $qemu
    else
        fail "xentools $hv: boot to the dom0 shell" "no shell" "$log"
        first="boot to the dom0 shell"
    fi
    exec 3>&-
    kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
    rm -f "$fifo"
    echo "xentools $hv: first failure: ${first:-none} ($(($(date +%s) - start)) s, log $log)"
}

for hv in ${XENTOOLS_HV:-xen ours}; do
    case $hv in
    ours)
        boot_xentools ours "$TOP/xen/xen" "Powering off" ;;
    xen)
        if xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
            boot_xentools xen "$xen" "Entering ACPI S5 state"
        else
            skip "xentools xen" "no Xen 4.17 image"
        fi ;;
    esac
done
