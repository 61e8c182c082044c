#!/bin/bash
# run.sh - `make bench`: boot the benchmark kernel (tests/bench/bench.c)
# on our hypervisor and on Xen 4.17 under the same QEMU command and print
# one table, benchmark by benchmark, with the ratio ours/Xen.
#
#   tests/bench/run.sh [--timeout S]
#
# Two boots per hypervisor: bench.mode=smp with -smp 2 (null hypercall,
# event round trip between two vCPUs, timer latency) and bench.mode=switch
# with -smp 1 (vCPU switch).  Both hypervisors get dom0_max_vcpus=2.
# A third boots the PVH kernel (tests/bench/hvm/bench-hvm.c) as dom0=pvh
# under -cpu qemu64,+svm,+npt: the HVM null hypercall and exit round trip.
# Then the boot-time rows (tests/bench/boot-time.sh): QEMU start to the
# first domain's first console line, and to Debian's Linux dom0's
# userspace, each the median of three boots per hypervisor.
# Benchmarks report; this script exits 0 whatever happens, printing n/a
# and the reason for a value it could not get.  Logs: tests/out/bench/.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/tests/out}/bench
TIMEOUT=120
[ "${1:-}" = --timeout ] && TIMEOUT=${2:-120}
mkdir -p "$OUT"

ELF=$ROOT/tests/bench/build/bench.elf
HVM_ELF=$ROOT/tests/bench/hvm/build/bench-hvm.elf
if ! make -s -f "$ROOT/tests/pv/Makefile" TESTS_DIR="$ROOT/tests/bench" \
        >"$OUT/build.log" 2>&1; then
    echo "bench: building the benchmark kernel failed (see $OUT/build.log)"
fi
if ! make -s -f "$ROOT/tests/hvm/Makefile" TESTS_DIR="$ROOT/tests/bench/hvm" \
        >"$OUT/build-hvm.log" 2>&1; then
    echo "bench: building the PVH benchmark kernel failed (see $OUT/build-hvm.log)"
fi

hv_image()
{
    case $1 in
        ours) echo "$ROOT/xen/xen" ;;
        xen) "$ROOT/scripts/fetch-xen.sh" 2>/dev/null ;;
    esac
}

hv_args()
{
    case $1 in
        ours) echo "console=com1 com1=115200,8n1 dom0_max_vcpus=2" ;;
        xen) echo "console=com1 com1=115200,8n1 dom0_mem=64M dom0_max_vcpus=2" ;;
    esac
}

# boot HV MODE SMP: run one boot, leaving its log in $OUT/HV-MODE.log.
# MODE hvm boots the PVH kernel as dom0=pvh with SVM and nested paging.
boot()
{
    local hv=$1 mode=$2 smp=$3 log=$OUT/$1-$2.log image qpid waited=0
    local cpu=qemu64 args elf=$ELF
    args=$(hv_args "$hv")
    if [ "$mode" = hvm ]; then
        cpu=qemu64,+svm,+npt
        elf=$HVM_ELF
        args="$args dom0=pvh"
        [ "$hv" = xen ] && args="$args dom0-iommu=none"
    fi
    image=$(hv_image "$hv")
    rm -f "$log"
    if [ -z "$image" ] || [ ! -f "$image" ]; then
        echo "no hypervisor image" > "$log"
        return
    fi
    qemu-system-x86_64 -machine q35 -cpu "$cpu" -m 512 -smp "$smp" \
        -nographic -monitor none -no-reboot -net none -serial "file:$log" \
        -kernel "$image" -append "$args" \
        -initrd "$elf pvtest.hv=$hv bench.mode=$mode" \
        </dev/null >"$OUT/$hv-$mode.qemu.log" 2>&1 &
    qpid=$!
    while kill -0 "$qpid" 2>/dev/null &&
          ! grep -aq 'Test result:' "$log" 2>/dev/null; do
        sleep 0.5
        waited=$((waited + 1))
        [ $waited -ge $((TIMEOUT * 2)) ] && break
    done
    sleep 0.2
    kill "$qpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
}

# value HV MODE NAME: the number, or "n/a (why)".
value()
{
    local log=$OUT/$1-$2.log v why
    v=$(grep -a "^BENCH $3 " "$log" 2>/dev/null | tr -d '\r' | awk '{print $3}')
    if [ -n "$v" ]; then
        echo "$v"
        return
    fi
    why=$(grep -a "^BENCH-ERROR" "$log" 2>/dev/null | tr -d '\r' | head -n 1 |
          sed 's/^BENCH-ERROR //')
    [ -z "$why" ] && ! grep -aq 'Test result:' "$log" 2>/dev/null &&
        why="no result within ${TIMEOUT}s"
    echo "n/a (${why:-not reported})"
}

for hv in ours xen; do
    boot "$hv" smp 2
    boot "$hv" switch 1
    boot "$hv" hvm 1
done

printf '%-44s %14s %14s %9s\n' "benchmark (ns per operation)" "ours" "Xen 4.17" "ours/Xen"
for row in "null_hypercall smp null hypercall (xen_version)" \
           "event_round_trip smp event round trip, 2 vCPUs" \
           "timer_latency smp timer delivery latency" \
           "vcpu_switch switch vCPU switch (yield, 1 CPU)" \
           "hvm_null_hypercall hvm HVM null hypercall (vmmcall, SVM)" \
           "hvm_exit_round_trip hvm HVM exit round trip (CPUID, SVM)"; do
    set -- $row
    name=$1 mode=$2
    shift 2
    ours=$(value ours "$mode" "$name")
    xen=$(value xen "$mode" "$name")
    ratio=n/a
    case "$ours$xen" in
        *n/a*) ;;
        *) [ "$xen" -gt 0 ] && ratio=$(awk -v a="$ours" -v b="$xen" \
                                       'BEGIN { printf "%.2f", a / b }') ;;
    esac
    printf '%-44s %14s %14s %9s\n' "$*" "$ours" "$xen" "$ratio"
done
echo "(QEMU TCG, -m 512; logs in $OUT)"
echo
# Boot times: QEMU start to dom0's first line, and to Linux's userspace.
OUT=$(dirname "$OUT") bash "$ROOT/tests/bench/boot-time.sh" --timeout 150
echo "(QEMU TCG, -smp 2; logs in $OUT/boot-*.log)"
echo
# Domain creation from Linux dom0 with our toolstack.
OUT=$(dirname "$OUT") bash "$ROOT/tests/bench/domain-create.sh"
echo "(QEMU TCG, -smp 2 -m 1024, dom0_mem=320M; logs in $OUT/create-*.log)"
exit 0
