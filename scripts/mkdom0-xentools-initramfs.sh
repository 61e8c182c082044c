#!/bin/sh
# mkdom0-xentools-initramfs.sh - a dom0 initramfs with Xen 4.17's own
# toolstack and libvirt as Debian ships them (xen-utils-4.17; libvirt-
# daemon, -driver-xen, -clients), unmodified, for
# tests/boot/run-xentools.sh.
#
# Everything comes from Debian's packages:
#   xen-utils-4.17, xen-utils-common, xenstore-utils, libvirt-daemon,
#     libvirt-daemon-driver-xen, libvirt-clients, libvirt0 and the library
#     packages they depend on, followed recursively through Depends
#     (only library packages, lib* and zlib*: the programs need no
#     python, perl or udev);
#     every program's libraries are resolved by ldd against that tree
#     and an unresolved one is an error.  libgcc_s is added too: glibc
#     opens it at run time (thread cancellation), ldd cannot see that.
#   busybox-static, the kernel's Xen modules: as scripts/mkdom0-initramfs.sh
#     (scripts/dom0/initramfs-lib.sh).
#   scripts/dom0-xentools/init   /init: oxenstored (Debian's default
#     xenstored, launch-xenstore), xen-init-dom0, xenconsoled, libvirtd,
#     a shell; libvirtd.conf, passwd, group: what libvirtd needs here;
#     waitlog, xlwait, lvgone: the test's helpers, in /usr/bin.
#   the example domU             /var/lib/xen/images/linux: Debian's vmlinuz
#     and the busybox initramfs of scripts/domu/init (DOMU SHELL READY);
#     its xl.cfg: scripts/dom0-xentools/domu.cfg as /etc/xen/domu.cfg;
#     its libvirt XML: scripts/dom0-xentools/domu.xml as /etc/libvirt/.
#   a PV test kernel as a domU  /var/lib/xen/images/pvtest/hello.elf
#     (tests/pv/build, an ELF with Xen notes; built here when missing),
#     its xl.cfg: scripts/dom0-xentools/pvtest.cfg as /etc/xen/pvtest.cfg.
#
# Output: .cache/dom0/xentools-<hash of the inputs>.gz; prints its path.
# usage: scripts/mkdom0-xentools-initramfs.sh
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEBS=$ROOT/.cache/debs
OUT=$ROOT/.cache/dom0
TOPPKGS="xen-utils-4.17 xen-utils-common xenstore-utils
         libvirt-daemon libvirt-daemon-driver-xen libvirt-clients libvirt0"
XENBIN=usr/lib/xen-4.17/bin
PROGS="xl oxenstored xenstored xen-init-dom0 xenconsoled xenconsole"
# libvirt: the monolithic daemon (Debian 12 ships no virtxend), virsh,
# and the one connection driver it needs, libxl (Xen); libvirtd finds
# no other driver module and runs without them.
LVLIB=usr/lib/x86_64-linux-gnu/libvirt
LVFILES="usr/sbin/libvirtd usr/bin/virsh $LVLIB/connection-driver/libvirt_driver_libxl.so"

log() { echo "mkdom0-xentools-initramfs: $*" >&2; }
die() { log "$*"; exit 1; }

. "$ROOT/scripts/dom0/initramfs-lib.sh"
kernel_and_busybox
HELLO=$ROOT/tests/pv/build/hello.elf
make -s -C "$ROOT/tests/pv" "$HELLO" >&2 || die "cannot build $HELLO"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# deb_of <package>: the cached .deb of it, downloaded when missing.
deb_of() {
    d=$(ls -1t "$DEBS"/"$1"_*.deb 2>/dev/null | head -n 1)
    if [ -z "$d" ]; then
        log "downloading $1"
        (cd "$DEBS" && apt-get download "$1" >/dev/null 2>&1) ||
            { apt-get update >/dev/null 2>&1 || true;
              (cd "$DEBS" && apt-get download "$1" >&2); } ||
            die "cannot download $1"
        d=$(ls -1t "$DEBS"/"$1"_*.deb | head -n 1)
    fi
    echo "$d"
}

# deps_of <deb>: the packages its Depends and Pre-Depends name (first of
# each alternative, versions and :any dropped).
deps_of() {
    { dpkg-deb -f "$1" Depends; dpkg-deb -f "$1" Pre-Depends; } |
        tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g' |
        grep -v '^$' || true
}

# The packages: the top ones, then lib* dependencies, transitively.
todo=$TOPPKGS seen=" "
while [ -n "$todo" ]; do
    next=""
    for p in $todo; do
        case "$seen" in *" $p "*) continue ;; esac
        seen="$seen$p "
        deb=$(deb_of "$p")
        echo "$deb" >> "$tmp/debs"
        for d in $(deps_of "$deb"); do
            case $d in lib*|zlib*) next="$next $d" ;; esac
        done
    done
    todo=$next
done
sort -u "$tmp/debs" -o "$tmp/debs"

stamp=$( (cat "$0" "$ROOT/scripts/dom0/initramfs-lib.sh" \
          "$ROOT"/scripts/dom0-xentools/* "$ROOT/scripts/domu/init" "$HELLO";
          ls -l "$KDEB" "$BDEB" "$VMLINUZ"; cat "$tmp/debs") |
        sha256sum | cut -c1-16)
IMG=$OUT/xentools-$stamp.gz
mkdir -p "$OUT"
if [ -s "$IMG" ]; then
    touch "$IMG"
    echo "$IMG"
    exit 0
fi
find "$OUT" -name 'xentools-*.gz' -mtime +1 -delete 2>/dev/null || true

pkg=$tmp/pkg
while read -r deb; do
    dpkg-deb -x "$deb" "$pkg"
done < "$tmp/debs"
LIBPATH=$pkg/lib/x86_64-linux-gnu:$pkg/usr/lib/x86_64-linux-gnu

root=$tmp/root
mkdir -p "$root/usr/sbin" "$root/usr/bin" "$root/$XENBIN" "$root/lib64" \
         "$root/lib/x86_64-linux-gnu" "$root/etc/xen" "$root/proc" "$root/sys" \
         "$root/dev" "$root/run" "$root/tmp" "$root/var/lib/xen" \
         "$root/var/lib/xen/images/linux" "$root/var/lib/xen/images/pvtest" \
         "$root/var/log/xen/console"
install_busybox "$root" "$tmp"
install_xen_modules "$root" "$tmp"
cp "$ROOT/scripts/dom0-xentools/init" "$root/init"
chmod 755 "$root/init"
for h in waitlog xlwait lvgone; do
    cp "$ROOT/scripts/dom0-xentools/$h" "$root/usr/bin/$h"
    chmod 755 "$root/usr/bin/$h"
done

# The programs, in Xen's own directory and on PATH (Debian's /usr/sbin
# names are links to a version-choosing wrapper; these are the real ones).
BINS=""
for p in $PROGS; do
    [ -x "$pkg/$XENBIN/$p" ] || die "no $XENBIN/$p in the packages"
    cp "$pkg/$XENBIN/$p" "$root/$XENBIN/"
    ln -s "/$XENBIN/$p" "$root/usr/sbin/$p"
    BINS="$BINS $pkg/$XENBIN/$p"
done
cp "$pkg/usr/bin/xenstore" "$root/usr/bin/"
for c in read write ls list rm exists chmod watch; do
    ln -s xenstore "$root/usr/bin/xenstore-$c"
done
BINS="$BINS $pkg/usr/bin/xenstore"
cp "$pkg/etc/xen/oxenstored.conf" "$pkg/etc/xen/xl.conf" "$root/etc/xen/"

for f in $LVFILES; do
    [ -f "$pkg/$f" ] || die "no $f in the packages"
    mkdir -p "$root/$(dirname "$f")"
    cp "$pkg/$f" "$root/$f"
    BINS="$BINS $pkg/$f"
done
# The CPU models libxl's driver reads for its capabilities, and the
# client's configuration.
mkdir -p "$root/usr/share/libvirt" "$root/etc/libvirt"
cp -r "$pkg/usr/share/libvirt/cpu_map" "$root/usr/share/libvirt/"
cp "$pkg/etc/libvirt/libvirt.conf" "$root/etc/libvirt/"
cp "$ROOT/scripts/dom0-xentools/libvirtd.conf" "$root/etc/libvirt/"
# libvirtd looks its user up (getpwuid) and refuses to start without an
# entry: root's, and its group.
cp "$ROOT/scripts/dom0-xentools/passwd" "$ROOT/scripts/dom0-xentools/group" \
    "$root/etc/"

# Libraries, as ldd resolves them within the packages.
for b in $BINS; do
    LD_LIBRARY_PATH=$LIBPATH ldd "$b" > "$tmp/ldd" || die "ldd $b failed"
    if grep -q 'not found' "$tmp/ldd"; then
        die "$(basename "$b"): $(grep 'not found' "$tmp/ldd" | tr -s ' \t' ' ')"
    fi
    awk '/=> \// { print $3 }' "$tmp/ldd"
done | sort -u > "$tmp/libs"
ls "$pkg"/lib/x86_64-linux-gnu/libgcc_s.so.1 "$pkg"/lib64/ld-linux-x86-64.so.2 \
    >> "$tmp/libs" || die "libgcc-s1 or libc6 missing from the packages"
while read -r l; do
    case $l in
    "$pkg"/*) ;;
    *) die "$l resolved outside the packages (a Depends not followed)" ;;
    esac
    case $l in
    */ld-linux-x86-64.so.2) cp -L "$l" "$root/lib64/" ;;
    *) cp -L "$l" "$root/lib/x86_64-linux-gnu/" ;;
    esac
done < "$tmp/libs"

domu_initrd "$root/bin/busybox" "$tmp" "$root/var/lib/xen/images/linux/initrd.gz"
cp "$VMLINUZ" "$root/var/lib/xen/images/linux/vmlinuz"
cp "$ROOT/scripts/dom0-xentools/domu.cfg" "$root/etc/xen/domu.cfg"
cp "$ROOT/scripts/dom0-xentools/domu.xml" "$root/etc/libvirt/domu.xml"
cp "$HELLO" "$root/var/lib/xen/images/pvtest/hello.elf"
cp "$ROOT/scripts/dom0-xentools/pvtest.cfg" "$root/etc/xen/pvtest.cfg"

cpio_of "$root" "$root/bin/busybox" | gzip -9 > "$IMG.tmp.$$"
mv "$IMG.tmp.$$" "$IMG"
log "$(basename "$IMG"): $(wc -l < "$tmp/debs") packages," \
    "$(du -sk "$root" | cut -f1) KiB unpacked, $(( $(wc -c < "$IMG") / 1024 )) KiB compressed"
echo "$IMG"
