#!/bin/sh
# A fleet in one run (README "A fleet in one run"): a directory of hosts is linted host by
# host in name order, one level down only, with what is not a host listed as skipped;
# --roots-from's lines; --diff over several roots applies from their common directory
# with patch -p1 and gives the --fix bytes of every host; no descriptor is kept per host;
# the progress line shows on a terminal only, and not with --quiet. The reports of each
# output mode are golden cases (corpus/cli/fleet_reports, corpus/cli/roots_from).
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL fleet: $1"; fail=$((fail + 1)); return 1; fi
}
host() { mkdir -p "$(dirname "$1")"; cp -R "$top/corpus/hosts/$2" "$1"; }
# the hosts of a report in the order it names them (its headers; text format)
order() { sed -n 's/^-- \([^ ]*\) (.*/\1/p' "$1" | tr '\n' ' '; }
lint() { "$BIN" --no-config --color=never --show-source=never "$@"; }

# name order is byte order; one level down only; hidden entries are left out; a link to a
# host is a host
host f/esx10 fw_closed
host f/esx2 fw_closed
host f/Esx3 fw_closed
host f/group/esxA fw_closed
host f/.hidden fw_closed
ln -s "$tmp/f/esx2" f/link
lint f >out 2>err
rc=$?
check "a fleet with findings exits 1 ($rc)" '[ $rc = 1 ] && [ ! -s err ]'
check "hosts in byte order of their names, the link too ($(order out))" \
	'[ "$(order out)" = "f/Esx3 f/esx10 f/esx2 f/link " ]'
check "the directory says what it holds" \
	'grep -qx "f: a directory of hosts: 4 host roots in it, linted in name order; 1 other entry skipped" out'
check "a directory of hosts in it is not entered: it is skipped" \
	'grep -qx "f/group: skipped: it has no etc/" out && ! grep -q "esxA" out'
check "hidden entries are neither linted nor listed" '! grep -q hidden out'
check "the summary counts the hosts" \
	'grep -qx "hosts: 4 checked, 0 clean, 4 with errors, 0 with warnings, 0 with info only (1 entry of directories of hosts skipped)" out'
check "the worst hosts in run order on a tie" \
	'[ "$(sed -n "/^worst hosts:/,/^[0-9]/p" out | sed -n "s/^  \([^:]*\):.*/\1/p" | tr "\n" " ")" = "f/Esx3 f/esx10 f/esx2 f/link " ]'

# vm-support bundles in a directory of hosts: a tar archive, by its name, is a host root
# (read without extracting it, its ESX release in the header); a log beside them is skipped;
# --fix lints it but writes nothing into it, and says so
host b/esx1 fw_closed
(cd "$top/corpus/hosts/esxi67_buildinfo" && tar czf "$tmp/b/esx2.tgz" etc)
(cd "$top/corpus/hosts/fw_closed" && tar cf "$tmp/b/esx3.tar" etc)
echo "not a bundle" >b/esx4.tgz.log
lint b >out 2>err
check "archives in a directory of hosts are hosts ($(order out))" \
	'[ "$(order out)" = "b/esx1 b/esx2.tgz b/esx3.tar " ] && grep -q "^b/esx4.tgz.log: skipped" out'
check "an archive's header names its release" \
	'grep -q "^-- b/esx2.tgz (ESXi 6.7.0 build 8169922, judged as ntpd 4.2.8)" out'
check "an archive's findings are those of its tree" \
	'[ "$(grep -c "^b/esx3.tar/etc/vmware/esx.conf:.*\[FW010\]" out)" = 1 ]'
cp b/esx3.tar esx3.tar.orig
lint --fix b >out 2>err
rc=$?
check "--fix over a fleet with archives: the directory host fixed, the archive untouched ($rc)" \
	'[ $rc = 1 ] && grep -q "b/esx3.tar: not fixed: --fix cannot write into an archive" err && cmp -s b/esx3.tar esx3.tar.orig && grep -q "enabled = \"true\"" b/esx1/etc/vmware/esx.conf'

# --statistics: the per-rule lines alone, the exit status as the report's
lint --statistics f >out 2>err
rc=$?
check "--statistics: one line per rule ($(cat out))" \
	'[ $rc = 1 ] && [ "$(cat out)" = "4  FW010  [*] ntp-client-blocked" ]'
lint --statistics --format=json f >out 2>err
rc=$?
check "--statistics is a text report" '[ $rc = 2 ] && grep -q "is a text report" err'

# no descriptor is kept per host: 300 hosts with 32 descriptors
i=0
while [ $i -lt 300 ]; do mkdir -p "many/h$i/etc" && cp "$top/corpus/hosts/clean_host/etc/ntp.conf" "many/h$i/etc/"; i=$((i + 1)); done
(ulimit -n 32 && exec "$BIN" --no-config --statistics many) >out 2>err
rc=$?
check "300 hosts with 32 descriptors: linted ($rc, $(head -c 200 err))" \
	'[ $rc = 1 ] && [ ! -s err ] && grep -q "^ *300  FS001 " out'
printf 'many\n' >list
(ulimit -n 32 && exec "$BIN" --no-config --statistics --roots-from=list) >out2 2>err
check "the same through --roots-from" 'cmp -s out out2'

# --roots-from: lines with a NUL byte or over 4095 bytes are refused with their line
printf 'f/esx2\nf/es\000x10\n' >nul.txt
lint --roots-from=nul.txt >out 2>err
rc=$?
check "a NUL byte in a line: FILE:LINE, exit 2 ($(cat err))" \
	'[ $rc = 2 ] && [ "$(cat err)" = "nul.txt:2: error: a NUL byte in the line" ] && [ ! -s out ]'
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "a"; printf "\n" }' >long.txt
lint --roots-from=long.txt >out 2>err
rc=$?
check "a line of 5000 bytes: FILE:LINE, exit 2" \
	'[ $rc = 2 ] && grep -qx "long.txt:1: error: a path of 5000 bytes (at most 4095)" err'
# one bad line: nothing is linted, nothing fixed
host fx/esx01 stk_missing_file
printf 'fx/esx01\nfx/gone\n' >bad.txt
lint --fix --roots-from=bad.txt >out 2>err
rc=$?
check "a bad line stops the run before anything is fixed" \
	'[ $rc = 2 ] && [ ! -e fx/esx01/etc/ntp/step-tickers ]'

# --diff over several roots: the patch applied with patch -p1 from the roots' common
# directory gives the --fix bytes of every host, and no two hosts share a header
mkdir d1 d2
# (not svc_disabled: the rc links SVC010 makes are no part of a patch, README "Fixing")
for h in fw_closed crlf_host stk_missing_server stk_no_etc_ntp place_fixes; do
	host d1/fleet/$h $h
done
host d1/other/stk_missing_file stk_missing_file
cp -R d1/. d2/
args="--no-config --unsafe-fixes --address=ntp4.example.com=192.0.2.4"
(cd d1 && "$BIN" $args --diff fleet other/stk_missing_file >../fleet.patch 2>../diff.err)
(cd d2 && "$BIN" $args --fix fleet other/stk_missing_file >/dev/null 2>&1)
check "the report names the directory the patch applies from" \
	'grep -qx "esxntp-lint: --diff: the patch'"'"'s paths start at the roots'"'"' common directory '"'"'.'"'"': apply it there with patch -p1" diff.err'
check "every header names its host ($(grep -c '^+++ ' fleet.patch) files)" \
	'[ "$(grep "^+++ " fleet.patch | sort | uniq -d)" = "" ] &&
	 [ "$(grep -c "^+++ b/fleet/" fleet.patch)" -ge 6 ] && grep -q "^+++ b/other/stk_missing_file/" fleet.patch'
(cd d1 && patch -s -p1 <../fleet.patch) >patch.out 2>&1
rc=$?
check "patch -p1 applies it ($(head -c 200 patch.out))" '[ $rc = 0 ]'
check "and gives the --fix bytes of every host" \
	'diff -r -x "*.bk" -x "*.orig" d1 d2 >/dev/null'
# from inside the fleet: the hosts' directory is the common one
host d3/fw_closed fw_closed
host d3/svc_disabled svc_disabled
(cd d3 && "$BIN" --no-config --diff fw_closed svc_disabled 2>/dev/null | grep "^+++ ") >heads
check "roots in one directory: paths start with each root ($(cat heads | tr '\n' ' '))" \
	'[ "$(cat heads)" = "+++ b/fw_closed/etc/vmware/esx.conf" ]'

# the progress line: on a terminal, for a run over a second (standard input keeps this
# one going), cleared at the end; never when standard error is no terminal, or --quiet
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -z "$py" ]; then
	echo "SKIP fleet: the progress line: python3 is not installed (it makes a terminal)"
else
	cat >term.py <<'EOF'
import os, pty, subprocess, sys, time
out, args = sys.argv[1], sys.argv[2:]
master, slave = pty.openpty()
# with BOTH set, the report goes to the terminal too
both = os.environ.get("BOTH") == "1"
p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=slave if both else subprocess.DEVNULL,
                     stderr=slave)
os.close(slave)
time.sleep(1.5)
p.stdin.write(b"server 192.0.2.1\n")
p.stdin.close()
data = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
p.wait()
open(out, "wb").write(data)
EOF
	$py term.py tty.out "$BIN" --no-config f - 2>/dev/null
	check "on a terminal: the progress line, then cleared ($(od -c tty.out | head -n 3 | tr -s ' '))" \
		'grep -q "esxntp-lint: 5/5 roots checked, 5 with errors" tty.out &&
		 [ "$(tail -c 4 tty.out | od -An -c | tr -d " ")" = "\r033[K" ]'
	$py term.py quiet.out "$BIN" --no-config --quiet f - 2>/dev/null
	check "--quiet: none" '[ ! -s quiet.out ]'
	(sleep 1.5; echo "server 192.0.2.1") | "$BIN" --no-config f - >/dev/null 2>notty.err
	check "standard error not a terminal: none" '[ ! -s notty.err ]'
	# the report on the same terminal: the line stays while roots that write nothing are
	# linted (two large lone files, every rule disabled), and is cleared once, at the end
	awk 'BEGIN { for (i = 0; i < 400000; i++) printf "server ntp%d.example.com iburst\n", i }' >L1.conf
	ln L1.conf L2.conf
	BOTH=1 $py term.py both.out "$BIN" --no-config --color=never --max-file-size=64M \
		--disable=NTP,STK,HST,FW,SVC,FS,ESX - L1.conf L2.conf 2>/dev/null
	clears=$($py -c 'import sys; print(open(sys.argv[1], "rb").read().count(b"\r\x1b[K"))' both.out)
	check "a report on the same terminal: the line is cleared once, at the end ($clears)" \
		'[ "$clears" = 1 ] && grep -q "roots checked" both.out && grep -q "no findings (3 paths)" both.out'
fi

echo "fleet: $pass passed, $fail failed"
[ "$fail" = 0 ]
