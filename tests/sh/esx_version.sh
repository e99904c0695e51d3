#!/bin/sh
# The ESX version and the ntpd it decides: etc/vmware-release, --esx-version (which
# overrides it and must be a version), --ntp-version (which overrides both), as the JSON
# report and the findings show them.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL esx_version: $1"; fail=$((fail + 1)); fi
}

versions() {	# ARGS...: prints "ESX NTP" from the JSON report
	"$BIN" --format=json --fail-on=never "$@" 2>/dev/null |
		sed -n 's/^ *"\(esx_version\|ntp_version\)": \(null\|"\([^"]*\)"\),*$/\2/p' |
		tr -d '"' | tr '\n' ' ' | sed 's/ $//'
}

h=$top/corpus/hosts
check "ESX 3 release: ntpd 4.1" '[ "$(versions "$h/clean_host")" = "3 4.1" ]'
check "ESX 4.0 release: ntpd 4.2.2" '[ "$(versions "$h/esx4_release")" = "4.0 4.2.2" ]'
check "--esx-version=2.5.4: ntpd 4.1" '[ "$(versions --esx-version=2.5.4 "$h/clean_host")" = "2.5.4 4.1" ]'
check "--esx-version overrides the release" \
	'[ "$(versions --esx-version=6.7 "$h/clean_host")" = "6.7 4.2.8" ]'
check "--ntp-version overrides both" \
	'[ "$(versions --esx-version=6.7 --ntp-version=ntpsec "$h/clean_host")" = "6.7 ntpsec" ]'
check "--ntp-version=4.2.2p1 is the 4.2.2 reader" \
	'[ "$(versions --ntp-version=4.2.2p1 "$h/clean_host")" = "3 4.2.2" ]'
"$BIN" --ntp-version=4.2.4 "$h/clean_host" >"$tmp/out" 2>"$tmp/err"
st=$?
check "--ntp-version=4.2.4 (a reader not modelled) is a usage error" \
	'[ $st = 2 ] && grep -q "4.2.2" "$tmp/err"'
check "no release: unknown, taken as ESX 3: ntpd 4.1" '[ "$(versions "$h/esx_no_release")" = "null 4.1" ]'
check "a lone file of no release: ntpd 4.1" '[ "$(versions "$top/corpus/ntpconf/empty.conf")" = "null 4.1" ]'
check "a lone file takes --esx-version" \
	'[ "$(versions --esx-version=5.5 "$top/corpus/ntpconf/empty.conf")" = "5.5 4.2.8" ]'

for bad in "" x 3. 3.0.1.2 0 "4.0 (Kandinsky)"; do
	"$BIN" --esx-version="$bad" "$h/clean_host" >"$tmp/out" 2>"$tmp/err"
	st=$?
	check "--esx-version='$bad' is a usage error" \
		'[ $st = 2 ] && grep -q "esx-version" "$tmp/err" && [ ! -s "$tmp/out" ]'
done

# the release decides what is an error in ntp.conf: pool is NTP004 on ESX 3, fine on ESXi
"$BIN" --color=never "$h/target_from_esx3" >"$tmp/out" 2>&1
check "ESX 3 judges 'pool' as ntpd 4.1" 'grep -q "etc/ntp.conf:4:1: error: .*\[NTP004\]" "$tmp/out"'
"$BIN" --color=never --esx-version=6.7 "$h/target_from_esx3" >"$tmp/out" 2>&1
check "--esx-version=6.7 judges it as 4.2.8" '! grep -q NTP004 "$tmp/out"'

# ESX 4 runs 4.2.2, which takes the quotes off a line's last word; 4.2.0 keeps them
"$BIN" --color=never "$h/esx4_quoted_server" >"$tmp/out" 2>&1
check "ESX 4 (4.2.2) reads 'server \"name\"' as the name" '[ ! -s "$tmp/out" ]'
"$BIN" --color=never --ntp-version=4.2.0 "$h/esx4_quoted_server" >"$tmp/out" 2>&1
check "4.2.0 keeps the quotes in the name" 'grep -q "STK010" "$tmp/out"'

echo "esx_version: $pass passed, $fail failed"
[ "$fail" = 0 ]
