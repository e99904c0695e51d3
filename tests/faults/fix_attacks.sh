#!/bin/sh
# --fix under the attacks of issue 11 (make check-faults): hard links and the FS002 chmod,
# the SVC010 rc links under kill -9 and injected failures, a process writing the file in
# place while --fix replaces it, a file system without O_TMPFILE (an LD_PRELOAD shim, and
# a FUSE mount when bindfs can mount here), ACLs and extended attributes, backups of runs
# that write nothing, the backup of a world-writable file, and a temp file that cannot be
# removed after the swap. Each check failed on 43db305.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
RC_KILLS=${RC_KILLS:-60}
INPLACE=${INPLACE:-150}
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
fuse=""
unmount() { fusermount3 -u "$1" 2>/dev/null || fusermount -u "$1" 2>/dev/null || umount "$1" 2>/dev/null; }
cleanup() {
	[ -z "$fuse" ] || unmount "$fuse"
	chattr -R -i "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"

ok() { pass=$((pass + 1)); }
no() { echo "FAIL fix_attacks: $*"; fail=$((fail + 1)); }
skipped() { echo "skip fix_attacks: $*"; skip=$((skip + 1)); }
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
strays() {	# dir: names that are neither step-tickers nor one of its backups
	ls -A "$1" | grep -v -x -e step-tickers -e 'step-tickers\.bk' -e 'step-tickers\.bk\.[0-9]*' || true
}
nbk() { ls -A "$1" | grep -c '^step-tickers\.bk' ; }	# dir: how many backups

# an LD_PRELOAD shim: SHIM_NO_TMPFILE=1 makes open(O_TMPFILE) fail as on FUSE;
# SHIM_KEEP=SUFFIX makes unlinkat of a name ending in SUFFIX fail with EBUSY
shim=""
if command -v "${CC:-cc}" >/dev/null 2>&1; then
	cat >"$tmp/shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
int
openat(int d, const char *p, int fl, ...)
{
	static int (*real)(int, const char *, int, ...);
	mode_t m = 0;
	va_list ap;

	va_start(ap, fl);
	if ((fl & O_CREAT) || (fl & O_TMPFILE) == O_TMPFILE)
		m = va_arg(ap, mode_t);
	va_end(ap);
	if (getenv("SHIM_NO_TMPFILE") && (fl & O_TMPFILE) == O_TMPFILE) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (!real)
		real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
	return real(d, p, fl, m);
}
int
unlinkat(int d, const char *p, int fl)
{
	static int (*real)(int, const char *, int);
	const char *s = getenv("SHIM_KEEP");

	if (s && strlen(p) >= strlen(s) && strcmp(p + strlen(p) - strlen(s), s) == 0) {
		errno = EBUSY;
		return -1;
	}
	if (!real)
		real = (int (*)(int, const char *, int))dlsym(RTLD_NEXT, "unlinkat");
	return real(d, p, fl);
}
EOF
	"${CC:-cc}" -shared -fPIC -o "$tmp/shim.so" "$tmp/shim.c" -ldl 2>"$tmp/shim.err" && shim=$tmp/shim.so
fi

# --- hard links and FS002: a world-writable step-tickers with a second name outside the
# root. The text is refused for its links, and so is the chmod: the mode belongs to the
# inode, which the name outside shares; the report says both
mkdir -p "$tmp/hl"
host "$tmp/hl/r"
chmod 0666 "$tmp/hl/r/$STK"
ln "$tmp/hl/r/$STK" "$tmp/hl/outside"
"$BIN" --fix "$tmp/hl/r" >"$tmp/hl.out" 2>&1
check "hard link chmod: exit 2" "[ $? -eq 2 ]"
check "hard link chmod: the outside name keeps mode 0666 ($(stat -c %a "$tmp/hl/outside"))" \
	"[ \$(stat -c %a '$tmp/hl/outside') = 666 ]"
check "hard link chmod: the report does not claim the mode was cleared" "! grep -q 'cleared' '$tmp/hl.out'"
check "hard link chmod: the report says why the mode was kept" \
	"grep -q 'step-tickers: error: .*mode not changed: it has 2 hard links' '$tmp/hl.out'"
check "hard link chmod: FS002 not marked fixed" "! grep -q 'fixed: .*\\[FS002\\]' '$tmp/hl.out'"
# only the chmod to do (no text fix): the same
host "$tmp/hl2"
printf "$NEW" >"$tmp/hl2/$STK"
chmod 0666 "$tmp/hl2/$STK"
ln "$tmp/hl2/$STK" "$tmp/hl2/etc/other"
"$BIN" --fix "$tmp/hl2" >"$tmp/hl2.out" 2>&1
check "hard link chmod only: exit 2" "[ $? -eq 2 ]"
check "hard link chmod only: mode kept" "[ \$(stat -c %a '$tmp/hl2/etc/other') = 666 ]"

# --- the backup of a world-writable file: the file and its backup lose other-write
host "$tmp/ww"
chmod 0666 "$tmp/ww/$STK"
"$BIN" --fix "$tmp/ww" >"$tmp/ww.out" 2>&1
check "world-writable: exit 0 ($(cat "$tmp/ww.out"))" "[ $? -eq 0 ]"
check "world-writable: file 0664" "[ \$(stat -c %a '$tmp/ww/$STK') = 664 ]"
check "world-writable: backup not writable by others ($(stat -c %a "$tmp/ww/$STK.bk" 2>&1))" \
	"[ \$(( 0\$(stat -c %a '$tmp/ww/$STK.bk') & 2 )) -eq 0 ]"
check "world-writable: backup holds the old text" "cmp -s '$tmp/ww/$STK.bk' '$tmp/old'"
# FS002 not selected: the backup still does not keep other-write (the file does)
host "$tmp/ww2"
chmod 0666 "$tmp/ww2/$STK"
"$BIN" --fix --fixable=STK005 "$tmp/ww2" >"$tmp/ww2.out" 2>&1
check "world-writable, FS002 not fixed: file keeps 0666" "[ \$(stat -c %a '$tmp/ww2/$STK') = 666 ]"
check "world-writable, FS002 not fixed: backup 0664" "[ \$(stat -c %a '$tmp/ww2/$STK.bk') = 664 ]"

# --- a run that writes nothing leaves no backup: an immutable file (the rename fails),
# three runs in a row
host "$tmp/imm"
if chattr +i "$tmp/imm/$STK" 2>/dev/null; then
	for i in 1 2 3; do "$BIN" --fix "$tmp/imm" >"$tmp/imm.out" 2>&1; done
	chattr -i "$tmp/imm/$STK"
	check "failed runs: no backup left ($(ls -A "$tmp/imm/etc/ntp" | tr '\n' ' '))" "[ \$(nbk '$tmp/imm/etc/ntp') -eq 0 ]"
	check "failed runs: nothing else left" "[ -z \"\$(strays '$tmp/imm/etc/ntp')\" ]"
else
	skipped "failed runs: chattr +i not supported here"
fi

# --- no O_TMPFILE (FUSE, some network file systems): the named temp file is used, the
# file is fixed by the first run, with one backup; a second run changes nothing
notmp_checks() {	# label dir
	"$BIN" --fix "$2" >"$tmp/nt.out" 2>&1
	check "$1: first run exit 0 ($(cat "$tmp/nt.out"))" "[ $? -eq 0 ]"
	check "$1: fixed" "cmp -s '$2/$STK' '$tmp/new'"
	check "$1: backup of the old text" "cmp -s '$2/$STK.bk' '$tmp/old'"
	"$BIN" --fix "$2" >"$tmp/nt.out" 2>&1
	check "$1: second run exit 0" "[ $? -eq 0 ]"
	check "$1: one backup ($(ls -A "$2/etc/ntp" | tr '\n' ' '))" "[ \$(nbk '$2/etc/ntp') -eq 1 ]"
	check "$1: no stray file" "[ -z \"\$(strays '$2/etc/ntp')\" ]"
}
if [ -n "$shim" ]; then
	host "$tmp/nt"
	BIN_SAVED=$BIN
	cat >"$tmp/lint-notmp" <<EOF
#!/bin/sh
SHIM_NO_TMPFILE=1 LD_PRELOAD=$shim exec $BIN_SAVED "\$@"
EOF
	chmod +x "$tmp/lint-notmp"
	BIN=$tmp/lint-notmp
	notmp_checks "no O_TMPFILE (shim)" "$tmp/nt"
	BIN=$BIN_SAVED
else
	skipped "no O_TMPFILE (shim): no C compiler to build the LD_PRELOAD shim"
fi
if command -v bindfs >/dev/null 2>&1 && [ -c /dev/fuse ]; then
	host "$tmp/fsrc"
	mkdir -p "$tmp/fmnt"
	if timeout 20 bindfs "$tmp/fsrc" "$tmp/fmnt" 2>/dev/null; then
		fuse=$tmp/fmnt
		notmp_checks "FUSE (bindfs)" "$tmp/fmnt"
		unmount "$fuse"
		fuse=""
	else
		skipped "FUSE: bindfs cannot mount here"
	fi
else
	skipped "FUSE: bindfs or /dev/fuse missing (apt-get install bindfs)"
fi

# --- ACLs and extended attributes are kept; a file without an ACL does not gain the
# directory's default ACL
host "$tmp/acl"
if setfacl -m u:nobody:rw "$tmp/acl/$STK" 2>/dev/null; then
	xa=0
	setfattr -n user.esxntp -v kept "$tmp/acl/$STK" 2>/dev/null && xa=1
	getfacl -cp "$tmp/acl/$STK" >"$tmp/acl.before" 2>/dev/null
	"$BIN" --fix "$tmp/acl" >"$tmp/acl.out" 2>&1
	check "ACL: exit 0 ($(cat "$tmp/acl.out"))" "[ $? -eq 0 ]"
	check "ACL: fixed" "cmp -s '$tmp/acl/$STK' '$tmp/new'"
	getfacl -cp "$tmp/acl/$STK" >"$tmp/acl.after" 2>/dev/null
	check "ACL: kept ($(tr '\n' ' ' <"$tmp/acl.after"))" "cmp -s '$tmp/acl.before' '$tmp/acl.after'"
	check "ACL: the group did not gain write ($(stat -c %A "$tmp/acl/$STK"))" \
		"grep -qx 'group::r--' '$tmp/acl.after'"
	if [ $xa = 1 ]; then
		getfattr -d "$tmp/acl/$STK" 2>/dev/null | sed 1d >"$tmp/xattr.after"
		check "xattr: user.esxntp kept" "grep -q 'user.esxntp=\"kept\"' '$tmp/xattr.after'"
	else
		skipped "xattr: setfattr missing or no user attributes here (apt-get install attr)"
	fi
	host "$tmp/dacl"
	setfacl -d -m u:nobody:rwx "$tmp/dacl/etc/ntp"
	"$BIN" --fix "$tmp/dacl" >"$tmp/dacl.out" 2>&1
	check "default ACL: exit 0" "[ $? -eq 0 ]"
	check "default ACL: the fixed file has no ACL ($(getfacl -cp "$tmp/dacl/$STK" 2>/dev/null | tr '\n' ' '))" \
		"[ \$(getfacl -cp '$tmp/dacl/$STK' | grep -c .) -eq 3 ]"
	check "default ACL: mode kept" "[ \$(stat -c %a '$tmp/dacl/$STK') = 644 ]"
else
	skipped "ACL: setfacl missing or the file system has no ACLs (apt-get install acl)"
fi

# --- the temp file cannot be removed after the swap: the file is fixed, the report says
# where the old text stayed, and the status is 2
if [ -n "$shim" ]; then
	host "$tmp/keep"
	SHIM_KEEP=.esxntp-lint.tmp LD_PRELOAD=$shim "$BIN" --fix "$tmp/keep" >"$tmp/keep.out" 2>&1
	st=$?
	check "temp not removed: exit 2 ($st: $(cat "$tmp/keep.out"))" "[ $st -eq 2 ]"
	check "temp not removed: fixed" "cmp -s '$tmp/keep/$STK' '$tmp/new'"
	check "temp not removed: reported" "grep -q 'step-tickers.esxntp-lint.tmp.*Device or resource busy' '$tmp/keep.out'"
else
	skipped "temp not removed: no C compiler to build the LD_PRELOAD shim"
fi

# --- a process rewrites step-tickers in place (same inode) at a random moment of the run:
# its text must never be lost: it is the file's text (the write aborted, or came after),
# its fix (it came before the read), or, in the residual window the README names, the
# backup's
printf 'ntp1.example.com\r\nntp2.example.com\r\nntp3.example.com\r\nntp4.example.com\r\nntp5.example.com\r\n' >"$tmp/inplace"
tr -d '\r' <"$tmp/inplace" >"$tmp/inplacefixed"
host "$tmp/ip"
t0=$(date +%s%N)
"$BIN" --fix "$tmp/ip" >/dev/null 2>&1
span=$(( ($(date +%s%N) - t0) / 1000 * 6 / 5 ))
[ "$span" -gt 0 ] || span=1000
n=0 live=0 refixed=0 inbk=0 lost=0 aborted=0
seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
while [ $n -lt "$INPLACE" ]; do
	host "$tmp/ip"
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	us=$(( seed / 65536 % span ))
	"$BIN" --fix "$tmp/ip" >"$tmp/ip.out" 2>&1 &
	pid=$!
	sleep "$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))"
	cat "$tmp/inplace" >"$tmp/ip/$STK"
	wait "$pid"
	if cmp -s "$tmp/ip/$STK" "$tmp/inplace"; then live=$((live + 1))
	elif cmp -s "$tmp/ip/$STK" "$tmp/inplacefixed"; then refixed=$((refixed + 1))
	elif cmp -s "$tmp/ip/$STK.bk" "$tmp/inplace"; then inbk=$((inbk + 1))
	else lost=$((lost + 1)); fi
	grep -q -e 'changed since' -e 'open for writing' "$tmp/ip.out" && aborted=$((aborted + 1))
	n=$((n + 1))
done
echo "fix_attacks: in-place write during --fix x$n (seed $seed): $live kept in the file ($aborted runs aborted: changed since read, or open for writing), $refixed written before the read and fixed, $inbk in the backup, $lost lost"
check "in-place: the written text is never lost ($lost of $n)" "[ $lost -eq 0 ]"

# --- SVC010: the rc links. svc_disabled has K74ntpd in every runlevel.
rcstate() {	# root: old, new, or half (with the names)
	r=$1 s=0 k=0 t=0
	for l in 3 4 5; do
		[ -L "$r/etc/rc.d/rc$l.d/S58ntpd" ] && s=$((s + 1))
		[ -L "$r/etc/rc.d/rc$l.d/K74ntpd" ] && k=$((k + 1))
		t=$((t + $(ls -A "$r/etc/rc.d/rc$l.d" | grep -c esxntp-lint)))
	done
	if [ $s = 0 ] && [ $k = 3 ] && [ $t = 0 ]; then echo old
	elif [ $s = 3 ] && [ $k = 0 ] && [ $t = 0 ]; then echo new
	else echo "half s=$s k=$k temps=$t"; fi
}
svc() { rm -rf "$1"; cp -R "$top/corpus/hosts/svc_disabled" "$1"; }

# an injected failure: rc5.d immutable. Nothing of the change is made, the report says so
svc "$tmp/rcimm"
if chattr +i "$tmp/rcimm/etc/rc.d/rc5.d" 2>/dev/null; then
	"$BIN" --fix --unsafe-fixes "$tmp/rcimm" >"$tmp/rcimm.out" 2>&1
	st=$?
	chattr -i "$tmp/rcimm/etc/rc.d/rc5.d"
	check "rc5.d immutable: exit 2" "[ $st -eq 2 ]"
	check "rc5.d immutable: nothing changed ($(rcstate "$tmp/rcimm"))" "[ \"\$(rcstate '$tmp/rcimm')\" = old ]"
	check "rc5.d immutable: SVC010 still reported" "\"$BIN\" '$tmp/rcimm' | grep -q SVC010"
else
	skipped "rc5.d immutable: chattr +i not supported here"
fi

# rc4.d a symlink that climbs out of the root (an rc4.d of the same name is inside it too):
# refused, and nothing of the change is made, inside or outside
mkdir -p "$tmp/rcout"
svc "$tmp/rcout/r"
mv "$tmp/rcout/r/etc/rc.d/rc4.d" "$tmp/rcout/rc4.d"
cp -R "$tmp/rcout/rc4.d" "$tmp/rcout/r/rc4.d"
ln -s ../../../rc4.d "$tmp/rcout/r/etc/rc.d/rc4.d"
"$BIN" --fix --unsafe-fixes "$tmp/rcout/r" >"$tmp/rcout.out" 2>&1
check "rc4.d out of the root: exit 2" "[ $? -eq 2 ]"
check "rc4.d out of the root: reason" "grep -q 'leads outside the root' '$tmp/rcout.out'"
check "rc4.d out of the root: outside untouched" "[ \"\$(ls -A '$tmp/rcout/rc4.d')\" = K74ntpd ]"
check "rc4.d out of the root: inside untouched" "[ \"\$(ls -A '$tmp/rcout/r/rc4.d')\" = K74ntpd ]"
check "rc4.d out of the root: rc3.d, rc5.d untouched" \
	"[ \"\$(ls -A '$tmp/rcout/r/etc/rc.d/rc3.d')\" = K74ntpd ] && [ \"\$(ls -A '$tmp/rcout/r/etc/rc.d/rc5.d')\" = K74ntpd ]"

# kill -9 at random moments of an SVC010 fix: the links are old or new, or the run left
# temp links that the next lint reports (SVC010) and the next --fix finishes
svc "$tmp/rc"
t0=$(date +%s%N)
"$BIN" --fix --unsafe-fixes "$tmp/rc" >/dev/null 2>&1
span=$(( ($(date +%s%N) - t0) / 1000 * 6 / 5 ))
[ "$span" -gt 0 ] || span=1000
check "rc: a whole run makes the new links ($(rcstate "$tmp/rc"))" "[ \"\$(rcstate '$tmp/rc')\" = new ]"
n=0 olds=0 news=0 halves=0 bad=0
seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
while [ $n -lt "$RC_KILLS" ]; do
	svc "$tmp/rc"
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	us=$(( seed / 65536 % span ))
	"$BIN" --fix --unsafe-fixes "$tmp/rc" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	s=$(rcstate "$tmp/rc")
	case $s in
	old) olds=$((olds + 1)) ;;
	new) news=$((news + 1)) ;;
	*)
		halves=$((halves + 1))
		"$BIN" "$tmp/rc" >"$tmp/rc.lint" 2>&1
		grep -q 'SVC010' "$tmp/rc.lint" || { bad=$((bad + 1)); no "rc kill $n: $s, and a lint reports nothing"; }
		"$BIN" --fix --unsafe-fixes "$tmp/rc" >"$tmp/rc.fix" 2>&1
		s2=$(rcstate "$tmp/rc")
		[ "$s2" = new ] || { bad=$((bad + 1)); no "rc kill $n: $s, and the next --fix left $s2: $(cat "$tmp/rc.fix")"; }
		;;
	esac
	n=$((n + 1))
done
echo "fix_attacks: kill -9 during the SVC010 fix x$n (seed $seed): $olds old, $news new, $halves half-made (reported and finished by the next run), $bad bad"
check "rc kill -9: every half-made state is reported and finished" "[ $bad -eq 0 ]"

echo "fix_attacks: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
