# Helpers shared by the test scripts (sourced, not run).
#
# Every test prints exactly one line: "PASS: <name>", "FAIL: <name>: <why>"
# (followed by indented log lines) or "SKIP: <name>: <why>".  The summary
# runner counts those lines.

TOP=$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)
OUT=${OUT:-$TOP/tests/out}
mkdir -p "$OUT"

pass() { echo "PASS: $1"; }
skip() { echo "SKIP: $1: $2"; }
# fail <name> <why> [log]: the last lines of the log help the reader.
fail() {
    echo "FAIL: $1: $2"
    if [ -n "$3" ] && [ -f "$3" ]; then
        tail -n 15 "$3" | sed 's/^/    /'
    fi
}

# run_qemu <timeout-seconds> <serial-log> <qemu args...>
# Runs QEMU headless with its serial port in the log; returns QEMU's exit
# status, or 124 if the timeout killed it.
run_qemu() {
    t=$1; log=$2; shift 2
    timeout --foreground -k 5 "$t" qemu-system-x86_64 -nographic -no-reboot \
        -net none -monitor none -serial "file:$log" "$@" \
        </dev/null >"$log.qemu" 2>&1
}

# Run shell functions as parallel jobs, at most $JOBS at once, printing
# their output in submission order.  usage: parallel_run fn1 fn2 ...
JOBS=${JOBS:-2}
parallel_run() {
    i=0
    for job in "$@"; do
        i=$((i + 1))
        ( $job > "$OUT/job.$$.$i" 2>&1 ) &
        while [ "$(jobs -p | wc -l)" -ge "$JOBS" ]; do sleep 0.2; done
    done
    wait
    i=0
    for job in "$@"; do
        i=$((i + 1))
        cat "$OUT/job.$$.$i"; rm -f "$OUT/job.$$.$i"
    done
}
