#!/bin/sh
# Build and run the event-channel unit tests (common/event_channel.c,
# event_2l.c, event_fifo.c) on the host.  Run from anywhere; builds into
# build/tests/evtchn/.
# Prints "PASS: evtchn <case>" / "FAIL: evtchn <case>: <reason>" lines and
# exits 0 only if nothing failed.
#
# Also checks that the same sources compile with the hypervisor's flags.
# CC and EXTRA_CFLAGS may be overridden; SANITIZE=0 builds without
# AddressSanitizer/UBSan; ALLOC_TEST_VERBOSE=1 shows the hypervisor's printk.
# Arguments name test cases to run (all by default).

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/tests/evtchn"
CC=${CC:-gcc}
mkdir -p "$OUT"
cd "$ROOT" || exit 1

failed=0
fail() { echo "FAIL: evtchn $1: $2"; failed=1; }
errors() { grep -m 3 -E 'error|undefined' "$1" | tr '\n' ' '; }

SOURCES="event_channel event_2l event_fifo"

# 1. The real sources build as hypervisor code, debug and release.
HV_FLAGS="-ffreestanding -nostdinc -isystem $($CC -print-file-name=include)
  -I xen/include -I xen/arch/x86/include -I guest-pv/include -mno-red-zone
  -mno-sse -mgeneral-regs-only -mcmodel=kernel -fno-pic -fno-stack-protector
  -fno-omit-frame-pointer -O2 -Wall -Wextra -Werror -Wno-unused-parameter
  -std=gnu11"
for nd in "" "-DNDEBUG"; do
    for f in $SOURCES; do
        name="hv_build_$f${nd:+_ndebug}"
        # shellcheck disable=SC2086
        if $CC -c $HV_FLAGS $nd "xen/common/$f.c" -o "$OUT/hv-$f$nd.o" \
               2>"$OUT/$name.log"; then
            echo "PASS: evtchn $name"
        else
            fail "$name" "$(errors "$OUT/$name.log")"
        fi
    done
done

# 2. Host tests against the shim, with sanitizers if the compiler has them.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
if [ "${SANITIZE:-1}" = 0 ] ||
   ! echo 'int main(void){return 0;}' |
     $CC $SAN -x c - -o "$OUT/san-probe" 2>/dev/null ||
   ! "$OUT/san-probe"; then
    SAN=""
fi
CFLAGS="-std=gnu11 -g -O1 -fno-omit-frame-pointer -pthread $SAN
  -Wall -Wextra -Werror -Wno-unused-parameter
  -I tests/unit/evtchn-shim -I tests/unit/shim -I xen/include
  -I xen/arch/x86/include -I guest-pv/include ${EXTRA_CFLAGS:-}"
SRCS="tests/unit/harness.c tests/unit/shim/shim.c tests/unit/evtchn_shim.c
  tests/unit/test_evtchn.c"
for f in $SOURCES; do
    SRCS="$SRCS xen/common/$f.c"
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# shellcheck disable=SC2086
if $CC $CFLAGS $SRCS -o "$OUT/evtchn-tests" 2>"$OUT/build.log"; then
    "$OUT/evtchn-tests" "$@" || failed=1
else
    fail build "$(errors "$OUT/build.log")"
fi

exit $failed
