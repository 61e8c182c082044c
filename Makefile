# Top-level build.  The two commands that matter:
#   make run    install what is missing, build, boot in QEMU with its console
#   make test   install what is missing, build, run every test
#
# Other targets: all (build), iso (GRUB Multiboot2 ISO), test-xen (the PV
# test kernels on Xen 4.17 alone), bench (ours vs Xen 4.17, a table),
# fuzz (10^6 random hypercalls from a domU, tests/pv/fuzz.sh), clean.
# Variables: BOOT=iso|mb1|efi (how `make run` boots), SMP, MEM (QEMU sizes).

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

# Installs missing Debian packages (needs root only when something is missing).
deps-ok:
	@sh scripts/deps.sh

iso: all
	@mkdir -p build
	sh scripts/mkiso.sh $(ISO) "$(HV_ARGS)" guest-pv/demo/build/demo.elf ""

run: all
	sh scripts/run.sh "$(BOOT)" "$(SMP)" "$(MEM)" "$(HV_ARGS)"

test: all
	sh tests/run-all.sh

test-xen: all
	sh tests/run-all.sh pv-xen

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

.PHONY: all deps-ok iso run test test-xen bench fuzz clean
