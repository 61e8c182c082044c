#!/bin/sh
# The dom0 toolstack on Debian's Linux 6.1: boot it as dom0 with the
# initramfs of scripts/mkdom0-initramfs.sh, on our hypervisor and on Xen
# 4.17 under the same QEMU command, type commands on its console (hvc0)
# and check what they print: the Xen modules, /dev/xen/privcmd,
# xenstored with a write/read through our client, dom0's kernel served
# by xenstored (its nodes, /dev/xen/xenbus as a client path),
# xenconsoled running and surviving xtcheck's domain, xl list / info /
# dmesg / domid / domname, xl's answers to malformed input, and that
# xl-config-check (libxml2 without ICU's data) still loads a config.
# One boot per hypervisor; every check prints its own PASS/FAIL line.
. "$(dirname "$0")/../lib.sh"

TIMEOUT=${TOOLSTACK_TIMEOUT:-900}
KARGS="console=hvc0 earlyprintk=xen rdinit=/init"
# dom0 runs its ACPI interpreter and legacy drivers (SCI, RTC, i8042)
# as on Xen, and xl create holds a whole Linux image (60+ MB): with
# 256M, ballooned down to the 250000 KiB target below, xl was OOM-killed
# in the Linux domU step.  320M, ballooned to 300000 KiB.
HV_ARGS="console=com1 com1=115200,8n1 dom0_mem=320M"

if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>"$OUT/fetch-linux.log"); then
    skip "toolstack" "no Debian kernel or busybox (see $OUT/fetch-linux.log)"
    exit 0
fi
VMLINUZ=$(echo "$files" | sed -n 1p)
if ! make -s -C "$TOP/tools" >"$OUT/toolstack-build.log" 2>&1 ||
   ! make -s -C "$TOP/tests/pv" "$TOP/tests/pv/build/hello.elf" \
       >>"$OUT/toolstack-build.log" 2>&1 ||
   ! INITRD=$(sh "$TOP/scripts/mkdom0-initramfs.sh" 2>>"$OUT/toolstack-build.log"); then
    fail "toolstack" "building the tools or the initramfs failed" \
        "$OUT/toolstack-build.log"
    exit 0
fi

. "$TOP/tests/boot/console-lib.sh"

# domu_line <name> <step>: the domain's line in that step's xl list.
domu_line() {
    output_of "$2" | grep -E "^$1 +[0-9]+ "
}

# check <name> <step> <extended regex>: the step's output matches.
check() {
    if output_of "$2" | grep -Eq "$3"; then
        pass "toolstack $hv: $1"
    else
        echo "FAIL: toolstack $hv: $1: no line matching /$3/"
        output_of "$2" | tail -n 12 | sed 's/^/    /'
    fi
}

# check_xtcheck <step>: every check xtcheck (tools/xtcheck) must report.
XTCHECKS='open privcmd
hypercall buffers from /dev/xen/hypercall
xen_version hypercall
evtchn open
evtchn bind_unbound_port + bind_interdomain
evtchn notify reaches the other end
evtchn unmask
evtchn unbind
gnttab open gntdev + gntalloc
gntalloc grant a page to dom0
gntalloc mmap
gnttab map grant ref
gnttab mapping shows the granted page
gnttab writes reach the granting side
gnttab unmap
createdomain
getdomaininfo of the new domain
max_vcpus 1
max_vcpus made vCPU 0
max_mem 1024 KiB
populate_physmap 2 pages
foreign map of the new domain'"'"'s pages
foreign map sees what was written
getvcpucontext of a vCPU never started: ENODATA
unpause
pause
xenstore connection
alloc_unbound store port for the new domain
introduce to xenstored
console: page of the new domain mapped
console: port and nodes for xenconsoled
console: xenconsoled wrote console/tty
console: open the pty
console: guest output comes out of the pty
console: pty input lands in the guest ring
console: tty node gone after the domain died
destroydomain
@releaseDomain after destroy (VIRQ_DOM_EXC reached xenstored)
destroyed domain is gone or dying'
check_xtcheck() {
    output_of "$1" > "$OUT/xtcheck-$hv.out"
    echo "$XTCHECKS" | while IFS= read -r name; do
        if grep -qxF "xtcheck: $name: ok" "$OUT/xtcheck-$hv.out"; then
            pass "toolstack $hv: libs: $name"
        else
            why=$(grep -F "xtcheck: $name: " "$OUT/xtcheck-$hv.out" | head -n 1)
            echo "FAIL: toolstack $hv: libs: $name: ${why:-not reported}"
        fi
    done
}

# The domain lifecycle: xl create [-p] / list / unpause / console /
# shutdown / reboot / destroy with the example domUs of the dom0
# initramfs, then 100 (ours)
# or 20 (Xen) create/destroy cycles that must leave the host exactly as
# before.
check_domains() {
    # xl create -p: built but left paused (state p); its console line
    # (hello.elf writes its ring too) reaches xenconsoled's log only
    # after xl unpause.
    type_cmd 'P=/var/log/xen/console/guest-pvtest.log'
    type_cmd 'xl create -p /etc/xen/pvtest.xml'
    check "xl create -p pvtest" $step '@@.* rc=0$'
    type_cmd 'sleep 2; xl list pvtest; cat $P 2>/dev/null | grep -c Hello'
    check "xl create -p: paused in xl list" $step '^pvtest +[0-9]+ +8 +1 +--p--- '
    check "xl create -p: no console output while paused" $step '^0$'
    type_cmd 'xl unpause pvtest; wait-until 30 grep -q "Hello from a PV" $P' 40
    check "xl unpause: pvtest's console marker" $step 'ok after'
    # hello.elf powers itself off; on_poweroff=preserve keeps it.
    type_cmd 'wait-until 20 sh -c "xl list pvtest | grep -q -- ---s--"; xl list' 60
    check "pvtest ran to its poweroff" $step '^pvtest +[0-9]+ +8 +1 +---s-- '
    type_cmd 'xl destroy pvtest; xl list | grep -c pvtest'
    check "xl destroy pvtest" $step '^0$'
    type_cmd 'xenstore dump / | grep -c -e /vm/ -e /libxl/ -e "^/local/domain/[1-9]"'
    check "destroy removed the xenstore nodes" $step '^0$'
    # xl create -c: attached to the new domU's console at once; type
    # into its shell, detach with CTRL-].
    step=$((step + 1))
    printf 'xl create -c /etc/xen/example.xml; echo "@@$((1000 + %d))@@ rc=$?"\n' $step >&3
    wait_for "$log" "DOMU SHELL READY" 150 "$qemu"
    sleep 2
    # Only the domU's command line has "quiet": dom0's shell would say 0.
    printf 'echo in-domU-$(grep -c quiet /proc/cmdline)\n' >&3
    sleep 3
    printf '\035' >&3
    wait_for "$log" "@@$((1000 + step))@@" 30 "$qemu"
    check "xl create -c shows the domU's console" $step '^DOMU SHELL READY'
    check "xl create -c: typing reaches the domU's shell" $step '^in-domU-1$'
    check "xl create -c detaches on CTRL-]" $step '@@.* rc=0$'
    type_cmd 'xl list linux-domu'
    check "xl create example.xml" $step '^linux-domu +[0-9]+ +128 +1 +[-rb]{2}---- '
    type_cmd 'd=$(xl domid linux-domu); echo domid=$d'
    d1=$(output_of $step | sed -n 's/^domid=\([0-9]*\)$/\1/p')
    type_cmd 'wait-until 120 grep -q "DOMU SHELL" /var/log/xen/console/guest-linux-domu.log' 130
    check "domU marker in its console log (xenconsoled)" $step 'ok after'
    type_cmd 'u=$(xenstore read /local/domain/$d/vm | cut -c5-); echo vm=$u'
    type_cmd 'grep "uuid" /var/log/xen/console/guest-linux-domu.log'
    u=$(output_of $((step - 1)) | sed -n 's/^vm=\([0-9a-f-]*\)$/\1/p')
    check "domU's /sys/hypervisor/uuid is its /vm uuid" $step "^domU: uuid ${u:-none}\$"
    type_cmd 'xenstore read /local/domain/$d/control/feature-poweroff'
    check "domU xenbus wrote control/feature-poweroff" $step '^1$'
    type_cmd 'xenstore perms /local/domain/$d/control/shutdown'
    check "control/shutdown owned by the domU" $step "^n$d1\$"
    # xl console: type into the domU's shell, detach with CTRL-].
    step=$((step + 1))
    printf 'xl console linux-domu; echo "@@$((1000 + %d))@@ rc=$?"\n' $step >&3
    sleep 3
    printf 'echo in-domU-$(grep -c quiet /proc/cmdline)\n' >&3
    sleep 3
    printf '\035' >&3
    wait_for "$log" "@@$((1000 + step))@@" 30 "$qemu"
    check "xl console reaches the domU shell" $step '^in-domU-1$'
    check "xl console detaches on CTRL-]" $step '@@.* rc=0$'
    type_cmd ': > /var/log/xen/console/guest-linux-domu.log'
    type_cmd 'xl reboot -w linux-domu' 120
    check "xl reboot -w" $step "Domain $d1 has been destroyed"
    type_cmd 'wait-until 120 grep -q "DOMU SHELL" /var/log/xen/console/guest-linux-domu.log' 130
    check "the restarted domU boots" $step 'ok after'
    type_cmd 'xl list linux-domu'
    check "on_reboot=restart: a new domain" $step '^linux-domu +[0-9]+ +128 '
    d2=$(domu_line linux-domu $step | awk '{ print $2 }')
    if [ -n "$d2" ] && [ "$d2" != "$d1" ]; then
        pass "toolstack $hv: restarted under a new domid ($d1 -> $d2)"
    else
        echo "FAIL: toolstack $hv: restarted under a new domid ($d1 -> ${d2:-none})"
    fi
    type_cmd 'xl shutdown -w linux-domu' 120
    check "xl shutdown -w" $step "Domain $d2 has been destroyed"
    type_cmd 'xl list | grep -c linux-domu'
    check "shut down domain gone" $step '^0$'
    type_cmd 'xenstore ls /local/domain | tr "\n" " "'
    check "only dom0 left in /local/domain" $step '^0 @@'
    # 100 cycles on ours; Xen 4.17 is exact too, 20 keep its boot short.
    ncyc=100
    [ "$hv" = ours ] || ncyc=20
    type_cmd "cycle-domains $ncyc /etc/xen/pvtest.xml" 400
    check "$ncyc create/destroy cycles" $step "^cycles: $ncyc done, 0 failed"
    check "cycles: free pages exactly as before" $step '^cycles: pages same'
    check "cycles: xenstore tree as before" $step '^cycles: tree same'
    check "cycles: xenconsoled's descriptors as before" $step '^cycles: fds same'
    # A Linux domU destroyed mid-boot (xl create returns at its unpause)
    # and one that crashes mid-boot (no init: Linux panics and reports
    # SHUTDOWN_crash, on_crash=destroy): nothing of either is left.
    type_cmd "cycle-domains 3 /etc/xen/example.xml" 120
    check "Linux domU destroyed mid-boot, 3 times" $step '^cycles: 3 done, 0 failed'
    check "mid-boot destroys: free pages exactly as before" $step '^cycles: pages same'
    check "mid-boot destroys: xenstore tree as before" $step '^cycles: tree same'
    check "mid-boot destroys: xenconsoled's descriptors as before" $step '^cycles: fds same'
    type_cmd 'xtcheck free-pages > /tmp/fp0; xl create /etc/xen/crash.xml'
    check "xl create crash.xml" $step '@@.* rc=0$'
    type_cmd 'wait-until 90 sh -c "! xl domid crash-domu 2>/dev/null"' 100
    check "a domU crashing mid-boot is destroyed (on_crash)" $step 'ok after'
    type_cmd 'sleep 2; xtcheck free-pages | cmp -s - /tmp/fp0 && echo pages-same'
    check "the crashed domU's pages all came back" $step '^pages-same'
    type_cmd 'xenstore ls /local/domain | tr "\n" " "'
    check "nothing of the crashed domU in /local/domain" $step '^0 @@'
}

boot_toolstack() {
    hv=$1 image=$2 done_text=$3 tag="toolstack $1"
    log=$OUT/toolstack-$hv.log fifo=$OUT/toolstack-$hv.in step=0
    rm -f "$log" "$fifo"
    mkfifo "$fifo"
    start=$(date +%s)
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 -cpu qemu64 \
        -smp 2 -m 1024 -nographic -no-reboot -net none -monitor none \
        -serial stdio -kernel "$image" -append "$HV_ARGS" \
        -initrd "$VMLINUZ $KARGS,$INITRD" <"$fifo" >"$log" 2>&1 &
    qemu=$!
    exec 3>"$fifo"
    if ! wait_for "$log" "DOM0 SHELL READY" 180 $qemu; then
        exec 3>&-
        kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
        rm -f "$fifo"
        fail "toolstack $hv: boot to the dom0 shell" "no shell" "$log"
        return
    fi
    echo "toolstack $hv: shell after $(($(date +%s) - start)) s"
    pass "toolstack $hv: boot to the dom0 shell"
    sleep 1
    # A wide terminal keeps the shell from wrapping long typed lines.
    type_cmd 'stty cols 300'
    type_cmd 'cut -d" " -f1 /proc/modules | sort | tr "\n" " "'
    check "modules loaded" $step \
        'xen_evtchn xen_gntalloc xen_gntdev xen_privcmd xenfs'
    type_cmd 'ls -l /dev/xen/privcmd /dev/xen/hypercall'
    check "/dev/xen/privcmd" $step '^c.* /dev/xen/privcmd$'
    type_cmd 'grep xenfs /proc/mounts'
    check "xenfs on /proc/xen" $step '^xenfs /proc/xen xenfs'
    type_cmd 'case $- in *m*) echo job-control-on;; esac'
    check "shell with job control" $step '^job-control-on'
    type_cmd 'pidof xenstored'
    check "xenstored runs" $step '^[0-9]+$'
    type_cmd 'ls -l /run/xenstored/socket /var/run/xenstored/socket'
    check "xenstored socket in /run and /var/run" $step \
        '^s.* /var/run/xenstored/socket$'
    type_cmd 'xenstore write /tool/test v-$((6*7))'
    type_cmd 'xenstore read /tool/test'
    check "xenstore write/read" $step '^v-42$'
    # Dom0's own kernel: xenstored took the ring its xenbus made
    # (xenbus_backend), the kernel wrote its nodes once served, and a
    # client on /dev/xen/xenbus goes through the kernel to xenstored.
    type_cmd 'grep kernel /var/log/xenstored.log'
    check "xenstored took dom0's kernel ring" $step \
        "^xenstored: dom0's kernel connected \(port [0-9]+\)$"
    type_cmd 'xenstore read /local/domain/0/control/feature-poweroff'
    check "dom0's kernel wrote its control nodes" $step '^1$'
    # xb: our client forced onto the device (a kernel nobody serves
    # would leave it waiting: hence the timeout).
    type_cmd 'xb() { XENSTORED_PATH=/dev/xen/xenbus timeout 5 xenstore "$@"; }'
    type_cmd 'xb read /tool/test'
    check "xenbus device: read a socket client's node" $step '^v-42$'
    type_cmd 'xb write /tool/xb xb-$((6*7)); xenstore read /tool/xb'
    check "xenbus device: write seen by the socket client" $step '^xb-42$'
    type_cmd 'xb tx-write /tool/xt tx-$((6*7)); xenstore read /tool/xt'
    check "xenbus device: transaction" $step '^tx-42$'
    # A watch through an unserved kernel cannot even be killed.
    type_cmd 'xb read /tool >/dev/null && xb watch /tool 1'
    check "xenbus device: watch event" $step '^/tool xenstore-cli$'
    # The kernel's watches fire through xenstored: the balloon driver's
    # on memory/target, and the backend bus's on backend/, which makes a
    # device (no driver claims vkbd backends) once the nodes it reads
    # are there, state (Initialising) last.
    type_cmd 'T=/sys/devices/system/xen_memory/xen_memory0/target_kb; cat $T'
    type_cmd 'xenstore write /local/domain/0/memory/target 300000; sleep 1'
    type_cmd 'cat $T'
    check "dom0's balloon driver saw memory/target" $step '^300000$'
    # And back up: xl create needs dom0's memory (the builder holds a
    # 66 MB kernel), so the rest of the test runs at the full 320 MiB.
    type_cmd 'xenstore write /local/domain/0/memory/target 327680; sleep 1; cat $T'
    check "dom0 balloons back up to memory/target" $step '^327680$'
    type_cmd 'xenstore write /local/domain/7/device/vkbd/0/state 1'
    type_cmd 'B=/local/domain/0/backend/vkbd/7/0; xenstore write $B/frontend-id 7'
    type_cmd 'xenstore write $B/frontend /local/domain/7/device/vkbd/0'
    type_cmd 'xenstore write $B/state 1; sleep 1; ls /sys/bus/xen-backend/devices'
    check "dom0's backend bus probed backend/vkbd/7/0" $step \
        '(^| )vkbd-7-0( |$)'
    type_cmd 'xenstore rm $B; sleep 1; ls /sys/bus/xen-backend/devices | grep -c vkbd'
    check "dom0's backend bus dropped it when removed" $step '^0$'
    type_cmd 'xenstore rm /local/domain/7; xenstore rm /local/domain/0/backend'
    type_cmd 'pidof xenconsoled'
    check "xenconsoled runs" $step '^[0-9]+$'
    type_cmd 'xl list'
    check "xl list header" $step '^Name +ID +Mem VCPUs.State.Time\(s\)$'
    check "xl list Domain-0" $step '^Domain-0 +0 +[0-9]+ +2 +[r-][b-]----  +[0-9]+\.[0-9]$'
    type_cmd 'xl info'
    check "xl info nr_cpus" $step '^nr_cpus +: 2$'
    check "xl info memory" $step '^total_memory +: (9[0-9][0-9]|10[0-9][0-9])$'
    check "xl info xen_caps" $step '^xen_caps +: .*xen-3\.0-x86_64'
    check "xl info xen_version" $step '^xen_version +: [0-9]+\.[0-9]+'
    type_cmd 'xl domid Domain-0 && xl domname 0'
    check "xl domid/domname" $step '^Domain-0$'
    type_cmd 'xl dmesg | head -n 40'
    check "xl dmesg" $step '^\(XEN\) Command line: console=com1'
    type_cmd 'xl no-such-command'
    check "xl unknown command" $step '^command not implemented$'
    check "xl unknown command exit 1" $step '@@.* rc=1$'
    type_cmd 'xl pause no-such-domain'
    check "xl bad domain" $step 'no-such-domain is an invalid domain identifier'
    check "xl bad domain exit 1" $step '@@.* rc=1$'
    type_cmd 'xl domname x7'
    check "xl domname bad id" $step '^Invalid domain id\.$'
    type_cmd 'xl pause'
    check "xl missing argument exit 2" $step '@@.* rc=2$'
    type_cmd 'xl unpause 0; xl list 0 | tail -n 1'
    check "xl unpause 0" $step '^Domain-0 +0 '
    type_cmd 'xtcheck'
    check_xtcheck $step
    # xtcheck gave its scratch domain a console (the console: checks) and
    # destroyed it: xenconsoled served it, let it go, and still runs.
    type_cmd 'pidof xenconsoled; cat /var/log/xen/console/xenconsoled.log'
    check "xenconsoled survives a domain's life and death" $step '^[0-9]+$'
    type_cmd 'cat /var/log/xen/console/guest-xtcheck.log; echo'
    check "xenconsoled logged the guest's output" $step '^xt-out$'
    type_cmd 'xl-config-check /usr/share/xt/example.xml >/dev/null'
    check "xl-config-check (libxml2, ICU stub)" $step '@@.* rc=0$'
    check_domains
    printf 'poweroff -f\n' >&3
    wait_for "$log" "$done_text" 30 $qemu
    exec 3>&-
    kill $qemu 2>/dev/null; wait $qemu 2>/dev/null
    rm -f "$fifo"
}

# TOOLSTACK_HV="ours" or "xen" boots only one of them.
for hv in ${TOOLSTACK_HV:-ours xen}; do
    case $hv in
    ours)
        boot_toolstack ours "$TOP/xen/xen" "Powering off" ;;
    xen)
        if xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
            boot_toolstack xen "$xen" "Entering ACPI S5 state"
        else
            skip "toolstack xen" "no Xen 4.17 image"
        fi ;;
    esac
done
