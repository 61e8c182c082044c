#!/bin/sh
# Build and run the HVM p2m unit tests (xen/arch/x86/hvm/p2m.c) on the host,
# on the allocator shim.  Run from anywhere; builds into build/tests/p2m/.
# Prints "PASS: p2m <case>" / "FAIL: p2m <case>: <reason>" lines and exits
# 0 only if nothing failed.  Also checks that p2m.c compiles with the
# hypervisor's flags.  CC and EXTRA_CFLAGS may be overridden; SANITIZE=0
# builds without AddressSanitizer/UBSan.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/tests/p2m"
CC=${CC:-gcc}
mkdir -p "$OUT"
cd "$ROOT" || exit 1

failed=0
fail() { echo "FAIL: p2m $1: $2"; failed=1; }
errors() { grep -m 3 -E 'error|undefined' "$1" | tr '\n' ' '; }

HV_FLAGS="-ffreestanding -nostdinc -isystem $($CC -print-file-name=include)
  -I xen/include -I xen/arch/x86/include -I guest-pv/include -mno-red-zone
  -mno-sse -mgeneral-regs-only -mcmodel=kernel -fno-pic -fno-stack-protector
  -fno-omit-frame-pointer -O2 -Wall -Wextra -Werror -Wno-unused-parameter
  -std=gnu11 -include xen/include/xen/hidden.h"
# shellcheck disable=SC2086
if $CC -c $HV_FLAGS xen/arch/x86/hvm/p2m.c -o "$OUT/hv-p2m.o" \
       2>"$OUT/hv_build.log"; then
    echo "PASS: p2m hv_build"
else
    fail hv_build "$(errors "$OUT/hv_build.log")"
fi

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
if [ "${SANITIZE:-1}" = 0 ] ||
   ! echo 'int main(void){return 0;}' |
     $CC $SAN -x c - -o "$OUT/san-probe" 2>/dev/null ||
   ! "$OUT/san-probe"; then
    SAN=""
fi
CFLAGS="-std=gnu11 -g -O1 -fno-omit-frame-pointer -pthread $SAN
  -Wall -Wextra -Werror -Wno-unused-parameter
  -I tests/unit/shim -I xen/include -I xen/arch/x86/include -I guest-pv/include
  ${EXTRA_CFLAGS:-}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# shellcheck disable=SC2086
if $CC $CFLAGS tests/unit/harness.c tests/unit/shim/shim.c \
       tests/unit/alloc_common.c xen/common/page_alloc.c xen/common/xmalloc.c \
       xen/arch/x86/hvm/p2m.c tests/unit/test_p2m.c \
       -o "$OUT/p2m-tests" 2>"$OUT/build.log"; then
    "$OUT/p2m-tests" "$@" || failed=1
else
    fail build "$(errors "$OUT/build.log")"
fi
exit $failed
