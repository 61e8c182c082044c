#!/bin/bash
# run-libelf.sh - build and run the tests of the PV kernel loader library
# (lib/elf/: ELF64 validation, Xen notes, loading, bzImage).
#
# Run from anywhere; paths are relative to the repository root.
#  1. compiles the library with the hypervisor's freestanding flags and
#     checks that it needs nothing but string functions (and the XZ
#     decoder);
#  2. builds a small PV "kernel" with the host assembler and linker:
#     Xen notes in a PT_NOTE segment, text, data+BSS and a segment whose
#     p_vaddr is 0 (like Linux's per-CPU data); the same with its notes in
#     a non-allocated section only; and its XZ compression;
#  3. builds tests/unit/test_libelf.c against the library (ASan/UBSan when
#     available) and runs it: parsing, loading, feature strings, ~30
#     malformed images, random corruption, synthesised bzImages;
#  4. if a Debian linux-image-6.1.0-*-amd64 .deb is cached in .cache/debs/
#     (downloaded with apt-get if missing), parses its vmlinuz end to end
#     and compares with `xz -dc` of the payload and the notes readelf shows.
# Output: "PASS: libelf <name>", "FAIL: libelf <name>: why",
# "SKIP: libelf <name>: why"; exit status 0 only when nothing failed.

# tests/run-all.sh starts us with `sh`; the rest needs bash.
if [ -z "${BASH_VERSION:-}" ]; then
    exec bash "$0" "$@"
fi

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1

LIB=lib/elf
XZ=lib/xz
BUILD=build/tests/libelf
CACHE=.cache/debs
mkdir -p "$BUILD/fs" "$BUILD/kernel" "$CACHE"
failures=0

pass() { echo "PASS: libelf $1"; }
fail() { echo "FAIL: libelf $1: $2"; failures=$((failures + 1)); }
skip() { echo "SKIP: libelf $1: $2"; }
oneline() { head -c 400 "$1" | tr '\n' ' '; }

# ---- 1. freestanding build ---------------------------------------------
FS_FLAGS="-std=gnu11 -ffreestanding -nostdinc -isystem $(gcc -print-file-name=include)
  -Ixen/include -Ixen/arch/x86/include -Iguest-pv/include
  -mno-red-zone -mno-sse -mgeneral-regs-only -fno-stack-protector
  -O2 -Wall -Wextra -Werror -Wno-unused-parameter"
fs_ok=1
rm -f "$BUILD"/fs/*.o
for f in $LIB/*.c; do
    if ! gcc -c $FS_FLAGS -o "$BUILD/fs/$(basename "$f" .c).o" "$f" \
            2> "$BUILD/fs/errors.txt"; then
        fs_ok=0
        fail freestanding-build "$f: $(oneline "$BUILD/fs/errors.txt")"
        break
    fi
done
if [ $fs_ok = 1 ]; then
    pass freestanding-build
    ld -r -o "$BUILD/fs/libelf-all.o" "$BUILD"/fs/[a-z]*.o
    extra=$(nm -u "$BUILD/fs/libelf-all.o" | awk '{print $2}' |
            grep -vx -e memcpy -e memset -e memcmp -e memchr -e strlen \
                     -e strncmp -e xz_decode_buffer)
    if [ -z "$extra" ]; then
        pass freestanding-symbols
    else
        fail freestanding-symbols "needs $(echo $extra)"
    fi
fi

# ---- 2. the test kernel ------------------------------------------------
cat > "$BUILD/guest.S" <<'EOF'
/* A tiny PV "kernel": Xen notes, text, data+BSS, and a segment with
 * p_vaddr 0 placed by its p_paddr (like Linux's per-CPU data). */
#ifdef NOTES_IN_SECTIONS_ONLY
#define NOTE_FLAGS ""
#else
#define NOTE_FLAGS "a"
#endif
        .macro  note owner, type
        .balign 4
        .long   2f - 1f
        .long   4f - 3f
        .long   \type
1:      .asciz  "\owner"
2:      .balign 4
3:
        .endm
        .macro  endnote
4:      .balign 4
        .endm

        .section .note.Xen, NOTE_FLAGS, @note
        note Xen, 6                     /* GUEST_OS */
        .asciz "linux"
        endnote
        note Xen, 7                     /* GUEST_VERSION */
        .asciz "2.6"
        endnote
        note Xen, 5                     /* XEN_VERSION */
        .asciz "xen-3.0"
        endnote
        note Xen, 3                     /* VIRT_BASE */
        .quad 0xffffffff80000000
        endnote
        note Xen, 4                     /* PADDR_OFFSET */
        .quad 0
        endnote
        note Xen, 1                     /* ENTRY */
        .quad startup
        endnote
        note Xen, 2                     /* HYPERCALL_PAGE */
        .quad hypercall_page
        endnote
        note GNU, 3                     /* someone else's note: skipped */
        .long 0x12345678
        endnote
        note Xen, 10                    /* FEATURES, unterminated like Linux's */
        .ascii "!writable_page_tables|pae_pgdir_above_4gb"
        endnote
        note Xen, 17                    /* SUPPORTED_FEATURES */
        .long 0x801
        endnote
        note Xen, 8                     /* LOADER */
        .asciz "generic"
        endnote
        note Xen, 13                    /* L1_MFN_VALID */
        .quad 1, 1
        endnote
        note Xen, 14                    /* SUSPEND_CANCEL */
        .long 1
        endnote
        note Xen, 16                    /* MOD_START_PFN */
        .long 1
        endnote
        note Xen, 12                    /* HV_START_LOW */
        .quad 0xffff800000000000
        endnote
        note Xen, 15                    /* INIT_P2M */
        .quad 0x8000000000
        endnote
        note Xen, 9                     /* PAE_MODE */
        .asciz "yes"
        endnote
        note Xen, 18                    /* PHYS32_ENTRY */
        .long 0x200040
        endnote

        .text
        .skip   16, 0x90
        .globl  startup
startup:
        ud2
        .balign 4096, 0x90
hypercall_page:
        .skip   4096, 0xcc

        .data
        .ascii  "DATA-SEGMENT"

        .section .data..percpu, "aw"
        .ascii  "PERCPU-SEGMENT"

        .bss
        .skip   8192
EOF
cat > "$BUILD/guest.lds" <<'EOF'
OUTPUT_FORMAT("elf64-x86-64")
ENTRY(startup)
PHDRS
{
    text PT_LOAD FLAGS(5);
    data PT_LOAD FLAGS(6);
    percpu PT_LOAD FLAGS(6);
    note PT_NOTE FLAGS(4);
}
SECTIONS
{
    . = 0xffffffff80200000;
    .text : AT(ADDR(.text) - 0xffffffff80000000) { *(.text) } :text
    .note.Xen : AT(ADDR(.note.Xen) - 0xffffffff80000000) { *(.note.Xen) } :text :note
    . = ALIGN(4096);
    .data : AT(ADDR(.data) - 0xffffffff80000000) { *(.data) } :data
    .bss : AT(ADDR(.bss) - 0xffffffff80000000) { *(.bss) } :data
    . = ALIGN(4096);
    percpu_load = .;
    .data..percpu 0 : AT(percpu_load - 0xffffffff80000000) { *(.data..percpu) } :percpu
    . = percpu_load + SIZEOF(.data..percpu);
    /DISCARD/ : { *(.note.gnu.property) *(.comment) }
}
EOF
sed '/note PT_NOTE/d; /\.note\.Xen/d' "$BUILD/guest.lds" > "$BUILD/guest-sections.lds"

LDFLAGS="-nostdlib -static -z max-page-size=0x1000"
if gcc -c -o "$BUILD/guest.o" "$BUILD/guest.S" 2> "$BUILD/guest.log" &&
   ld $LDFLAGS -T "$BUILD/guest.lds" -o "$BUILD/guest.elf" "$BUILD/guest.o" \
       2>> "$BUILD/guest.log" &&
   gcc -DNOTES_IN_SECTIONS_ONLY -c -o "$BUILD/guest-sections.o" "$BUILD/guest.S" \
       2>> "$BUILD/guest.log" &&
   ld $LDFLAGS -T "$BUILD/guest-sections.lds" -o "$BUILD/guest-sections.elf" \
       "$BUILD/guest-sections.o" 2>> "$BUILD/guest.log" &&
   xz --check=crc32 --x86 --lzma2 -c "$BUILD/guest.elf" > "$BUILD/guest.elf.xz"; then
    pass build-test-kernel
else
    fail build-test-kernel "$(oneline "$BUILD/guest.log")"
    exit 1
fi
if readelf -lW "$BUILD/guest-sections.elf" | grep -q '^ *NOTE'; then
    fail build-test-kernel "guest-sections.elf has a PT_NOTE segment"
fi
# End of the loadable segments' paddr range, from readelf.
pend=0
while read -r type off va pa fsz msz rest; do
    [ "$type" = LOAD ] && [ $((pa + msz)) -gt $pend ] && pend=$((pa + msz))
done < <(readelf -lW "$BUILD/guest.elf")
PEND=$(printf '%x' $pend)

# ---- 3. host test program ----------------------------------------------
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
echo 'int main(void){return 0;}' > "$BUILD/san.c"
if ! gcc $SAN -o "$BUILD/san" "$BUILD/san.c" 2>/dev/null || ! "$BUILD/san"; then
    echo "# sanitizers unavailable: building without them"
    SAN=""
fi
if ! gcc -std=c11 -O1 -g -Wall -Wextra -Werror $SAN -I$LIB -Iguest-pv/include \
        -o "$BUILD/test_libelf" tests/unit/test_libelf.c $LIB/*.c $XZ/*.c \
        2> "$BUILD/host-errors.txt"; then
    fail host-build "$(oneline "$BUILD/host-errors.txt")"
    exit 1
fi
pass host-build

# ---- 4. the Debian kernel ----------------------------------------------
cached_deb() {
    ls "$CACHE" 2>/dev/null | grep -E "^${1}_.*_amd64\.deb$" | sort -V | tail -1
}

find_kernel_deb() {
    local pkg deb
    deb=$(cached_deb 'linux-image-6\.1\.0-[0-9]+-amd64')
    if [ -z "$deb" ]; then
        pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
              awk '/Depends: linux-image-6\.1\.0-[0-9]+-amd64$/ { print $2; exit }')
        [ -n "$pkg" ] && (cd "$CACHE" && timeout 600 apt-get download "$pkg") \
            > "$BUILD/apt.log" 2>&1
        deb=$(cached_deb 'linux-image-6\.1\.0-[0-9]+-amd64')
    fi
    [ -n "$deb" ] && echo "$CACHE/$deb"
}

# Value of the "Xen" note of type $2 in ELF $1, as hex, from readelf -n
# (readelf prints names for a few generic type numbers instead of them).
xen_note() {
    local label
    case $2 in
        1) label='NT_VERSION' ;;
        2) label='NT_ARCH' ;;
        4) label='GO BUILDID' ;;
        *) label=$(printf '(0x%08x)' "$2") ;;
    esac
    readelf -n "$1" | awk -v label="$label" '
        /^ +[^ ]+ +0x[0-9a-f]+\t/ { owner = $1; hit = index($0, label) > 0; next }
        /description data:/ && owner == "Xen" && hit {
            v = ""
            for (i = NF; i >= 3; i--) v = v $i
            sub(/^0+/, "", v); print (v == "" ? "0" : v); exit
        }'
}

KARGS=()
deb=$(find_kernel_deb)
if [ -z "$deb" ]; then
    KARGS=(--kernel-skip "no linux-image-6.1.0-*-amd64 .deb in $CACHE and apt-get download failed")
else
    kdir="$BUILD/kernel/$(basename "$deb" .deb)"
    if ! ls "$kdir"/boot/vmlinuz-* > /dev/null 2>&1; then
        mkdir -p "$kdir"
        dpkg-deb --fsys-tarfile "$deb" |
            tar -xf - -C "$kdir" --wildcards './boot/vmlinuz-*' 2> "$BUILD/dpkg.log"
    fi
    K=$(ls "$kdir"/boot/vmlinuz-* 2>/dev/null | head -1)
    if [ -z "$K" ]; then
        KARGS=(--kernel-skip "could not extract boot/vmlinuz-* from $deb")
    else
        # The reference vmlinux, found with od and unpacked by xz itself.
        ss=$(od -An -tu1 -j $((0x1f1)) -N1 "$K" | tr -d ' ')
        [ "$ss" = 0 ] && ss=4
        poff=$(od -An -tu4 -j $((0x248)) -N4 "$K" | tr -d ' ')
        plen=$(od -An -tu4 -j $((0x24c)) -N4 "$K" | tr -d ' ')
        REF="$kdir/vmlinux.ref"
        [ -s "$REF" ] || tail -c +$(( (ss + 1) * 512 + poff + 1 )) "$K" |
            head -c "$plen" | xz -dc --single-stream > "$REF" 2> "$BUILD/xz.log"
        entry=$(xen_note "$REF" 1)
        vbase=$(xen_note "$REF" 3)
        p2m=$(xen_note "$REF" 15)
        hcall=$(xen_note "$REF" 2)
        echo "# kernel: $K; readelf: ENTRY ${entry:-?} VIRT_BASE ${vbase:-?}" \
             "INIT_P2M ${p2m:-none} HYPERCALL_PAGE ${hcall:-none}"
        if [ -z "$entry" ] || [ -z "$vbase" ]; then
            KARGS=(--kernel-skip "readelf found no ENTRY/VIRT_BASE note in $REF")
        else
            KARGS=(--kernel "$K" --kernel-ref "$REF" --expect-entry "$entry"
                   --expect-virt-base "$vbase" --expect-init-p2m "${p2m:-none}"
                   --expect-hypercall-page "${hcall:-none}")
        fi
    fi
fi

# ---- 5. run ------------------------------------------------------------
out=$("$BUILD/test_libelf" --good "$BUILD/guest.elf" \
        --sections "$BUILD/guest-sections.elf" --good-xz "$BUILD/guest.elf.xz" \
        --expect-pend "$PEND" "${KARGS[@]}" 2>&1)
rc=$?
echo "$out"
n=$(echo "$out" | grep -c '^FAIL: ')
if [ $rc != 0 ] && [ "$n" = 0 ]; then
    fail test_libelf "exited with status $rc without reporting a failure"
fi
failures=$((failures + n))
[ $failures = 0 ]
