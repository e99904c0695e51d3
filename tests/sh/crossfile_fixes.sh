#!/bin/sh
# The fixes of the cross-file rules (ntp.conf against step-tickers, esx.conf and the rc
# links), applied with --fix to copies of corpus hosts: the fixed file must be exactly the
# hand-written result below, the host must re-lint clean of the fixed rule, and fixing
# again must change nothing.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name case file code flags; the expected text on standard input
	name=$1 case=$2 file=$3 code=$4 flags=$5
	root="$tmp/$name"
	rm -rf "$root"
	cp -a "$top/corpus/hosts/$case" "$root"
	cat >"$tmp/want"
	ok=1
	# shellcheck disable=SC2086
	"$BIN" --fix $flags --no-backup --color=never "$root" >"$tmp/out1" 2>&1
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
	# shellcheck disable=SC2086
	"$BIN" --fix $flags --no-backup --color=never "$root" >"$tmp/out3" 2>&1
	if ! cmp -s "$root/$file" "$tmp/once"; then
		echo "FAIL $name: a second --fix changed $file"; ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

# STK010: the file is created, the servers in ntp.conf order
check stk010_create stk_missing_file etc/ntp/step-tickers STK010 "" <<'X'
ntp1.example.com
ntp2.example.com
ntp3.example.com
ntp4.example.com
X
# STK010: appended after a last line without a newline
check stk010_append stk_missing_server etc/ntp/step-tickers STK010 "" <<'X'
ntp1.example.com
ntp3.example.com
ntp2.example.com
ntp4.example.com
X
# STK010 on the RHEL 3 host: its empty step-tickers gets the three pool servers
check stk010_empty rhel3_console_appended etc/ntp/step-tickers STK010 "" <<'X'
0.vmware.pool.ntp.org
1.vmware.pool.ntp.org
2.vmware.pool.ntp.org
X
# STK012 (safe) deletes the repeated words; STK011 needs --unsafe-fixes
check stk012 stk_stale_duplicate etc/ntp/step-tickers STK012 "" <<'X'
ntp1.example.com
ntp2.example.com
ntp3.example.com
old-ntp.example.com
ntp4.example.com
X
check stk011 stk_stale_duplicate etc/ntp/step-tickers STK011 "--unsafe-fixes" <<'X'
ntp1.example.com
ntp2.example.com
ntp3.example.com
ntp4.example.com
X
# FW010: "false" becomes "true"; a missing key goes after the last /firewall/ key
check fw010_value fw_closed etc/vmware/esx.conf FW010 "" <<'X'
/firewall/services/sshServer/enabled = "true"
/firewall/services/ntpClient/enabled = "true"
/adv/Misc/HostName = "esx01"
X
check fw010_key rhel3_console_appended etc/vmware/esx.conf FW010 "" <<'X'
/firewall/services/sshServer/enabled = "true"
/firewall/services/sshClient/enabled = "false"
/firewall/services/ntpClient/enabled = "true"
/adv/Misc/HostName = "esx02"
X

# SVC010 (unsafe): S58ntpd -> ../init.d/ntpd replaces K74ntpd in runlevels 3-5 only
root="$tmp/svc"
cp -a "$top/corpus/hosts/svc_disabled" "$root"
"$BIN" --fix --no-backup --color=never "$root" >"$tmp/svc.out" 2>&1
if [ -L "$root/etc/rc.d/rc3.d/K74ntpd" ] && [ ! -e "$root/etc/rc.d/rc3.d/S58ntpd" ]; then
	pass=$((pass + 1))
else
	echo "FAIL svc010: --fix without --unsafe-fixes changed the rc links"; fail=$((fail + 1))
fi
"$BIN" --fix --unsafe-fixes --no-backup --color=never "$root" >"$tmp/svc.out" 2>&1
ok=1
for l in 3 4 5; do
	[ "$(readlink "$root/etc/rc.d/rc$l.d/S58ntpd")" = ../init.d/ntpd ] || ok=0
	[ ! -e "$root/etc/rc.d/rc$l.d/K74ntpd" ] && [ ! -L "$root/etc/rc.d/rc$l.d/K74ntpd" ] || ok=0
done
for l in 0 1 2 6; do
	[ -L "$root/etc/rc.d/rc$l.d/K74ntpd" ] || ok=0
	[ ! -e "$root/etc/rc.d/rc$l.d/S58ntpd" ] || ok=0
done
"$BIN" --color=never "$root" | grep -q '\[SVC010\]' && ok=0
if [ $ok = 1 ]; then pass=$((pass + 1)); else
	echo "FAIL svc010: rc links after --fix --unsafe-fixes:"; ls -lR "$root/etc/rc.d" | grep ntpd
	cat "$tmp/svc.out"; fail=$((fail + 1))
fi

echo "crossfile_fixes: $pass passed, $fail failed"
[ "$fail" = 0 ]
