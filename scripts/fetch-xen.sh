#!/bin/sh
# fetch-xen.sh - provide the Xen 4.17 hypervisor image used as the oracle.
#
# Downloads Debian's xen-hypervisor-4.17-amd64 package (once) into
# .cache/debs/, pulls the gzipped Multiboot image out of its boot/ folder,
# unpacks it to .cache/xen/xen-4.17 and prints that path on stdout.
# Nothing here is ever committed: .cache/ is git-ignored.
# A second run with the image already present only prints the path.

set -eu

PKG=xen-hypervisor-4.17-amd64
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEBS=$ROOT/.cache/debs
OUT=$ROOT/.cache/xen
IMAGE=$OUT/xen-4.17

log()
{
    echo "fetch-xen: $*" >&2
}

if [ -s "$IMAGE" ]; then
    echo "$IMAGE"
    exit 0
fi

mkdir -p "$DEBS" "$OUT"

find_deb()
{
    ls -1t "$DEBS"/${PKG}_*.deb 2>/dev/null | head -n 1
}

DEB=$(find_deb)
if [ -z "$DEB" ]; then
    log "downloading $PKG"
    # apt-get download writes into the current directory.  The package
    # lists may be missing or stale on a fresh machine: refresh them only
    # when the first attempt fails, since an update costs time.
    if ! (cd "$DEBS" && apt-get download "$PKG" >&2 2>/dev/null); then
        log "download failed; running apt-get update and retrying"
        apt-get update >&2
        (cd "$DEBS" && apt-get download "$PKG" >&2)
    fi
    DEB=$(find_deb)
    [ -n "$DEB" ] || { log "no $PKG .deb after download"; exit 1; }
fi

# The file name inside the package carries the version (xen-4.17-amd64.gz
# today); pick whichever gzipped image the boot/ folder holds, not the
# .efi or .config beside it.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
dpkg-deb -x "$DEB" "$TMP"
GZ=$(ls -1 "$TMP"/boot/xen-*.gz 2>/dev/null | head -n 1)
[ -n "$GZ" ] || { log "no boot/xen-*.gz inside $DEB"; exit 1; }

gunzip -c "$GZ" > "$IMAGE.tmp"
mv "$IMAGE.tmp" "$IMAGE"
log "extracted $(basename "$GZ") from $(basename "$DEB")"
echo "$IMAGE"
