#!/bin/sh
# --fix under faults (make check-faults; slower than make check): a read-only target
# directory, a full disk, a symlink out of the root, a hard-linked file, concurrent runs,
# and kill -9 at random moments. After each, every file holds its old bytes or its new
# bytes, backups hold the old bytes, and no temp file is left (or, when the kill fell
# between naming the temp file and the rename, the next run removes it).
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
KILLS=${KILLS:-200}
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
mounts=""
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"

ok() { pass=$((pass + 1)); }
no() { echo "FAIL fix_faults: $*"; fail=$((fail + 1)); }
skipped() { echo "skip fix_faults: $*"; skip=$((skip + 1)); }
check() { if eval "$2"; then ok; else no "$1"; fi; }

OLD='ntp1.example.com\r\nntp2.example.com\r\nntp3.example.com\r\nntp4.example.com\r\n'
NEW='ntp1.example.com\nntp2.example.com\nntp3.example.com\nntp4.example.com\n'
# shellcheck disable=SC2059
printf "$OLD" >"$tmp/old"
# shellcheck disable=SC2059
printf "$NEW" >"$tmp/new"
STK=etc/ntp/step-tickers

host() {	# dir: the clean corpus host with a CR LF step-tickers (STK005, safe)
	rm -rf "$1"
	cp -R "$top/corpus/hosts/clean_host" "$1"
	cp "$tmp/old" "$1/$STK"
	chmod -R a+rX "$1"
}

# names in a directory that are neither the file nor one of its backups
strays() {	# dir
	ls -A "$1" | grep -v -x -e step-tickers -e 'step-tickers\.bk' -e 'step-tickers\.bk\.[0-9]*' || true
}

# --- a read-only target directory: refused with the reason, exit 2, nothing changed
host "$tmp/ro"
ro_ok=0
if mkdir -p "$tmp/romnt" && mount -t tmpfs -o size=1m tmpfs "$tmp/romnt" 2>/dev/null; then
	mounts="$mounts $tmp/romnt"
	cp -R "$tmp/ro/." "$tmp/romnt/"
	if mount -o remount,ro "$tmp/romnt" 2>/dev/null; then
		"$BIN" --fix "$tmp/romnt" >"$tmp/ro.out" 2>&1
		check "read-only: exit 2" "[ $? -eq 2 ]"
		check "read-only: reason" "grep -q 'Read-only file system' '$tmp/ro.out'"
		check "read-only: file unchanged" "cmp -s '$tmp/romnt/$STK' '$tmp/old'"
		ro_ok=1
	fi
fi
if [ $ro_ok = 0 ] && command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 0555 "$tmp/ro/etc/ntp"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --fix "$tmp/ro" >"$tmp/ro.out" 2>&1
	check "read-only (as nobody): exit 2" "[ $? -eq 2 ]"
	check "read-only (as nobody): reason" "grep -q 'Permission denied' '$tmp/ro.out'"
	check "read-only (as nobody): file unchanged" "cmp -s '$tmp/ro/$STK' '$tmp/old'"
	ro_ok=1
fi
[ $ro_ok = 1 ] || skipped "read-only directory: cannot mount a tmpfs or change user here"

# --- a full disk: a small tmpfs filled up; the write fails, the file stays
if mkdir -p "$tmp/full" && mount -t tmpfs -o size=256k tmpfs "$tmp/full" 2>/dev/null; then
	mounts="$mounts $tmp/full"
	host "$tmp/full/h"
	dd if=/dev/zero of="$tmp/full/filler" bs=4k >/dev/null 2>&1
	"$BIN" --fix "$tmp/full/h" >"$tmp/full.out" 2>&1
	check "disk full: exit 2" "[ $? -eq 2 ]"
	check "disk full: reason" "grep -q 'No space left on device' '$tmp/full.out'"
	check "disk full: file unchanged" "cmp -s '$tmp/full/h/$STK' '$tmp/old'"
	check "disk full: no temp file" "[ -z \"\$(strays '$tmp/full/h/etc/ntp')\" ] && [ ! -e '$tmp/full/h/$STK.bk' ]"
else
	skipped "disk full: cannot mount a small tmpfs here"
fi

# --- a symlink that leads out of the root: refused, neither file changes
mkdir -p "$tmp/sl"
host "$tmp/sl/r"
cp "$tmp/old" "$tmp/sl/r/outside"	# what the link names seen from inside the root
cp "$tmp/old" "$tmp/sl/outside"		# what it names on this machine
rm "$tmp/sl/r/$STK"
ln -s ../../../outside "$tmp/sl/r/$STK"
"$BIN" --fix "$tmp/sl/r" >"$tmp/sl.out" 2>&1
check "symlink out: exit 2" "[ $? -eq 2 ]"
check "symlink out: reason" "grep -q 'leads outside the root' '$tmp/sl.out'"
check "symlink out: outside file unchanged" "cmp -s '$tmp/sl/outside' '$tmp/old'"
check "symlink out: inside file unchanged" "cmp -s '$tmp/sl/r/outside' '$tmp/old'"
check "symlink out: link kept" "[ -L '$tmp/sl/r/$STK' ]"

# --- a symlink inside the root: its target is fixed, the link stays
host "$tmp/si"
mv "$tmp/si/$STK" "$tmp/si/etc/ntp/tickers.real"
ln -s tickers.real "$tmp/si/$STK"
"$BIN" --fix "$tmp/si" >"$tmp/si.out" 2>&1
check "symlink in: exit 0" "[ $? -eq 0 ]"
check "symlink in: target fixed" "cmp -s '$tmp/si/etc/ntp/tickers.real' '$tmp/new'"
check "symlink in: link kept" "[ -L '$tmp/si/$STK' ]"

# --- a file with two hard links: refused, saying so
host "$tmp/hl"
ln "$tmp/hl/$STK" "$tmp/hl/etc/tickers.other"
"$BIN" --fix "$tmp/hl" >"$tmp/hl.out" 2>&1
check "hard link: exit 2" "[ $? -eq 2 ]"
check "hard link: reason" "grep -q '2 hard links' '$tmp/hl.out'"
check "hard link: unchanged" "cmp -s '$tmp/hl/$STK' '$tmp/old' && cmp -s '$tmp/hl/etc/tickers.other' '$tmp/old'"

# --- concurrent runs on one host: the lock orders them; the result is fix-once
host "$tmp/cc"
i=0
while [ $i -lt 8 ]; do
	"$BIN" --fix "$tmp/cc" >"$tmp/cc.$i" 2>&1 &
	i=$((i + 1))
done
wait
check "concurrent: fixed once" "cmp -s '$tmp/cc/$STK' '$tmp/new'"
check "concurrent: one backup, of the old bytes" "cmp -s '$tmp/cc/$STK.bk' '$tmp/old' && [ ! -e '$tmp/cc/$STK.bk.1' ]"
check "concurrent: one run wrote" "[ \$(cat '$tmp'/cc.[0-7] | grep -c 'step-tickers: written') -eq 1 ]"
check "concurrent: no stray file" "[ -z \"\$(strays '$tmp/cc/etc/ntp')\" ]"

# --- kill -9 at random moments
host "$tmp/k"
n=0 olds=0 news=0 window=0 bad=0
# the kills fall uniformly over 1.2 times the length of a whole run, measured here
t0=$(date +%s%N)
"$BIN" --fix "$tmp/k" >/dev/null 2>&1
"$BIN" --fix "$tmp/k" >/dev/null 2>&1
span=$(( ($(date +%s%N) - t0) / 2000 * 6 / 5 ))	# microseconds
[ "$span" -gt 0 ] || span=1000
seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
echo "fix_faults: one --fix run takes about $((span * 5 / 6)) us; kills fall in [0, $span] us (seed $seed)"
while [ $n -lt "$KILLS" ]; do
	cp "$tmp/old" "$tmp/k/$STK.in" && mv "$tmp/k/$STK.in" "$tmp/k/$STK"
	rm -f "$tmp/k/$STK".bk*
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	us=$(( seed / 65536 % span ))
	delay=$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))
	"$BIN" --fix "$tmp/k" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if cmp -s "$tmp/k/$STK" "$tmp/old"; then olds=$((olds + 1))
	elif cmp -s "$tmp/k/$STK" "$tmp/new"; then news=$((news + 1))
	else bad=$((bad + 1)); no "kill $n: step-tickers is neither the old nor the new text"; fi
	for b in "$tmp/k/$STK".bk*; do
		[ -e "$b" ] || continue
		cmp -s "$b" "$tmp/old" || { bad=$((bad + 1)); no "kill $n: backup $b is not the old text"; }
	done
	s=$(strays "$tmp/k/etc/ntp")
	if [ -n "$s" ]; then
		# the kill fell between naming the complete temp file and the rename
		window=$((window + 1))
		cmp -s "$tmp/k/etc/ntp/$s" "$tmp/new" || { bad=$((bad + 1)); no "kill $n: temp file $s is not the complete new text"; }
		"$BIN" --fix "$tmp/k" >/dev/null 2>&1
		[ -z "$(strays "$tmp/k/etc/ntp")" ] || { bad=$((bad + 1)); no "kill $n: the next run left $s"; }
		cmp -s "$tmp/k/$STK" "$tmp/new" || { bad=$((bad + 1)); no "kill $n: the next run did not fix"; }
	fi
	n=$((n + 1))
done
echo "fix_faults: kill -9 x$n: $olds old, $news new, $window temp files left for the next run (removed by it), $bad bad"
check "kill -9: every run left old or new bytes" "[ $bad -eq 0 ]"
check "kill -9: some kills landed before the write and some after" "[ $olds -gt 0 ] && [ $news -gt 0 ]"

echo "fix_faults: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
