#!/bin/sh
# Golden CLI tests. For each case (corpus/ntpconf/NAME.conf, a lone file, or
# corpus/hosts/NAME/, a host root) the tool's output and exit status must equal
# tests/golden/<kind>/NAME.out, and the findings must be exactly those listed by hand
# in the case's NAME.expect ("LINE:COL CODE", or "FILE:LINE:COL CODE" for hosts; a
# "# args: ..." line gives extra options). UPDATE=1 rewrites the .out files.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0 xfail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check_case() {	# kind dir arg expect
	kind=$1 dir=$2 arg=$3 expect=$4
	name=${arg%.conf}
	gold="$top/tests/golden/$kind/$name.out"
	args=$(sed -n 's/^# args: *//p' "$expect" | head -n 1)
	# shellcheck disable=SC2086
	(cd "$dir" && ${VALGRIND:-} "$BIN" --show-source=always --color=never $args "$arg" \
		>"$tmp/out" 2>"$tmp/err"; echo "exit $?" >>"$tmp/out")
	ok=1
	if [ "${UPDATE:-0}" = 1 ]; then
		mkdir -p "$(dirname "$gold")"
		cp "$tmp/out" "$gold"
	elif ! cmp -s "$tmp/out" "$gold"; then
		echo "FAIL $kind/$name: output differs from $gold"
		diff -u "$gold" "$tmp/out" | head -n 40
		ok=0
	fi
	if [ -s "$tmp/err" ]; then
		echo "FAIL $kind/$name: stderr is not empty:"; head -n 5 "$tmp/err"; ok=0
	fi
	# findings as "[FILE:]LINE:COL CODE", compared with the hand-written expectation
	if [ "$kind" = ntpconf ]; then
		sed -n 's/^[^ ]*:\([0-9]*\):\([0-9]*\): [a-z]*: .* \[\([A-Z]*[0-9]*\)\]$/\1:\2 \3/p' "$tmp/out"
	else
		sed -n 's/^\([^ ]*\):\([0-9]*\):\([0-9]*\): [a-z]*: .* \[\([A-Z]*[0-9]*\)\]$/\1:\2:\3 \4/p' "$tmp/out"
	fi | sort >"$tmp/got"
	grep -v '^#' "$expect" | grep -v '^[[:space:]]*$' | grep -v -w -F -f "$tmp/pending" |
		sort >"$tmp/want"
	if ! cmp -s "$tmp/got" "$tmp/want"; then
		echo "FAIL $kind/$name: findings differ from $expect (- expected, + got)"
		diff "$tmp/want" "$tmp/got" | grep '^[<>]' | sed 's/^</-/; s/^>/+/'
		ok=0
	fi
	if grep -qx "$kind/$name" "$tmp/xfail"; then
		if [ $ok = 1 ]; then
			echo "XPASS $kind/$name: passes now; remove it from tests/golden-xfail.txt"
			fail=$((fail + 1))
		else
			echo "(xfail $kind/$name: listed in tests/golden-xfail.txt)"
			xfail=$((xfail + 1))
		fi
	elif [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

# codes listed in tests/golden-pending.txt are not implemented yet: not compared
grep -v '^#' "$top/tests/golden-pending.txt" 2>/dev/null | tr ' ' '\n' | grep . >"$tmp/pending" ||
	echo "NONE-PENDING" >"$tmp/pending"
grep -v '^#' "$top/tests/golden-xfail.txt" 2>/dev/null >"$tmp/xfail" || : >"$tmp/xfail"

for f in "$top"/corpus/ntpconf/*.conf; do
	[ -f "$f" ] || continue
	check_case ntpconf "$top/corpus/ntpconf" "$(basename "$f")" "${f%.conf}.expect"
done
for d in "$top"/corpus/hosts/*/; do
	[ -d "$d" ] || continue
	n=$(basename "$d")
	[ -f "$top/corpus/hosts/$n.expect" ] || { echo "FAIL hosts/$n: no $n.expect"; fail=$((fail + 1)); continue; }
	check_case hosts "$top/corpus/hosts" "$n" "$top/corpus/hosts/$n.expect"
done
[ "$xfail" = 0 ] || echo "golden: $xfail known failures listed in tests/golden-xfail.txt"
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
