#!/bin/sh
# A report's memory does not grow with the number of roots: text, JSON and JSON Lines
# are written as they go, a root when it is done. One root with 18 findings, named 20
# and 2,000 times on one command line: the peak RSS of the larger run must stay within
# 1.5 times the smaller one's (JSON held as one document: 2.4 times). And SARIF and JSON
# are written finding by finding: on a 500 KB file of about a finding a line their peak
# RSS stays within 1.5 times the text report's (SARIF built as one document: 10 times;
# JSON with a root's findings held as one jansson object: 4.3 times), and on a fix of an
# edit a line too. Memory, read by /usr/bin/time, not time; skipped without it.
set -u
BIN=${VG_LINT_BIN:-${ESXNTP_LINT:?set ESXNTP_LINT to the binary}}
top=$(cd "$(dirname "$0")/../.." && pwd)
root=$top/corpus/hosts/stk_template_markup
pass=0 fail=0
# an ASan build's RSS is its shadow memory and quarantine, not the report's (make sanitize)
if [ ! -x /usr/bin/time ] || [ -n "${VALGRIND:-}" ] || grep -aq AddressSanitizer "$BIN"; then
	echo "SKIP report_memory: no /usr/bin/time, under make valgrind, or an ASan build"
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

# within BASE LARGE WHAT: LARGE KB is at most 1.5 times BASE KB, else WHAT fails
within() {
	if awk -v b="$1" -v l="$2" 'BEGIN { exit !(l <= b * 1.5) }'; then
		pass=$((pass + 1))
	else
		echo "FAIL report_memory: $3"
		fail=$((fail + 1))
	fi
}

for fmt in text json jsonl; do
	small=$(rss "$fmt" 20) && large=$(rss "$fmt" 2000) || { fail=$((fail + 1)); continue; }
	within "$small" "$large" "$fmt peak RSS $large KB for 2,000 roots, $small KB for 20"
	echo "report_memory $fmt: peak RSS $small KB for 20 roots, $large KB for 2,000"
done
# a finding or two on each of five lines of six (as make bench's finding-heavy file)
awk 'BEGIN {
	for (i = 0; n < 500000; i++) {
		k = i % 6
		a = sprintf("10.%d.%d.%d", int(i / 62500) % 256, int(i / 250) % 250, i % 250 + 1)
		if (k == 0) l = "server 10.0.0.1 iburst"
		else if (k == 1) l = "restrict default notrap"
		else if (k == 2) l = "server " a " version 9"
		else if (k == 3) l = "# a comment line"
		else if (k == 4) l = "keys /etc/ntp/keys"
		else l = "restrict " a " mask 255.255.255.255 nomodfy notrap"
		print l
		n += length(l) + 1
	}
}' >"$tmp/heavy.conf"
# and 30,000 comment lines ending in CR LF under ntpd 4.2.0: one finding (NTP003) whose
# fix is an edit a line, its SARIF replacements written one by one (as one jansson
# object: 50 MB against the text report's 7)
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "# comment %d\r\n", i }' >"$tmp/crlf.conf"
for input in heavy crlf; do
	for fmt in text sarif json; do
		/usr/bin/time -o "$tmp/t" -f '%M' "$BIN" --format="$fmt" --fail-on=never \
		    --ntp-version=4.2.0 "$tmp/$input.conf" >"$tmp/out" 2>"$tmp/err" ||
		    echo "FAIL report_memory: $fmt run on $input.conf failed"
		eval "rss_$fmt=$(tail -n 1 "$tmp/t")"
	done
	# shellcheck disable=SC2154
	within "$rss_text" "$rss_sarif" "SARIF peak RSS $rss_sarif KB for $input.conf, text $rss_text KB"
	echo "report_memory sarif: peak RSS $rss_sarif KB for $input.conf (text: $rss_text KB)"
	# shellcheck disable=SC2154
	within "$rss_text" "$rss_json" "JSON peak RSS $rss_json KB for $input.conf, text $rss_text KB"
	echo "report_memory json: peak RSS $rss_json KB for $input.conf (text: $rss_text KB)"
done
echo "report_memory: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
