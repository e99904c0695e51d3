#!/bin/sh
# (make check-faults: slow) Properties of --fix --unsafe-fixes over the whole corpus (every ntpconf case as a lone
# file, every host root): fixing twice = fixing once, the codes reported fixed are gone on
# re-lint, --diff applied with patch -p1 gives the --fix bytes, and a host left untouched
# is byte-identical (all files compared).
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0 written=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
no() { echo "FAIL fix_corpus: $*"; fail=$((fail + 1)); }

# one case: $1 a directory holding the target, $2 the target inside it, $3 extra options
prop() {
	dir=$1 target=$2 opts=$3 name=$4
	rm -rf "$tmp/a" "$tmp/b"
	cp -R "$dir" "$tmp/a"
	cp -R "$dir" "$tmp/b"
	# shellcheck disable=SC2086
	(cd "$tmp/a" && "$BIN" --fix --unsafe-fixes --no-backup $opts "$target" >"$tmp/report" 2>&1)
	if diff -r "$dir" "$tmp/a" >/dev/null 2>&1; then
		grep -q ': fixed: ' "$tmp/report" && ! grep -q 'written\|created\|made\|cleared' "$tmp/report" &&
			no "$name: reports fixes but wrote nothing"
		ok
		return
	fi
	written=$((written + 1))
	codes=$(sed -n 's/^[^ ]*:[0-9]*:[0-9]*: fixed: .*\[\([A-Z]*[0-9]*\)\]$/\1/p' "$tmp/report" | sort -u)
	# shellcheck disable=SC2086
	(cd "$tmp/a" && "$BIN" $opts "$target" >"$tmp/relint" 2>&1)
	for c in $codes; do
		case $c in NTP001|STK001|HST001|FW001) continue ;; esac
		if grep -q "\[$c\]" "$tmp/relint"; then no "$name: $c still reported after --fix"; else ok; fi
	done
	cp -R "$tmp/a" "$tmp/once"
	# shellcheck disable=SC2086
	(cd "$tmp/a" && "$BIN" --fix --unsafe-fixes --no-backup $opts "$target" >/dev/null 2>&1)
	if diff -r "$tmp/once" "$tmp/a" >/dev/null 2>&1; then ok; else no "$name: fixing twice changed more"; fi
	rm -rf "$tmp/once"
	# shellcheck disable=SC2086
	(cd "$tmp/b" && "$BIN" --diff --unsafe-fixes $opts "$target" 2>/dev/null >"$tmp/diff";
	 patch -s -p1 <"$tmp/diff" >/dev/null 2>&1)
	# mode changes and links are not in the patch: compare the text of regular files only
	if (cd "$tmp/a" && find . -type f ! -name '*.orig' | sort | while read -r f; do
		cmp -s "$f" "$tmp/b/$f" || echo "$f"; done) | grep -q .; then
		no "$name: patch -p1 of --diff differs from --fix"
	else
		ok
	fi
}

for f in "$top"/corpus/ntpconf/*.conf; do
	n=$(basename "$f" .conf)
	args=$(sed -n 's/^# args: *//p' "${f%.conf}.expect" 2>/dev/null | head -n 1)
	mkdir -p "$tmp/lone/$n"
	cp "$f" "$tmp/lone/$n/ntp.conf"
	prop "$tmp/lone/$n" ntp.conf "$args" "ntpconf/$n"
done
for d in "$top"/corpus/hosts/*/; do
	n=$(basename "$d")
	args=$(sed -n 's/^# args: *//p' "$top/corpus/hosts/$n.expect" 2>/dev/null | head -n 1)
	prop "$d" . "$args" "hosts/$n"
done

echo "fix_corpus: $written cases written; $pass passed, $fail failed"
[ "$fail" -eq 0 ]
