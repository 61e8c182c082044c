#!/bin/bash
# boot-time.sh - the boot-time rows of `make bench` (tests/bench/run.sh):
# from QEMU's start to a line on the serial console, on our hypervisor
# and on Xen 4.17 under the same QEMU command and hypervisor options.
#
#   tests/bench/boot-time.sh [--runs N] [--timeout S]
#
# Rows (milliseconds, the median of N runs, 3 by default):
#   first line   -m 1024 -smp 2, a PV test kernel (tests/pv/hello.c) as
#                dom0: QEMU start to its first console line ("--- pvtest:")
#   linux        -m 2048 -smp 2, Debian's Linux 6.1 as dom0 with
#                dom0_mem=512M and the busybox initramfs of
#                tests/boot/run-linux.sh: QEMU start to its userspace
#                ("BUSYBOX SHELL READY", printed by its /init)
# Lines are stamped as they come out of QEMU's serial stdio (bash's
# EPOCHREALTIME, no process per line).  A value that could not be
# measured shows as n/a with the reason; the script always exits 0.
# Logs: tests/out/bench/boot-<row>-<hv>-<run>.log, each line prefixed
# with its seconds since QEMU's start.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/tests/out}/bench
RUNS=3
TIMEOUT=150
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=${2:-3}; shift 2 ;;
        --timeout) TIMEOUT=${2:-150}; shift 2 ;;
        *) shift ;;
    esac
done
mkdir -p "$OUT"

HELLO=$ROOT/tests/pv/build/hello.elf
make -s -C "$ROOT/tests/pv" >"$OUT/boot-build.log" 2>&1

hv_image()
{
    case $1 in
        ours) echo "$ROOT/xen/xen" ;;
        xen) "$ROOT/scripts/fetch-xen.sh" 2>/dev/null ;;
    esac
}

# Microseconds since the epoch, from bash's EPOCHREALTIME.
now_us()
{
    local t=${EPOCHREALTIME/[.,]/}
    echo "$t"
}

# stamp START MARKER: copy stdin to stdout, each line prefixed with its
# seconds since START (us); stop after the line containing MARKER.
stamp()
{
    local start=$1 marker=$2 line t
    while IFS= read -r line; do
        t=$(( ${EPOCHREALTIME/[.,]/} - start ))
        printf '%d.%06d %s\n' $((t / 1000000)) $((t % 1000000)) "${line%$'\r'}"
        case $line in *"$marker"*) return 0 ;; esac
    done
    return 1
}

# boot_once LOG MARKER MEM HV-IMAGE HV-ARGS MODULES: milliseconds from
# QEMU's start to MARKER, or nothing.
boot_once()
{
    local log=$1 marker=$2 mem=$3 image=$4 args=$5 modules=$6 start fifo qpid
    fifo=$log.fifo
    rm -f "$fifo" "$log"
    mkfifo "$fifo"
    start=$(now_us)
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 -cpu qemu64 \
        -smp 2 -m "$mem" -nographic -monitor none -no-reboot -net none \
        -serial stdio -kernel "$image" -append "$args" -initrd "$modules" \
        </dev/null >"$fifo" 2>&1 &
    qpid=$!
    stamp "$start" "$marker" <"$fifo" >"$log"
    kill "$qpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
    rm -f "$fifo"
    grep -a -m 1 -F -e "$marker" "$log" |
        awk '{ split($1, t, "."); printf "%d\n", t[1] * 1000 + t[2] / 1000 }'
}

# median of the numbers on stdin (lower middle for an even count)
median()
{
    sort -n | awk '{ v[NR] = $1 } END { if ( NR ) print v[int((NR + 1) / 2)] }'
}

# row NAME HV MARKER MEM HV-ARGS MODULES: the median, or "n/a (why)".
row()
{
    local name=$1 hv=$2 marker=$3 mem=$4 args=$5 modules=$6 image ms i
    image=$(hv_image "$hv")
    if [ -z "$image" ] || [ ! -f "$image" ]; then
        echo "n/a (no $hv image)"
        return
    fi
    for i in $(seq 1 "$RUNS"); do
        boot_once "$OUT/boot-$name-$hv-$i.log" "$marker" "$mem" "$image" \
                  "$args" "$modules"
    done > "$OUT/boot-$name-$hv.ms"
    ms=$(median < "$OUT/boot-$name-$hv.ms")
    if [ -n "$ms" ]; then
        echo "$ms"
    else
        echo "n/a (no \"$marker\" within ${TIMEOUT}s)"
    fi
}

ratio()
{
    case "$1$2" in
        *n/a*) echo n/a ;;
        *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }' ;;
    esac
}

print_row()
{
    printf '%-44s %14s %14s %9s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"
}

HV_ARGS="console=com1 com1=115200,8n1"
printf '%-44s %14s %14s %9s\n' "boot (ms from QEMU start, median of $RUNS)" \
    "ours" "Xen 4.17" "ours/Xen"

if [ -f "$HELLO" ]; then
    ours=$(row first ours "--- pvtest:" 1024 "$HV_ARGS" "$HELLO pvtest.hv=ours")
    xen=$(row first xen "--- pvtest:" 1024 "$HV_ARGS" "$HELLO pvtest.hv=xen")
else
    ours="n/a (hello.elf not built)" xen=$ours
fi
print_row "first domain's first line (PV, -m 1024)" "$ours" "$xen"

if files=$(sh "$ROOT/scripts/fetch-dom0-linux.sh" 2>"$OUT/boot-fetch-linux.log"); then
    vmlinuz=$(echo "$files" | sed -n 1p)
    initrd=$(echo "$files" | sed -n 2p)
    mods="$vmlinuz console=hvc0 earlyprintk=xen rdinit=/init,$initrd"
    ours=$(row linux ours "BUSYBOX SHELL READY" 2048 "$HV_ARGS dom0_mem=512M" "$mods")
    xen=$(row linux xen "BUSYBOX SHELL READY" 2048 "$HV_ARGS dom0_mem=512M" "$mods")
else
    ours="n/a (no Debian kernel)" xen=$ours
fi
print_row "Linux dom0 to userspace (512M, -m 2048)" "$ours" "$xen"
exit 0
