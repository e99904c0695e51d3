#!/bin/sh
# --probe's options: what is refused (exit 2, one line saying why), without probing
# anything (no test here sends a packet: the namespaced ones are in probe_ntpsec.sh).
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

refused() {	# expected message, then the arguments
	want=$1
	shift
	"$BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ $rc = 2 ] && [ ! -s "$tmp/out" ] && grep -qF -- "$want" "$tmp/err"; then
		pass=$((pass + 1))
	else
		echo "FAIL probe_cli: esxntp-lint $*: want exit 2 and '$want', got exit $rc:"
		sed 's/^/    /' "$tmp/err" "$tmp/out" | head -n 5
		fail=$((fail + 1))
	fi
}

refused "--max-offset needs --probe" --max-offset=5 "$tmp"
refused "--probe-timeout needs --probe" --probe-timeout=2 "$tmp"
refused "--probe checks the live host and fixes nothing" --probe --fix "$tmp"
refused "--probe checks the live host and fixes nothing" --probe --diff "$tmp"
refused "--probe checks the live host and fixes nothing" --probe --fix-managed "$tmp"
refused "--probe's findings are of the moment: not with --write-baseline" --probe --write-baseline="$tmp/b" "$tmp"
refused "--probe-timeout takes 10ms to 60s, not '0'" --probe --probe-timeout=0 "$tmp"
refused "--probe-timeout takes 10ms to 60s, not '61s'" --probe --probe-timeout=61s "$tmp"
refused "--probe-timeout takes 10ms to 60s, not '5ms'" --probe --probe-timeout=5ms "$tmp"
refused "--max-offset takes 1us to 86400s, not '0'" --probe --max-offset=0 "$tmp"
refused "--max-offset takes a duration like 128ms or 0.5s" --probe --max-offset=-1 "$tmp"
refused "--max-offset takes a duration like 128ms or 0.5s" --probe --max-offset=12h "$tmp"
refused "--max-offset takes a duration like 128ms or 0.5s" --probe --max-offset=nan "$tmp"
refused "--probe-timeout takes a duration like 128ms or 0.5s" --probe --probe-timeout= "$tmp"

# the PRB rules are in the catalog and explained
"$BIN" --list-rules >"$tmp/rules"
if [ "$(grep -c '^PRB00[1-7] ' "$tmp/rules")" = 7 ]; then pass=$((pass + 1)); else
	echo "FAIL probe_cli: --list-rules does not list PRB001 to PRB007"; fail=$((fail + 1)); fi
if "$BIN" --explain=PRB005 | grep -q "CLOCK_MAX"; then pass=$((pass + 1)); else
	echo "FAIL probe_cli: --explain=PRB005 does not name CLOCK_MAX"; fail=$((fail + 1)); fi
# --disable=PRB is a family
if "$BIN" --disable=PRB --enable=PRB001 --list-rules >/dev/null 2>&1; then pass=$((pass + 1)); else
	echo "FAIL probe_cli: PRB is not a family --disable knows"; fail=$((fail + 1)); fi

echo "probe_cli: $pass passed, $fail failed"
[ $fail = 0 ]
