#!/bin/sh
# tests/known-differences.tsv and the README table "Differences from the real ntpd" must
# list the same rows: each row of the file as "| FILE | NTPD | VERDICT | OURS | REASON |",
# and no other row in that table.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tsv=$top/tests/known-differences.tsv
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ "$(head -n 1 "$tsv")" != "$(printf 'file\tversion\tntpd\tours\treason')" ]; then
	echo "FAIL known_differences_doc: $tsv: the header is not 'file version ntpd ours reason'"
	exit 1
fi
# the rows as the README writes them; a '|' would cut a cell in two
tail -n +2 "$tsv" | awk -F'\t' '
	NF != 5 || $5 == "" || index($0, "|") { print "FAIL known_differences_doc: bad row " NR + 1 ": " $0 > "/dev/stderr"; bad = 1 }
	$3 !~ /^(ACCEPT|REJECT)$/ || $4 !~ /^(ACCEPT|REJECT)$/ || $3 == $4 ||
	    $2 !~ /^(4\.1|4\.2\.0|4\.2\.8|ntpsec)$/ { print "FAIL known_differences_doc: row " NR + 1 ": verdicts or version wrong: " $0 > "/dev/stderr"; bad = 1 }
	{ print "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 " |" }
	END { exit bad }' >"$tmp/want" || fail=1
sed -n '/^## Differences from the real ntpd$/,/^## /p' "$top/README.md" |
	grep '^| ' | sed '1d' >"$tmp/got"	# the header row
if ! diff "$tmp/want" "$tmp/got" >"$tmp/diff"; then
	echo "FAIL known_differences_doc: README.md, 'Differences from the real ntpd', differs from tests/known-differences.tsv (< tsv, > README):"
	cat "$tmp/diff"
	fail=1
fi
[ $fail = 0 ] && echo "known_differences_doc: $(wc -l <"$tmp/want") rows, README agrees"
[ $fail = 0 ]
