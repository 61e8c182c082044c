# Comparing a Linux kernel log from our hypervisor with the one Xen 4.17
# gives under the same test (sourced after tests/lib.sh by
# run-dom0-dmesg.sh and run-pvh-dmesg.sh).  Numbers, addresses, UUIDs
# and timestamps are masked; the lines ours has and Xen's has not are
# sorted into classes; a class either asserts (a line of it FAILs) or is
# OPEN (its lines are printed as a SKIP naming what is missing).
#
# The caller sets:
#   CLASSES  lines "name|extended regex" (the first match wins)
#   ALLOW    extended regexes of legitimate differences, one a line,
#            each after a "#" line saying why
#   OPEN     names of open classes, space-separated
# and defines open_reason <class> (why the class is still open).

# mask <file>: the log's lines with timestamps, UUIDs, numbers and
# addresses masked, sorted, each once.
mask() {
    sed -e 's/\r$//' -e 's/^\[ *[0-9.]*\] //' \
        -e 's/[0-9a-fA-F]\{8\}-[0-9a-fA-F]\{4\}-[0-9a-fA-F]\{4\}-[0-9a-fA-F]\{4\}-[0-9a-fA-F]\{12\}/UUID/g' \
        -e 's/0x[0-9a-fA-F]\{1,\}/N/g' -e 's/\b[0-9a-fA-F]\{8,16\}\b/N/g' \
        -e 's/\b[0-9]\{1,\}\b/N/g' "$1" | grep -v '^FEATURES\|^IRQS' | sort -u
}

# classify <masked line>: the first class whose regex matches, or nothing.
classify() {
    echo "$CLASSES" | while IFS='|' read -r name re; do
        [ -n "$name" ] || continue
        if echo "$1" | grep -Eq "$re"; then echo "$name"; break; fi
    done
}

allowed() {
    echo "$ALLOW" | grep -v '^#' | grep -v '^$' | while read -r re; do
        echo "$1" | grep -Eq "$re" && { echo yes; break; }
    done
}

# class_diff <ours> <xen> <prefix>: $OUT/<prefix>-ours.masked and
# -xen.masked, the lines on ours only in $OUT/<prefix>-ours-only, and
# those of a class and not allowed as "class|line" in $OUT/<prefix>-diff.
class_diff() {
    mask "$1" > "$OUT/$3-ours.masked"
    mask "$2" > "$OUT/$3-xen.masked"
    comm -23 "$OUT/$3-ours.masked" "$OUT/$3-xen.masked" > "$OUT/$3-ours-only"
    : > "$OUT/$3-diff"
    while IFS= read -r line; do
        c=$(classify "$line")
        [ -n "$c" ] || continue
        [ -n "$(allowed "$line")" ] && continue
        printf '%s|%s\n' "$c" "$line" >> "$OUT/$3-diff"
    done < "$OUT/$3-ours-only"
}

# class_report <prefix> <test name>: a PASS, FAIL or SKIP line for each
# class from $OUT/<prefix>-diff; 1 if an asserted class has lines.
class_report() {
    bad=0
    for c in $(echo "$CLASSES" | cut -d'|' -f1); do
        lines=$(grep "^$c|" "$OUT/$1-diff" | cut -d'|' -f2-)
        name="$2 $c"
        if [ -z "$lines" ]; then
            pass "$name (no line on ours only)"
        elif echo " $OPEN " | grep -q " $c "; then
            skip "$name" "OPEN: $(open_reason "$c"); lines on ours only:"
            echo "$lines" | sed 's/^/    /'
        else
            echo "FAIL: $name: lines on ours and not on Xen 4.17:"
            echo "$lines" | sed 's/^/    /'
            bad=1
        fi
    done
    return $bad
}
