#!/bin/sh
# Build tools/xenstored for the host (with AddressSanitizer/UBSan when the
# compiler has them), start it on a temporary socket in test mode with
# small quotas, and run the client tests in tests/unit/test_xenstored.c.
# Prints "PASS: xenstored <case>" / "FAIL: xenstored <case>: <reason>" and
# a summary line; exits non-zero if anything failed.
# Arguments name test cases to run (all by default); SANITIZE=0 disables
# the sanitizers.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/tests/xenstored"
CC=${CC:-gcc}
mkdir -p "$OUT"
cd "$ROOT" || exit 1

passed=0
failed=0
pass() { echo "PASS: xenstored $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: xenstored $1: $2"; failed=$((failed + 1)); }
finish() {
    echo "xenstored: $passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit $?
}
errors() { grep -m 3 -E 'error|undefined' "$1" | tr '\n' ' '; }

# 1. The daemon's own Makefile builds it with the project's flags.
if make -s -C tools/xenstored >"$OUT/make.log" 2>&1; then
    pass make
else
    fail make "$(errors "$OUT/make.log")"
fi

# 2. A sanitized daemon and the client.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
if [ "${SANITIZE:-1}" = 0 ] ||
   ! echo 'int main(void){return 0;}' |
     $CC $SAN -x c - -o "$OUT/san-probe" 2>/dev/null ||
   ! "$OUT/san-probe"; then
    SAN=""
fi
CFLAGS="-std=gnu11 -g -O1 -fno-omit-frame-pointer $SAN -Wall -Wextra -Werror
  -I guest-pv/include -I tools/libs/include"
# The daemon reaches /dev/xen only through the tool libraries.
XT="tools/libs/call/*.c tools/libs/ctrl/*.c tools/libs/foreign/*.c
  tools/libs/evtchn/*.c tools/libs/gnttab/*.c tools/libs/store/*.c"
# shellcheck disable=SC2086
if ! $CC $CFLAGS -o "$OUT/xenstored" tools/xenstored/*.c $XT 2>"$OUT/build.log"
then
    fail build "$(errors "$OUT/build.log")"
    finish
fi
# shellcheck disable=SC2086
if ! $CC $CFLAGS -Wno-format-truncation -o "$OUT/test_xenstored" \
       tests/unit/test_xenstored.c tests/unit/test_xenstored_ring.c \
       tests/unit/xs_client.c 2>"$OUT/client.log"; then
    fail build-client "$(errors "$OUT/client.log")"
    finish
fi

# 3. Run: quotas here must match the Q_* constants in the client.  Fake
# guests live in FAKE (ring pages, event sockets; socket paths must stay
# short); dom0's own ring is prepared there before the daemon starts.
SOCK="$OUT/socket.$$"
FAKE=$(mktemp -d /tmp/xsfake.XXXXXX)
"$OUT/test_xenstored" --prepare-dom0 "$FAKE" ||
    fail prepare "cannot prepare $FAKE/dom0-ring"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
"$OUT/xenstored" -F -T -l 1 -s "$SOCK" -X "$FAKE" -q nodes=50 -q watches=8 \
    -q transactions=3 -q outstanding=20 2>"$OUT/daemon.log" &
pid=$!
i=0
while [ ! -S "$SOCK" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -S "$SOCK" ]; then
    fail start "no socket; $(tail -n 3 "$OUT/daemon.log" | tr '\n' ' ')"
    kill "$pid" 2>/dev/null
    rm -rf "$FAKE"
    finish
fi

# Never leave the daemon behind, whatever happens to this script.
trap 'kill "$pid" 2>/dev/null; rm -f "$SOCK"; rm -rf "$FAKE"' EXIT INT TERM

timeout 300 "$OUT/test_xenstored" "$SOCK" "$FAKE" "$@" >"$OUT/client.out" 2>&1
rc=$?
cat "$OUT/client.out"
passed=$((passed + $(grep -c '^PASS:' "$OUT/client.out")))
failed=$((failed + $(grep -c '^FAIL:' "$OUT/client.out")))
# A client that died or hung without saying FAIL is a failure too.
if [ $rc != 0 ] && ! grep -q '^FAIL:' "$OUT/client.out"; then
    fail client "exit status $rc: $(tail -n 2 "$OUT/client.out" | tr '\n' ' ')"
fi

# 4. The daemon survived everything and stops cleanly (ASan checks leaks).
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    if [ $rc = 0 ] && ! grep -qE 'Sanitizer|runtime error' "$OUT/daemon.log"
    then
        pass daemon_clean_exit
    else
        fail daemon_clean_exit "exit $rc; $(grep -m 2 -E 'Sanitizer|runtime error' "$OUT/daemon.log" | tr '\n' ' ')"
    fi
else
    wait "$pid"
    fail daemon_clean_exit "daemon died: $(grep -m 3 -E 'ERROR|runtime error' "$OUT/daemon.log" | tr '\n' ' ')"
fi
rm -f "$SOCK"
rm -rf "$FAKE"
finish
