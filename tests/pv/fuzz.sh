#!/bin/bash
# fuzz.sh - long runs of the hypercall fuzzer (tests/pv/fuzz.c) on our
# hypervisor, one QEMU boot per seed.
#
#   tests/pv/fuzz.sh [--calls TOTAL] [--runs N] [--seed FIRST] [--serialise 0|1]
#
# TOTAL calls (default 1000000) are split over N runs (default 10) with the
# seeds FIRST, FIRST+1, ... (default: taken from the clock, printed).  Each
# run's serial log is kept as tests/out/fuzz/seed-<S>.log.  For every run
# one line: "seed S: PASS" or "seed S: FAIL <reason>", followed by the
# hypervisor's panic message if there was one.  Replay a seed with
#   tests/pv/fuzz.sh --seed S --runs 1 --calls C
# and narrow it down with fuzz.verbose (see docs/pv-tests.md, Fuzzing).
# Exit status: 0 only if every run passed.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CALLS=1000000
RUNS=10
SEED=$(( $(date +%s) % 1000000 ))
SERIALISE=0

while [ $# -gt 0 ]; do
    case $1 in
        --calls) CALLS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --serialise) SERIALISE=$2; shift 2 ;;
        *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done

PER_RUN=$(( (CALLS + RUNS - 1) / RUNS ))
# About 1500 calls a second under TCG on a busy host; leave room.
BUDGET=$(( PER_RUN / 500 + 60 ))
OUTDIR=$ROOT/tests/out/fuzz
mkdir -p "$OUTDIR"
make -s -C "$ROOT/xen" >/dev/null && make -s -C "$ROOT/tests/pv" >/dev/null || exit 1

echo "fuzz: $RUNS runs of $PER_RUN calls, seeds $SEED..$(( SEED + RUNS - 1 ))"
failed=0
for (( i = 0; i < RUNS; i++ )); do
    s=$(( SEED + i ))
    verdict=$(PV_DOMU_ARGS_EXTRA="fuzz.seed=$s fuzz.calls=$PER_RUN fuzz.serialise=$SERIALISE" \
              PV_CMDLINE_EXTRA="fuzz.budget=$BUDGET" \
              OUT="$OUTDIR/run" \
              bash "$ROOT/tests/pv/run.sh" --hv ours --jobs 1 --no-build \
                  --timeout $(( BUDGET + 60 )) fuzz | head -n 1)
    cp "$OUTDIR/run/pv-ours/fuzz.log" "$OUTDIR/seed-$s.log" 2>/dev/null
    case $verdict in
        PASS:*) echo "seed $s: PASS" ;;
        *)
            failed=$((failed + 1))
            echo "seed $s: FAIL ${verdict#*fuzz: }"
            grep -a -A2 -E 'Panic on CPU|unhandled exception|FAILURE|ERROR' \
                "$OUTDIR/seed-$s.log" | head -n 6 | sed 's/^/    /'
            ;;
    esac
done
echo "fuzz: $(( RUNS - failed )) of $RUNS runs passed (logs in tests/out/fuzz)"
[ "$failed" -eq 0 ]
