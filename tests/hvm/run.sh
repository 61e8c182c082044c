#!/bin/sh
# run.sh - boot each PVH test kernel of tests/hvm/ as dom0 (dom0=pvh)
# under QEMU with SVM and nested paging; options as tests/pv/run.sh.
#
#   tests/hvm/run.sh --hv xen|ours [--timeout S] [--jobs N] [--no-build] [test ...]
exec bash "$(dirname "$0")/../pv/run.sh" --suite hvm "$@"
