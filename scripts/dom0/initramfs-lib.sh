# initramfs-lib.sh - pieces shared by the dom0 initramfs builders
# (scripts/mkdom0-initramfs.sh for our tools, scripts/mkdom0-xentools-
# initramfs.sh for Debian's xen-utils-4.17).  Sourced, not run; expects
# ROOT, DEBS and die() from the caller.

# The Xen driver modules dom0 loads (and, through their .modinfo, what
# they depend on).
XEN_MODULES="xen-evtchn xen-privcmd xen-gntdev xen-gntalloc xenfs"

# kernel_and_busybox: sets KDEB, BDEB (the cached .debs) and VMLINUZ.
kernel_and_busybox() {
    sh "$ROOT/scripts/fetch-dom0-linux.sh" >/dev/null ||
        die "no Debian kernel or busybox (scripts/fetch-dom0-linux.sh)"
    KDEB=$(ls -1t "$DEBS"/linux-image-6.1.0-*-amd64_*.deb | head -n 1)
    BDEB=$(ls -1t "$DEBS"/busybox-static_*.deb | head -n 1)
    VMLINUZ=$(sh "$ROOT/scripts/fetch-dom0-linux.sh" | sed -n 1p)
}

# install_busybox <root> <scratch>: /bin/busybox from busybox-static.
install_busybox() {
    mkdir -p "$2/bb" "$1/bin"
    dpkg-deb -x "$BDEB" "$2/bb"
    cp "$2/bb/bin/busybox" "$1/bin/busybox"
}

# install_xen_modules <root> <scratch>: the modules of XEN_MODULES and
# their dependencies into <root>/lib/modules, with load-order listing
# them dependencies first, each once.
install_xen_modules() {
    install_modules "$1" "$2" './lib/modules/*/kernel/drivers/xen/*' $XEN_MODULES
}

# install_modules <root> <scratch> <tar globs> <module>...: the named
# modules (found among the kernel package's files matching the globs, a
# space-separated list) and their dependencies, as install_xen_modules
# does.
install_modules() {
    _r=$1 _t=$2 _glob=$3
    shift 3
    mkdir -p "$_r/lib/modules"
    set -f
    dpkg-deb --fsys-tarfile "$KDEB" | tar -x -C "$_t" --wildcards $_glob
    set +f
    : > "$_r/lib/modules/load-order"
    for _m in "$@"; do
        _add_module "$_m"
    done
}
_add_module() {
    grep -qx "$1.ko" "$_r/lib/modules/load-order" && return 0
    _p=$(find "$_t/lib/modules" -name "$1.ko" | head -n 1)
    [ -n "$_p" ] || die "module $1 is not in $(basename "$KDEB")"
    objcopy -O binary --only-section=.modinfo "$_p" "$_t/modinfo"
    for _d in $(tr '\0' '\n' < "$_t/modinfo" | sed -n 's/^depends=//p' | tr ',' ' '); do
        _add_module "$_d"
    done
    _p=$(find "$_t/lib/modules" -name "$1.ko" | head -n 1)
    cp "$_p" "$_r/lib/modules/$1.ko"
    echo "$1.ko" >> "$_r/lib/modules/load-order"
}

# cpio_of <dir> <busybox>: a newc archive of dir, members sorted
# (deterministic).
cpio_of() {
    (cd "$1" && find . | sort | "$2" cpio -o -H newc 2>/dev/null)
}

# domu_initrd <busybox> <scratch> <out.gz>: the example Linux domU's
# initramfs, busybox and scripts/domu/init (prints DOMU SHELL READY).
domu_initrd() {
    _d=$2/domu
    mkdir -p "$_d/bin" "$_d/proc" "$_d/sys" "$_d/dev" "$_d/tmp"
    cp "$1" "$_d/bin/busybox"
    cp "$ROOT/scripts/domu/init" "$_d/init"
    chmod 755 "$_d/init"
    cpio_of "$_d" "$1" | gzip -9n > "$3"
}
