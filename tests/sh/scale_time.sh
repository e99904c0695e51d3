#!/bin/sh
# Time that grows linearly with the input, counted, not timed: each case of
# tests/unit/scale_cases.c that was quadratic in time only (its memory, which
# tests/unit/test_scale.c checks, stayed linear) is linted at 0, 1x, 2x and 4x a small
# size under valgrind's callgrind, which counts the instructions executed: the same count
# on a loaded machine. The instructions beyond the empty case, per unit of size, must stay
# flat, within a tenth (a linear path stays within a hundredth; a copy of a whole row
# per step counts little, as a block copy is one instruction). Skipped without
# valgrind, under make valgrind (its runs are memcheck's), and for an ASan build (make
# sanitize), which valgrind cannot run.
set -u
BIN=${VG_LINT_BIN:-${ESXNTP_LINT:?set ESXNTP_LINT to the binary}}
GEN=$(dirname "$BIN")/gen_scale
pass=0 fail=0
if [ -n "${VALGRIND:-}" ]; then
	echo "SKIP scale_time: under make valgrind"
	exit 0
fi
if grep -aq AddressSanitizer "$BIN"; then
	echo "SKIP scale_time: $BIN is an ASan build, which valgrind cannot run"
	exit 0
fi
if ! command -v valgrind >/dev/null 2>&1 || [ ! -x "$GEN" ]; then
	echo "SKIP scale_time: no valgrind, or no $GEN (make $(dirname "$BIN")/gen_scale)"
	exit 0
fi
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

# instructions of one run of case $1 at size $2 with options $3
count() {
	rm -rf "$tmp/in"
	"$GEN" "$1" "$2" "$tmp/in" || return 1
	# shellcheck disable=SC2086
	valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$tmp/cg.log" \
	    "$BIN" --fail-on=never $3 "$tmp/in" </dev/null >/dev/null 2>&1
	c=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/cg.log")
	if [ -z "$c" ]; then
		echo "scale_time: callgrind counted nothing for $1 at $2:" >&2
		tail -5 "$tmp/cg.log" >&2
		return 1
	fi
	echo "$c"
}

"$GEN" -l >"$tmp/cases"
while IFS='	' read -r name kind unit grows args what; do
	[ "$grows" = time ] || continue
	[ "$args" = - ] && args=
	# a twentieth of the unit test's size: a few tens of millions of instructions
	n=$((unit / 20))
	if ! { i0=$(count "$name" 0 "$args") && i1=$(count "$name" "$n" "$args") &&
	    i2=$(count "$name" $((n * 2)) "$args") && i4=$(count "$name" $((n * 4)) "$args"); }; then
		echo "FAIL scale_time: $name: no instruction count"
		fail=$((fail + 1))
		continue
	fi
	line=$(awk -v a="$i0" -v b="$i1" -v c="$i2" -v d="$i4" -v n="$n" 'BEGIN {
		p1 = (b - a) / n; p2 = (c - a) / (2 * n); p4 = (d - a) / (4 * n)
		printf "%.0f %.0f %.0f %s", p1, p2, p4, (p1 > 0 && p2 < p1 * 1.1 && p4 < p1 * 1.1) ? "ok" : "no" }')
	echo "scale_time $name: instructions per unit at 1x, 2x, 4x ($n): ${line% *}"
	case $line in
	*ok) pass=$((pass + 1)) ;;
	*) echo "FAIL scale_time: $name ($what) grows faster than its input"
	   fail=$((fail + 1)) ;;
	esac
done <"$tmp/cases"
echo "scale_time: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
