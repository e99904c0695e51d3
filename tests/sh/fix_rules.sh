#!/bin/sh
# Every fixable ntp.conf rule, end to end: tests/fix/NAME.conf (a lone ntp.conf; a first
# line "# args: ..." gives the options) must become NAME.fixed byte for byte (reviewed by
# hand), re-lint without the codes it fixed, stay the same when fixed again, and the --diff
# of NAME.conf applied with patch -p1 must give the same bytes.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
no() { echo "FAIL fix_rules: $*"; fail=$((fail + 1)); }

for conf in "$top"/tests/fix/*.conf; do
	name=$(basename "$conf" .conf)
	args=$(sed -n 's/^# args: *//p' "$conf" | tr -d '\r' | head -n 1)
	mkdir -p "$tmp/$name/fix" "$tmp/$name/patch"
	cp "$conf" "$tmp/$name/fix/ntp.conf"
	cp "$conf" "$tmp/$name/patch/ntp.conf"
	# shellcheck disable=SC2086
	(cd "$tmp/$name/fix" && "$BIN" --fix --no-backup $args ntp.conf >../report 2>&1)
	if cmp -s "$tmp/$name/fix/ntp.conf" "$top/tests/fix/$name.fixed"; then ok; else
		no "$name: fixed text differs from tests/fix/$name.fixed"
		diff "$top/tests/fix/$name.fixed" "$tmp/$name/fix/ntp.conf" | head -n 10
	fi
	codes=$(sed -n 's/^ntp.conf:[0-9]*:[0-9]*: fixed: .*\[\([A-Z]*[0-9]*\)\]$/\1/p' "$tmp/$name/report" | sort -u)
	if [ -n "$codes" ]; then ok; else no "$name: the report names no fixed finding"; fi
	# shellcheck disable=SC2086
	(cd "$tmp/$name/fix" && "$BIN" $args ntp.conf >../relint 2>&1)
	for c in $codes; do
		if grep -q "\[$c\]" "$tmp/$name/relint"; then no "$name: $c still reported after the fix"; else ok; fi
	done
	cp "$tmp/$name/fix/ntp.conf" "$tmp/$name/once"
	# shellcheck disable=SC2086
	(cd "$tmp/$name/fix" && "$BIN" --fix --no-backup $args ntp.conf >/dev/null 2>&1)
	if cmp -s "$tmp/$name/fix/ntp.conf" "$tmp/$name/once"; then ok; else no "$name: fixing twice changed the file again"; fi
	# shellcheck disable=SC2086
	(cd "$tmp/$name/fix" && "$BIN" --diff $args ntp.conf 2>/dev/null) >"$tmp/$name/again.diff"
	if [ ! -s "$tmp/$name/again.diff" ]; then ok; else no "$name: --diff of the fixed file is not empty"; fi
	# shellcheck disable=SC2086
	(cd "$tmp/$name/patch" && "$BIN" --diff $args ntp.conf 2>/dev/null >../diff; patch -s -p1 <../diff >/dev/null 2>&1)
	if cmp -s "$tmp/$name/patch/ntp.conf" "$top/tests/fix/$name.fixed"; then ok; else no "$name: patch -p1 of --diff differs from --fix"; fi
done

# an unsafe fix needs --unsafe-fixes: without it the finding stays, with the reason
cp "$top/tests/fix/ntp013.conf" "$tmp/unsafe.conf"
"$BIN" --fix --ntp-version=4.2.0 "$tmp/unsafe.conf" >"$tmp/unsafe.out" 2>&1
if cmp -s "$tmp/unsafe.conf" "$top/tests/fix/ntp013.conf"; then ok; else no "unsafe: written without --unsafe-fixes"; fi
if grep -q 'note: not fixed: unsafe fix: use --unsafe-fixes' "$tmp/unsafe.out"; then ok; else no "unsafe: no reason given"; fi

echo "fix_rules: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
