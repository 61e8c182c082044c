#!/bin/bash
# domain-create.sh - the domain-creation rows of `make bench`: Linux dom0
# with our toolstack (the initramfs of scripts/mkdom0-initramfs.sh, the
# QEMU command and dom0_mem of tests/boot/run-toolstack.sh) on our
# hypervisor and on Xen 4.17; inside dom0, scripts/dom0/bench-create
# times `xl create` / `xl destroy` of a PV test kernel and `xl create` of
# the example Linux domU to its first console line.  Each value is the
# median of RUNS rounds in one boot (milliseconds, 10 ms clock).  Always
# exits 0; a value it could not get is n/a.  Logs: tests/out/bench/.
#
#   tests/bench/domain-create.sh [--runs N] [--timeout S]

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/tests/out}/bench
RUNS=3
TIMEOUT=600
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=${2:-3}; shift 2 ;;
        --timeout) TIMEOUT=${2:-600}; shift 2 ;;
        *) shift ;;
    esac
done
mkdir -p "$OUT"

KARGS="console=hvc0 earlyprintk=xen rdinit=/init"
HV_ARGS="console=com1 com1=115200,8n1 dom0_mem=320M"

# wait_log LOG TEXT SECONDS PID: 0 once TEXT is in LOG.
wait_log()
{
    local n=0
    until grep -aq "$2" "$1" 2>/dev/null; do
        kill -0 "$4" 2>/dev/null && [ $n -lt $(($3 * 2)) ] || return 1
        sleep 0.5
        n=$((n + 1))
    done
}

# boot HV IMAGE: one boot, bench-create typed into dom0's shell; the
# serial log is $OUT/create-HV.log.
boot()
{
    local log=$OUT/create-$1.log fifo=$OUT/create-$1.in qpid
    rm -f "$log" "$fifo"
    mkfifo "$fifo"
    timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 -cpu qemu64 \
        -smp 2 -m 1024 -nographic -no-reboot -net none -monitor none \
        -serial stdio -kernel "$2" -append "$HV_ARGS" \
        -initrd "$VMLINUZ $KARGS,$INITRD" <"$fifo" >"$log" 2>&1 &
    qpid=$!
    exec 3>"$fifo"
    if wait_log "$log" "DOM0 SHELL READY" 180 "$qpid"; then
        sleep 1
        printf 'bench-create %d\n' "$RUNS" >&3
        wait_log "$log" "^bench-create: done" "$TIMEOUT" "$qpid"
        printf 'poweroff -f\n' >&3
        sleep 2
    fi
    exec 3>&-
    kill "$qpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
    rm -f "$fifo"
}

# value HV NAME: the median of that measurement, or n/a.
value()
{
    local v
    v=$(tr -d '\r' < "$OUT/create-$1.log" 2>/dev/null |
        awk -v k="$2" '$1 == "bench-create:" && $2 == k && $3 ~ /^[0-9]+$/ { print $3 }' |
        sort -n | awk '{ v[NR] = $1 } END { if ( NR ) print v[int((NR + 1) / 2)] }')
    echo "${v:-n/a}"
}

ratio()
{
    case "$1$2" in
        *n/a*) echo n/a ;;
        *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }' ;;
    esac
}

if ! files=$(sh "$ROOT/scripts/fetch-dom0-linux.sh" 2>"$OUT/create-fetch.log") ||
   ! make -s -C "$ROOT/tools" >"$OUT/create-build.log" 2>&1 ||
   ! make -s -C "$ROOT/tests/pv" "$ROOT/tests/pv/build/hello.elf" \
        >>"$OUT/create-build.log" 2>&1 ||
   ! INITRD=$(sh "$ROOT/scripts/mkdom0-initramfs.sh" 2>>"$OUT/create-build.log"); then
    echo "domain creation: n/a (no kernel, tools or initramfs; see $OUT/create-*.log)"
    exit 0
fi
VMLINUZ=$(echo "$files" | sed -n 1p)

boot ours "$ROOT/xen/xen"
if xen=$(sh "$ROOT/scripts/fetch-xen.sh" 2>/dev/null); then
    boot xen "$xen"
fi

printf '%-44s %14s %14s %9s\n' "domain creation (ms in dom0, median of $RUNS)" \
    "ours" "Xen 4.17" "ours/Xen"
for row in "pv-create xl create, PV test kernel (build)" \
           "pv-destroy xl destroy, PV test kernel" \
           "linux-first xl create to Linux domU's first line" \
           "linux-destroy xl destroy, Linux domU"; do
    set -- $row
    key=$1; shift
    o=$(value ours "$key") x=$(value xen "$key")
    printf '%-44s %14s %14s %9s\n' "$*" "$o" "$x" "$(ratio "$o" "$x")"
done
exit 0
