#!/bin/sh
# xl's domain XML loader (tools/xl): build xl-config-check and a C test
# with ASan/UBSan where available, then run every file in
# tests/unit/xlconfig/ plus generated ones (every memory unit, every
# lifecycle action, an oversized file) and check the exact parse or the
# exact "file:line: message" refusal.
cd "$(dirname "$0")/../.." || exit 1
out=build/tests/xlconfig
dir=tests/unit/xlconfig
mkdir -p "$out"
san="-fsanitize=address,undefined -fno-omit-frame-pointer"
if ! gcc $san -x c -o "$out/san-probe" - >/dev/null 2>&1 <<EOT
int main(void) { return 0; }
EOT
then san=""; fi
xml=$(pkg-config --cflags --libs libxml-2.0) || {
    echo "FAIL: xlconfig build: libxml2 development files missing"
    echo "xlconfig: 0 passed, 1 failed"; exit 1; }
cflags="-std=gnu11 -O1 -g -Wall -Wextra -Werror $san"
srcs="tools/xl/config.c tools/xl/config-xml.c tools/xl/config-extract.c
      tools/xl/config-check.c tools/xl/config-units.c"
# shellcheck disable=SC2086
if ! gcc $cflags -I tools/xl -o "$out/xl-config-check" \
        tools/xl/xl-config-check.c $srcs $xml ||
   ! gcc $cflags -I tools/xl -o "$out/test_xlconfig" \
        tests/unit/test_xlconfig.c $srcs $xml; then
    echo "FAIL: xlconfig build: compiler errors above"
    echo "xlconfig: 0 passed, 1 failed"; exit 1
fi
check="$out/xl-config-check --schema tools/xl/domain.rng"
passed=0 failed=0
ok() { echo "PASS: xlconfig $1"; passed=$((passed + 1)); }
ko() { echo "FAIL: xlconfig $1: $2"; failed=$((failed + 1)); }

# good NAME FILE EXPECTED-OUTPUT-FILE
good() {
    if ! $check "$2" > "$out/$1.out" 2> "$out/$1.err"; then
        ko "$1" "refused: $(head -n 1 "$out/$1.err")"
    elif ! diff -u "$3" "$out/$1.out" > "$out/$1.diff"; then
        ko "$1" "parsed differently: $(grep '^[-+][a-z]' "$out/$1.diff" | tr '\n' ' ')"
    else
        ok "$1"
    fi
}

# bad NAME FILE FRAGMENT: refused, nothing on stdout, one line on stderr
# that contains FRAGMENT (which starts with "file:line:").
bad() {
    $check "$2" > "$out/$1.out" 2> "$out/$1.err"
    rc=$?
    msg=$(cat "$out/$1.err")
    if [ $rc != 1 ]; then
        ko "$1" "exit status $rc, expected 1 ($msg)"
    elif [ -s "$out/$1.out" ] || [ "$(wc -l < "$out/$1.err")" != 1 ]; then
        ko "$1" "expected one line on stderr and nothing on stdout"
    else
        case $msg in
        *"$3"*) ok "$1" ;;
        *) ko "$1" "message '$msg' lacks '$3'" ;;
        esac
    fi
}

good minimal $dir/good-minimal.xml $dir/good-minimal.expect
good full $dir/good-full.xml $dir/good-full.expect
good pvh $dir/good-pvh.xml $dir/good-pvh.expect
good pvh-bare $dir/good-pvh-bare.xml $dir/good-pvh-bare.expect
if $check tools/xl/example.xml > "$out/example.out" 2>&1; then
    ok example
else
    ko example "$(head -n 1 "$out/example.out")"
fi

# Expected output of template.xml with the given memory and actions.
expect_tmpl() {
    printf '%s\n' "name: tmpl" "uuid: (none)" "memory_kib: $1" \
        "current_memory_kib: $1" "vcpus: 1" "type: pv" "kernel: /k" "initrd: (none)" \
        "cmdline: " "on_poweroff: $2" "on_reboot: $3" "on_crash: $4" \
        "console: none"
}
# tmpl NAME UNIT-ATTR VALUE POWEROFF REBOOT CRASH
tmpl() {
    sed -e "s/@MEMUNIT@/$2/" -e "s/@MEM@/$3/" -e "s/@POWEROFF@/$4/" \
        -e "s/@REBOOT@/$5/" -e "s/@CRASH@/$6/" $dir/template.xml \
        > "$out/$1.xml"
}

# Memory units: unit, count, KiB expected (rounded up as libvirt does).
while read -r unit value kib; do
    attr="unit='$unit'"
    [ "$unit" = none ] && attr=""
    tmpl "unit-$unit" "$attr" "$value" destroy restart destroy
    expect_tmpl "$kib" destroy restart destroy > "$out/unit-$unit.expect"
    good "unit-$unit" "$out/unit-$unit.xml" "$out/unit-$unit.expect"
done <<EOT
none 8192 8192
b 4194305 4097
bytes 8388608 8192
KB 5000000 4882813
k 6000 6000
KiB 7000 7000
MB 100 97657
M 100 102400
MiB 128 131072
GB 3 2929688
G 3 3145728
GiB 4 4194304
TB 1 976562500
T 2 2147483648
TiB 1 1073741824
EOT

# Every action where libvirt allows it (coredump-* only for on_crash).
for a in destroy restart preserve rename-restart; do
    tmpl "action-$a" "" 8192 "$a" "$a" "$a"
    expect_tmpl 8192 "$a" "$a" "$a" > "$out/action-$a.expect"
    good "action-$a" "$out/action-$a.xml" "$out/action-$a.expect"
done
for a in coredump-destroy coredump-restart; do
    tmpl "action-$a" "" 8192 destroy restart "$a"
    expect_tmpl 8192 destroy restart "$a" > "$out/action-$a.expect"
    good "action-$a" "$out/action-$a.xml" "$out/action-$a.expect"
done
tmpl "action-poweroff-coredump" "" 8192 coredump-destroy restart destroy
bad action-poweroff-coredump "$out/action-poweroff-coredump.xml" \
    "action-poweroff-coredump.xml:9: does not match the schema at <on_poweroff>"

while IFS='|' read -r name frag; do
    bad "$name" "$dir/$name.xml" "$name.xml:$frag"
done <<'EOT'
bad-no-name|1: does not match the schema at <domain>: Expecting an element name
bad-root|1: does not match the schema at <guest>: Expecting element domain, got guest
bad-type-kvm|1: does not match the schema at <domain>: Element domain failed to validate attributes
bad-pvh-machine|6: does not match the schema at <type>
bad-pv-machine|6: does not match the schema at <type>
bad-os-type-hvm|5: does not match the schema at <os>: Error validating value
bad-unknown-element|3: does not match the schema at <features>
bad-two-memory|4: does not match the schema at <memory>
bad-unit|3: does not match the schema at <memory>: Invalid attribute unit
bad-overflow|3: <memory> 16777216 TiB is more than 2^64 bytes
bad-current-gt-memory|4: <currentMemory> (66560 KiB) is more than <memory> (65536 KiB)
bad-memory-small|3: <memory> is 4095 KiB, less than the minimum of 4096 KiB
bad-vcpu0|4: does not match the schema at <vcpu>: Type positiveInteger doesn't allow value '0'
bad-vcpu129|4: <vcpu> is 129, not between 1 and 128
bad-vcpu-huge|4: <vcpu> is far more than 128
bad-uuid|3: does not match the schema at <uuid>
bad-reboot-coredump|3: does not match the schema at <on_reboot>
bad-name-space|2: <name> "my guest" may hold only letters
bad-name-digits|2: <name> "12345" is all digits
bad-name-dom0|2: <name> "Domain-0" is reserved for dom0
bad-name-long|2: <name> is 65 bytes long, at most 64
bad-not-xml|1: Start tag expected
bad-empty|1: Document is empty
bad-unclosed|6: Premature end of data in tag os
bad-xxe|2: a DOCTYPE is not allowed
bad-laughs|2: a DOCTYPE is not allowed
EOT

# Over the 1 MiB limit: every line is 20 bytes, so the last byte read
# (offset 1048575) is on line 52429.
{ echo "<domain type='xen'>"
  yes '<!-- 0123456789 -->' | head -n 70000; } > "$out/bad-huge.xml"
bad bad-huge "$out/bad-huge.xml" \
    "bad-huge.xml:52429: file is larger than 1048576 bytes"
bad missing-file "$out/no-such-file.xml" "no-such-file.xml: cannot open"

# Line numbers past 65535 (libxml2 caps them there unless asked not to).
{ echo "<domain type='xen'>"; yes '' | head -n 70000
  sed 1d $dir/bad-vcpu0.xml; } > "$out/bad-late-line.xml"
bad bad-late-line "$out/bad-late-line.xml" \
    "bad-late-line.xml:70004: does not match the schema at <vcpu>"

# Schema trouble is reported against the schema file, not the config.
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0">\n%s\n' \
    '<start><bogus/></start></grammar>' > "$out/broken.rng"
check="$out/xl-config-check --schema $out/broken.rng"
bad schema-broken tools/xl/example.xml "broken.rng:2: Unexpected node bogus"
# Without --schema the program looks next to itself (none in $out).
check="$out/xl-config-check"
bad schema-default-missing tools/xl/example.xml \
    "$out/domain.rng: xmlRelaxNGParse: could not load"
check="$out/xl-config-check --schema tools/xl/domain.rng"

# The C-level checks: unit table, parsers, struct untouched on failure.
"$out/test_xlconfig" tools/xl/domain.rng $dir/good-minimal.xml \
    $dir/bad-*.xml "$out/bad-huge.xml" > "$out/c.out" 2>&1
crc=$?
grep -aE "^(PASS|FAIL): " "$out/c.out"
cp=$(grep -ac '^PASS: ' "$out/c.out")
cf=$(grep -ac '^FAIL: ' "$out/c.out")
passed=$((passed + cp)) failed=$((failed + cf))
if [ $crc != 0 ] && [ "$cf" = 0 ]; then
    ko test_xlconfig "exit status $crc: $(tail -n 3 "$out/c.out" | tr '\n' ' ')"
fi

echo "xlconfig: $passed passed, $failed failed"
[ "$failed" = 0 ]
