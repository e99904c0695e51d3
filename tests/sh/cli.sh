#!/bin/sh
# The command line's edges (README "Usage"): usage errors name what is wrong.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL cli: $1"; fail=$((fail + 1)); return 1; fi
}

host=$top/corpus/example-host
usage() {	# ARGS...: runs with them; $st, $tmp/out, $tmp/err
	"$BIN" --no-config "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
first_err() { head -n 1 "$tmp/err"; }

# an unknown option is named as given: the short one, not the program's path
for a in -j4:-j -x:-x -Vj:-V --frobnicate:--frobnicate --frob=3:--frob; do
	usage "${a%%:*}" "$host"
	[ "${a%%:*}" = -Vj ] && { check "-Vj: -V acts first" '[ $st = 0 ]'; continue; }
	check "${a%%:*}: unknown option '${a#*:}' ($(first_err))" \
		'[ $st = 2 ] && [ "$(first_err)" = "esxntp-lint: unknown option '"'${a#*:}'"'" ] && [ ! -s "$tmp/out" ]'
done
usage --fix=yes "$host"
check "--fix=yes: takes no value ($(first_err))" \
	'[ $st = 2 ] && [ "$(first_err)" = "esxntp-lint: option '"'--fix'"' takes no value" ]'
usage "$host" --format
check "--format at the end: needs a value ($(first_err))" \
	'[ $st = 2 ] && [ "$(first_err)" = "esxntp-lint: option '"'--format'"' needs a value" ]'

# --list-rules lints nothing and writes text or JSON: anything else is a usage error
usage --list-rules "$host"
check "--list-rules with a PATH ($(first_err))" \
	'[ $st = 2 ] && grep -q "list-rules takes no PATH" "$tmp/err" && [ ! -s "$tmp/out" ]'
for f in sarif github; do
	usage --list-rules --format=$f
	check "--list-rules --format=$f ($(first_err))" \
		'[ $st = 2 ] && grep -q "list-rules writes text or json, not --format=$f" "$tmp/err" && [ ! -s "$tmp/out" ]'
done
usage --list-rules --format=json
check "--list-rules --format=json" '[ $st = 0 ] && grep -q "\"NTP001\"" "$tmp/out"'
usage --list-rules
check "--list-rules" '[ $st = 0 ] && grep -q "^NTP001 " "$tmp/out"'

# --unsafe-fixes alone writes nothing: it says which findings have an unsafe fix (as Ruff);
# --fix --unsafe-fixes writes them
cp -R "$host" "$tmp/h"
usage --unsafe-fixes --color=never --show-source=never "$tmp/h"
check "--unsafe-fixes alone changes no file" 'diff -r "$host" "$tmp/h" >/dev/null'
check "--unsafe-fixes alone: the findings, exit 1" '[ $st = 1 ] && grep -q "\[STK011\]$" "$tmp/out"'
check "--unsafe-fixes alone: a note under each finding with an unsafe fix" \
	'[ "$(grep -c "note: unsafe fix available (--fix --unsafe-fixes applies it)$" "$tmp/out")" = 2 ] &&
	 grep -A1 "\[STK011\]$" "$tmp/out" | grep -q "^etc/ntp/step-tickers:3:1: note: unsafe fix available" &&
	 grep -A1 "\[SVC010\]$" "$tmp/out" | grep -q "^etc/rc.d/init.d/ntpd:6:1: note: unsafe fix available"'
check "--unsafe-fixes alone: the count in the summary" \
	'tail -n 1 "$tmp/out" | grep -q "^2 findings have an unsafe fix: --fix --unsafe-fixes applies them"'
usage --color=never --show-source=never "$tmp/h"
check "without --unsafe-fixes no such note" '! grep -q "unsafe fix" "$tmp/out"'
# (a host with a syntax error is not fixed: the example's NTP001 first)
sed 's/nomodfy/nomodify/' "$host/etc/ntp.conf" >"$tmp/h/etc/ntp.conf"
usage --fix --unsafe-fixes --no-backup --color=never "$tmp/h"
check "--fix --unsafe-fixes writes the unsafe fixes" \
	'! grep -q "^pool.ntp.org" "$tmp/h/etc/ntp/step-tickers" && ! grep -q "unsafe fix available" "$tmp/out"'

# --stdin-filename names standard input in every report, --diff included, and in the
# config file's globs; without a PATH it reads standard input
conf='server 10.0.0.1\r\nrestrict default nomodify\n'
printf "%b" "$conf" | "$BIN" --no-config --stdin-filename=hosts/a/etc/ntp.conf --color=never - >"$tmp/out" 2>&1
check "--stdin-filename: text" \
	'grep -q "^hosts/a/etc/ntp.conf:1:1: info: only 1 time source" "$tmp/out" && ! grep -q "^-:" "$tmp/out"'
printf "%b" "$conf" | "$BIN" --no-config --stdin-filename=hosts/a/etc/ntp.conf --format=json >"$tmp/out" 2>&1
check "--stdin-filename: JSON, no PATH" \
	'grep -q "\"root\": \"hosts/a/etc/ntp.conf\"" "$tmp/out" && grep -q "\"file\": \"hosts/a/etc/ntp.conf\"" "$tmp/out" &&
	 ! grep -q "\"-\"" "$tmp/out"'
printf "%b" "$conf" | "$BIN" --no-config --stdin-filename=hosts/a/etc/ntp.conf --diff - >"$tmp/out" 2>"$tmp/err"
check "--stdin-filename: --diff's headers and report" \
	'grep -qx -- "--- a/hosts/a/etc/ntp.conf" "$tmp/out" && grep -qx "+driftfile /var/lib/ntp/drift" "$tmp/out" &&
	 grep -q "^hosts/a/etc/ntp.conf:3:1: would fix: no driftfile" "$tmp/err"'
printf '[file:hosts/*/etc/ntp.conf]\nignore = NTP031\n' >"$tmp/cfg.ini"
printf "%b" "$conf" | "$BIN" --config="$tmp/cfg.ini" --stdin-filename="$tmp/hosts/a/etc/ntp.conf" --color=never >"$tmp/out" 2>&1
check "--stdin-filename: the config file's [file:] globs see the name" \
	'grep -q "etc/ntp.conf:3:1: error: no driftfile" "$tmp/out" && ! grep -q NTP031 "$tmp/out"'
usage --stdin-filename=x "$host"
check "--stdin-filename without '-' among the PATHs ($(first_err))" \
	'[ $st = 2 ] && grep -q "stdin-filename names standard input, and no PATH is" "$tmp/err"'

# colour: --color first, then FORCE_COLOR (set, not empty, not "0"; it wins over
# NO_COLOR), then NO_COLOR, then the terminal (tests/sh/manpage.sh: NO_COLOR on one)
esc=$(printf '\033')
colour() {	# ENV... -- ARGS...: "yes" if the report (not a terminal) has colour
	envs=""
	while [ "$1" != -- ]; do envs="$envs $1"; shift; done
	shift
	# shellcheck disable=SC2086
	env -u NO_COLOR -u FORCE_COLOR $envs "$BIN" --config=/dev/null --show-source=never "$@" \
		"$host" >"$tmp/col" 2>&1
	if [ $? = 2 ]; then echo "error: $(head -n 1 "$tmp/col")"
	elif grep -q "$esc\[" "$tmp/col"; then echo yes; else echo no; fi
}
check "not a terminal: no colour" '[ "$(colour --)" = no ]'
check "FORCE_COLOR=1: colour" '[ "$(colour FORCE_COLOR=1 --)" = yes ]'
check "FORCE_COLOR=true: colour" '[ "$(colour FORCE_COLOR=true --)" = yes ]'
check "FORCE_COLOR= (empty): none" '[ "$(colour FORCE_COLOR= --)" = no ]'
check "FORCE_COLOR=0: none" '[ "$(colour FORCE_COLOR=0 --)" = no ]'
check "FORCE_COLOR wins over NO_COLOR" '[ "$(colour FORCE_COLOR=1 NO_COLOR=1 --)" = yes ]'
check "--color=never wins over FORCE_COLOR" '[ "$(colour FORCE_COLOR=1 -- --color=never)" = no ]'
check "--color=always wins over NO_COLOR" '[ "$(colour NO_COLOR=1 -- --color=always)" = yes ]'
printf '[esxntp-lint]\ncolor = never\n' >"$tmp/never.ini"
check "the config file's color wins over FORCE_COLOR" \
	'[ "$(colour FORCE_COLOR=1 -- --config="$tmp/never.ini")" = no ]'
check "FORCE_COLOR colours only the text format" \
	'! FORCE_COLOR=1 "$BIN" --no-config --format=github "$host" | grep -q "$esc"'

# --fix --format=github: standard output holds only workflow commands, what was written
# goes to standard error
rm -rf "$tmp/h" && cp -R "$host" "$tmp/h"
sed 's/nomodfy/nomodify/' "$host/etc/ntp.conf" >"$tmp/h/etc/ntp.conf"
"$BIN" --no-config --fix --format=github "$tmp/h" >"$tmp/out" 2>"$tmp/err"
check "--fix --format=github: only annotations on standard output" \
	'[ -s "$tmp/out" ] && ! grep -qv "^::\(error\|warning\|notice\) file=" "$tmp/out"'
check "--fix --format=github: the written files on standard error" \
	'grep -q "etc/ntp.conf: written" "$tmp/err"'

# JSON and SARIF keep valid UTF-8 as it is in a string that also holds bytes that are not
# UTF-8 (a file name, and a word of the file quoted in a message); only those become
# \xHH, which JSON writes as \\xHH
name=$(printf 'caf\303\251\351.conf')
want=$(printf 'caf\303\251\\\\xe9.conf')
printf 'server 10.0.0.1\n' | "$BIN" --no-config --format=json --stdin-filename="$name" >"$tmp/out"
check "JSON: a file name of UTF-8 and Latin-1 keeps its UTF-8" \
	'grep -qF "\"file\": \"$want\"" "$tmp/out"'
printf 'server 10.0.0.1\n' | "$BIN" --no-config --format=sarif --stdin-filename="$name" >"$tmp/out"
check "SARIF: the same in the root's name" 'grep -qF "\"root\": \"$want\"" "$tmp/out"'
printf 'restrict caf\303\251\351.example.com nomodify\n' | "$BIN" --no-config --format=json - >"$tmp/out"
want=$(printf "restrict by host name 'caf\303\251\\\\\\\\xe9.example.com'")
check "JSON: a word of ntp.conf quoted in a message keeps its UTF-8" 'grep -qF "$want" "$tmp/out"'
printf 'restrict caf\303\251\351.example.com nomodify\n' | "$BIN" --no-config --color=never - >"$tmp/out"
want=$(printf "restrict by host name 'caf\303\251\\\\xe9.example.com'")
check "text: the same word, its UTF-8 kept, the Latin-1 byte \\xHH once" 'grep -qF "$want" "$tmp/out"'

# a clean run says so in one line on a terminal, and writes nothing when not on one
clean=$top/corpus/hosts/clean_host
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$BIN' --no-config '$clean'" /dev/null | tr -d '\r' >"$tmp/out"
	check "clean, on a terminal: one line ($(cat "$tmp/out"))" \
		'[ "$(cat "$tmp/out")" = "no findings (1 path)" ]'
	script -qec "'$BIN' --no-config '$clean' '$clean'" /dev/null | tr -d '\r' >"$tmp/out"
	check "two clean roots: one line ($(cat "$tmp/out"))" \
		'[ "$(cat "$tmp/out")" = "no findings (2 paths)" ]'
	script -qec "'$BIN' --no-config --color=never --show-source=never '$host'" /dev/null |
		tr -d '\r' >"$tmp/out"
	check "findings on a terminal: no such line" \
		'! grep -q "no findings" "$tmp/out" && grep -q "^[0-9]* findings: " "$tmp/out"'
	script -qec "'$BIN' --no-config --format=json '$clean'" /dev/null | tr -d '\r' >"$tmp/out"
	check "JSON on a terminal: no such line" '! grep -q "no findings" "$tmp/out"'
else
	echo "SKIP cli: clean run on a terminal: script(1) cannot make a terminal here"
fi
"$BIN" --no-config "$clean" >"$tmp/out" 2>&1
check "clean, not a terminal: nothing" '[ ! -s "$tmp/out" ]'

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
