#!/bin/sh
# Build and run the PV emulator unit tests on the host (with ASan/UBSan
# when the compiler supports them):
#   test_emul_decode  the instruction decoder alone
#   test_pv_emul      emulator + MSR/port/CPUID policy on a model machine
set -e
cd "$(dirname "$0")/../.."
out=build/tests
mkdir -p "$out"
san="-fsanitize=address,undefined -fno-omit-frame-pointer"
if ! gcc $san -x c -o "$out/san-probe" - >/dev/null 2>&1 <<EOT
int main(void) { return 0; }
EOT
then san=""; fi
cflags="-std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter $san"
pv=xen/arch/x86/pv

gcc $cflags -I xen/include -I xen/arch/x86/include -I $pv \
    -o "$out/test_emul_decode" tests/unit/test_emul_decode.c $pv/emul-decode.c

# The stand-ins in emul-shim/ come first: they replace the CPU and I/O.
gcc $cflags -I tests/unit/emul-shim -I xen/include -I xen/arch/x86/include \
    -I guest-pv/include -I $pv \
    -o "$out/test_pv_emul" tests/unit/test_pv_emul.c $pv/emul-priv-op.c \
    $pv/emul-io.c $pv/emul-msr.c $pv/emul-decode.c $pv/cpuid.c $pv/vmce.c \
    xen/arch/x86/cpu_policy_leaf.c

status=0
"$out/test_emul_decode" || status=1
"$out/test_pv_emul" || status=1
exit $status
