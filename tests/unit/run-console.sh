#!/bin/sh
# The console daemon (tools/console): build xenconsoled with its own
# Makefile, then build tests/unit/test_console.c with the daemon's core,
# the fake backend, the attach loop and the store adapter over xt_store (with
# AddressSanitizer/UBSan when the compiler has them), start a sanitized
# tools/xenstored on a temporary socket for the cases that need a real
# store, and run every case.  Prints "PASS: console <case>" /
# "FAIL: console <case>: <reason>" and a summary; exits non-zero on
# failure.  Arguments name cases (all by default); SANITIZE=0 disables
# the sanitizers.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/tests/console"
CC=${CC:-gcc}
mkdir -p "$OUT"
cd "$ROOT" || exit 1

passed=0
failed=0
pass() { echo "PASS: console $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: console $1: $2"; failed=$((failed + 1)); }
finish() {
    echo "console: $passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit $?
}
errors() { grep -m 3 -E 'error|undefined' "$1" | tr '\n' ' '; }

# 1. The Makefile builds the daemon and the attach object.
if make -s -C tools/console >"$OUT/make.log" 2>&1; then
    pass make
else
    fail make "$(errors "$OUT/make.log")"
fi

# 2. Bad options are refused with the usage text, not a crash.
tools/console/xenconsoled -b 12x >"$OUT/usage.log" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q '^usage:' "$OUT/usage.log"; then
    pass usage
else
    fail usage "exit status $rc"
fi

# 3. Sanitized test program and xenstored.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
if [ "${SANITIZE:-1}" = 0 ] ||
   ! echo 'int main(void){return 0;}' |
     $CC $SAN -x c - -o "$OUT/san-probe" 2>/dev/null ||
   ! "$OUT/san-probe"; then
    SAN=""
fi
CFLAGS="-std=gnu11 -g -O1 -fno-omit-frame-pointer $SAN -Wall -Wextra -Werror
  -I guest-pv/include -I tools/libs/include"
# xenstored's and the store adapter's way to /dev/xen: the tool libraries.
XT="tools/libs/call/*.c tools/libs/ctrl/*.c tools/libs/foreign/*.c
  tools/libs/evtchn/*.c tools/libs/gnttab/*.c tools/libs/store/*.c"
C=tools/console
# shellcheck disable=SC2086
if ! $CC $CFLAGS -Wno-format-truncation -I $C -o "$OUT/test_console" \
       tests/unit/test_console.c $C/ring.c $C/outbuf.c $C/pty.c $C/log.c \
       $C/domain.c $C/daemon.c $C/backend_fake.c $C/console_attach.c \
       $C/store_xt.c tools/libs/store/*.c -lutil 2>"$OUT/build.log" ||
   ! $CC $CFLAGS -o "$OUT/xenstored" tools/xenstored/*.c $XT 2>>"$OUT/build.log"
then
    fail build "$(errors "$OUT/build.log")"
    finish
fi

# 4. A xenstored for the xs_* cases.
SOCK="$OUT/socket.$$"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
# Its fake hypervisor (-X) backs the rings the cases INTRODUCE (mfns 4096
# and 4138): xenstored maps a domain's ring when it is introduced.
FAKE="$OUT/fake-dom.$$"
rm -rf "$FAKE" && mkdir -p "$FAKE"
for mfn in 4096 4138; do
    dd if=/dev/zero of="$FAKE/ring-$mfn" bs=4096 count=1 2>/dev/null
done
"$OUT/xenstored" -F -T -X "$FAKE" -s "$SOCK" 2>"$OUT/xenstored.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$SOCK" "$FAKE"' EXIT INT TERM
i=0
while [ ! -S "$SOCK" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -S "$SOCK" ] || fail xenstored "no socket"

# 5. The real daemon reaches xenstored, and without /dev/xen (a host, not
#    dom0) stops with a message naming the device.
if [ -e /dev/xen/evtchn ]; then
    echo "SKIP: console no_devices: /dev/xen/evtchn exists here"
else
    timeout 10 tools/console/xenconsoled -F -n -s "$SOCK" \
        >"$OUT/nodev.log" 2>&1
    rc=$?
    if [ $rc = 1 ] && grep -q 'cannot open /dev/xen/evtchn' "$OUT/nodev.log"
    then
        pass no_devices
    else
        fail no_devices "exit status $rc: $(head -n 2 "$OUT/nodev.log" | tr '\n' ' ')"
    fi
fi
make -s -C tools/console clean >/dev/null 2>&1

# 6. The cases, each in its own child.
rm -rf "$OUT/logs"
mkdir -p "$OUT/logs"
CONSOLE_XS_SOCKET="$SOCK" timeout 300 "$OUT/test_console" "$OUT/logs" "$@" \
    >"$OUT/test.out" 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP): ' "$OUT/test.out"
passed=$((passed + $(grep -c '^PASS:' "$OUT/test.out")))
failed=$((failed + $(grep -c '^FAIL:' "$OUT/test.out")))
if [ $rc != 0 ] && ! grep -q '^FAIL:' "$OUT/test.out"; then
    fail test_console "exit status $rc: $(tail -n 2 "$OUT/test.out" | tr '\n' ' ')"
fi
if grep -qE 'Sanitizer|runtime error' "$OUT/test.out"; then
    fail sanitizer "$(grep -m 2 -E 'Sanitizer|runtime error' "$OUT/test.out" | tr '\n' ' ')"
fi

# 7. xenstored survived the client and stops cleanly.
if kill -TERM "$pid" 2>/dev/null && wait "$pid" &&
   ! grep -qE 'Sanitizer|runtime error' "$OUT/xenstored.log"; then
    pass xenstored_clean_exit
else
    fail xenstored_clean_exit "$(grep -m 2 -E 'Sanitizer|runtime error|ERROR' "$OUT/xenstored.log" | tr '\n' ' ')"
fi
finish
