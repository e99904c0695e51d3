#!/bin/sh
# The fixes of the file-local step-tickers and FS rules, applied with --fix to copies of
# corpus hosts: the fixed file must be exactly the hand-written result below, the fixed
# host must re-lint clean of the fixed rule, and fixing again must change nothing.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name case file code; the expected text on standard input
	name=$1 case=$2 file=$3 code=$4
	root="$tmp/$name"
	rm -rf "$root"
	cp -a "$top/corpus/hosts/$case" "$root"
	cat >"$tmp/want"
	ok=1
	"$BIN" --fix --no-backup --color=never "$root" >"$tmp/out1" 2>&1
	if ! cmp -s "$root/$file" "$tmp/want"; then
		echo "FAIL $name: $file after --fix differs (- expected, + got)"
		diff "$tmp/want" "$root/$file" | sed 's/^</-/; s/^>/+/'
		ok=0
	fi
	"$BIN" --color=never "$root" >"$tmp/out2" 2>&1
	if grep -q "\[$code\]" "$tmp/out2"; then
		echo "FAIL $name: $code still reported after --fix:"; cat "$tmp/out2"; ok=0
	fi
	cp "$root/$file" "$tmp/once"
	"$BIN" --fix --no-backup --color=never "$root" >"$tmp/out3" 2>&1
	if ! cmp -s "$root/$file" "$tmp/once"; then
		echo "FAIL $name: a second --fix changed $file"; ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

check stk002 stk_ntpconf_syntax etc/ntp/step-tickers STK002 <<'X'
# copied from ntp.conf
ntp1.example.com
ntp2.example.com
ntp3.example.com
ntp4.example.com  # a trailing comment is fine
X
check stk003 stk_refclock etc/ntp/step-tickers STK003 <<'X'
ntp1.example.com
ntp2.example.com
ntp3.example.com
ntp4.example.com # shm
X
check stk005 stk_crlf etc/ntp/step-tickers STK005 <<'X'
ntp1.example.com
ntp2.example.com
ntp3.example.com
ntp4.example.com
X

# FS002: the fix clears the other-write bit and nothing else
root="$tmp/fs002"
cp -a "$top/corpus/hosts/clean_host" "$root"
chmod 0666 "$root/etc/hosts"
chmod 0757 "$root/etc/rc.d/init.d/ntpd"
"$BIN" --fix --no-backup --color=never "$root" >"$tmp/out" 2>&1
m1=$(stat -c %a "$root/etc/hosts") m2=$(stat -c %a "$root/etc/rc.d/init.d/ntpd")
if [ "$m1" = 664 ] && [ "$m2" = 755 ] && ! "$BIN" --color=never "$root" | grep -q FS002; then
	pass=$((pass + 1))
else
	echo "FAIL fs002: modes after --fix are $m1 and $m2, want 664 and 755"; cat "$tmp/out"
	fail=$((fail + 1))
fi

echo "linefile_fixes: $pass passed, $fail failed"
[ "$fail" = 0 ]
