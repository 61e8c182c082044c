#!/bin/bash
# run-xz.sh - build and run the tests of the .xz decoder (lib/xz/).
#
# Run from anywhere; paths are taken relative to the repository root.
#  1. compiles the decoder with the hypervisor's freestanding flags (the
#     fixed set from the decoder's brief, then xen/Makefile's CFLAGS) and
#     checks that it needs no symbols besides memcpy/memset and that its
#     stack frames are small;
#  2. builds tests/unit/test_xz.c with the decoder for the host (ASan and
#     UBSan when available) and runs it: round trips through the xz
#     command, truncation, corruption, ENOSPC and unsupported inputs;
#  3. decompresses a real Debian kernel's payload (the .deb is cached in
#     .cache/debs/, downloaded with apt-get if missing), once under the
#     sanitizers and once optimised for timing.
# Output: "PASS: xz <name>", "FAIL: xz <name>: why", "SKIP: xz <name>: why";
# exit status 0 only when nothing failed.

# The project's runner starts unit scripts with sh; this one wants bash.
if [ -z "${BASH_VERSION:-}" ]; then
    exec bash "$0" "$@"
fi

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1

SRC_DIR=lib/xz
BUILD=build/tests/xz
CACHE=.cache/debs
mkdir -p "$BUILD/fs" "$BUILD/work" "$CACHE"
SOURCES=$(ls $SRC_DIR/*.c)
failures=0

pass() { echo "PASS: xz $1"; }
fail() { echo "FAIL: xz $1: $2"; failures=$((failures + 1)); }
skip() { echo "SKIP: xz $1: $2"; }

# ---- 1. freestanding build ----------------------------------------------
FS_FLAGS="-ffreestanding -nostdinc -isystem $(gcc -print-file-name=include)
  -mno-red-zone -mno-sse -mgeneral-regs-only -mcmodel=kernel -fno-pic
  -fno-stack-protector -O2 -Wall -Wextra -Werror -fstack-usage"

fs_ok=1
rm -f "$BUILD"/fs/*
for f in $SOURCES; do
    obj="$BUILD/fs/$(basename "$f" .c).o"
    if ! gcc -c $FS_FLAGS -o "$obj" "$f" 2> "$BUILD/fs/errors.txt"; then
        fs_ok=0
        fail freestanding-build "$f: $(head -c 300 "$BUILD/fs/errors.txt" | tr '\n' ' ')"
        break
    fi
done
if [ $fs_ok = 1 ]; then
    pass freestanding-build
    ld -r -o "$BUILD/fs/xz-all.o" "$BUILD"/fs/[a-z]*.o
    extra=$(nm -u "$BUILD/fs/xz-all.o" | awk '{print $2}' | grep -vx -e memcpy -e memset)
    if [ -z "$extra" ]; then
        pass freestanding-symbols
    else
        fail freestanding-symbols "needs $(echo $extra)"
    fi
    # Frames must stay small: the hypervisor stack is a few pages.
    worst=$(cat "$BUILD"/fs/*.su | sort -t$'\t' -k2 -n | tail -1)
    bytes=$(echo "$worst" | cut -f2)
    # "dynamic" without ",bounded" would mean alloca or a VLA.
    if [ "${bytes:-0}" -le 512 ] && ! grep -q $'\tdynamic$' "$BUILD"/fs/*.su; then
        pass freestanding-stack
    else
        fail freestanding-stack "largest frame: $worst"
    fi
    echo "# largest stack frame: $worst"
fi

# The hypervisor's own CFLAGS, read from xen/Makefile, so that a change
# there (new warnings, -fpie, forced includes) is tried on the decoder too.
HV_FLAGS=$(make -s -C xen --no-print-directory \
    --eval 'xz-print-cflags: ; @echo $(CFLAGS)' xz-print-cflags 2>/dev/null)
if [ -z "$HV_FLAGS" ]; then
    skip hypervisor-cflags "could not read CFLAGS from xen/Makefile"
else
    HV_FLAGS=$(echo "$HV_FLAGS" | sed -e 's/ -MMD//' -e 's/ -MP//')
    mkdir -p "$BUILD/hv"
    hv_ok=1
    for f in $SOURCES; do
        if ! gcc -c $HV_FLAGS -o "$BUILD/hv/$(basename "$f" .c).o" "$f" \
                2> "$BUILD/hv/errors.txt"; then
            hv_ok=0
            fail hypervisor-cflags \
                "$f: $(head -c 300 "$BUILD/hv/errors.txt" | tr '\n' ' ')"
            break
        fi
    done
    [ $hv_ok = 1 ] && pass hypervisor-cflags
fi

# ---- 2. host test program -----------------------------------------------
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
echo 'int main(void){return 0;}' > "$BUILD/san.c"
if ! gcc $SAN -o "$BUILD/san" "$BUILD/san.c" 2>/dev/null || ! "$BUILD/san"; then
    echo "# sanitizers unavailable: building without them"
    SAN=""
fi

HOST_FLAGS="-std=c11 -O2 -g -Wall -Wextra -Werror -I$SRC_DIR"
if ! gcc $HOST_FLAGS $SAN -o "$BUILD/test_xz" tests/unit/test_xz.c $SOURCES \
        2> "$BUILD/host-errors.txt"; then
    fail host-build "$(head -c 400 "$BUILD/host-errors.txt" | tr '\n' ' ')"
    exit 1
fi
if ! gcc $HOST_FLAGS -DNDEBUG -o "$BUILD/test_xz_fast" tests/unit/test_xz.c \
        $SOURCES 2> "$BUILD/host-errors.txt"; then
    fail host-build-fast "$(head -c 400 "$BUILD/host-errors.txt" | tr '\n' ' ')"
    exit 1
fi
pass host-build

# ---- 3. find the Debian kernel ------------------------------------------
KERNEL=""
KERNEL_WHY=""

kernel_package() {
    apt-cache depends linux-image-amd64 2>/dev/null |
        awk '/Depends: linux-image-6\.1\.0-[0-9]+-amd64$/ { print $2; exit }'
}

cached_deb() {
    ls "$CACHE" 2>/dev/null | grep -E "^${1}_.*_amd64\.deb$" | sort -V | tail -1
}

find_kernel_deb() {
    local pkg deb
    pkg=$(kernel_package)
    if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
        timeout 300 apt-get update -qq > "$BUILD/apt.log" 2>&1
        pkg=$(kernel_package)
    fi
    if [ -n "$pkg" ]; then
        deb=$(cached_deb "$pkg")
        if [ -z "$deb" ]; then
            (cd "$CACHE" && timeout 600 apt-get download "$pkg") \
                > "$BUILD/apt.log" 2>&1
            deb=$(cached_deb "$pkg")
        fi
    fi
    # Offline: any cached linux-image-6.1.0-N-amd64 will do.
    [ -z "$deb" ] && deb=$(cached_deb 'linux-image-6\.1\.0-[0-9]+-amd64')
    [ -n "$deb" ] && echo "$CACHE/$deb"
}

deb=$(find_kernel_deb)
if [ -z "$deb" ]; then
    KERNEL_WHY="no linux-image-6.1.0-*-amd64 .deb in $CACHE and apt-get download failed"
else
    kdir="$BUILD/kernel/$(basename "$deb" .deb)"
    if ! ls "$kdir"/boot/vmlinuz-* > /dev/null 2>&1; then
        mkdir -p "$kdir"
        dpkg-deb --fsys-tarfile "$deb" |
            tar -xf - -C "$kdir" --wildcards './boot/vmlinuz-*' 2> "$BUILD/dpkg.log"
    fi
    KERNEL=$(ls "$kdir"/boot/vmlinuz-* 2>/dev/null | head -1)
    [ -z "$KERNEL" ] && KERNEL_WHY="could not extract boot/vmlinuz-* from $deb"
fi
[ -n "$KERNEL" ] && echo "# kernel: $KERNEL (from $deb)"

# ---- 4. run -------------------------------------------------------------
run_tests() {
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    echo "$out"
    if [ $rc != 0 ] && ! echo "$out" | grep -q '^FAIL: '; then
        fail "$(basename "$1")" "exited with status $rc without reporting a failure"
    fi
    failures=$((failures + $(echo "$out" | grep -c '^FAIL: ')))
}

if [ -n "$KERNEL" ]; then
    run_tests "$BUILD/test_xz" --work "$BUILD/work" --kernel "$KERNEL"
    run_tests "$BUILD/test_xz_fast" --work "$BUILD/work" --kernel "$KERNEL" \
        --kernel-only --kernel-name kernel-payload-speed --max-seconds 10
else
    run_tests "$BUILD/test_xz" --work "$BUILD/work" --kernel-skip "$KERNEL_WHY"
    skip kernel-payload-speed "$KERNEL_WHY"
fi

[ $failures = 0 ]
