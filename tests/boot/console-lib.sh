# Driving a dom0 shell on the hypervisor's serial console (sourced by the
# boot tests after tests/lib.sh).  The caller sets log (the serial log),
# qemu (its pid), step=0, hv and opens fd 3 on QEMU's stdin fifo.

# wait_for <log> <text> <seconds> <qemu pid>: 0 once text is in the log.
wait_for() {
    n=0
    while ! grep -aq "$2" "$1" 2>/dev/null; do
        kill -0 "$4" 2>/dev/null || return 1
        n=$((n + 1))
        [ $n -ge $(($3 * 2)) ] && return 1
        sleep 0.5
    done
}

# type_cmd <command> [seconds]: type it, then wait (30 s or as told) for
# its end marker.  Commands stay under 60 characters: the hypervisors'
# console input rings are small.  The marker is computed by the shell,
# so the echoed command line never matches.  A step of 10 s or more is
# reported with its time (prefixed with $tag, or $hv), to see where a
# slow run spends it.
type_cmd() {
    step=$((step + 1))
    printf '%s; echo "@@$((1000 + %d))@@ rc=$?"\n' "$1" "$step" >&3
    t0=$(date +%s)
    wait_for "$log" "@@$((1000 + step))@@" "${2:-30}" "$qemu"
    t1=$(date +%s)
    [ $((t1 - t0)) -lt 10 ] || echo "${tag:-$hv}: $((t1 - t0)) s: $1"
}

# output_of <step>: what was printed between the previous step's marker
# (or the shell's banner) and this step's, the typed line included.
output_of() {
    tr -d '\r' < "$log" | awk -v s="$1" '
        (s == 1 && /DOM0 SHELL READY/) || index($0, "@@" 999 + s "@@") {
            on = 1; next }
        on && index($0, "@@" 1000 + s "@@") { print; exit }
        on { print }'
}
