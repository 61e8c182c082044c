#!/bin/sh
# Host tests of the dom0 tool libraries (tools/libs) and of xl's answers
# to malformed input, built with AddressSanitizer/UBSan:
#   abi      linux-xen.h agrees with Linux's uapi headers in /usr/include/xen
#   store    xt_store against a real xenstored on a temporary socket
#   xl       unknown command, missing argument, bad option, no hypervisor:
#            an error message and xl's exit code, never a crash
# Prints "PASS: xtlibs <case>" / "FAIL: xtlibs <case>: <reason>" lines;
# exits non-zero if anything failed.  SANITIZE=0 disables the sanitizers.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/tests/xtlibs"
CC=${CC:-gcc}
mkdir -p "$OUT"
cd "$ROOT" || exit 1

failed=0
pass() { echo "PASS: xtlibs $1"; }
fail() { echo "FAIL: xtlibs $1: $2"; failed=$((failed + 1)); }
skip() { echo "SKIP: xtlibs $1: $2"; }

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
[ "${SANITIZE:-1}" = 0 ] && SAN=""
CFLAGS="-std=gnu11 -Wall -Wextra -Werror -g -O1 $SAN -I guest-pv/include -I tools/libs/include"

# abi: compiling is the check.
if [ -f /usr/include/xen/privcmd.h ]; then
    mkdir -p "$OUT/fake/xen/interface"
    : > "$OUT/fake/xen/interface/xen.h"    # privcmd.h includes it
    if $CC -fsyntax-only -I "$OUT/fake" -I tools/libs \
        tests/unit/test_xt_linux_abi.c 2>"$OUT/abi.log"; then
        pass "abi linux-xen.h == Linux uapi"
    else
        fail "abi linux-xen.h == Linux uapi" "$(grep -m 2 error "$OUT/abi.log" | tr '\n' ' ')"
    fi
else
    skip "abi linux-xen.h == Linux uapi" "no /usr/include/xen (linux-libc-dev)"
fi

# store: a sanitized client against the daemon on a private socket.
make -s -C tools/xenstored >"$OUT/make.log" 2>&1 || fail "store build" "xenstored"
if $CC $CFLAGS -o "$OUT/test_xtstore" tests/unit/test_xtstore.c \
        tools/libs/store/*.c 2>"$OUT/store-build.log"; then
    sock="$OUT/xs.sock"
    rm -f "$sock"
    tools/xenstored/xenstored -F -s "$sock" -l 0 2>"$OUT/xenstored.log" &
    xsd=$!
    n=0
    while [ ! -S "$sock" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
    XENSTORED_PATH=$sock "$OUT/test_xtstore" >"$OUT/store.out" 2>&1
    st=$?
    kill $xsd 2>/dev/null; wait $xsd 2>/dev/null
    grep -E '^(PASS|FAIL): ' "$OUT/store.out" | sed 's/^\(PASS\|FAIL\): xtlibs /\1: xtlibs /'
    failed=$((failed + $(grep -c '^FAIL: ' "$OUT/store.out")))
    if [ $st != 0 ] && ! grep -q '^FAIL: ' "$OUT/store.out"; then
        fail "store" "test exited $st: $(tail -n 3 "$OUT/store.out" | tr '\n' ' ')"
    fi
else
    fail "store build" "$(grep -m 2 error "$OUT/store-build.log" | tr '\n' ' ')"
fi

# xl: malformed input; the host has no /dev/xen/privcmd, which is itself
# a case (xl must say so and exit 1).
if ! $CC $CFLAGS $(pkg-config --cflags libxml-2.0) -o "$OUT/xl" \
        tools/xl/xl.c tools/xl/xl-util.c tools/xl/cmd-*.c tools/xl/dom-*.c \
        tools/xl/config*.c tools/console/console_attach.c \
        tools/libs/call/*.c tools/libs/ctrl/*.c tools/libs/foreign/*.c \
        tools/libs/store/*.c tools/libs/guest/*.c lib/elf/*.c lib/xz/*.c \
        $(pkg-config --libs libxml-2.0) 2>"$OUT/xl-build.log"; then
    fail "xl build" "$(grep -m 2 error "$OUT/xl-build.log" | tr '\n' ' ')"
    exit 1
fi
# xl_case <name> <expected status> <expected stderr text> <args...>
xl_case() {
    name=$1 want=$2 text=$3
    shift 3
    XENSTORED_PATH=/nonexistent "$OUT/xl" "$@" >"$OUT/xl.out" 2>"$OUT/xl.err"
    st=$?
    if [ $st != "$want" ]; then
        fail "xl $name" "exit $st, wanted $want: $(head -c 200 "$OUT/xl.err")"
    elif ! grep -qF -- "$text" "$OUT/xl.err" "$OUT/xl.out"; then
        fail "xl $name" "no '$text' in: $(head -c 200 "$OUT/xl.err")"
    elif grep -q 'Sanitizer' "$OUT/xl.err"; then
        fail "xl $name" "sanitizer report"
    else
        pass "xl $name"
    fi
}
xl_case "no command" 1 "xl full list of subcommands"
xl_case "unknown command" 1 "command not implemented" frobnicate
xl_case "unknown global option" 2 "unknown global option" -Q list
xl_case "help" 0 "Usage: xl pause <Domain>" help pause
xl_case "help unknown" 0 'command "nope" not implemented' help nope
xl_case "missing argument" 2 "'xl pause' requires at least 1 argument." pause
xl_case "bad option" 2 "Usage: xl list" list -Z
xl_case "domname not a number" 1 "Invalid domain id." domname 12abc
xl_case "domid wraps 16 bits" 1 "65536 is an invalid domain identifier" pause 65536
xl_case "reserved domid (DOMID_SELF)" 1 "32752 is an invalid domain identifier" destroy -f 32752
xl_case "domname reserved id" 1 "Can't get domain name of domain id '32752'" domname 32752
xl_case "no hypervisor" 1 "cannot init xl context" list
xl_case "domid no hypervisor" 1 "cannot init xl context" domid Domain-0
# xl create checks the whole config before it touches the hypervisor.
cp tools/xl/domain.rng "$OUT/"
printf '<domain type="xen"><name>x</name>\n<vcpu>0</vcpu></domain>\n' > "$OUT/bad.xml"
sed 's:<kernel>.*</kernel>:<kernel>/nonexistent/vmlinuz</kernel>:' \
    tools/xl/example.xml > "$OUT/nokernel.xml"
xl_case "create missing file" 1 "/nonexistent.xml" create /nonexistent.xml
xl_case "create malformed config" 1 "bad.xml:1: does not match the schema" create "$OUT/bad.xml"
xl_case "create no argument" 2 "'xl create' requires at least 1 argument." create
xl_case "create no hypervisor" 1 "cannot init xl context" create "$OUT/nokernel.xml"
xl_case "shutdown no argument" 2 "'xl shutdown' requires" shutdown
xl_case "reboot bad option" 2 "Usage: xl reboot" reboot -q x
xl_case "console bad domain" 1 "cannot init xl context" console nope
echo "xtlibs: $failed failed"
[ $failed = 0 ]
