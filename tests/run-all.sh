#!/bin/sh
# Run every test group and print the closing summary line.
# usage: tests/run-all.sh [group ...]   (groups: unit abi boot pv pv-xen hvm
#   hvm-xen vmx linux pvh; pvh-xen, the PVH toolstack test on Xen 4.17, is
#   left to `make test-xen` for time)
# Each group prints PASS:/FAIL:/SKIP: lines; a group that exits non-zero
# without printing a FAIL line counts as one failure of its own.
cd "$(dirname "$0")/.." || exit 1
OUT=${OUT:-$PWD/tests/out}
export OUT
mkdir -p "$OUT"

group_cmds() {
    case $1 in
    unit)   for t in tests/unit/run-*.sh; do echo "sh $t"; done ;;
    abi)    echo "sh guest-pv/include/check-headers.sh" ;;
    boot)   echo "sh tests/boot/run.sh"; echo "sh tests/boot/run-demo.sh"
            echo "sh tests/boot/run-efi.sh" ;;
    pv)     [ -x tests/pv/run.sh ] && echo "sh tests/pv/run.sh --hv ours" ;;
    pv-xen) [ -x tests/pv/run.sh ] && echo "sh tests/pv/run.sh --hv xen" ;;
    hvm)    [ -x tests/hvm/run.sh ] && echo "sh tests/hvm/run.sh --hv ours" ;;
    hvm-xen) [ -x tests/hvm/run.sh ] && echo "sh tests/hvm/run.sh --hv xen" ;;
    vmx)    echo "sh tests/hvm/run-vmx.sh" ;;
    pvh)    echo "env TOOLSTACK_HV=ours sh tests/boot/run-toolstack-pvh.sh" ;;
    pvh-xen) echo "env TOOLSTACK_HV=xen sh tests/boot/run-toolstack-pvh.sh" ;;
    linux)  echo "sh tests/boot/run-linux.sh"
            echo "sh tests/boot/run-linux-pvh-dom0.sh"
            echo "sh tests/boot/run-toolstack.sh"
            echo "sh tests/boot/run-xentools.sh"
            echo "sh tests/boot/run-dom0-dmesg.sh"
            echo "sh tests/boot/run-dom0-devices.sh" ;;
    *)      echo "false unknown-group-$1" ;;
    esac
}

groups=${*:-unit abi boot pv pv-xen hvm hvm-xen vmx linux pvh}
all=$OUT/all-results.txt
: > "$all"
for g in $groups; do
    group_cmds "$g" | while read -r cmd; do
        echo "== $cmd"
        res=$OUT/res.$$
        $cmd > "$res" 2>&1
        status=$?
        cat "$res"
        grep -E '^(PASS|FAIL|SKIP): ' "$res" >> "$all"
        if [ $status != 0 ] && ! grep -q '^FAIL: ' "$res"; then
            echo "FAIL: $cmd: exited with status $status"
            echo "FAIL: $cmd: exited with status $status" >> "$all"
        fi
        rm -f "$res"
    done
done

passed=$(grep -c '^PASS: ' "$all")
failed=$(grep -c '^FAIL: ' "$all")
skipped=$(grep -c '^SKIP: ' "$all")
if [ "$failed" != 0 ]; then
    echo "Failed tests:"
    grep '^FAIL: ' "$all" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
