#!/bin/sh
# mkdom0-initramfs.sh - build the dom0 initramfs for Linux 6.1 as dom0.
#
# Everything comes from Debian's packages and our own build, nothing is
# placed by hand:
#   busybox-static            /bin/busybox (the shell and the applets)
#   linux-image-6.1 (.deb)    the Xen driver modules of that very kernel
#                             (xen-evtchn, xen-privcmd, xen-gntdev,
#                             xen-gntalloc, xenfs) and what they depend on
#                             according to their .modinfo
#   tools/                    every program built there (xl, xenstored,
#                             xenstore, xl-config-check + domain.rng) and
#                             the shared libraries ldd resolves for them
#   scripts/dom0/init         /init
#   scripts/dom0/wait-until,  helpers of the boot test and of make bench,
#     cycle-domains,          in /usr/sbin
#     bench-create
#   example domUs             /var/lib/xen/images/linux: the same vmlinuz
#                             and an initramfs of busybox + scripts/domu/init;
#                             /var/lib/xen/images/pvtest/hello.elf (the PV
#                             test kernel tests/pv/hello.c); their configs
#                             scripts/domu/*.xml as /etc/xen/example.xml,
#                             /etc/xen/pvtest.xml, /etc/xen/crash.xml and
#                             /etc/xen/linux-pvh.xml; when it is built,
#                             the PVH test kernel tests/hvm-domu/console.c
#                             in /var/lib/xen/images/pvhtest with a 5000-
#                             byte module.bin and /etc/xen/pvhtest.xml
# ICU's data library (30 MB, 12 MB compressed) is replaced by a stub
# package with no entries (scripts/dom0/icudata-stub.c says why that is
# safe); DOM0_ICU=full ships the real one.
#
# Output: .cache/dom0/initrd-<icu>-<hash of all inputs>.gz, so it is
# rebuilt only when an input changed, and worktrees sharing .cache/ never
# overwrite each other's image (images unused for two days are pruned).
# Prints its path.
# usage: scripts/mkdom0-initramfs.sh   (run `make -C tools` first)
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEBS=$ROOT/.cache/debs
OUT=$ROOT/.cache/dom0
ICU=${DOM0_ICU:-stub}

log() { echo "mkdom0-initramfs: $*" >&2; }
die() { log "$*"; exit 1; }

case $ICU in stub|full) ;; *) die "DOM0_ICU must be stub or full" ;; esac
. "$ROOT/scripts/dom0/initramfs-lib.sh"
# The kernel and busybox packages: fetch-dom0-linux.sh downloads them.
kernel_and_busybox

# The programs: executable ELF files in tools/<dir>/.
tools_bins() {
    for f in "$ROOT"/tools/*/*; do
        [ -f "$f" ] && [ -x "$f" ] || continue
        [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] && echo "$f"
    done
}
BINS=$(tools_bins)
[ -n "$BINS" ] || die "no programs in tools/ (run make -C tools)"
echo "$BINS" | grep -q '/xl$' || die "tools/xl/xl is not built"

# Host libraries for the programs, as the dynamic linker finds them.
host_libs() {
    for b in $BINS; do
        ldd "$b" | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }'
    done | sort -u
}
LIBS=$(host_libs)

# The example domUs: Debian's kernel (the very one dom0 boots) and the
# smallest PV test kernel.
HELLO=$ROOT/tests/pv/build/hello.elf
[ -f "$HELLO" ] || die "no $HELLO (make -C tests/pv $HELLO)"
# The PVH test kernel (tests/hvm-domu) when it is built: PVH domUs from
# the toolstack (tests/boot/run-toolstack-pvh.sh).
PVHTEST=$ROOT/tests/hvm-domu/build/console.elf
[ -f "$PVHTEST" ] || PVHTEST=
DOMU="$ROOT/scripts/dom0/wait-until $ROOT/scripts/dom0/cycle-domains $ROOT/scripts/dom0/bench-create $ROOT/scripts/domu/init $ROOT/scripts/domu/linux.xml $ROOT/scripts/domu/pvtest.xml $ROOT/scripts/domu/crash.xml $ROOT/scripts/domu/pvhtest.xml $ROOT/scripts/domu/linux-pvh.xml"

stamp=$( (echo "icu=$ICU $XEN_MODULES"; cat "$0" "$ROOT/scripts/dom0/initramfs-lib.sh" "$ROOT/scripts/dom0/init" \
          "$ROOT/scripts/dom0/icudata-stub.c" $BINS "$ROOT/tools/xl/domain.rng" \
          $DOMU "$HELLO" $PVHTEST; ls -l "$KDEB" "$BDEB" "$VMLINUZ"; for l in $LIBS; do ls -lL "$l"; done) |
        sha256sum | cut -c1-16)
IMG=$OUT/initrd-$ICU-$stamp.gz
mkdir -p "$OUT"
if [ -s "$IMG" ]; then
    touch "$IMG"
    echo "$IMG"
    exit 0
fi
find "$OUT" -name 'initrd-*.gz' -mtime +1 -delete 2>/dev/null || true

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root/bin" "$root/usr/sbin" "$root/lib/modules" \
         "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/usr/share/xt" \
         "$root/proc" "$root/sys" "$root/dev" "$root/run" "$root/tmp" "$root/var"

install_busybox "$root" "$tmp"
cp "$ROOT/scripts/dom0/init" "$root/init"
chmod 755 "$root/init"
install_xen_modules "$root" "$tmp"

for b in $BINS; do
    cp "$b" "$root/usr/sbin/"
done
cp "$ROOT/tools/xl/domain.rng" "$root/usr/sbin/"
cp "$ROOT/scripts/dom0/wait-until" "$ROOT/scripts/dom0/cycle-domains" \
   "$ROOT/scripts/dom0/bench-create" "$root/usr/sbin/"
cp "$ROOT/tools/xl/example.xml" "$root/usr/share/xt/"
for l in $LIBS; do
    case $l in
    */ld-linux-x86-64.so.2) cp -L "$l" "$root/lib64/" ;;
    */libicudata.so.*)
        if [ "$ICU" = full ]; then
            cp -L "$l" "$root/lib/x86_64-linux-gnu/"
        else
            sym=$(nm -D --defined-only "$l" | awk '/ icudt[0-9]+_dat$/ { print $3 }')
            [ -n "$sym" ] || die "no ICU data symbol in $l"
            cc -shared -fPIC -O2 -o "$root/lib/x86_64-linux-gnu/$(basename "$l")" \
                -Wl,-soname,"$(basename "$l")" -DICU_DATA_SYMBOL="$sym" \
                "$ROOT/scripts/dom0/icudata-stub.c"
        fi ;;
    *) cp -L "$l" "$root/lib/x86_64-linux-gnu/" ;;
    esac
done

mkdir -p "$root/var/lib/xen/images/linux" "$root/var/lib/xen/images/pvtest" \
         "$root/etc/xen"
domu_initrd "$root/bin/busybox" "$tmp" "$root/var/lib/xen/images/linux/initrd.gz"
cp "$VMLINUZ" "$root/var/lib/xen/images/linux/vmlinuz"
cp "$HELLO" "$root/var/lib/xen/images/pvtest/hello.elf"
cp "$ROOT/scripts/domu/linux.xml" "$root/etc/xen/example.xml"
cp "$ROOT/scripts/domu/pvtest.xml" "$root/etc/xen/pvtest.xml"
cp "$ROOT/scripts/domu/crash.xml" "$root/etc/xen/crash.xml"
cp "$ROOT/scripts/domu/linux-pvh.xml" "$root/etc/xen/linux-pvh.xml"
if [ -n "$PVHTEST" ]; then
    mkdir -p "$root/var/lib/xen/images/pvhtest"
    cp "$PVHTEST" "$root/var/lib/xen/images/pvhtest/console.elf"
    # A module of a known size that is not gzip (copied as it is).
    head -c 5000 /dev/zero | tr '\0' 'm' > "$root/var/lib/xen/images/pvhtest/module.bin"
    cp "$ROOT/scripts/domu/pvhtest.xml" "$root/etc/xen/pvhtest.xml"
fi

cpio_of "$root" "$root/bin/busybox" | gzip -9 > "$IMG.tmp.$$"
mv "$IMG.tmp.$$" "$IMG"
log "$(basename "$IMG"): $(du -sk "$root" | cut -f1) KiB unpacked," \
    "$(( $(wc -c < "$IMG") / 1024 )) KiB compressed"
echo "$IMG"
