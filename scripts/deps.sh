#!/bin/sh
# Install the Debian packages the build and the tests need, but only those
# that are missing: a machine that has them all is left untouched.
# usage: scripts/deps.sh
set -e

PKGS="gcc make binutils libc6-dev xz-utils
      qemu-system-x86 qemu-utils
      grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools dosfstools
      ovmf gnu-efi bochs bochsbios vgabios
      libxml2-dev libncurses-dev pkg-config"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
    echo "deps: these packages are missing and installing them needs root:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 || {
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends $missing >/dev/null
}
