#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Check the public ABI headers under guest-pv/include/public:
#   standalone:<hdr>  each header compiles on its own (-ffreestanding)
#   strict:<hdr>      ... and with -std=c11 -Wall -Wextra -Werror
#   pedantic:<hdr>    ... and with -std=c11 -pedantic -Werror
#   guard:<hdr>       ... and when included twice (include guard works)
#   asm:<hdr>         non-io headers also preprocess/assemble with
#                     -D__ASSEMBLY__ (constants usable from .S files)
#   abi-check:freestanding / abi-check:hosted
#                     abi-check.c (sizes, offsets and constants pinned to
#                     the real Xen x86_64 ABI) compiles in both modes
#
# Prints "PASS: abi-headers <name>" or "FAIL: abi-headers <name>: <reason>"
# per check; exits 0 only if every check passed.
#
# Usage (from the repository root, or anywhere):
#   sh guest-pv/include/check-headers.sh
# CC may be overridden (default gcc).

CC=${CC:-gcc}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/abi-headers.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
total=0

# run_check NAME COMMAND...: run COMMAND, report by NAME.
run_check()
{
    name=$1
    shift
    total=$((total + 1))
    if "$@" >"$tmp/out" 2>&1; then
        echo "PASS: abi-headers $name"
    else
        reason=$(grep -i -v 'assembler messages' "$tmp/out" | grep -m1 -i -E 'error|warning')
        [ -n "$reason" ] || reason=$(head -n1 "$tmp/out")
        [ -n "$reason" ] || reason="command failed: $*"
        echo "FAIL: abi-headers $name: $reason"
        failures=$((failures + 1))
    fi
}

# A translation unit may not be empty under -pedantic.
echo 'typedef int abi_headers_tu_not_empty;' >"$tmp/stub.c"
: >"$tmp/empty.S"

headers=$(cd "$here" && find public -name '*.h' | LC_ALL=C sort)
if [ -z "$headers" ]; then
    echo "FAIL: abi-headers discover: no headers under $here/public"
    exit 1
fi

for h in $headers; do
    run_check "standalone:$h" \
        $CC -fsyntax-only -ffreestanding -I "$here" -include "$h" -x c /dev/null
    run_check "strict:$h" \
        $CC -fsyntax-only -ffreestanding -std=c11 -Wall -Wextra -Werror \
            -I "$here" -include "$h" -x c /dev/null
    run_check "pedantic:$h" \
        $CC -fsyntax-only -ffreestanding -std=c11 -pedantic -Wall -Wextra -Werror \
            -I "$here" -include "$h" -x c "$tmp/stub.c"
    run_check "guard:$h" \
        $CC -fsyntax-only -ffreestanding -std=c11 -Wall -Wextra -Werror \
            -I "$here" -include "$h" -include "$h" -x c /dev/null
    case $h in
    public/io/*) ;;   # ring/device protocols are C-only
    *)
        run_check "asm:$h" \
            $CC -c -o "$tmp/asm.o" -D__ASSEMBLY__ -I "$here" -include "$h" \
                -x assembler-with-cpp "$tmp/empty.S"
        ;;
    esac
done

run_check "abi-check:freestanding" \
    $CC -c -o "$tmp/abi-free.o" -ffreestanding -std=c11 -Wall -Wextra -Werror \
        -I "$here" "$here/abi-check.c"
run_check "abi-check:hosted" \
    $CC -c -o "$tmp/abi-hosted.o" -std=gnu11 -O2 -Wall -Wextra -Werror \
        -I "$here" "$here/abi-check.c"

if [ "$failures" -ne 0 ]; then
    echo "abi-headers: $failures of $total checks failed" >&2
    exit 1
fi
echo "abi-headers: all $total checks passed" >&2
exit 0
