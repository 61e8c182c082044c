# pv.mk - settings shared by everything that builds or links PV test kernels.
#
# Include it from a Makefile anywhere in the tree; it finds its own
# directory, so `make -C tests/pv` works from the repository root.
# A kernel is linked as:
#   $(LD) $(PV_LDFLAGS) -o k.elf $(PV_HEAD) $(PV_NOTES) k.o $(PV_LIB)
# (use $(PV_NOTES_NOPAGE) for an image without XEN_ELFNOTE_HYPERCALL_PAGE).
# A PVH kernel (pv/pvh.h) links $(PVH_HEAD) $(PVH_NOTES) instead.

PV_ROOT  := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
PV_BUILD := $(PV_ROOT)/build

CC ?= gcc
LD ?= ld
# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

PV_INCLUDES := -I$(PV_ROOT)/include -I$(PV_ROOT)/lib/include

PV_CFLAGS := -ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
             -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mno-sse \
             -mgeneral-regs-only -fno-stack-protector \
             -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
             -fno-omit-frame-pointer -std=gnu11 -O2 -g \
             -Wall -Wextra -Werror -MMD -MP $(PV_INCLUDES)

PV_ASFLAGS := -D__ASSEMBLY__ -Wa,--noexecstack $(filter-out -std=gnu11,$(PV_CFLAGS))

PV_LDS   := $(PV_ROOT)/lib/arch/x86_64/kernel.lds
PV_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -T $(PV_LDS)

PV_HEAD         := $(PV_BUILD)/head.o
PV_NOTES        := $(PV_BUILD)/notes.o
PV_NOTES_NOPAGE := $(PV_BUILD)/notes-nopage.o
PV_LIB          := $(PV_BUILD)/libpv.a
PVH_HEAD        := $(PV_BUILD)/pvh_head.o
PVH_NOTES       := $(PV_BUILD)/notes-pvh.o
PV_LINK_DEPS    := $(PV_HEAD) $(PV_NOTES) $(PV_NOTES_NOPAGE) $(PV_LIB) $(PV_LDS)
PVH_LINK_DEPS   := $(PVH_HEAD) $(PVH_NOTES) $(PV_LIB) $(PV_LDS)
