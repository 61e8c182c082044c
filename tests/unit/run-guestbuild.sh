#!/bin/bash
# run-guestbuild.sh - build and run the tests of the PV domain builder
# (tools/libs/guest, docs/domain-builder.md) against a fake domain.
#
# Run from anywhere; paths are relative to the repository root.
#  1. builds tools/libs/guest with its own Makefile (project flags);
#  2. builds tests/unit/test_guestbuild.c with the builder, lib/elf and
#     lib/xz under ASan/UBSan and runs its synthetic cases: hand-computed
#     Xen layouts, hostile kernels and parameters, failing operations,
#     random corruption;
#  3. builds every PV test kernel (tests/pv/build/*.elf) and the demo
#     (guest-pv/demo) into the fake domain, walks the page tables and
#     compares the layout with the numbers this script computes from
#     Xen 4.17's algorithm (xen_layout below, written independently of
#     the C code); fuzzes one of them;
#     initrds: raw, and gzip files the builder inflates as Xen does
#     (compared with `gzip -dc`; a corrupt one goes in as it is);
#  4. if .cache/linux/vmlinuz (Debian's Linux 6.1 bzImage, XZ payload)
#     is present, builds it with .cache/linux/initrd.gz the same way,
#     with the ELF unpacked by `xz -dc` as the reference for the bytes.
# Output: "PASS: guestbuild <name>", "FAIL: guestbuild <name>: why",
# "SKIP: guestbuild <name>: why"; exit status 0 only when nothing failed.

# The project's runner starts unit scripts with sh; this one wants bash.
if [ -z "${BASH_VERSION:-}" ]; then
    exec bash "$0" "$@"
fi

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1

BUILD=build/tests/guestbuild
mkdir -p "$BUILD"
failures=0

pass() { echo "PASS: guestbuild $1"; }
fail() { echo "FAIL: guestbuild $1: $2"; failures=$((failures + 1)); }
skip() { echo "SKIP: guestbuild $1: $2"; }
oneline() { head -c 400 "$1" | tr '\n' ' '; }

# ---- 1. the library's own build ----------------------------------------
if make -s -C tools/libs/guest > "$BUILD/make.log" 2>&1; then
    pass make
else
    fail make "$(oneline "$BUILD/make.log")"
fi

# ---- 2. the test program -----------------------------------------------
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
echo 'int main(void){return 0;}' > "$BUILD/san.c"
if ! gcc $SAN -o "$BUILD/san" "$BUILD/san.c" 2>/dev/null || ! "$BUILD/san"; then
    echo "# sanitizers unavailable: building without them"
    SAN=""
fi
if ! gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror $SAN -Itools/libs/include \
        -Iguest-pv/include -o "$BUILD/test_guestbuild" tests/unit/test_guestbuild.c \
        tools/libs/guest/*.c lib/elf/*.c lib/xz/*.c tools/libs/call/*.c \
        tools/libs/ctrl/*.c tools/libs/foreign/*.c 2> "$BUILD/host-errors.txt"; then
    fail host-build "$(oneline "$BUILD/host-errors.txt")"
    exit 1
fi
pass host-build

run_tests() {
    local out rc
    out=$(timeout 600 "$BUILD/test_guestbuild" "$@" 2>&1)
    rc=$?
    echo "$out"
    if [ $rc != 0 ] && ! echo "$out" | grep -q '^FAIL: '; then
        fail test_guestbuild "exited with status $rc without reporting a failure"
    fi
    failures=$((failures + $(echo "$out" | grep -c '^FAIL: ')))
}

run_tests --synthetic

# ---- Xen 4.17's layout, recomputed here ---------------------------------
# Unsigned a < b for 64-bit values held in bash's signed integers.
ult() {
    if [ $(( ($1 ^ $2) < 0 )) = 1 ]; then
        [ $(( $1 >= 0 )) = 1 ]
    else
        [ $(( $1 < $2 )) = 1 ]
    fi
}

# Tables at one level for the 48-bit range [from, to]: shift is the
# level's span (39 for L3, 30 for L2, 21 for L1).
ntables() {
    local from=$1 to=$2 shift=$3 mask=$(( (1 << $3) - 1 ))
    echo $(( (((to | mask) - (from & ~mask)) >> shift) + 1 ))
}

up() { echo $(( ($1 + 4095) / 4096 )); }

# xen_layout VIRT_BASE KSTART KEND NR_PAGES INITRD_LEN MOD_START_PFN INIT_P2M
# (addresses as numbers; INIT_P2M empty when absent) -> "key=value,..."
xen_layout() {
    local vb=$1 ks=$2 ke=$3 nr=$4 ilen=$5 modpfn=$6 ip2m=$7
    local M48=$(( (1 << 48) - 1 )) pfn kpfn kpages ipfn=0 ipages=0 sep=0
    local p2mpfn=0 p2mpages p2mlist si pages endoff from to n3 n2 n1 nt pt
    local stack modstart=0 modlen=0 out

    kpfn=$(( (ks - vb) / 4096 ))
    kpages=$(up $(( ke - ks )))
    pfn=$(( kpfn + kpages ))
    if [ "$ilen" != 0 ] && [ "$modpfn" = 0 ]; then
        ipfn=$pfn; ipages=$(up "$ilen"); pfn=$(( pfn + ipages ))
        modstart=$(( vb + ipfn * 4096 )); modlen=$ilen
    fi
    p2mlist=$(up $(( nr * 8 )))
    if [ -n "$ip2m" ] && ult "$ip2m" "$vb" && [ $(( ip2m & 4095 )) = 0 ]; then
        sep=1
    fi
    if [ $sep = 0 ]; then
        p2mpfn=$pfn; p2mpages=$p2mlist; pfn=$(( pfn + p2mlist ))
    fi
    si=$pfn; pfn=$(( pfn + 3 ))
    pages=129
    while :; do
        endoff=$(( ((pfn + pages) * 4096) | 0x3fffff ))
        from=$(( vb & M48 )); to=$(( (vb + endoff) & M48 ))
        n3=$(ntables $from $to 39); n2=$(ntables $from $to 30)
        n1=$(ntables $from $to 21)
        nt=$(( 1 + n3 + n2 + n1 ))
        pages=$(( nt + 129 ))
        [ $(( (pfn + pages) * 4096 <= endoff + 1 )) = 1 ] && break
    done
    pt=$pfn; stack=$(( pfn + nt )); pfn=$(( (endoff + 1) / 4096 ))
    out="kernel_pfn=$kpfn,kernel_pages=$kpages,start_info_pfn=$si"
    out="$out,xenstore_pfn=$((si + 1)),console_pfn=$((si + 2)),pt_pfn=$pt"
    out="$out,nr_pt=$nt,nr_l3=$n3,nr_l2=$n2,nr_l1=$n1,stack_pfn=$stack"
    out="$out,virt_end=$(( vb + endoff + 1 ))"
    out="$out,rsp=$(( vb + (stack + 1) * 4096 )),rsi=$(( vb + si * 4096 ))"
    if [ "$ilen" != 0 ] && [ "$modpfn" != 0 ]; then
        ipfn=$pfn; ipages=$(up "$ilen"); pfn=$(( pfn + ipages ))
        modstart=$ipfn; modlen=$(( ipages * 4096 ))
        out="$out,flags=8"
    else
        out="$out,flags=0"
    fi
    if [ "$ilen" != 0 ]; then
        out="$out,initrd_pfn=$ipfn,initrd_pages=$ipages"
    fi
    out="$out,mod_start=$modstart,mod_len=$modlen"
    if [ $sep = 1 ]; then
        from=$ip2m; to=$(( ip2m + p2mlist * 4096 - 1 ))
        p2mpfn=$pfn
        p2mpages=$(( p2mlist + $(ntables $from $to 39) + $(ntables $from $to 30) +
                     $(ntables $from $to 21) ))
        pfn=$(( pfn + p2mpages ))
        out="$out,p2m_va=$ip2m,first_p2m_pfn=$p2mpfn,nr_p2m_frames=$p2mpages"
    else
        out="$out,p2m_va=$(( vb + p2mpfn * 4096 )),first_p2m_pfn=0,nr_p2m_frames=0"
    fi
    echo "$out,p2m_pfn=$p2mpfn,p2m_pages=$p2mpages,pfn_alloc_end=$pfn"
}

# Value of the "Xen" note of type $2 in ELF $1 as a 0x number, or empty
# (readelf prints names instead of a few generic type numbers).
xen_note() {
    local label
    case $2 in
        1) label='NT_VERSION' ;;
        2) label='NT_ARCH' ;;
        4) label='GO BUILDID' ;;
        *) label=$(printf '(0x%08x)' "$2") ;;
    esac
    readelf -n "$1" 2>/dev/null | awk -v label="$label" '
        /^ +[^ ]+ +0x[0-9a-f]+\t/ { owner = $1; hit = index($0, label) > 0; next }
        /description data:/ && owner == "Xen" && hit {
            v = ""
            for (i = NF; i >= 3; i--) v = v $i
            sub(/^0+/, "", v); print "0x" (v == "" ? "0" : v); exit
        }'
}

# The bytes Xen gives an initrd file: a gzip file (magic 1f 8b) whose
# trailer claims at most 1 GiB gets max(claim + 16, its size).
module_len() {
    local size claim
    size=$(stat -c %s "$1")
    if [ "$size" -ge 6 ] && [ "$(od -An -tx1 -N2 "$1" | tr -d ' ')" = 1f8b ]; then
        claim=$(tail -c 4 "$1" | od -An -tu4 | tr -d ' ')
        if [ "$claim" -le $(( 1 << 30 )) ]; then
            echo $(( claim + 16 > size ? claim + 16 : size ))
            return
        fi
    fi
    echo "$size"
}

# expect_for ELF NR_PAGES INITRD_LEN: the layout Xen would compute.
expect_for() {
    local elf=$1 vb off ks=-1 ke=0 type o va pa fsz msz rest modpfn=0
    vb=$(xen_note "$elf" 3); vb=${vb:-0}
    off=$(xen_note "$elf" 4); off=${off:-0}
    while read -r type o va pa fsz msz rest; do
        [ "$type" = LOAD ] || continue
        if [ $ks = -1 ] || [ $(( pa < ks )) = 1 ]; then ks=$(( pa )); fi
        [ $(( pa + msz > ke )) = 1 ] && ke=$(( pa + msz ))
    done < <(readelf -lW "$elf")
    [ -n "$(xen_note "$elf" 16)" ] && [ "$(xen_note "$elf" 16)" != 0x0 ] && modpfn=1
    xen_layout $vb $(( vb - off + ks )) $(( vb - off + ke )) "$2" "$3" $modpfn \
        "$(xen_note "$elf" 15)"
}

# ---- 3. our PV test kernels and the demo ---------------------------------
if make -s -C tests/pv > "$BUILD/pv-make.log" 2>&1 &&
   make -s -C guest-pv/demo > "$BUILD/demo-make.log" 2>&1; then
    PAGES=16384         # 64 MiB
    n=0
    for k in tests/pv/build/*.elf guest-pv/demo/build/demo.elf; do
        name=$(basename "$k" .elf)
        exp=$(expect_for "$k" $PAGES 0)
        run_tests --name "pv-$name" --kernel "$k" --pages $PAGES --expect "$exp" \
            --cmdline "pvtest $name"
        n=$((n + 1))
    done
    echo "# $n PV test kernels built into the fake domain"
    # One kernel with initrds (mapped: no MOD_START_PFN) and fuzzing.
    k=tests/pv/build/hello.elf
    I=$BUILD/initrd
    mkdir -p "$I"
    head -c 300001 /dev/urandom > "$I/random"
    seq 1 200000 > "$I/text"
    head -c 1048576 /dev/zero > "$I/zeros"
    gzip -9 -n -c "$I/text" > "$I/text.gz"          # dynamic Huffman blocks
    gzip -1 -c "$I/random" > "$I/random.gz"         # stored blocks, FNAME
    gzip -c "$I/zeros" > "$I/zeros.gz"              # long overlapping copies
    cp "$I/text.gz" "$I/corrupt.gz"                 # inflating fails: the
    printf 'XXXX' | dd of="$I/corrupt.gz" bs=1 seek=2000 conv=notrunc 2>/dev/null
    run_tests --name pv-hello-initrd --kernel $k --initrd "$I/random" \
        --elf-ref $k --pages 8192 --fuzz 400 \
        --expect "$(expect_for $k 8192 "$(module_len "$I/random")")"
    for c in text random zeros corrupt; do
        if [ $c = corrupt ]; then ref="$I/corrupt.gz"; else ref="$I/$c"; fi
        run_tests --name "pv-hello-initrd-gzip-$c" --kernel $k \
            --initrd "$I/$c.gz" --initrd-ref "$ref" --pages 8192 \
            --expect "$(expect_for $k 8192 "$(module_len "$I/$c.gz")")"
    done
    run_tests --name pv-hello-initrd-gzip --kernel $k --initrd "$I/text.gz" \
        --initrd-ref "$I/text" --pages 8192 --fuzz-initrd 300
else
    fail pv-kernels "make -C tests/pv or guest-pv/demo failed: $(oneline "$BUILD/pv-make.log")"
fi

# ---- 4. Debian's Linux 6.1 -------------------------------------------------
K=.cache/linux/vmlinuz
RD=.cache/linux/initrd.gz
if [ ! -s "$K" ]; then
    skip linux "no $K"
else
    ss=$(od -An -tu1 -j $((0x1f1)) -N1 "$K" | tr -d ' ')
    [ "$ss" = 0 ] && ss=4
    poff=$(od -An -tu4 -j $((0x248)) -N4 "$K" | tr -d ' ')
    plen=$(od -An -tu4 -j $((0x24c)) -N4 "$K" | tr -d ' ')
    REF="$BUILD/vmlinux.ref"
    [ -s "$REF" ] && [ "$REF" -nt "$K" ] ||
        tail -c +$(( (ss + 1) * 512 + poff + 1 )) "$K" | head -c "$plen" |
            xz -dc --single-stream > "$REF" 2> "$BUILD/xz.log"
    if [ ! -s "$REF" ]; then
        fail linux "xz -dc could not unpack the payload of $K: $(oneline "$BUILD/xz.log")"
    else
        PAGES=65536     # 256 MiB, as a small `memory = 256` domU
        ilen=0; rdargs=()
        if [ -s "$RD" ]; then
            ilen=$(module_len "$RD"); rdargs=(--initrd "$RD")
            if [ "$(od -An -tx1 -N2 "$RD" | tr -d ' ')" = 1f8b ]; then
                gzip -dc "$RD" > "$BUILD/initrd.ref" && rdargs+=(--initrd-ref "$BUILD/initrd.ref")
            fi
        fi
        echo "# linux: VIRT_BASE $(xen_note "$REF" 3) INIT_P2M $(xen_note "$REF" 15)" \
             "MOD_START_PFN $(xen_note "$REF" 16) HYPERCALL_PAGE $(xen_note "$REF" 2)"
        run_tests --name linux-6.1 --kernel "$K" --elf-ref "$REF" "${rdargs[@]}" \
            --pages $PAGES --expect "$(expect_for "$REF" $PAGES "$ilen")" \
            --cmdline "root=/dev/xvda1 console=hvc0"
        # A truncated and a corrupted XZ payload: errors, not crashes.  The
        # truncated one has its header's payload_length cut to match.
        head -c $(( (ss + 1) * 512 + poff + plen / 2 )) "$K" > "$BUILD/vmlinuz.trunc"
        printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' \
                 $(( (plen / 2) & 255 )) $(( (plen / 2) >> 8 & 255 )) \
                 $(( (plen / 2) >> 16 & 255 )) $(( (plen / 2) >> 24 )))" |
            dd of="$BUILD/vmlinuz.trunc" bs=1 seek=$((0x24c)) conv=notrunc 2>/dev/null
        cp "$K" "$BUILD/vmlinuz.corrupt"
        printf '\x55\xaa\x55\xaa' | dd of="$BUILD/vmlinuz.corrupt" bs=1 \
            seek=$(( (ss + 1) * 512 + poff + plen / 3 )) conv=notrunc 2>/dev/null
        for v in trunc corrupt; do
            out=$("$BUILD/test_guestbuild" --name "linux-$v" \
                  --kernel "$BUILD/vmlinuz.$v" --pages $PAGES 2>&1)
            if echo "$out" | grep -q "build failed (-22): kernel: bzImage"; then
                pass "linux-$v-xz-refused"
                echo "$out" | grep '^FAIL' | sed 's/^FAIL: guestbuild [^:]*: /#   /'
            else
                fail "linux-$v-xz-refused" "$(echo "$out" | head -c 300)"
            fi
        done
    fi
fi

[ $failures = 0 ]
