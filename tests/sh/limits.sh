#!/bin/sh
# The README's "Limits": each limit is reported with its own message and the work stays
# bounded (every run has a time limit). File size (--max-file-size and its suffixes),
# includefile nesting and the number of included files, words in a statement, the
# 1023-byte reads of classic ntpd.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

ok() { pass=$((pass + 1)); }
no() { echo "FAIL limits: $*"; fail=$((fail + 1)); }
run() {	# name status args...
	name=$1 want=$2
	shift 2
	timeout 30 "$BIN" --color=never --show-source=never "$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else no "$name: exit $got, want $want ($(head -c 300 "$name.err"))"; fi
}
has() { if grep -qxF -- "$2" "$1.out"; then ok; else no "$1: no line '$2' in: $(head -c 600 "$1.out")"; fi; }
hasnt() { if ! grep -qF -- "$2" "$1.out"; then ok; else no "$1: unexpected '$2'"; fi; }
err() { if grep -qxF -- "$2" "$1.err"; then ok; else no "$1: no line '$2' on stderr: $(head -c 300 "$1.err")"; fi; }
host() { rm -rf "$1"; cp -R "$top/corpus/hosts/clean_host" "$1"; }

# --- file size: N bytes are read, N + 1 are not; K, M, G suffixes; bad values
awk 'BEGIN { for (i = 0; i < 1024; i++) printf "#"; }' >k1.conf
awk 'BEGIN { for (i = 0; i < 1025; i++) printf "#"; }' >k1plus.conf
run size-at 1 --max-file-size=1K k1.conf
hasnt size-at "FS001"
run size-over 1 --max-file-size=1k k1plus.conf
has size-over "k1plus.conf:1:1: error: k1plus.conf is 1025 bytes, over the size limit of 1024 bytes (--max-file-size): not read [FS001]"
run size-bytes 1 --max-file-size=1024 k1plus.conf
has size-bytes "k1plus.conf:1:1: error: k1plus.conf is 1025 bytes, over the size limit of 1024 bytes (--max-file-size): not read [FS001]"
head -c 2000 /dev/zero | timeout 30 "$BIN" --max-file-size=1K - >size-stdin.out 2>&1
has size-stdin "-:1:1: error: - is over the size limit of 1024 bytes (--max-file-size): not read [FS001]"
# the default, 16 MiB: one byte more is refused without reading it
awk 'BEGIN { for (i = 0; i < 16 * 1024; i++) { for (j = 0; j < 1023; j++) printf "#"; printf "\n" } printf "#" }' >big.conf
run size-default 1 big.conf
has size-default "big.conf:1:1: error: big.conf is 16777217 bytes, over the size limit of 16777216 bytes (--max-file-size): not read [FS001]"
# in a host root: the file is refused, the others are read
host hostbig
cp big.conf hostbig/etc/hosts
run size-host 1 hostbig
has size-host "etc/hosts:1:1: error: etc/hosts is 16777217 bytes, over the size limit of 16777216 bytes (--max-file-size): not read [FS001]"
for bad in 0 -1 1X 5G 1.5M ""; do
	run "size-bad$bad" 2 "--max-file-size=$bad" k1.conf
done
err size-bad0 "esxntp-lint: --max-file-size: '0' is not a size from 1 byte to 4G"
err size-bad1X "esxntp-lint: --max-file-size: '1X' is not a size from 1 byte to 4G"
err size-bad5G "esxntp-lint: --max-file-size: '5G' is not a size from 1 byte to 4G"

# --- includefile: nested over 5 levels (ntpd's limit), a cycle, and the number of files
host deep
printf 'includefile /etc/i1.conf\n' >>deep/etc/ntp.conf
for i in 1 2 3 4 5 6; do printf 'includefile /etc/i%d.conf\n' $((i + 1)) >"deep/etc/i$i.conf"; done
printf 'server 10.1.1.1\n' >deep/etc/i7.conf
run deep 1 deep
has deep "etc/i5.conf:1:13: error: includefile nested deeper than 5 levels: ntpd does not read 'etc/i6.conf' [NTP041]"
host cycle
printf 'includefile /etc/ntp.conf\n' >>cycle/etc/ntp.conf
run cycle 1 cycle
has cycle "etc/ntp.conf:8:13: error: includefile 'etc/ntp.conf' includes itself (a cycle): ntpd reads it again until the depth limit [NTP041]"
# 40 includes of a file that includes 40 of another ... : 40^4 reads without the cap
host fan
awk 'BEGIN { for (i = 0; i < 40; i++) print "includefile /etc/a.conf" }' >>fan/etc/ntp.conf
awk 'BEGIN { for (i = 0; i < 40; i++) print "includefile /etc/b.conf" }' >fan/etc/a.conf
awk 'BEGIN { for (i = 0; i < 40; i++) print "includefile /etc/c.conf" }' >fan/etc/b.conf
awk 'BEGIN { for (i = 0; i < 40; i++) print "includefile /etc/d.conf" }' >fan/etc/c.conf
printf 'server 10.1.1.1\n' >fan/etc/d.conf
run fan 1 fan
has fan "etc/c.conf:21:13: error: more than 64 included files in all: esxntp-lint does not read 'etc/d.conf' or any later includefile (ntpd would) [NTP041]"
n=$(grep -c 'NTP041' fan.out)
if [ "$n" -eq 1 ]; then ok; else no "fan: $n NTP041 findings, want 1"; fi
# a '..' climbing out of the root stays in it
host climb
printf 'includefile ../../../../etc/extra.conf\n' >>climb/etc/ntp.conf
printf 'server 10.1.1.1\nserver 10.1.1.1\n' >climb/etc/extra.conf
run climb 1 climb
has climb "etc/extra.conf:2:1: warning: '10.1.1.1' is already a time source: ntpd 4.1 makes no second association and gives the first one this line's options [NTP032]"

# --- words in a statement: ntpd 4.2.6+ has no limit; over 1024 the statement is skipped
awk 'BEGIN { printf "restrict 10.0.0.1"; for (i = 0; i < 1100; i++) printf " nomodify"; printf "\n" }' >words.conf
run words 1 --ntp-version=4.2.8 words.conf
has words "words.conf:1:1: error: statement of 1102 words: esxntp-lint checks at most 1024 words a statement and skips it [NTP001]"
# classic ntpd reads 1023 bytes at a time: the rest of a longer line is a line of its own
awk 'BEGIN { printf "# "; for (i = 0; i < 1100; i++) printf "x"; printf "\n" }' >line.conf
run line 1 --ntp-version=4.2.0 line.conf
has line "line.conf:1:1024: warning: line is longer than 1023 bytes: ntpd 4.2.0 reads the rest as a new line [NTP009]"

# --- --help states the limits
timeout 10 "$BIN" --help >help.out 2>&1
has help "limits: files over --max-file-size, includefile nesting over 5 levels or over 64"

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
