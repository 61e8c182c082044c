#!/bin/sh
# fetch-dom0-linux.sh - provide Debian's Linux 6.1 kernel and a busybox
# initramfs for booting Linux as dom0 (tests/boot/run-linux.sh).
#
# Downloads (once) into .cache/debs/ the linux-image-6.1.0-*-amd64 package
# that linux-image-amd64 depends on, and busybox-static; extracts the
# kernel to .cache/linux/vmlinuz and builds .cache/linux/initrd.gz from
# busybox and tests/boot/linux-init.sh (its /init), using busybox's own
# cpio.  Prints the two paths, one per line.  Nothing here is committed.

set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEBS=$ROOT/.cache/debs
OUT=$ROOT/.cache/linux
INIT=$ROOT/tests/boot/linux-init.sh

log()
{
    echo "fetch-dom0-linux: $*" >&2
}

mkdir -p "$DEBS" "$OUT"

# cached_or_download <file regex> <package>: the newest matching .deb.
cached_or_download()
{
    deb=$(ls -1t "$DEBS" 2>/dev/null | grep -E "^$1" | head -n 1)
    if [ -z "$deb" ]; then
        log "downloading $2"
        if ! (cd "$DEBS" && apt-get download "$2" >&2 2>/dev/null); then
            apt-get update >&2
            (cd "$DEBS" && apt-get download "$2" >&2)
        fi
        deb=$(ls -1t "$DEBS" | grep -E "^$1" | head -n 1)
    fi
    [ -n "$deb" ] || { log "no $2 package"; exit 1; }
    echo "$DEBS/$deb"
}

if [ ! -s "$OUT/vmlinuz" ]; then
    pkg=$(ls -1t "$DEBS" 2>/dev/null |
          grep -E '^linux-image-6\.1\.0-[0-9]+-amd64_' | head -n 1 | cut -d_ -f1)
    if [ -z "$pkg" ]; then
        pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
              awk '/Depends: linux-image-6\.1\.0-[0-9]+-amd64$/ { print $2; exit }')
    fi
    [ -n "$pkg" ] || { log "cannot tell which linux-image-6.1 package"; exit 1; }
    deb=$(cached_or_download "${pkg}_" "$pkg")
    tmp=$(mktemp -d)
    dpkg-deb -x "$deb" "$tmp"
    cp "$tmp"/boot/vmlinuz-* "$OUT/vmlinuz.tmp"
    rm -rf "$tmp"
    mv "$OUT/vmlinuz.tmp" "$OUT/vmlinuz"
fi

if [ ! -s "$OUT/initrd.gz" ] || [ "$INIT" -nt "$OUT/initrd.gz" ]; then
    deb=$(cached_or_download 'busybox-static_' busybox-static)
    tmp=$(mktemp -d)
    dpkg-deb -x "$deb" "$tmp/pkg"
    mkdir -p "$tmp/root/bin" "$tmp/root/proc" "$tmp/root/sys" "$tmp/root/dev"
    cp "$tmp/pkg/bin/busybox" "$tmp/root/bin/busybox"
    cp "$INIT" "$tmp/root/init"
    chmod 755 "$tmp/root/init"
    (cd "$tmp/root" && find . | "$tmp/pkg/bin/busybox" cpio -o -H newc 2>/dev/null) |
        gzip -9 > "$OUT/initrd.gz.tmp"
    rm -rf "$tmp"
    mv "$OUT/initrd.gz.tmp" "$OUT/initrd.gz"
fi

echo "$OUT/vmlinuz"
echo "$OUT/initrd.gz"
