#!/bin/sh
# UEFI boot tests under OVMF (Debian's ovmf package), each run with its own
# copy of the firmware's variable store:
#   efi-grub     GRUB x86_64-efi from the ISO, Multiboot2 (scripts/mkiso.sh)
#   efi-app      xen.efi as \EFI\BOOT\BOOTX64.EFI on a FAT directory, with
#                xen.cfg and the kernel beside it
#   efi-app missing module / missing config: one clear line on the
#                console, and back to the firmware
# The good runs boot the PV test kernel "hello" as dom0, which powers the
# machine off; they must show both CPUs online, the memory of -m (less
# what the firmware keeps) and the dom0's result.
#   efi-fw-grub-ours, efi-fw-app-ours, efi-fw-grub-xen: the PV test kernel
#                efi-firmware (pvtest.efi=1) as dom0 under OVMF, on ours by
#                both paths and on Xen 4.17 by GRUB Multiboot2: the EFI
#                facts of XENPF_firmware_info must be there and agree.
#   efi-fw-grub-ours-nors, efi-fw-grub-xen-nors: the same with efi=no-rs
#                (pvtest.efi=nors): runtime services -EOPNOTSUPP on both.
#   efi-linux-efi-lines: Debian's Linux 6.1 as dom0 under OVMF (GRUB
#                Multiboot2) on ours and on Xen 4.17, until it starts init:
#                the "efi:" lines (from XEN_FW_EFI_INFO) must be the same,
#                the DMI line there (SMBIOS read from UEFI runtime memory),
#                and the lines Linux prints from runtime services (Secure
#                Boot state, "Registered efivars operations", integrity's
#                key lists) the same.
#   efi-linux-fb-grub: the same by GRUB Multiboot2 on both (ours learns
#                the framebuffer from GRUB's framebuffer tag only).
# Arguments, if any, name the runs to do (the function names below).
. "$(dirname "$0")/../lib.sh"

CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
TIMEOUT=${EFI_TIMEOUT:-90}
HELLO=$TOP/tests/pv/build/hello.elf
FW=$TOP/tests/pv/build/efi-firmware.elf
ARGS="console=com1 com1=115200,8n1"
MIB=512

if [ ! -f "$CODE" ] || [ ! -f "$VARS" ]; then
    skip "efi" "no OVMF firmware ($CODE)"; exit 0
fi
if [ ! -f "$TOP/xen/xen.efi" ] || [ ! -f "$HELLO" ] || [ ! -f "$FW" ]; then
    fail "efi" "xen/xen.efi or tests/pv/build/{hello,efi-firmware}.elf is not built"; exit 1
fi

# ovmf_boot <tag> <log> <marker> <extra qemu args...>: boot until the
# marker shows (then stop QEMU), QEMU exits, or the timeout.
ovmf_boot() {
    tag=$1 log=$2 marker=$3
    shift 3
    cp "$VARS" "$OUT/efi-$tag.vars"
    rm -f "$log"
    qemu-system-x86_64 -machine q35 -cpu qemu64 -smp 2 -m $MIB -nographic \
        -no-reboot -net none -monitor none -serial "file:$log" \
        -drive if=pflash,format=raw,unit=0,readonly=on,file="$CODE" \
        -drive if=pflash,format=raw,unit=1,file="$OUT/efi-$tag.vars" \
        "$@" </dev/null >"$log.qemu" 2>&1 &
    q=$!
    n=0
    while kill -0 $q 2>/dev/null && ! grep -aq "$marker" "$log" 2>/dev/null; do
        n=$((n + 1))
        [ $n -ge $((TIMEOUT * 4)) ] && break
        sleep 0.25
    done
    sleep 0.5
    kill $q 2>/dev/null
    wait $q 2>/dev/null
}

# check_boot <name> <log> <loader>: the markers of a good boot.
check_boot() {
    name=$1 log=$2 loader=$3
    kib=$(sed -n 's/.*Memory: \([0-9]*\) KiB RAM.*/\1/p' "$log" | head -n 1)
    if grep -aqE "Panic on CPU|FATAL TRAP" "$log"; then
        fail "$name" "hypervisor panicked" "$log"
    elif ! grep -aq "Bootloader: $loader" "$log"; then
        fail "$name" "not entered through $loader" "$log"
    elif ! grep -aq "Brought up 2 CPUs" "$log"; then
        fail "$name" "not both CPUs online" "$log"
    elif [ -z "$kib" ] || [ "$kib" -gt $((MIB * 1024)) ] ||
         [ "$kib" -lt $(((MIB - 16) * 1024)) ]; then
        fail "$name" "RAM total ${kib:-?} KiB is not about $MIB MiB" "$log"
    elif ! grep -aq "Test result: SUCCESS" "$log"; then
        fail "$name" "dom0 did not run" "$log"
    elif ! grep -aq "Powering off" "$log"; then
        fail "$name" "no power-off" "$log"
    else
        pass "$name"
    fi
}

efi_grub() {
    iso=$OUT/efi-grub.iso log=$OUT/efi-grub.log
    if ! sh "$TOP/scripts/mkiso.sh" "$iso" "$ARGS" "$HELLO" "" 2>"$log.mkiso"; then
        fail "efi-grub (GRUB x86_64-efi, Multiboot2)" "mkiso failed" "$log.mkiso"
        return
    fi
    ovmf_boot grub "$log" "Powering off" -cdrom "$iso"
    check_boot "efi-grub (GRUB x86_64-efi, Multiboot2)" "$log" "GRUB"
}

# esp <dir> <xen.cfg text or "-" for none>: a boot directory for xen.efi.
esp() {
    rm -rf "$1"
    mkdir -p "$1/EFI/BOOT"
    cp "$TOP/xen/xen.efi" "$1/EFI/BOOT/BOOTX64.EFI"
    cp "$HELLO" "$1/EFI/BOOT/hello.elf"
    [ "$2" = - ] || printf '%s\n' "$2" > "$1/EFI/BOOT/xen.cfg"
}

efi_app() {
    dir=$OUT/efi-esp-ok log=$OUT/efi-app.log
    esp "$dir" "# xen.efi test
options=$ARGS
kernel=hello.elf pvtest.hv=ours"
    ovmf_boot app "$log" "Powering off" -drive "format=raw,file=fat:rw:$dir"
    check_boot "efi-app (xen.efi from a FAT directory)" "$log" "xen.efi"
}

# efi_refusal <tag> <name> <xen.cfg or -> <expected line>
efi_refusal() {
    dir=$OUT/efi-esp-$1 log=$OUT/efi-$1.log
    esp "$dir" "$3"
    ovmf_boot "$1" "$log" "$4" -drive "format=raw,file=fat:rw:$dir"
    if grep -aq "$4" "$log" && ! grep -aq "(XEN)" "$log"; then
        pass "$2"
    else
        fail "$2" "no '$4' before giving up" "$log"
    fi
}

missing_module() {
    efi_refusal nomod "efi-app missing module (clear error, back to firmware)" \
        "options=$ARGS
kernel=hello.elf
module=missing.elf" "xen.efi: cannot load module: missing.elf"
}

missing_config() {
    efi_refusal nocfg "efi-app missing xen.cfg (clear error, back to firmware)" \
        - "xen.efi: cannot read the configuration file: xen.cfg"
}

# fw_result <name> <log>: the efi-firmware kernel's verdict.
fw_result() {
    if grep -aq "Test result: SUCCESS" "$2"; then
        pass "$1"
    else
        fail "$1" "$(grep -a "Test result" "$2" | head -n 1 || echo 'no result')" "$2"
    fi
}

# fw_grub <tag> <hv> <image> <hypervisor args> <pvtest.efi>: efi-firmware
# through GRUB.
fw_grub() {
    iso=$OUT/efi-fw-grub-$1.iso log=$OUT/efi-fw-grub-$1.log
    if ! MKISO_HV=$3 sh "$TOP/scripts/mkiso.sh" "$iso" "$4" "$FW" \
            "pvtest.hv=$2 pvtest.efi=$5" 2>"$log.mkiso"; then
        fail "efi-fw-grub-$1" "mkiso failed" "$log.mkiso"
        return
    fi
    ovmf_boot "fw-grub-$1" "$log" "Test result" -cdrom "$iso"
    fw_result "efi-fw-grub-$1 (efi-firmware, GRUB Multiboot2${6:+, $6})" "$log"
}

efi_fw_grub_ours() {
    fw_grub ours ours "$TOP/xen/xen" "$ARGS" 1
}

efi_fw_grub_xen() {
    if ! xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
        skip "efi-fw-grub-xen" "no Xen 4.17 image"; return
    fi
    fw_grub xen xen "$xen" "$ARGS dom0_mem=64M loglvl=all guest_loglvl=all" 1
}

# Runtime services off by efi=no-rs: RT_VERSION and the calls -EOPNOTSUPP.
# (Xen with efi=no-rs also drops the vendor string, EFI_VENDOR -EOPNOTSUPP,
# which ours keeps, as Xen does by default, so that Linux names the
# firmware the same: the test does not look at it in this mode.)
efi_fw_grub_ours_nors() {
    fw_grub ours-nors ours "$TOP/xen/xen" "$ARGS efi=no-rs" nors "efi=no-rs"
}

efi_fw_grub_xen_nors() {
    if ! xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
        skip "efi-fw-grub-xen-nors" "no Xen 4.17 image"; return
    fi
    fw_grub xen-nors xen "$xen" "$ARGS dom0_mem=64M efi=no-rs" nors "efi=no-rs"
}

efi_fw_app_ours() {
    dir=$OUT/efi-esp-fw log=$OUT/efi-fw-app-ours.log
    esp "$dir" "options=$ARGS
kernel=efi-firmware.elf pvtest.hv=ours pvtest.efi=1"
    cp "$FW" "$dir/EFI/BOOT/efi-firmware.elf"
    ovmf_boot fw-app "$log" "Test result" -drive "format=raw,file=fat:rw:$dir"
    fw_result "efi-fw-app-ours (efi-firmware, xen.efi)" "$log"
}

# linux_early <hv> <image> <log>: Linux dom0 until it starts init (every
# initcall done: efivars, integrity's key lists) or a panic.
linux_early() {
    iso=$OUT/efi-linux-$1.iso
    MKISO_HV=$2 sh "$TOP/scripts/mkiso.sh" "$iso" \
        "$ARGS dom0_mem=256M" "$VMLINUZ" "console=hvc0 earlyprintk=xen" \
        "$INITRD" "" 2>"$3.mkiso" || return 1
    ovmf_boot "linux-$1" "$3" 'Run /init\|PANIC\|Kernel panic' -cdrom "$iso"
}

efi_lines() {
    grep -a '^\[ *[0-9.]*\] efi: ' "$1" | sed 's/^\[[^]]*\] //' | tr -d '\r'
}

# What Linux prints from EFI runtime services: the Secure Boot state
# (variables read at boot), efivars' registration, the key lists.
rs_lines() {
    grep -a -i '^\[ *[0-9.]*\] .*\(secure *boot\|efivars\|integrity:\)' "$1" |
        sed 's/^\[[^]]*\] //' | tr -d '\r'
}

efi_linux_efi_lines() {
    name="efi-linux-efi-lines (Linux dom0 under OVMF, ours and Xen 4.17)"
    if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>/dev/null) ||
       ! xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
        skip "$name" "no Debian kernel or no Xen 4.17 image"; return
    fi
    VMLINUZ=$(echo "$files" | sed -n 1p) INITRD=$(echo "$files" | sed -n 2p)
    lo=$OUT/efi-linux-ours.log lx=$OUT/efi-linux-xen.log
    if ! linux_early ours "$TOP/xen/xen" "$lo" ||
       ! linux_early xen "$xen" "$lx"; then
        fail "$name" "mkiso failed" "$lo.mkiso"; return
    fi
    efi_lines "$lo" > "$lo.efi"
    efi_lines "$lx" > "$lx.efi"
    rs_lines "$lo" > "$lo.rs"
    rs_lines "$lx" > "$lx.rs"
    if [ ! -s "$lx.efi" ]; then
        fail "$name" "no efi: lines from Linux on Xen 4.17" "$lx"
    elif ! cmp -s "$lo.efi" "$lx.efi"; then
        fail "$name" "efi: lines differ: $(diff "$lo.efi" "$lx.efi" | tr '\n' ' ')" "$lo"
    elif ! grep -aq "DMI:" "$lo"; then
        fail "$name" "no DMI line from Linux on ours" "$lo"
    elif ! grep -q "Registered efivars operations" "$lx.rs"; then
        fail "$name" "no efivars on Xen 4.17" "$lx"
    elif ! cmp -s "$lo.rs" "$lx.rs"; then
        fail "$name" "runtime-service lines differ: $(diff "$lo.rs" "$lx.rs" | tr '\n' ' ')" "$lo"
    else
        pass "$name"
    fi
    sed 's/^/    ours: /' "$lo.rs"
    sed 's/^/    xen:  /' "$lx.rs"
}

fb_lines() {
    grep -a '^\[ *[0-9.]*\] \(efifb: \|fb0: \|pci .*efifb\)' "$1" |
        sed 's/^\[[^]]*\] //' | tr -d '\r'
}

# Linux dom0 by xen.efi on ours (which sets the graphics output's largest
# mode, as Xen's loader does) against Linux on Xen 4.17 (GRUB Multiboot2;
# Xen sets that mode itself there): the efifb lines must be the same.
efi_linux_fb() {
    name="efi-linux-fb (Linux dom0's efifb, ours by xen.efi and Xen 4.17)"
    if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>/dev/null) ||
       ! xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
        skip "$name" "no Debian kernel or no Xen 4.17 image"; return
    fi
    VMLINUZ=$(echo "$files" | sed -n 1p) INITRD=$(echo "$files" | sed -n 2p)
    lo=$OUT/efi-linux-fb-ours.log lx=$OUT/efi-linux-fb-xen.log
    dir=$OUT/efi-esp-linux
    esp "$dir" "options=$ARGS dom0_mem=256M
kernel=vmlinuz console=hvc0 earlyprintk=xen
ramdisk=initrd"
    cp "$VMLINUZ" "$dir/EFI/BOOT/vmlinuz"
    cp "$INITRD" "$dir/EFI/BOOT/initrd"
    ovmf_boot linux-fb-ours "$lo" 'Run /init\|PANIC\|Kernel panic' \
        -drive "format=raw,file=fat:rw:$dir"
    if ! linux_early fb-xen "$xen" "$lx"; then
        fail "$name" "mkiso failed" "$lx.mkiso"; return
    fi
    fb_lines "$lo" > "$lo.fb"
    fb_lines "$lx" > "$lx.fb"
    if ! grep -q "^fb0: " "$lx.fb"; then
        fail "$name" "no fb0 from Linux on Xen 4.17" "$lx"
    elif ! cmp -s "$lo.fb" "$lx.fb"; then
        fail "$name" "efifb lines differ: $(diff "$lo.fb" "$lx.fb" | tr '\n' ' ')" "$lo"
    else
        pass "$name"
    fi
    sed 's/^/    ours: /' "$lo.fb"
}

# Linux dom0 by GRUB Multiboot2 on both: GRUB has left boot services
# before ours runs, so the framebuffer GRUB set (with the video driver
# mkiso.sh loads under UEFI), reported in its framebuffer tag, is the only
# one ours can pass on.
# Xen 4.17, entered in boot services, sets the graphics output's largest
# mode itself (2048x2048 under OVMF) where GRUB's "auto" took the
# display's preferred one (1280x800): the geometry (mode, line length,
# size used) is left out of the comparison and printed; every other
# efifb line, the framebuffer's base and the BAR claim included, must be
# the same.
fb_geometry_out() {
    sed 's/using [0-9]*k, total [0-9]*k/using SIZE/;
         s/mode is [0-9x]*, linelength=[0-9]*/mode is MODE/'
}

efi_linux_fb_grub() {
    name="efi-linux-fb-grub (Linux dom0's efifb, ours and Xen 4.17 by GRUB)"
    if ! files=$(sh "$TOP/scripts/fetch-dom0-linux.sh" 2>/dev/null) ||
       ! xen=$(sh "$TOP/scripts/fetch-xen.sh" 2>/dev/null); then
        skip "$name" "no Debian kernel or no Xen 4.17 image"; return
    fi
    VMLINUZ=$(echo "$files" | sed -n 1p) INITRD=$(echo "$files" | sed -n 2p)
    lo=$OUT/efi-linux-fbg-ours.log lx=$OUT/efi-linux-fbg-xen.log
    if ! linux_early fbg-ours "$TOP/xen/xen" "$lo" ||
       ! linux_early fbg-xen "$xen" "$lx"; then
        fail "$name" "mkiso failed" "$lo.mkiso"; return
    fi
    fb_lines "$lo" | fb_geometry_out > "$lo.fb"
    fb_lines "$lx" | fb_geometry_out > "$lx.fb"
    if ! grep -q "^fb0: " "$lx.fb"; then
        fail "$name" "no fb0 from Linux on Xen 4.17" "$lx"
    elif ! cmp -s "$lo.fb" "$lx.fb"; then
        fail "$name" "efifb lines differ: $(diff "$lo.fb" "$lx.fb" | tr '\n' ' ')" "$lo"
    else
        pass "$name"
    fi
    fb_lines "$lo" | grep "mode is" | sed 's/^/    ours: /'
    fb_lines "$lx" | grep "mode is" | sed 's/^/    xen:  /'
}

if [ $# -gt 0 ]; then
    parallel_run "$@"
else
    parallel_run efi_grub efi_app missing_module missing_config \
        efi_fw_grub_ours efi_fw_app_ours efi_fw_grub_ours_nors efi_fw_grub_xen \
        efi_fw_grub_xen_nors efi_linux_efi_lines efi_linux_fb efi_linux_fb_grub
fi
