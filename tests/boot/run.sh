#!/bin/sh
# QEMU boot tests of the hypervisor on both boot paths:
#   mb1: QEMU's Multiboot1 loader (-kernel xen/xen)
#   mb2: GRUB's Multiboot2 from an ISO (BIOS), and once with a dom0 (the
#        PV test kernel dom0-console) that must find VGA text mode
# Arguments, if any, name the runs to do (t_* functions below).
# with 1, 2 and 4 CPUs and 512 MiB, and with 3 GiB (RAM above the PCI
# hole, so beyond 4 GiB), and once on a CPU with SMEP and SMAP.  Each run
# uses "boot_selftest", which makes the hypervisor check itself (heap,
# timers on every CPU, W^X of its own mappings, SMEP where the CPU has it)
# and power off: a run must end by itself.  At loglvl=all each phase of
# the start of day must print its duration ("Boot phase: ...").
. "$(dirname "$0")/../lib.sh"

ARGS="console=com1 com1=115200,8n1 loglvl=all boot_selftest"
ISO=$OUT/boot-mb2.iso
TIMEOUT=${BOOT_TIMEOUT:-90}

# check_log <name> <log> <status> <cpus> <mem-MiB>
check_log() {
    name=$1; log=$2; status=$3; cpus=$4; mib=$5
    if [ "$status" = 124 ]; then
        fail "$name" "no power-off within ${TIMEOUT}s" "$log"; return
    fi
    if grep -qE "Panic on CPU|FATAL TRAP" "$log"; then
        fail "$name" "hypervisor panicked" "$log"; return
    fi
    if ! grep -q "Boot self-test: PASS" "$log"; then
        fail "$name" "self-test did not pass" "$log"; return
    fi
    # The console ends lines with CR LF; grep's \r is no carriage return.
    cr=$(printf '\r')
    if ! grep -q "^(XEN) Powering off\.${cr}*\$" "$log" ||
       grep -q "Power off failed" "$log"; then
        fail "$name" "did not power off cleanly" "$log"; return
    fi
    # loglvl=all: every start-of-day phase reports its duration.
    for phase in "memory setup" "ACPI" "interrupts and time" "CPUs" \
                 "start of day"; do
        if ! grep -q "^(XEN) Boot phase: $phase: [0-9]*\.[0-9]* ms" "$log"; then
            fail "$name" "no 'Boot phase: $phase' line" "$log"; return
        fi
    done
    up=$(sed -n 's/.*Brought up \([0-9]*\) CPUs.*/\1/p' "$log" | head -n 1)
    if [ "$up" != "$cpus" ]; then
        fail "$name" "expected $cpus CPUs online, log says '${up:-nothing}'" "$log"
        return
    fi
    kib=$(sed -n 's/.*Memory: \([0-9]*\) KiB RAM.*/\1/p' "$log" | head -n 1)
    want=$((mib * 1024))
    # Firmware keeps a few hundred KiB (ISA hole, ACPI); 2 MiB is generous.
    if [ -z "$kib" ] || [ "$kib" -gt "$want" ] || [ "$kib" -lt $((want - 2048)) ]; then
        fail "$name" "RAM total ${kib:-?} KiB, expected just under $want KiB" "$log"
        return
    fi
    if [ "$mib" -gt 3072 ] || [ "$mib" = 3072 ]; then
        top=$(sed -n 's/.*highest RAM address \(0x[0-9a-f]*\).*/\1/p' "$log" | head -n 1)
        if [ -z "$top" ] || [ $((top)) -le $((0x100000000)) ]; then
            fail "$name" "no RAM above 4 GiB (highest ${top:-?})" "$log"; return
        fi
    fi
    pass "$name"
}

# boot <path> <cpus> <mem-MiB> [cpu-model]
boot() {
    path=$1; cpus=$2; mib=$3; cpu=${4:-qemu64}
    name="boot-$path smp=$cpus mem=${mib}M${4:+ cpu=$4}"
    log=$OUT/boot-$path-smp$cpus-m$mib${4:+-smep}.log
    rm -f "$log"
    if [ "$path" = mb1 ]; then
        run_qemu "$TIMEOUT" "$log" -machine q35 -cpu "$cpu" -smp "$cpus" \
            -m "$mib" -kernel "$TOP/xen/xen" -append "$ARGS"
    else
        run_qemu "$TIMEOUT" "$log" -machine q35 -cpu "$cpu" -smp "$cpus" \
            -m "$mib" -boot d -cdrom "$ISO"
    fi
    check_log "$name" "$log" $? "$cpus" "$mib"
}

# boot_to_crash <log> <option>: a Multiboot1 boot with a boot option that
# makes the hypervisor crash on purpose; QEMU's status (124: timeout,
# i.e. no restart; -no-reboot turns the restart into an exit).
boot_to_crash() {
    rm -f "$1"
    run_qemu "$TIMEOUT" "$1" -machine q35 -cpu qemu64 -smp 2 -m 512 \
        -kernel "$TOP/xen/xen" -append "console=com1 com1=115200,8n1 $2"
}

# A hypervisor BUG must print the registers and a symbolized backtrace,
# then restart.
t_crash() {
    name="boot-mb1 crash report"
    log=$OUT/boot-crash.log
    boot_to_crash "$log" boot_crash_test
    status=$?
    if [ $status = 124 ]; then
        fail "$name" "did not restart after the BUG" "$log"
    elif ! grep -q "BUG at arch/x86/setup.c" "$log" ||
         ! grep -q "Panic on CPU 0" "$log"; then
        fail "$name" "no BUG/panic report" "$log"
    elif ! grep -q "RIP: e008:\[<ffff82d04[0-9a-f]*>\] __bug+0x" "$log" ||
         ! grep -q "rax: [0-9a-f]\{16\}" "$log"; then
        fail "$name" "no register dump" "$log"
    elif ! grep -q "\] start_xen+0x[0-9a-f]*/0x" "$log" ||
         ! grep -q "\] multiboot_entry+0x" "$log"; then
        fail "$name" "backtrace not symbolized" "$log"
    elif ! grep -q "Restarting" "$log"; then
        fail "$name" "no restart after the panic" "$log"
    else
        pass "$name"
    fi
}

# Running off the end of the stack must hit the guard page below it and
# end in a double-fault report on the #DF stack, not in silent damage.
t_overflow() {
    name="boot-mb1 stack overflow caught by the guard page"
    log=$OUT/boot-overflow.log
    boot_to_crash "$log" boot_overflow_test
    status=$?
    if [ $status = 124 ]; then
        fail "$name" "did not restart after the overflow" "$log"
    elif ! grep -q "FATAL TRAP: vector 8 (double fault)" "$log" ||
         ! grep -q "fatal trap 8 in hypervisor context" "$log"; then
        fail "$name" "no double-fault report" "$log"
    elif ! grep -q "Restarting" "$log"; then
        fail "$name" "no restart after the report" "$log"
    else
        pass "$name"
    fi
}

# GRUB's Multiboot2 under a BIOS, with the header's framebuffer request
# (console flags: EGA text accepted; framebuffer: any geometry): the
# display must stay in text mode and dom0 get the VGA text console info
# agreeing with the BIOS data area (the PV test kernel dom0-console).
t_mb2_console() {
    name="boot-mb2 dom0 console stays VGA text (GRUB, BIOS)"
    log=$OUT/boot-mb2-console.log iso=$OUT/boot-mb2-console.iso
    kernel=$TOP/tests/pv/build/dom0-console.elf
    if [ ! -f "$kernel" ]; then
        skip "$name" "tests/pv/build/dom0-console.elf is not built"; return
    fi
    if ! "$TOP/scripts/mkiso.sh" "$iso" "console=com1 com1=115200,8n1" \
            "$kernel" "pvtest.hv=ours" 2>"$log.mkiso"; then
        fail "$name" "could not build the GRUB ISO" "$log.mkiso"; return
    fi
    rm -f "$log"
    run_qemu "$TIMEOUT" "$log" -machine q35 -cpu qemu64 -smp 2 -m 512 \
        -boot d -cdrom "$iso"
    if ! grep -aq "Bootloader: GRUB" "$log"; then
        fail "$name" "not entered through GRUB" "$log"
    elif grep -aq "Test result: SUCCESS" "$log"; then
        pass "$name"
    else
        fail "$name" "$(grep -a 'Test result' "$log" | head -n 1 || echo 'no result')" "$log"
    fi
}

t_mb1_1() { boot mb1 1 512; }
t_mb1_2() { boot mb1 2 512; }
t_mb1_4() { boot mb1 4 512; }
t_mb1_3g() { boot mb1 2 3072; }
# The self-test checks W^X everywhere, and here that SMEP is on.
t_mb1_smep() { boot mb1 2 512 qemu64,+smep,+smap; }
t_mb2_1() { boot mb2 1 512; }
t_mb2_2() { boot mb2 2 512; }
t_mb2_4() { boot mb2 4 512; }
t_mb2_3g() { boot mb2 2 3072; }

if [ ! -f "$TOP/xen/xen" ]; then
    fail "boot" "xen/xen is not built"; exit 1
fi
if ! "$TOP/scripts/mkiso.sh" "$ISO" "$ARGS"; then
    fail "boot-mb2 iso" "could not build the GRUB ISO"
    parallel_run t_mb1_1 t_mb1_2 t_mb1_4 t_mb1_3g
    exit 1
fi
if [ $# -gt 0 ]; then
    parallel_run "$@"
else
    parallel_run t_mb1_1 t_mb1_2 t_mb1_4 t_mb1_3g t_mb1_smep t_mb2_1 t_mb2_2 \
        t_mb2_4 t_mb2_3g t_crash t_overflow t_mb2_console
fi
