#!/bin/sh
# Debian's Linux 6.1 as a PVH domU built by our toolstack: its kernel
# log on our hypervisor against the one it prints on Xen 4.17 (the same
# dom0, toolstack, config and kernel; only the hypervisor differs).
# run-toolstack-pvh.sh saves both console logs (xenconsoled's
# guest-linux-pvh.log) as $OUT/linux-pvh-ours.log and linux-pvh-xen.log
# and calls this script when one run booted both hypervisors.  Every
# line ours prints and Xen's does not, numbers, addresses, UUIDs and
# timestamps masked (log-classes.sh, shared with run-dom0-dmesg.sh),
# falls in a class below; a line of an asserted class FAILs, unless the
# allowlist names it as a legitimate difference.
#
# Standalone: PVH_LOG_OURS=file PVH_LOG_XEN=file sh $0
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/log-classes.sh"

OURS=${PVH_LOG_OURS:-$OUT/linux-pvh-ours.log}
XEN=${PVH_LOG_XEN:-$OUT/linux-pvh-xen.log}

# name|regex (extended, matched against the masked line; first wins)
CLASSES='
msr|unchecked MSR access|RDMSR|WRMSR
mtrr-pat|MTRR|x86/PAT
trace|Call Trace|TASK>|^ \? |WARNING:|BUG:|RIP:|Oops
acpi|ACPI|RSDP|XSDT|FACP|DSDT|MADT|IOAPIC
apic|APIC|x2apic|[Ll]ocal APIC
smp|smpboot|^smp:|CPU|[Pp]rocessor
xen|[Xx]en|grant|balloon|events
e820|e820|BIOS-|usable|reserved
other|Failed to|Unable to|failed|[Ee]rror|Could not|[Ww]arning|[Dd]isabled|not |[Ii]nvalid|[Bb]roken
unclassified|.
'
# Every class asserts but the last: a line of no other class is shown
# (as a SKIP line) for a reader to judge, without failing the test.
OPEN="unclassified ${PVH_DMESG_OPEN-}"
open_reason() {
    case $1 in
    unclassified) echo "lines of no asserted class, reported only" ;;
    *)            echo "not analysed yet" ;;
    esac
}

# Legitimate differences, masked form: each says why.
ALLOW='
# The hypervisors print their own versions ("4.17.N" and ours).
^Xen version: 
# TCG timing: TSC calibration, clock stability and the scheduler clock
# pass or fail by luck of the host load.
tsc: Fast TSC calibration failed|tsc: Detected|sched_clock: Marking stable
clocksource: .*(unstable|skew|watchdog)|hrtimer: interrupt took
# Random-number seeding happens when enough entropy came, at any time.
^random: 
'

if [ ! -s "$OURS" ] || [ ! -s "$XEN" ]; then
    skip "pvh-dmesg" "no console logs of the Linux PVH domU from both hypervisors ($OURS, $XEN)"
    exit 0
fi
class_diff "$OURS" "$XEN" linux-pvh
echo "pvh-dmesg: $(wc -l < "$OUT/linux-pvh-ours-only") masked lines on ours only," \
     "$(wc -l < "$OUT/linux-pvh-diff") of them in a class (see $OUT/linux-pvh-diff)"
class_report linux-pvh pvh-dmesg
