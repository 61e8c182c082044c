#!/bin/bash
# run.sh - boot each PV test kernel as dom0 under QEMU and report.
#
#   tests/pv/run.sh --hv xen|ours [--suite pv|hvm] [--emu qemu|bochs] [--timeout S] [--jobs N] [--no-build] [test ...]
#
# --suite hvm (tests/hvm/run.sh) runs the PVH kernels of tests/hvm/ instead:
# dom0=pvh on both hypervisors (Xen 4.17 also gets dom0-iommu=none, as it
# needs under QEMU), QEMU's CPU qemu64,+svm,+npt, labels hvm-<hv>.
#
# --emu bochs (tests/hvm/run-vmx.sh) boots the same command line and
# modules from a GRUB ISO in Bochs 2.7 instead (CPU corei7_skylake_x:
# Intel VMX with EPT, unrestricted guest and VPIDs, which QEMU's TCG does
# not have), one run at a time; the serial log is read the same way and
# the timeout ends a run that hangs.  pvtest-qemu and pvtest-cpu do not
# apply there; pvtest-smp sets Bochs' CPU count.  Labels: <suite>-vmx-<hv>.
#
# --hv xen boots Debian's Xen 4.17 (the oracle, see scripts/fetch-xen.sh);
# --hv ours boots this project's xen/xen.  Each test kernel is the first
# Multiboot module (dom0).  The serial log is watched and the run ends as
# soon as the "Test result:" line shows up (Xen halts instead of powering
# off when dom0 shuts down, so QEMU is killed rather than waited for), or
# at the timeout, which counts as a failure.
#
# Output, one line per test (read by the project's summary script):
#   PASS: pv-<hv> <test>
#   FAIL: pv-<hv> <test>: <reason>      followed by the log's last lines,
#                                       each indented by four spaces
#   SKIP: pv-<hv> <test>: <reason>
# and a closing "pv-<hv>: N passed, N failed, N skipped".
# Logs: tests/out/pv-<hv>/<test>.log.  Exit status 0 only if nothing failed.
#
# A test source may carry, in a comment, lines such as
#   pvtest-cmdline: word=value      extra words for the dom0 command line
#   pvtest-module: path [args]      an extra boot module (dom0's initrd)
#   pvtest-domU: spec path [args]   a boot-time domU (ours only): spec is
#                                   the value of the hypervisor's domU=
#                                   option, path its kernel ("self": the
#                                   test's own kernel), args its command line
#   pvtest-hv: word=value           extra words for the hypervisor's line
#   pvtest-smp: N                   QEMU CPUs (default 2)
#   pvtest-qemu: ARGS               extra QEMU arguments (devices)
#   pvtest-disk: SIG IF             a 1 MiB disk on QEMU's interface IF
#                                   (ide, virtio...), its MBR carrying the
#                                   32-bit disk signature SIG (hex, 0: no
#                                   MBR at all); one line per disk, in order
#   pvtest-cpu: MODEL               QEMU's -cpu for this test (default
#                                   qemu64,+smep,+smap, see below)
#   pvtest-timeout: S               this test's timeout, if longer than
#                                   --timeout (long runs on a busy host)
#   pvtest-crash: REGEX             the kernel is meant to be crashed by
#                                   the hypervisor: PASS once a log line
#                                   matches REGEX (grep -E) after the
#                                   kernel's "Test crash point" line, with
#                                   no result line and no "Panic"
#   pvtest-ours-only: REASON        SKIP on Xen 4.17 with this reason (a
#                                   known, documented difference)
#   pvtest-bochs-skip: REASON       SKIP under --emu bochs (a run that
#                                   cannot finish there, say billions of
#                                   TSC cycles of spinning)
#   pvtest-domU-result: none        the domUs print no result of their
#                                   own (spinners that dom0 measures or
#                                   destroys); without it every domU must
#                                   print "Test result: SUCCESS"
# QEMU's CPU is qemu64 with SMEP and SMAP (pvtest-cpu, or PV_QEMU_CPU for
# a whole run, overrides it), so every hypercall path runs with ring 0
# fenced off guest pages on both hypervisors.
# Paths are relative to the repository root.  A test with domUs is
# skipped on Xen 4.17, which cannot start domUs at boot on x86.  The
# domUs' console lines come prefixed "(d<id>) " (after the hypervisor's
# own "(XEN) ").  dom0's result line decides, and with domUs each must
# also have printed SUCCESS: a domU that fails or prints no result fails
# the test.
#
# The environment may add words: PV_HV_ARGS_EXTRA to the hypervisor's
# command line, PV_CMDLINE_EXTRA to dom0's and PV_DOMU_ARGS_EXTRA to every
# domU's (both ahead of the test's own words, so they win where a kernel
# takes the first of two; tests/pv/fuzz.sh uses them for seeds).

# The project's test driver starts us with `sh`; the rest needs bash.
if [ -z "${BASH_VERSION:-}" ]; then
    exec bash "$0" "$@"
fi

set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=pv

HV=
EMU=qemu
TIMEOUT=
JOBS=2
BUILD_FIRST=1
TESTS=()

usage()
{
    sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
        --hv) HV=${2:-}; shift 2 ;;
        --suite) SUITE=${2:-}; shift 2 ;;
        --suite=*) SUITE=${1#--suite=}; shift ;;
        --emu) EMU=${2:-}; shift 2 ;;
        --emu=*) EMU=${1#--emu=}; shift ;;
        --hv=*) HV=${1#--hv=}; shift ;;
        --timeout) TIMEOUT=${2:-}; shift 2 ;;
        --timeout=*) TIMEOUT=${1#--timeout=}; shift ;;
        --jobs) JOBS=${2:-}; shift 2 ;;
        --jobs=*) JOBS=${1#--jobs=}; shift ;;
        --no-build) BUILD_FIRST=0; shift ;;
        -h|--help) usage ;;
        -*) echo "run.sh: unknown option $1" >&2; usage ;;
        *) TESTS+=("$1"); shift ;;
    esac
done

case $HV in
    xen|ours) ;;
    *) echo "run.sh: --hv xen|ours is required" >&2; usage ;;
esac
case $SUITE in
    pv|hvm) ;;
    *) echo "run.sh: --suite pv|hvm" >&2; usage ;;
esac
# Bochs needs 10-30 s for a run that takes QEMU one.
[ -n "$TIMEOUT" ] || { [ "$EMU" = bochs ] && TIMEOUT=120 || TIMEOUT=30; }
case $EMU in
    qemu) LABEL=$SUITE; EMU_NAME=QEMU ;;
    bochs) LABEL=$SUITE-vmx; EMU_NAME=Bochs; JOBS=1 ;;  # one at a time: CPU-heavy
    *) echo "run.sh: --emu qemu|bochs" >&2; usage ;;
esac
TESTS_DIR=$ROOT/tests/$SUITE
BUILD=$TESTS_DIR/build

# tests/run-all.sh exports OUT (the shared output folder); honour it.
OUT=${OUT:-$ROOT/tests/out}/$LABEL-$HV
mkdir -p "$OUT"

if [ ${#TESTS[@]} -eq 0 ]; then
    for src in "$TESTS_DIR"/*.c; do
        [ -e "$src" ] || continue
        TESTS+=("$(basename "$src" .c)")
    done
fi

if [ "$BUILD_FIRST" = 1 ]; then
    # PVH tests may run PV kernels as their domUs, and PV tests PVH ones.
    other=pv
    [ "$SUITE" = pv ] && other=hvm
    if [ -d "$ROOT/tests/$other" ] &&
       ! make -s -C "$ROOT/tests/$other" >"$OUT/build-$other.log" 2>&1; then
        echo "run.sh: building the $other test kernels failed" >&2
    fi
    if ! make -s -C "$TESTS_DIR" >"$OUT/build.log" 2>&1; then
        echo "run.sh: building the test kernels failed:" >&2
        tail -n 20 "$OUT/build.log" | sed 's/^/    /' >&2
    fi
fi

# Pick the hypervisor image and its command line.
case $HV in
    xen)
        HV_IMAGE=$("$ROOT/scripts/fetch-xen.sh") || HV_IMAGE=
        HV_ARGS="console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all dom0_mem=64M"
        ;;
    ours)
        HV_IMAGE=$ROOT/xen/xen
        HV_ARGS="console=com1 com1=115200,8n1 loglvl=all"
        ;;
esac
HV_ARGS="$HV_ARGS ${PV_HV_ARGS_EXTRA:-}"
DEFAULT_CPU=qemu64,+smep,+smap
if [ "$SUITE" = hvm ]; then
    HV_ARGS="$HV_ARGS dom0=pvh"
    [ "$HV" = xen ] && HV_ARGS="$HV_ARGS dom0-iommu=none"
    DEFAULT_CPU=qemu64,+svm,+npt
fi

# Print a whole result block with one write so parallel jobs don't mix.
emit()
{
    printf '%s\n' "$1"
}

# The log's tail, indented, for FAIL reports.
log_tail()
{
    if [ -s "$1" ]; then
        tail -n 15 "$1" | tr -d '\r' | sed 's/^/    /'
    else
        echo "    (empty log)"
    fi
}

# The first result line of a log, without any console prefix such as
# "(d0) " that a hypervisor may put in front of guest output.  Only a
# complete line counts: one whose newline is in the log (the byte right
# after what grep saw), or any line once QEMU has ended (\$2 = 1).  A
# line still being written would otherwise be judged by its first half.
result_line()
{
    local LC_ALL=C hit off text
    hit=$(grep -a -b -m 1 -E '^(\(d0\) |\(XEN\) )?Test result: ' "$1" \
          2>/dev/null) || return 0
    off=${hit%%:*}
    text=${hit#*:}
    if [ "${2:-0}" != 1 ] &&
       [ "$(tail -c +$((off + ${#text} + 1)) "$1" | head -c 1 | od -An -c |
            tr -d ' ')" != '\n' ]; then
        return 0
    fi
    printf '%s\n' "$text" | tr -d '\r' | sed 's/^.*Test result: /Test result: /'
}

# The domUs' result lines, "(d<id>) Test result: ...", whatever prefix
# the hypervisor puts in front (ours: "(XEN) ").
domu_results()
{
    grep -a -E '^(\(XEN\) )?\(d[1-9][0-9]*\) Test result: ' "$1" 2>/dev/null |
        tr -d '\r' | sed 's/^(XEN) //'
}

# Why the domUs fail the test, if they do: the first result that is not
# SUCCESS, or fewer results than the $2 domUs expected to report.
domu_failure()
{
    local bad n

    bad=$(domu_results "$1" | grep -v 'Test result: SUCCESS$' | head -n 1)
    if [ -n "$bad" ]; then
        echo "$bad"
        return
    fi
    n=$(domu_results "$1" | sed 's/ .*//' | sort -u | wc -l)
    [ "$n" -ge "$2" ] || echo "$(( $2 - n )) of $2 domUs printed no result"
}

# Values of "pvtest-<key>:" comment lines in a test source.
source_directive()
{
    sed -n "s/^[ /*#]*pvtest-$2:[[:space:]]*//p" "$1"
}

# The QEMU options for test $1's pvtest-disk lines (source $2): each disk
# a fresh image in $OUT whose sector 0 ends in 55 AA and has the signature
# at 0x1b8 (little endian), or is all zeros for signature 0.
disk_options()
{
    local t=$1 n=0 sig bus img b
    while read -r sig bus; do
        [ -n "$sig" ] || continue
        img=$OUT/$t.disk$n.img
        rm -f "$img"
        truncate -s 1M "$img" || return 1
        if [ $((sig)) -ne 0 ]; then
            b=$(printf '%08x' $((sig)))
            printf "\\x${b:6:2}\\x${b:4:2}\\x${b:2:2}\\x${b:0:2}" |
                dd of="$img" bs=1 seek=$((0x1b8)) conv=notrunc status=none
            printf '\x55\xaa' |
                dd of="$img" bs=1 seek=$((0x1fe)) conv=notrunc status=none
        fi
        printf ' -drive file=%s,format=raw,if=%s,snapshot=on' "$img" "$bus"
        n=$((n + 1))
    done < <(source_directive "$2" disk)
}

# Did a line matching $2 come after the kernel's "Test crash point"?
crash_seen()
{
    local point hit
    point=$(grep -a -n -m 1 'Test crash point' "$1" 2>/dev/null | cut -d: -f1)
    [ -n "$point" ] || return 1
    hit=$(tail -n +"$point" "$1" | grep -a -c -E "$2")
    [ "$hit" -gt 0 ]
}

# Bochs (--emu bochs): a GRUB ISO with the hypervisor and the modules of
# a "path args,path args" list, booted from Bochs' BIOS; COM1 goes to the
# log.  Sets BOCHS_PID.  The debugger Debian's build has is told to
# continue at once (-rc); stdin is not a terminal.
bochs_start()
{
    local t=$1 log=$2 args=$3 mods=$4 smp=$5 dir=$OUT/$1.bochs m i=0
    local IFS_SAVE=$IFS bad_msrs=0

    # Xen 4.17 touches MSRs Bochs does not model (MISC_ENABLE...) and
    # takes the #GP at boot: let Bochs ignore them for Xen only.
    [ "$HV" = xen ] && bad_msrs=1

    rm -rf "$dir"
    mkdir -p "$dir/iso/boot/grub"
    cp "$HV_IMAGE" "$dir/iso/boot/hv"
    {
        echo "set timeout=0"
        echo "set default=0"
        echo "menuentry test {"
        echo "    multiboot /boot/hv $args"
        IFS=,
        for m in $mods; do
            IFS=$IFS_SAVE
            cp "${m%% *}" "$dir/iso/boot/m$i"
            echo "    module /boot/m$i ${m#* }"
            i=$((i + 1))
        done
        IFS=$IFS_SAVE
        echo "    boot"
        echo "}"
    } > "$dir/iso/boot/grub/grub.cfg"
    local iso_ok=1
    grub-mkrescue -d /usr/lib/grub/i386-pc -o "$dir/test.iso" "$dir/iso" \
        >"$dir/mkrescue.log" 2>&1 || iso_ok=0
    printf 'c\nquit\n' > "$dir/dbg.rc"
    cat > "$dir/bochsrc" <<EOF2
memory: guest=512, host=512
cpu: model=corei7_skylake_x, count=$smp, ips=${BOCHS_IPS:-20000000}, reset_on_triple_fault=0, ignore_bad_msrs=${BOCHS_IGNORE_BAD_MSRS:-$bad_msrs}
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/bochs/VGABIOS-lgpl-latest
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=cdrom, path=$dir/test.iso, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$log
port_e9_hack: enabled=1
display_library: rfb, options="timeout=0"
log: $dir/bochs.log
panic: action=fatal
error: action=report
info: action=report
debug: action=ignore
clock: sync=none, time0=local
speaker: enabled=0
EOF2
    : > "$log"
    [ $iso_ok = 1 ] || echo "run.sh: grub-mkrescue failed: $dir/mkrescue.log" >> "$log"
    bochs-bin -q -f "$dir/bochsrc" -rc "$dir/dbg.rc" </dev/null \
        >"$dir/stdout.log" 2>&1 &
    BOCHS_PID=$!
}

# Run one test; writes its verdict to $OUT/<test>.result and prints it.
run_one()
{
    local t=$1 src=$TESTS_DIR/$1.c elf=$BUILD/$1.elf
    local log=$OUT/$1.log res=$OUT/$1.result
    local cmdline modules qpid start now line verdict status

    rm -f "$log" "$res"
    if [ ! -f "$elf" ]; then
        emit "FAIL: $LABEL-$HV $t: $elf not built" | tee "$res"
        return
    fi

    cmdline="pvtest.hv=$HV ${PV_CMDLINE_EXTRA:-}"
    if [ -f "$src" ]; then
        cmdline="$cmdline $(source_directive "$src" cmdline | tr '\n' ' ')"
    fi
    # Module strings are "path args"; QEMU separates modules with commas.
    modules="$elf ${cmdline% }"
    local hv_args=$HV_ARGS smp=2 spec kpath kargs timeout=$TIMEOUT t_src
    local domus=0 domu_wait cpu= qemu_extra=
    if [ -f "$src" ]; then
        while IFS= read -r line; do
            [ -n "$line" ] && modules="$modules,$ROOT/$line"
        done < <(source_directive "$src" module)
        if [ "$HV" = xen ] && [ -n "$(source_directive "$src" ours-only)" ]; then
            emit "SKIP: $LABEL-xen $t: $(source_directive "$src" ours-only | head -n 1)" | tee "$res"
            return
        fi
        if [ "$EMU" = bochs ] && [ -n "$(source_directive "$src" bochs-skip)" ]; then
            emit "SKIP: $LABEL-$HV $t: $(source_directive "$src" bochs-skip | head -n 1)" | tee "$res"
            return
        fi
        cpu=$(source_directive "$src" cpu | head -n 1)
        smp=$(source_directive "$src" smp | head -n 1)
        smp=${smp:-2}
        # Bochs: one CPU unless the test asks (each one costs real time).
        if [ "$EMU" = bochs ] && [ -z "$(source_directive "$src" smp)" ]; then
            smp=${BOCHS_SMP:-1}
        fi
        qemu_extra=$(source_directive "$src" qemu | tr '\n' ' ')
        qemu_extra="$qemu_extra $(disk_options "$t" "$src")"
        t_src=$(source_directive "$src" timeout | head -n 1)
        [ -n "$t_src" ] && [ "$t_src" -gt "$timeout" ] && timeout=$t_src
        hv_args="$hv_args $(source_directive "$src" hv | tr '\n' ' ')"
        while read -r spec kpath kargs; do
            [ -n "$spec" ] || continue
            if [ "$HV" = xen ]; then
                emit "SKIP: $LABEL-xen $t: boot-time domUs are ours only" | tee "$res"
                return
            fi
            [ "$kpath" = self ] && kpath=$elf || kpath=$ROOT/$kpath
            hv_args="$hv_args domU=$spec"
            modules="$modules,$kpath pvtest.hv=$HV ${PV_DOMU_ARGS_EXTRA:-} ${kargs:-}"
            domus=$((domus + 1))
        done < <(source_directive "$src" domU)
        [ "$(source_directive "$src" domU-result)" = none ] && domus=0
    fi

    start=$(date +%s%N)
    if [ "$EMU" = bochs ]; then
        bochs_start "$t" "$log" "$hv_args" "$modules" "$smp"
        qpid=$BOCHS_PID
    else
    qemu-system-x86_64 -machine q35 -cpu "${PV_QEMU_CPU:-${cpu:-$DEFAULT_CPU}}" -m 512 -smp "$smp" \
        -nographic -monitor none -no-reboot -net none \
        -serial "file:$log" \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 $qemu_extra \
        -kernel "$HV_IMAGE" -append "$hv_args" -initrd "$modules" \
        </dev/null >"$OUT/$t.qemu.log" 2>&1 &
    qpid=$!
    fi

    verdict=
    local crash_re=
    [ -f "$src" ] && crash_re=$(source_directive "$src" crash | head -n 1)
    while [ -n "$crash_re" ]; do
        line=$(result_line "$log")
        if [ -n "$line" ]; then
            verdict="FAIL: $LABEL-$HV $t: not crashed: $line"
        elif grep -a -q 'Panic' "$log" 2>/dev/null; then
            verdict="FAIL: $LABEL-$HV $t: the hypervisor panicked"
        elif crash_seen "$log" "$crash_re"; then
            verdict="PASS: $LABEL-$HV $t"
        elif ! kill -0 "$qpid" 2>/dev/null; then
            verdict="FAIL: $LABEL-$HV $t: $EMU_NAME exited without the crash report"
        elif [ $(( ($(date +%s%N) - start) / 1000000 )) -ge $(( timeout * 1000 )) ]; then
            verdict="FAIL: $LABEL-$HV $t: timeout after ${timeout}s without the crash report"
        fi
        [ -n "$verdict" ] && break
        sleep 0.1
    done
    while [ -z "$crash_re" ]; do
        line=$(result_line "$log")
        if [ -n "$line" ]; then
            break
        fi
        if ! kill -0 "$qpid" 2>/dev/null; then
            wait "$qpid"
            status=$?
            # The line may have come just before QEMU ended.
            line=$(result_line "$log" 1)
            [ -n "$line" ] && break
            verdict="FAIL: $LABEL-$HV $t: $EMU_NAME exited (status $status) without a result"
            break
        fi
        now=$(date +%s%N)
        if [ $(( (now - start) / 1000000 )) -ge $(( timeout * 1000 )) ]; then
            verdict="FAIL: $LABEL-$HV $t: timeout after ${timeout}s without a result"
            break
        fi
        sleep 0.1
    done
    now=$(date +%s%N)
    echo "$(( (now - start) / 1000000 )) ms" > "$OUT/$t.time"

    # dom0 usually waits for its domUs, but give a late one a moment.
    domu_wait=0
    while [ -z "$verdict" ] && [ -n "$(domu_failure "$log" "$domus")" ] &&
          [ $domu_wait -lt 30 ] && kill -0 "$qpid" 2>/dev/null; do
        sleep 0.1
        domu_wait=$((domu_wait + 1))
    done

    if kill -0 "$qpid" 2>/dev/null; then
        # Let the rest of the result line reach the log, then stop QEMU.
        sleep 0.2
        kill "$qpid" 2>/dev/null
        wait "$qpid" 2>/dev/null
        line=$(result_line "$log" 1)
    fi

    if [ -z "$verdict" ] && [ -n "$(domu_failure "$log" "$domus")" ]; then
        verdict="FAIL: $LABEL-$HV $t: $(domu_failure "$log" "$domus")"
    fi
    if [ -z "$verdict" ]; then
        case $line in
            "Test result: SUCCESS")
                verdict="PASS: $LABEL-$HV $t" ;;
            "Test result: SKIP ("*")")
                line=${line#Test result: SKIP (}
                verdict="SKIP: $LABEL-$HV $t: ${line%)}" ;;
            *)
                verdict="FAIL: $LABEL-$HV $t: ${line#Test result: }" ;;
        esac
    fi

    echo "$verdict" > "$res"
    case $verdict in
        FAIL:*) emit "$verdict"$'\n'"$(log_tail "$log")" ;;
        *) emit "$verdict" ;;
    esac
}

if [ -z "$HV_IMAGE" ] || [ ! -f "$HV_IMAGE" ]; then
    for t in "${TESTS[@]}"; do
        if [ "$HV" = ours ]; then
            emit "SKIP: $LABEL-ours $t: xen/xen not built"
        else
            emit "FAIL: $LABEL-xen $t: no Xen 4.17 image (scripts/fetch-xen.sh failed)"
        fi
    done
    [ "$HV" = ours ] && echo "$LABEL-ours: 0 passed, 0 failed, ${#TESTS[@]} skipped"
    [ "$HV" = ours ] && exit 0
    echo "$LABEL-xen: 0 passed, ${#TESTS[@]} failed, 0 skipped"
    exit 1
fi

# At most $JOBS QEMUs at once (the machine has two cores).
running=0
for t in "${TESTS[@]}"; do
    if [ "$running" -ge "$JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
    run_one "$t" &
    running=$((running + 1))
done
wait

pass=0 fail=0 skip=0
for t in "${TESTS[@]}"; do
    case $(cat "$OUT/$t.result" 2>/dev/null) in
        PASS:*) pass=$((pass + 1)) ;;
        SKIP:*) skip=$((skip + 1)) ;;
        *) fail=$((fail + 1)) ;;
    esac
done
echo "$LABEL-$HV: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
