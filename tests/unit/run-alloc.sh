#!/bin/sh
# Build and run the allocator unit tests (page_alloc.c, xmalloc.c) on the
# host.  Run from anywhere; builds into build/tests/.
# Prints "PASS: alloc <case>" / "FAIL: alloc <case>: <reason>" lines and
# exits 0 only if nothing failed.
#
# Also checks that the same sources compile with the hypervisor's flags.
# CC and EXTRA_CFLAGS may be overridden; SANITIZE=0 builds without
# AddressSanitizer/UBSan; ALLOC_TEST_VERBOSE=1 shows the hypervisor's printk.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/tests/alloc"
CC=${CC:-gcc}
mkdir -p "$OUT"
cd "$ROOT" || exit 1

failed=0
fail() { echo "FAIL: alloc $1: $2"; failed=1; }
# First few diagnostics of a compiler log, on one line.
errors() { grep -m 3 -E 'error|undefined' "$1" | tr '\n' ' '; }

# 1. The real sources build as hypervisor code, debug and release.
HV_FLAGS="-ffreestanding -nostdinc -isystem $($CC -print-file-name=include)
  -I xen/include -I xen/arch/x86/include -mno-red-zone -mno-sse
  -mgeneral-regs-only -mcmodel=kernel -fno-pic -fno-stack-protector
  -fno-omit-frame-pointer -O2 -Wall -Wextra -Werror -Wno-unused-parameter
  -std=gnu11"
for nd in "" "-DNDEBUG"; do
    for f in page_alloc xmalloc; do
        name="hv_build_$f${nd:+_ndebug}"
        # shellcheck disable=SC2086
        if $CC -c $HV_FLAGS $nd "xen/common/$f.c" -o "$OUT/hv-$f$nd.o" \
               2>"$OUT/$name.log"; then
            echo "PASS: alloc $name"
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
  -I tests/unit/shim -I xen/include -I xen/arch/x86/include ${EXTRA_CFLAGS:-}"
COMMON="tests/unit/harness.c tests/unit/shim/shim.c tests/unit/alloc_common.c
  xen/common/page_alloc.c"

build() {   # build <binary> <sources...>
    bin=$1; shift
    # shellcheck disable=SC2086
    if ! $CC $CFLAGS "$@" -o "$OUT/$bin" 2>"$OUT/$bin.log"; then
        fail "build_$bin" "$(errors "$OUT/$bin.log")"
        return 1
    fi
}

# ASan needs to map its shadow; leaks are not what these tests are about.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# shellcheck disable=SC2086
if build alloc-tests $COMMON xen/common/xmalloc.c tests/unit/test_buddy.c \
         tests/unit/test_boot.c tests/unit/test_xmalloc.c \
         tests/unit/test_alloc_main.c; then
    "$OUT/alloc-tests" || failed=1
fi

exit $failed
