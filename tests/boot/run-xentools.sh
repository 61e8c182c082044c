#!/bin/sh
# Xen 4.17's own toolstack (Debian's xen-utils-4.17, unmodified) and
# libvirt 9 (Debian's libvirtd with its libxl driver, virsh) in a Linux
# 6.1 PV dom0: boot the initramfs of scripts/mkdom0-xentools-
# initramfs.sh on Xen 4.17 (the oracle) and on ours under the same QEMU
# command, type commands on the dom0 console and check their answers.
# xl: info, list, create -p / unpause of an ELF PV test kernel as a domU
# (its console marker), create of a 2-vCPU Linux PV domU, its console marker
# in xenconsoled's log, pause / unpause, vcpu-set down and up, mem-set,
# sched-credit, console, reboot, shutdown -w, cpupool-list, vcpu-list,
# dmesg, destroy, a create that must fail.  virsh: version, create of
# the same domU from libvirt XML, list, dominfo, ttyconsole, console, shutdown,
# destroy.  Then xl info on ours is compared field by field with Xen's.
# The first failing step on a hypervisor is reported as "first failure";
# the rest still run (their failures are mostly consequences).
# docs/compatibility.md says where ours stands.
# XENTOOLS_HV="ours" or "xen" boots only one of them.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/boot/console-lib.sh"

TIMEOUT=${XENTOOLS_TIMEOUT:-900}
KARGS="console=hvc0 earlyprintk=xen rdinit=/init"
# sched=credit: Xen 4.17's default is credit2; ours has credit only, and
# xl sched-credit needs credit on both.
HV_ARGS="console=com1 com1=115200,8n1 dom0_mem=512M sched=credit"
# Conroe, not qemu64: libvirt's libxl driver names the host CPU after one
# of its models from xl info's hw_caps and refuses to start when none
# fits; on AMD (qemu64) Xen hides SYSENTER, which every such model needs.
CPU=${XENTOOLS_CPU:-Conroe}

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
    output_of $step | grep -E '^[a-z_]+ +: ' > "$OUT/xentools-$hv-xlinfo.txt"
    type_cmd 'xl list' 60
    check "xl list" $step '^Domain-0 +0 +[0-9]+ +2 '
    # xl create -p: built, left paused (state p) until xl unpause.  The
    # domU is one of our PV test kernels (hello.elf: a plain ELF with Xen
    # notes): its line reaches xenconsoled's log only once unpaused, and
    # it powers off (on_poweroff=preserve keeps it, state s).
    type_cmd 'P=/var/log/xen/console/guest-pvtest.log' 10
    type_cmd 'xl create -p /etc/xen/pvtest.cfg' 120
    check "xl create -p (ELF PV test kernel)" $step '@@.* rc=0$'
    type_cmd 'sleep 2; xl list pvtest; cat $P 2>/dev/null | grep -c Hello' 60
    check "xl create -p: paused in xl list" $step '^pvtest +[0-9]+ +16 +1 +--p--- '
    check "xl create -p: no console output while paused" $step '^0$'
    type_cmd 'xl unpause pvtest; waitlog $P "Hello from a PV test kernel" 60' 80
    check "xl unpause: the ELF domU's console marker" $step '@@.* rc=0$'
    type_cmd 'grep -c "Test result: SUCCESS" $P; xlwait pvtest 5 ---s-- 30' 60
    check "the ELF domU ran to its end" $step '^1$'
    check "the ELF domU powered off (preserved)" $step '^pvtest +[0-9]+ +16 +1 +---s-- '
    type_cmd 'xl destroy pvtest; xl list | grep -c pvtest' 60
    check "xl destroy pvtest" $step '^0$'
    # One domU, with 2 vCPUs, for the life-cycle operations: create,
    # console, pause, vcpu-set, mem-set, sched-credit, xl console,
    # reboot, and a shutdown from dom0 through its xenbus.
    type_cmd 'G=/var/log/xen/console/guest-domu.log' 10
    type_cmd 'xl create /etc/xen/domu.cfg vcpus=2' 120
    check "xl create" $step '@@.* rc=0$'
    # (vCPU 1 counts once the guest has brought it up.)
    type_cmd 'xl list' 60
    check "xl list shows the domU" $step '^domu +[0-9]+ +128 +[12] '
    type_cmd 'waitlog $G "DOMU SHELL" 300; grep -c "DOMU SHELL" $G' 320
    check "domU console marker (xenconsoled log)" $step '^1$'
    type_cmd 'xl list domu' 60
    check "xl list: the booted domU has 2 vCPUs" $step '^domu +[0-9]+ +128 +2 '
    type_cmd 'xl pause domu; xl list domu' 60
    check "xl pause" $step '^domu +[0-9]+ +128 +2 +[-r][-b]p--- '
    type_cmd 'xl unpause domu; xl list domu' 60
    check "xl unpause" $step '^domu +[0-9]+ +128 +2 +[-rb]{2}---- '
    # The domU's xenbus offlines vCPU 1 itself (VCPUOP_down); its init
    # onlines it again when it comes back (VCPUOP_up).
    type_cmd 'xl vcpu-set domu 1; xlwait domu 4 1 60' 80
    check "xl vcpu-set 1" $step '^domu +[0-9]+ +128 +1 '
    type_cmd 'grep -c "CPU 1 is now offline" $G' 30
    check "the domU offlined vCPU 1" $step '^1$'
    type_cmd 'xl vcpu-list domu' 60
    check "xl vcpu-list: vCPU 1 offline" $step '^domu +[0-9]+ +1 +- +--p '
    type_cmd 'xl vcpu-set domu 2; xlwait domu 4 2 60' 80
    check "xl vcpu-set 2" $step '^domu +[0-9]+ +128 +2 '
    # The balloon driver gives memory back to reach the new target.
    type_cmd 'xl mem-set domu 96m; xlwait domu 3 96 90' 110
    check "xl mem-set 96m" $step '^domu +[0-9]+ +96 +2 '
    type_cmd 'xl sched-credit -d domu -w 512 -c 20' 60
    check "xl sched-credit set" $step '@@.* rc=0$'
    type_cmd 'xl sched-credit' 60
    check "xl sched-credit: pool" $step '^Cpupool Pool-0: tslice=[0-9]+ms'
    check "xl sched-credit: domU" $step '^domu +[0-9]+ +512 +20$'
    check "xl sched-credit: dom0" $step '^Domain-0 +0 +256 +0$'
    # The pool's time slice, set through libxl (sysctl scheduler_op).
    type_cmd 'xl sched-credit -s -t 20; xl sched-credit -s' 60
    check "xl sched-credit -s -t 20" $step '^Cpupool Pool-0: tslice=20ms'
    # xl console, interactive on dom0's own terminal (xenconsole reads
    # its input only from a terminal): a line for the domU's shell, its
    # answer, Ctrl-] back to dom0.
    printf 'xl console domu\n' >&3; sleep 4
    printf 'echo XC$((6*7))\r' >&3; sleep 4
    printf '\035' >&3; sleep 1
    type_cmd 'echo back in dom0' 30
    check "xl console" $step '^XC42'
    # Reboot: the guest's xenbus runs reboot, the xl daemon makes a
    # new domain of the same name.
    type_cmd 'a=$(xl domid domu); rm -f $G; xl reboot domu' 60
    check "xl reboot" $step '@@.* rc=0$'
    type_cmd 'waitlog $G "DOMU SHELL" 300 && xl domid domu' 320
    check "domU rebooted (console marker again)" $step '@@.* rc=0$'
    type_cmd 'b=$(xl domid domu); [ "$a" != "$b" ] && echo NEWID' 30
    check "rebooted domU has a new id" $step '^NEWID$'
    type_cmd 'xl shutdown -w domu' 120
    check "xl shutdown -w" $step '@@.* rc=0$'
    type_cmd 'xl list | grep -c domu' 60
    check "shut down domain gone" $step '^0$'
    type_cmd 'xl cpupool-list' 60
    check "xl cpupool-list" $step '^Pool-0 +2 +credit +y '
    type_cmd 'xl vcpu-list Domain-0' 60
    check "xl vcpu-list" $step '^Domain-0 +0 +1 '
    type_cmd 'xl dmesg | grep -c "(XEN)"' 60
    check "xl dmesg" $step '^[1-9][0-9]*$'
    # A domU that cannot be built (more memory than the host has): xl
    # fails and takes the half-made domain away again.
    type_cmd 'xl create /etc/xen/domu.cfg name=\"big\" memory=4000' 120
    check "xl create too big fails" $step '@@.* rc=[1-9][0-9]*$'
    type_cmd 'xl list | grep -c big' 60
    check "the half-built domain is gone" $step '^0$'
    # Destroy needs no booted guest: a fresh domU goes at once.
    type_cmd 'xl create /etc/xen/domu.cfg' 120
    check "xl create (again)" $step '@@.* rc=0$'
    type_cmd 'xl destroy domu; xl list | grep -c domu' 60
    check "xl destroy" $step '^0$'
    virsh_steps
    # What the daemons said, for the record (not checked).
    type_cmd 'tail -n 20 /var/log/xen/*.log /var/log/xen/*.out'
    type_cmd 'tail -n 30 /var/log/libvirt/*.log /var/log/libvirt/*.out'
}

# The same PV domU through libvirt (libvirtd's libxl driver, which is
# libxl underneath): /etc/libvirt/domu.xml, named lvdomu.
virsh_steps() {
    type_cmd 'until [ -S /run/libvirt/libvirt-sock ]; do sleep 1; done' 90
    type_cmd 'V="virsh -c xen:///"; $V version' 60
    check "virsh version" $step '^Running hypervisor: +Xen [0-9]+\.[0-9]+'
    type_cmd 'L=/var/log/xen/console/guest-lvdomu.log' 10
    type_cmd '$V create /etc/libvirt/domu.xml' 120
    check "virsh create" $step '^Domain .lvdomu. created'
    type_cmd '$V list' 60
    check "virsh list" $step '^ *[0-9]+ +lvdomu +(running|idle|blocked)'
    type_cmd 'xl list lvdomu' 60
    check "xl list shows libvirt's domU" $step '^lvdomu +[0-9]+ +128 +1 '
    type_cmd 'waitlog $L "DOMU SHELL" 300; grep -c "DOMU SHELL" $L' 320
    check "virsh domU console marker (xenconsoled log)" $step '^1$'
    type_cmd '$V dominfo lvdomu' 60
    check "virsh dominfo: state" $step '^State: +(running|idle|blocked)'
    check "virsh dominfo: memory" $step '^Max memory: +131072 KiB'
    check "virsh dominfo: vCPUs" $step '^CPU\(s\): +1$'
    check "virsh dominfo: OS type" $step '^OS Type: +xen'
    type_cmd '$V ttyconsole lvdomu' 60
    check "virsh ttyconsole" $step '^/dev/pts/[0-9]+'
    # virsh console, typed on dom0's terminal as for xl console: a line
    # for the domU's shell, its answer, Ctrl-] back to dom0.
    printf '$V console lvdomu\n' >&3; sleep 6
    printf 'echo VC$((6*8))\r' >&3; sleep 4
    printf '\035' >&3; sleep 1
    type_cmd 'echo back in dom0' 30
    check "virsh console" $step '^VC48'
    type_cmd '$V shutdown lvdomu; lvgone lvdomu 90' 120
    check "virsh shutdown" $step '^lvgone: lvdomu gone'
    type_cmd '$V create /etc/libvirt/domu.xml' 120
    check "virsh create (again)" $step '^Domain .lvdomu. created'
    type_cmd '$V destroy lvdomu' 60
    check "virsh destroy" $step '^Domain .lvdomu. destroyed'
    type_cmd '$V list --all | grep -c lvdomu' 60
    check "destroyed domain gone" $step '^0$'
}

boot_xentools() {
    hv=$1 image=$2 done_text=$3 first=""
    log=$OUT/xentools-$hv.log fifo=$OUT/xentools-$hv.in step=0
    rm -f "$log" "$fifo"
    mkfifo "$fifo"
    start=$(date +%s)
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 -cpu "$CPU" \
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

# xl info, field by field, ours against Xen 4.17's (both must have run).
# Masked, because they differ for good reason:
#   xen_extra, xen_version        the version strings (ours "4.17-cr")
#   cc_*, build_id, xen_changeset  facts of each build
#   free_memory                   each hypervisor keeps its own share
#   cpu_mhz                       each calibrates the TSC itself under
#                                 TCG: compared to within 1%
mask_xl_info() {
    sed -E 's/ +: /=/' "$1" | grep -Ev \
        '^(xen_extra|xen_version|cc_[a-z_]+|build_id|xen_changeset|free_memory|cpu_mhz)=' |
        sort
}

compare_xl_info() {
    xi=$OUT/xentools-xen-xlinfo.txt oi=$OUT/xentools-ours-xlinfo.txt
    [ -s "$xi" ] && [ -s "$oi" ] || return 0
    mask_xl_info "$xi" > "$OUT/xentools-xen-xlinfo.masked"
    mask_xl_info "$oi" > "$OUT/xentools-ours-xlinfo.masked"
    if diff -U0 "$OUT/xentools-xen-xlinfo.masked" \
            "$OUT/xentools-ours-xlinfo.masked" > "$OUT/xentools-xlinfo.diff"
    then
        pass "xentools: xl info on ours matches Xen 4.17's (masked fields aside)"
    else
        fail "xentools: xl info on ours matches Xen 4.17's" \
            "fields differ (- Xen, + ours)" "$OUT/xentools-xlinfo.diff"
    fi
    xm=$(sed -n 's/^cpu_mhz *: //p' "$xi") om=$(sed -n 's/^cpu_mhz *: //p' "$oi")
    if awk -v x="$xm" -v o="$om" 'BEGIN { d = x - o; if (d < 0) d = -d;
                                          exit !(x > 0 && d <= x / 100) }'; then
        pass "xentools: cpu_mhz within 1% of Xen's ($om, $xm)"
    else
        echo "FAIL: xentools: cpu_mhz $om, Xen's $xm"
    fi
}

rm -f "$OUT"/xentools-*-xlinfo.txt "$OUT"/xentools-*-xlinfo.masked
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
compare_xl_info
