#!/bin/sh
# PVH domUs from the dom0 toolstack (docs/toolstack.md, "PVH domUs"):
# boot Debian's Linux as PV dom0 on our hypervisor and on Xen 4.17 under
# QEMU with SVM and nested paging (-cpu qemu64,+svm,+npt), and in dom0:
#   - xl create of the PVH test kernel (tests/hvm-domu/console.c) from a
#     <type>xenpvh</type> config: it prints PVH DOMU MARKER and its
#     checks' result through its console ring (xenconsoled's log), and
#     powers off (on_poweroff=preserve: ---s-- in xl list);
#   - xl destroy gives back every page (physinfo's free pages as before);
#   - Debian's Linux as a PVH domU (/etc/xen/linux-pvh.xml), created with
#     xl create, listed by xl list, whose console log must reach its
#     initramfs (DOMU SHELL READY), then xl destroy with every page back;
#     its whole console log is saved as $OUT/linux-pvh-<hv>.log, and when
#     one run booted both hypervisors run-pvh-dmesg.sh compares the two
#     (Xen 4.17's is the oracle).
# Each check prints its own PASS/FAIL line.  TOOLSTACK_HV=ours|xen boots
# one hypervisor only; LINUX_PVH_ARGS adds words to the Linux domU's
# command line, LINUX_PVH_VCPUS=n gives it n vCPUs (a copy of its config
# in dom0's /tmp).  Not part of make
# test (it takes 4-6 minutes per hypervisor).  TOOLSTACK_PVH_QUICK=1
# boots the Linux domU only (no PVH test kernel, no cycles): enough for
# the log comparison.
. "$(dirname "$0")/../lib.sh"

TIMEOUT=${TOOLSTACK_TIMEOUT:-900}
KARGS="console=hvc0 earlyprintk=xen rdinit=/init"
HV_ARGS="console=com1 com1=115200,8n1 dom0_mem=320M"

if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>"$OUT/fetch-linux.log"); then
    skip "toolstack-pvh" "no Debian kernel or busybox (see $OUT/fetch-linux.log)"
    exit 0
fi
VMLINUZ=$(echo "$files" | sed -n 1p)
if ! make -s -C "$TOP/tools" >"$OUT/toolstack-pvh-build.log" 2>&1 ||
   ! make -s -C "$TOP/tests/pv" "$TOP/tests/pv/build/hello.elf" \
       >>"$OUT/toolstack-pvh-build.log" 2>&1 ||
   ! make -s -f "$TOP/tests/hvm/Makefile" TESTS_DIR="$TOP/tests/hvm-domu" \
       >>"$OUT/toolstack-pvh-build.log" 2>&1 ||
   ! INITRD=$(sh "$TOP/scripts/mkdom0-initramfs.sh" 2>>"$OUT/toolstack-pvh-build.log"); then
    fail "toolstack-pvh" "building the tools, kernels or initramfs failed" \
        "$OUT/toolstack-pvh-build.log"
    exit 0
fi

. "$TOP/tests/boot/console-lib.sh"

# check <name> <step> <extended regex>: the step's output matches.
check() {
    if output_of "$2" | grep -Eq "$3"; then
        pass "toolstack-pvh $hv: $1"
    else
        echo "FAIL: toolstack-pvh $hv: $1: no line matching /$3/"
        output_of "$2" | tail -n 12 | sed 's/^/    /'
    fi
}

GLOG=/var/log/xen/console

# pages_back <what>: physinfo's free pages before the create and now,
# reported (the first domain of a kind may leave a pool page or two
# behind in the hypervisor's allocators: the cycles below are exact).
pages_back() {
    type_cmd 'sleep 2; echo fp $(cat /tmp/fp0) $(xtcheck free-pages)'
    echo "toolstack-pvh $hv: free pages before/after $1:" \
        "$(output_of $step | grep '^fp ' | cut -d' ' -f3,5)"
}

# cycles <n> <config> <what>: n create/destroy cycles leave free pages
# (ours), the xenstore tree and xenconsoled's descriptors exactly as
# before.
cycles() {
    type_cmd "cycle-domains $1 $2" 300
    check "$1 cycles of $3: none failed" $step "^cycles: $1 done, 0 failed"
    # Xen 4.17 keeps a page back now and then over HVM cycles (seen: one
    # in 10): there the count is reported, not required.
    if [ "$hv" = xen ]; then
        echo "toolstack-pvh xen: $1 cycles of $3: $(output_of $step |
            grep -e '^cycles: pages' -e '^[-+]free_pages' | tr '\n' ' ')"
    else
        check "$1 cycles of $3: every page back" $step '^cycles: pages same'
    fi
    check "$1 cycles of $3: xenstore tree as before" $step '^cycles: tree same'
    check "$1 cycles of $3: xenconsoled's descriptors" $step '^cycles: fds same'
}

check_pvh_test() {
    type_cmd 'xtcheck free-pages > /tmp/fp0; xl create /etc/xen/pvhtest.xml' 60
    check "xl create of a PVH test kernel" $step 'rc=0'
    type_cmd 'wait-until 60 sh -c "xl list pvhtest | grep -q -- ---s--"; xl list' 70
    check "xl list shows the PVH domU shut down" $step '^pvhtest +[0-9]+ +[0-9]+ +1 +---s--'
    type_cmd "cat $GLOG/guest-pvhtest.log"
    check "PVH domU marker through its console ring" $step '^PVH DOMU MARKER'
    check "PVH domU's own checks" $step 'Test result: SUCCESS'
    type_cmd 'xl destroy pvhtest; sleep 1; xl list | grep -c pvhtest'
    check "xl destroy of the PVH domU" $step '^0$'
    pages_back "the PVH domU"
    cycles 10 /etc/xen/pvhtest.xml "the PVH test kernel"
}

# retry_after_triple_fault <config>: on ours, a Linux PVH domU has been
# seen to die of a triple fault right after a port I/O exit, about one
# boot in five under a loaded host, with the page tables intact when the
# crash is reported (issue 13, under investigation; never on Xen 4.17 in
# the same runs).  Such a death is printed as a FLAKE line with the
# hypervisor's report, and the domU is created once more: a crash that
# comes back still fails the step.
retry_after_triple_fault() {
    output_of $step | grep -q 'wait-until: ok' && return
    [ "$hv" = ours ] && grep -aq 'triple fault (exit' "$log" || return
    echo "FLAKE: toolstack-pvh ours: the Linux PVH domU died of a" \
         "triple fault (issue 13, known and open); created once more"
    grep -a -A3 'triple fault (exit' "$log" | tail -n 4 | sed 's/^/    /'
    type_cmd 'xl destroy linux-pvh'
    type_cmd "rm -f $GLOG/guest-linux-pvh.log"
    type_cmd "xl create $1" 90
    type_cmd "wait-until 300 grep -q 'DOMU SHELL' $GLOG/guest-linux-pvh.log" 310
}

check_linux_pvh() {
    cfg=/etc/xen/linux-pvh.xml vcpus=${LINUX_PVH_VCPUS:-1}
    if [ -n "${LINUX_PVH_ARGS:-}" ] || [ "$vcpus" != 1 ]; then
        type_cmd "cp $cfg /tmp/lp.xml"
        cfg=/tmp/lp.xml
        [ -z "${LINUX_PVH_ARGS:-}" ] ||
            type_cmd "sed -i 's|rdinit=/init|& $LINUX_PVH_ARGS|' $cfg"
        type_cmd "sed -i 's|<vcpu>1<|<vcpu>$vcpus<|' $cfg"
    fi
    type_cmd "xtcheck free-pages > /tmp/fp0; xl create $cfg" 90
    check "xl create of Linux as a PVH domU" $step 'rc=0'
    type_cmd "wait-until 300 grep -q 'DOMU SHELL' $GLOG/guest-linux-pvh.log" 310
    retry_after_triple_fault "$cfg"
    check "Linux PVH domU reaches its init" $step 'wait-until: ok'
    type_cmd 'xl list linux-pvh'
    check "xl list shows the Linux PVH domU" $step "^linux-pvh +[0-9]+ +128 +$vcpus "
    type_cmd "grep -c . $GLOG/guest-linux-pvh.log; tail -n 40 $GLOG/guest-linux-pvh.log"
    # The whole console log, for the comparison with Xen 4.17's.
    type_cmd "cat $GLOG/guest-linux-pvh.log" 60
    output_of $step | sed '1d;$d' > "$OUT/linux-pvh-$hv.log"
    type_cmd 'xl destroy linux-pvh; sleep 2; xl list | grep -c linux-pvh'
    check "xl destroy of the Linux PVH domU" $step '^0$'
    pages_back "the Linux PVH domU"
    [ -n "${TOOLSTACK_PVH_QUICK:-}" ] && return
    cycles 2 $cfg "Linux PVH (destroyed mid-boot)"
    type_cmd 'xenstore ls /local/domain | tr "\n" " "'
    check "nothing left in /local/domain" $step '^0 @@'
}

boot() {
    hv=$1 image=$2 args=$3 done_text=$4 tag="toolstack-pvh $1"
    log=$OUT/toolstack-pvh-$hv.log fifo=$OUT/toolstack-pvh-$hv.in step=0
    rm -f "$log" "$fifo"
    mkfifo "$fifo"
    start=$(date +%s)
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 \
        -cpu qemu64,+svm,+npt -smp 2 -m 1024 -nographic -no-reboot \
        -net none -monitor none -serial stdio -kernel "$image" \
        -append "$args" -initrd "$VMLINUZ $KARGS,$INITRD" \
        <"$fifo" >"$log" 2>&1 &
    qemu=$!
    exec 3>"$fifo"
    if ! wait_for "$log" "DOM0 SHELL READY" 180 $qemu; then
        exec 3>&-
        kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
        rm -f "$fifo"
        fail "toolstack-pvh $hv: boot to the dom0 shell" "no shell" "$log"
        return
    fi
    pass "toolstack-pvh $hv: boot to the dom0 shell"
    sleep 1
    type_cmd 'stty cols 300'
    [ -n "${TOOLSTACK_PVH_QUICK:-}" ] || check_pvh_test
    check_linux_pvh
    type_cmd 'xl dmesg | tail -n 30'
    printf 'poweroff -f\n' >&3
    wait_for "$log" "$done_text" 30 $qemu
    exec 3>&-
    kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
    rm -f "$fifo"
    echo "toolstack-pvh $hv: $(($(date +%s) - start)) s"
}

rm -f "$OUT/linux-pvh-ours.log" "$OUT/linux-pvh-xen.log"
for hv in ${TOOLSTACK_HV:-ours xen}; do
    case $hv in
    ours)
        boot ours "$TOP/xen/xen" "$HV_ARGS" "Powering off" ;;
    xen)
        if xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
            boot xen "$xen" "$HV_ARGS dom0-iommu=none" "Entering ACPI S5 state"
        else
            skip "toolstack-pvh xen" "no Xen 4.17 image"
        fi ;;
    esac
done
# Only logs of this run are compared: the toolstack builds the domU on
# both, so an older Xen log may not show what today's build gives.
if [ -s "$OUT/linux-pvh-ours.log" ] && [ -s "$OUT/linux-pvh-xen.log" ]; then
    sh "$TOP/tests/boot/run-pvh-dmesg.sh"
fi
