#!/bin/sh
# The `make run` path end to end: the GRUB ISO with the demo dom0, typing
# on its serial console.  The demo must echo what is typed (it learns of
# input through VIRQ_CONSOLE); CTRL-a three times gives the input to the
# hypervisor, whose 'q' debug key dumps the domains and sends VIRQ_DEBUG,
# which the demo reports; CTRL-a three times again, and 'q' makes the demo
# power the machine off.
. "$(dirname "$0")/../lib.sh"

NAME="run-demo (GRUB ISO, demo dom0, serial input)"
ISO=$OUT/run-demo.iso
LOG=$OUT/run-demo.log
FIFO=$OUT/run-demo.in
DEMO=$TOP/guest-pv/demo/build/demo.elf
TIMEOUT=${BOOT_TIMEOUT:-90}

if [ ! -f "$DEMO" ]; then
    fail "$NAME" "guest-pv/demo/build/demo.elf is not built"; exit 1
fi
sh "$TOP/scripts/mkiso.sh" "$ISO" "console=com1 com1=115200,8n1" "$DEMO" "" || {
    fail "$NAME" "could not build the ISO"; exit 1; }
rm -f "$FIFO" "$LOG"
mkfifo "$FIFO"
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -machine q35 -cpu qemu64 -smp 2 \
    -m 512 -nographic -no-reboot -net none -monitor none -boot d \
    -cdrom "$ISO" -serial stdio <"$FIFO" >"$LOG" 2>&1 &
qemu=$!
exec 3>"$FIFO"                           # keep the FIFO open for QEMU

# Type only once the demo says it is listening.
waited=0
while ! grep -q "Type to echo" "$LOG" 2>/dev/null; do
    sleep 0.5; waited=$((waited + 1))
    if [ $waited -ge $((TIMEOUT * 2)) ] || ! kill -0 $qemu 2>/dev/null; then
        break
    fi
done
# The background scrubber's closing line would land in the middle of the
# echo (seen: "po" line "ng"): wait for it first, bounded.
waited=0
while grep -q "in the background" "$LOG" 2>/dev/null &&
      ! grep -q "all free RAM is clean" "$LOG" 2>/dev/null &&
      [ $waited -lt 60 ] && kill -0 $qemu 2>/dev/null; do
    sleep 0.5; waited=$((waited + 1))
done
printf 'pong' >&3
sleep 1
printf '\001\001\001q' >&3
sleep 1
printf '\001\001\001' >&3
sleep 0.5
printf 'q' >&3
wait $qemu
status=$?
exec 3>&-
rm -f "$FIFO"

if [ $status = 124 ]; then
    fail "$NAME" "no power-off within ${TIMEOUT}s" "$LOG"
elif ! grep -q "pong" "$LOG"; then
    fail "$NAME" "typed text was not echoed" "$LOG"
elif ! grep -q "dumping domain info" "$LOG"; then
    fail "$NAME" "the 'q' debug key did not dump the domains" "$LOG"
elif ! grep -q "VIRQ_DEBUG received" "$LOG"; then
    fail "$NAME" "dom0 did not get VIRQ_DEBUG" "$LOG"
elif ! grep -q "Powering off" "$LOG" || ! grep -q "Test result: SUCCESS" "$LOG"; then
    fail "$NAME" "dom0 did not power the machine off" "$LOG"
else
    pass "$NAME"
fi
