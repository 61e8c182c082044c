#!/bin/sh
# run-vmx.sh - boot each PVH test kernel of tests/hvm/ as dom0 (dom0=pvh)
# under Bochs 2.7 with Intel VMX and EPT (QEMU's TCG has no VMX); options
# as tests/pv/run.sh, one Bochs at a time.  Bochs is slow: give it time.
#
#   tests/hvm/run-vmx.sh [--hv ours|xen] [--timeout S] [--no-build] [test ...]
case " $* " in
    *" --hv "*|*" --hv="*) ;;
    *) set -- --hv ours "$@" ;;
esac
exec bash "$(dirname "$0")/../pv/run.sh" --suite hvm --emu bochs "$@"
