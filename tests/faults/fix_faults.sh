#!/bin/sh
# --fix under faults (make check-faults; slower than make check): a read-only target
# directory, a full disk, symlinks out of the root (relative and absolute), hard links
# (inside and out of the root), an includefile climbing out with '..', a read-only or
# immutable file, the file swapped between read and write, concurrent runs, and kill -9
# at random moments. After each, every file holds its old bytes or its new
# bytes, backups hold the old bytes, and no temp file is left (or, when the kill fell
# between naming the temp file and removing the old one, the next run removes it).
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

# --- an absolute symlink that leaves the root (a copied tree): inside the root it means
# ROOT/target, which is read; the kernel's own resolution reaches the machine's file:
# refused, neither file changes
mkdir -p "$tmp/abs"
host "$tmp/abs/r"
mkdir -p "$tmp/abs/r$tmp/abs"
cp "$tmp/old" "$tmp/abs/r$tmp/abs/outside"
cp "$tmp/old" "$tmp/abs/outside"
rm "$tmp/abs/r/$STK"
ln -s "$tmp/abs/outside" "$tmp/abs/r/$STK"
"$BIN" --fix "$tmp/abs/r" >"$tmp/abs.out" 2>&1
check "absolute symlink out: exit 2" "[ $? -eq 2 ]"
check "absolute symlink out: reason" "grep -q 'leads outside the root' '$tmp/abs.out'"
check "absolute symlink out: outside file unchanged" "cmp -s '$tmp/abs/outside' '$tmp/old'"
check "absolute symlink out: inside file unchanged" "cmp -s '$tmp/abs/r$tmp/abs/outside' '$tmp/old'"

# --- a hard link whose other name is outside the root: refused, both names keep the bytes
mkdir -p "$tmp/hlo"
host "$tmp/hlo/r"
ln "$tmp/hlo/r/$STK" "$tmp/hlo/outside"
"$BIN" --fix "$tmp/hlo/r" >"$tmp/hlo.out" 2>&1
check "hard link out: exit 2" "[ $? -eq 2 ]"
check "hard link out: reason" "grep -q '2 hard links' '$tmp/hlo.out'"
check "hard link out: unchanged" "cmp -s '$tmp/hlo/outside' '$tmp/old' && [ \$(stat -c %h '$tmp/hlo/outside') -eq 2 ]"

# --- an includefile climbing out with '..': ntpd reads it from / (classic) or from the
# including file's directory (NTPsec); inside the root that is ROOT/outside.conf, which
# is linted and fixed there; the file of that name beside the root is never touched
mkdir -p "$tmp/inc"
host "$tmp/inc/r"
printf 'includefile ../../../outside.conf\n' >>"$tmp/inc/r/etc/ntp.conf"
printf 'server ntp1.example.com\r\n' >"$tmp/inc/outside.conf"
cp "$tmp/inc/outside.conf" "$tmp/inc/outside.before"
printf 'server ntp1.example.com\r\n' >"$tmp/inc/r/outside.conf"
"$BIN" --fix "$tmp/inc/r" >"$tmp/inc.out" 2>&1
check "include ..: exit 0 ($(cat "$tmp/inc.out"))" "[ $? -eq 0 ]"
check "include ..: the file in the root fixed" "[ \"\$(od -c '$tmp/inc/r/outside.conf' | grep -c '\\\\r')\" -eq 0 ]"
check "include ..: the file beside the root unchanged" "cmp -s '$tmp/inc/outside.conf' '$tmp/inc/outside.before'"
check "include ..: nothing new beside the root" "[ \"\$(ls -A '$tmp/inc')\" = \"\$(printf 'outside.before\\noutside.conf\\nr')\" ]"

# --- a file whose mode forbids writing (0444): --fix replaces it as root or owner may,
# keeping the mode; an immutable file (chattr +i) cannot be replaced: exit 2, unchanged
host "$tmp/ro4"
chmod 0444 "$tmp/ro4/$STK"
"$BIN" --fix "$tmp/ro4" >"$tmp/ro4.out" 2>&1
check "mode 0444: exit 0" "[ $? -eq 0 ]"
check "mode 0444: fixed" "cmp -s '$tmp/ro4/$STK' '$tmp/new'"
check "mode 0444: mode kept" "[ \$(stat -c %a '$tmp/ro4/$STK') = 444 ]"
check "mode 0444: backup of the old bytes" "cmp -s '$tmp/ro4/$STK.bk' '$tmp/old'"
host "$tmp/imm"
if chattr +i "$tmp/imm/$STK" 2>/dev/null; then
	"$BIN" --fix "$tmp/imm" >"$tmp/imm.out" 2>&1
	st=$?
	chattr -i "$tmp/imm/$STK"
	check "immutable: exit 2" "[ $st -eq 2 ]"
	check "immutable: reason" "grep -q 'Operation not permitted' '$tmp/imm.out'"
	check "immutable: unchanged" "cmp -s '$tmp/imm/$STK' '$tmp/old'"
	check "immutable: no stray file" "[ -z \"\$(strays '$tmp/imm/etc/ntp')\" ]"
else
	skipped "immutable file: chattr +i not supported on this file system or not permitted"
fi

# --- the file swapped for another between read and write: the swap (a rename of other
# bytes over it) at a random moment of the run; a fix of the old bytes written over the
# new ones would lose them. Each run must end with the swapped-in bytes or their fix.
printf 'ntp1.example.com\r\nntp2.example.com\r\nntp3.example.com\r\nntp4.example.com\r\nntp5.example.com\r\n' >"$tmp/swapin"
tr -d '\r' <"$tmp/swapin" >"$tmp/swapfixed"
host "$tmp/sw"
t0=$(date +%s%N)
"$BIN" --fix "$tmp/sw" >/dev/null 2>&1
swspan=$(( ($(date +%s%N) - t0) / 1000 * 6 / 5 ))	# microseconds
[ "$swspan" -gt 0 ] || swspan=1000
n=0 kept=0 refixed=0 aborted=0 lost=0
seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
while [ $n -lt "${SWAPS:-60}" ]; do
	host "$tmp/sw"
	cp "$tmp/swapin" "$tmp/sw/etc/ntp/.swap"
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	us=$(( seed / 65536 % swspan ))
	"$BIN" --fix "$tmp/sw" >"$tmp/sw.out" 2>&1 &
	pid=$!
	sleep "$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))"
	mv "$tmp/sw/etc/ntp/.swap" "$tmp/sw/$STK"
	wait "$pid"
	if cmp -s "$tmp/sw/$STK" "$tmp/swapin"; then kept=$((kept + 1))
	elif cmp -s "$tmp/sw/$STK" "$tmp/swapfixed"; then refixed=$((refixed + 1))
	else lost=$((lost + 1)); no "swap $n: step-tickers is neither the swapped-in text nor its fix"; fi
	grep -q 'changed since' "$tmp/sw.out" && aborted=$((aborted + 1))
	n=$((n + 1))
done
echo "fix_faults: swap during --fix x$n: $kept swapped-in bytes kept, $refixed swapped in before the read and fixed, $aborted writes aborted as changed since read, $lost lost"
check "swap: the swapped-in bytes are never lost" "[ $lost -eq 0 ]"

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
		# the kill fell between naming the complete temp file and the exchange (it holds
		# the new text), or between the exchange and removing the old file (the old text)
		window=$((window + 1))
		cmp -s "$tmp/k/etc/ntp/$s" "$tmp/new" || cmp -s "$tmp/k/etc/ntp/$s" "$tmp/old" ||
			{ bad=$((bad + 1)); no "kill $n: temp file $s is neither the new text nor the old"; }
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
