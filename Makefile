# Top-level build.  The two commands that matter:
#   make run    install what is missing, build, boot in QEMU with its console
#               (Linux 6.1 as dom0 with our toolstack; DOM0=demo: the demo)
#   make test   install what is missing, build, run every test
#
# Other targets: all (build), iso (GRUB Multiboot2 ISO), test-xen (the PV
# and PVH test kernels and the PVH toolstack test on Xen 4.17 alone),
# test-vmx (the PVH tests on Intel VMX under Bochs, also in make test),
# bench (ours vs Xen 4.17, a table),
# fuzz (10^6 random hypercalls from a domU, tests/pv/fuzz.sh), clean.
# Variables: DOM0=linux|demo (what `make run` boots as dom0), BOOT=iso|mb1|efi
# (how the demo boots; Linux dom0 boots through QEMU's Multiboot loader),
# SMP, MEM (QEMU sizes).

DOM0 ?= linux
BOOT ?= iso
SMP  ?= 2
MEM  ?= 1024
HV_ARGS ?= console=com1 com1=115200,8n1 loglvl=all

ISO := build/xen.iso

all: deps-ok
	$(MAKE) -C xen
	$(MAKE) -C guest-pv
	$(MAKE) -C tests/pv
	$(MAKE) -C guest-pv/demo
	$(MAKE) -C tools
	@$(MAKE) --no-print-directory dom0-initramfs

# The dom0 initramfs, when Debian's kernel and busybox are already in
# .cache/debs (`make run` and the tests download them when missing).
dom0-initramfs:
	@mkdir -p build
	@if ls .cache/debs/linux-image-6.1.0-*-amd64_*.deb .cache/debs/busybox-static_*.deb >/dev/null 2>&1; then \
	    sh scripts/mkdom0-initramfs.sh >/dev/null 2>build/initramfs.log || \
	    echo "dom0 initramfs failed: see build/initramfs.log (tests/boot/run-toolstack.sh will fail)"; \
	else echo "dom0 initramfs not built: no Debian kernel in .cache/debs yet (make run fetches it)"; fi

# Installs missing Debian packages (needs root only when something is missing).
deps-ok:
	@sh scripts/deps.sh

iso: all
	@mkdir -p build
	sh scripts/mkiso.sh $(ISO) "$(HV_ARGS)" guest-pv/demo/build/demo.elf ""

run: all
ifeq ($(DOM0),demo)
	sh scripts/run.sh "$(BOOT)" "$(SMP)" "$(MEM)" "$(HV_ARGS)"
else ifeq ($(DOM0),linux)
	sh scripts/run-linux-dom0.sh xen/xen "$(SMP)" "$(MEM)" "$(HV_ARGS)"
else
	@echo "make run: DOM0 must be linux or demo" >&2; exit 1
endif

test: all
	sh tests/run-all.sh

test-xen: all
	sh tests/run-all.sh pv-xen hvm-xen pvh-xen

# The PVH tests on Intel VMX with EPT, under Bochs (QEMU has no VMX); one
# Bochs at a time, 2-6 minutes.  Also part of `make test` (group vmx).
test-vmx: all
	sh tests/hvm/run-vmx.sh

# Benchmarks report and never fail the build.
bench: all
	-bash tests/bench/run.sh

# FUZZ_ARGS, e.g. "--seed 42 --runs 1 --calls 100000", go to the script.
fuzz: all
	bash tests/pv/fuzz.sh $(FUZZ_ARGS)

clean:
	$(MAKE) -C xen clean
	$(MAKE) -C guest-pv clean
	$(MAKE) -C tests/pv clean
	rm -rf tests/bench/build
	$(MAKE) -C guest-pv/demo clean
	$(MAKE) -C tools clean
	rm -rf build tests/out

.PHONY: all deps-ok dom0-initramfs iso run test test-xen test-vmx bench fuzz clean
