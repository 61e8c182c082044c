# For the programs that link the tool libraries: include it once ROOT is
# set.  XT_CFLAGS finds the public ABI and the xt/ headers, XT names every
# library (link order: users before call), XT_HDRS the headers to depend
# on; the libraries are rebuilt by their own Makefile when stale.
XT_DIR    := $(ROOT)/tools/libs
XT_CFLAGS := -I $(ROOT)/guest-pv/include -I $(XT_DIR)/include
XT        := $(foreach l,ctrl foreign evtchn gnttab store call,\
                 $(XT_DIR)/$(l)/libxt$(l).a)
XT_HDRS   := $(wildcard $(XT_DIR)/include/xt/*.h)

# The including Makefile's first rule stays its default.
.DEFAULT_GOAL := all

$(XT): FORCE
	$(MAKE) -C $(XT_DIR)

FORCE:

.PHONY: FORCE
