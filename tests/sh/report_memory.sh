#!/bin/sh
# The report's memory does not grow with the number of roots: JSON is written root by
# root (src/jsonw.c), text as it goes. One root with 18 findings, named 20 and 2,000
# times on one command line: the peak RSS of the larger run must stay within 1.5 times
# the smaller one's (JSON built as one document took 30 times as much). Memory, read by
# /usr/bin/time, not time; skipped without it.
set -u
BIN=${VG_LINT_BIN:-${ESXNTP_LINT:?set ESXNTP_LINT to the binary}}
top=$(cd "$(dirname "$0")/../.." && pwd)
root=$top/corpus/hosts/stk_template_markup
pass=0 fail=0
if [ ! -x /usr/bin/time ] || [ -n "${VALGRIND:-}" ]; then
	echo "SKIP report_memory: no /usr/bin/time, or under make valgrind"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rss() {	# format count: peak RSS in KB of one run over count copies of the root
	fmt=$1 n=$2 i=0
	shift 2
	while [ $i -lt "$n" ]; do set -- "$@" "$root"; i=$((i + 1)); done
	/usr/bin/time -o "$tmp/t" -f '%M' "$BIN" --format="$fmt" --fail-on=never "$@" \
	    >"$tmp/out" 2>"$tmp/err" || { echo "FAIL report_memory: $fmt run failed"; return 1; }
	tail -n 1 "$tmp/t"
}

for fmt in json text; do
	small=$(rss "$fmt" 20) && large=$(rss "$fmt" 2000) || { fail=$((fail + 1)); continue; }
	if awk -v s="$small" -v l="$large" 'BEGIN { exit !(l <= s * 1.5) }'; then
		pass=$((pass + 1))
	else
		echo "FAIL report_memory: $fmt peak RSS $large KB for 2,000 roots, $small KB for 20"
		fail=$((fail + 1))
	fi
	echo "report_memory $fmt: peak RSS $small KB for 20 roots, $large KB for 2,000"
done
echo "report_memory: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
