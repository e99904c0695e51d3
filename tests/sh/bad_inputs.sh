#!/bin/sh
# The README's "Bad input" table, one block per row: what the user sees (finding code and
# message, or the message on standard error) and the exit status. Every run has a time
# limit, so a read that blocks (a FIFO, /dev/zero) fails the test instead of hanging it.
set -u
# messages quote bytes that are not UTF-8: match them as bytes
LC_ALL=C
export LC_ALL
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || { chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"; }' EXIT
cd "$tmp" || exit 1

ok() { pass=$((pass + 1)); }
no() { echo "FAIL bad_inputs: $*"; fail=$((fail + 1)); }

# run NAME STATUS ARGS...: the exit status must be STATUS (124: it hung)
run() {
	name=$1 want=$2
	shift 2
	timeout 20 "$BIN" --color=never --show-source=never "$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else no "$name: exit $got, want $want ($(head -c 300 "$name.err"))"; fi
}
# has NAME LINE: standard output holds exactly this line
has() { if grep -qxF -- "$2" "$1.out"; then ok; else no "$1: no line '$2' in: $(head -c 600 "$1.out")"; fi; }
# err NAME LINE: standard error holds exactly this line
err() { if grep -qxF -- "$2" "$1.err"; then ok; else no "$1: no line '$2' on stderr: $(head -c 300 "$1.err")"; fi; }
# codes NAME "FILE:L:C CODE ...": the findings are exactly these (in output order)
codes() {
	got=$(sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): [a-z]*: .* \[\([A-Z]*[0-9]*\)\]$/\1 \2/p' "$1.out" |
		tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$2" ]; then ok; else no "$1: findings '$got', want '$2'"; fi
}
quiet() { if [ ! -s "$1.err" ]; then ok; else no "$1: stderr: $(head -c 300 "$1.err")"; fi; }
host() { rm -rf "$1"; cp -R "$top/corpus/hosts/clean_host" "$1"; }

# the clean host lints clean: every finding below comes from the bad input alone
host clean
run clean 0 clean
codes clean ""

# empty file / only comments: no syntax error, the missing essentials at 1:1 (or the end)
: >empty.conf
run empty 1 empty.conf
codes empty "empty.conf:1:1 NTP011 empty.conf:1:1 NTP020 empty.conf:1:1 NTP030"
printf '# ntp.conf\n# nothing yet\n' >comments.conf
run comments 1 comments.conf
codes comments "comments.conf:1:1 NTP011 comments.conf:3:1 NTP020 comments.conf:3:1 NTP030"

# NUL byte: ntpd 4.1 (the clean host's: ESX 3) stops reading the line there
host nul
printf 'server ntp5.exam\000ple.com\n' >>nul/etc/ntp.conf
run nul 1 nul
has nul "etc/ntp.conf:8:17: warning: NUL byte: ntpd 4.1 ignores the rest of this line [NTP006]"

# Latin-1 and invalid UTF-8: harmless in comments; in a name, a name no resolver finds
host latin1
printf '# caf\351 \377\376 \303\050\n' >>latin1/etc/ntp.conf
printf '# caf\351\n' >>latin1/etc/hosts
printf '# caf\351\n' >>latin1/etc/ntp/step-tickers
run latin1 0 latin1
codes latin1 ""
printf '10.1.1.9\tntp\351.example.com\n' >>latin1/etc/hosts
printf 'ntp\351.example.com\n' >>latin1/etc/ntp/step-tickers
run latin1-name 1 latin1
codes latin1-name "etc/hosts:7:10 HST001 etc/ntp/step-tickers:6:1 STK001"

# terminal escape sequences in a file name (from includefile) and in the text: text and
# GitHub output show them as \xHH, never as the bytes; the excerpt shows '?' in their place
host esc
esc=$(printf '\033')
printf 'includefile /etc/ntp/a%s[2Jb.conf\n' "$esc" >>esc/etc/ntp.conf
printf 'bogus%s]0;title\007 line\n' "$esc" >"esc/etc/ntp/a$esc[2Jb.conf"
run esc 1 esc
has esc "etc/ntp/a\\x1b[2Jb.conf:1:1: error: unknown directive 'bogus\\x1b]0;title\\x07' [NTP001]"
timeout 20 "$BIN" --format=github esc >esc-gh.out 2>&1
timeout 20 "$BIN" --show-source=always esc >esc-src.out 2>&1
if grep -q "$esc" esc.out esc-gh.out esc-src.out || grep -q "$(printf '\007')" esc.out esc-gh.out esc-src.out; then
	no "esc: an escape or BEL byte reached the output"
else
	ok
fi
if grep -qF 'file=esc/etc/ntp/a\x1b[2Jb.conf,line=1,col=1' esc-gh.out; then ok; else no "esc: github: $(head -c 300 esc-gh.out)"; fi
if grep -qxF '    1 | bogus?]0;title? line' esc-src.out; then ok; else no "esc: excerpt: $(grep -F ' 1 | bogus' esc-src.out)"; fi
# UTF-8 text is shown as it is, and the caret has a column per character, not per byte
printf 'restrict default caf\303\251 nomodify\n' >utf8.conf
timeout 20 "$BIN" --show-source=always utf8.conf >utf8.out 2>&1
if grep -qxF "$(printf '    1 | restrict default caf\303\251 nomodify')" utf8.out &&
    grep -qxF '      |                  ^~~~' utf8.out; then ok; else no "utf8: $(cat utf8.out)"; fi

# CR-only line ends (classic Mac OS): one line to ntpd 4.2.0, the CRs stay in the words
printf 'restrict 127.0.0.1\rserver ntp1.example.com\r' >cr.conf
run cr 1 --ntp-version=4.2.0 cr.conf
has cr 'cr.conf:1:10: error: restrict by host name '"'127.0.0.1\rserver'"': ntpd 4.2.0 resolves it once, while reading ntp.conf, and drops the line if that fails (no DNS at boot); ntpd 4.2.8 and NTPsec do the same: write the address [NTP004]'
has cr 'cr.conf:1:44: error: no server, peer or pool line: ntpd has no time source and the clock drifts freely [NTP030]'

# a 1 MiB line: ntpd 4.2.8 stops at a word over 1024 bytes; 4.2.0 reads 1023-byte pieces
awk 'BEGIN { printf "server "; for (i = 0; i < 1048576; i++) printf "a"; printf "\n" }' >long.conf
run long428 1 --ntp-version=4.2.8 long.conf
has long428 "long.conf:1:1: error: word of 1048576 bytes: ntpd 4.2.8 stops reading the file at words over 1024 bytes [NTP001]"
run long420 1 --ntp-version=4.2.0 long.conf
has long420 "long.conf:1:1024: warning: line is longer than 1023 bytes: ntpd 4.2.0 reads the rest as a new line [NTP009]"

# a directory as PATH is a host root: it must hold etc/. One without is a usage error with
# a hint, whatever --fail-on and --disable say (a typo in CI must not pass), and nothing is
# read or written for any PATH
mkdir emptyroot
run emptyroot 2 --fail-on=never --disable=FS,ESX emptyroot
err emptyroot "esxntp-lint: 'emptyroot' has no etc/: it is not a host root (a directory holding a copy of a host's /etc as etc/, with etc/ntp.conf), nor a directory of hosts (no directory in it holds etc/)"
quiet_out() { if [ ! -s "$1.out" ]; then ok; else no "$1: stdout: $(head -c 300 "$1.out")"; fi; }
quiet_out emptyroot
# an etc/ with no ntp.conf is a host root: FS001 says what is missing
mkdir -p emptyetc/etc
run emptyetc 1 emptyetc
codes emptyetc "etc/hosts:1:1 FS001 etc/ntp.conf:1:1 FS001 etc/vmware-release:1:1 ESX001"
has emptyetc "etc/ntp.conf:1:1: error: etc/ntp.conf does not exist [FS001]"
# a copied /etc given as the root: named etc, the hint names its parent
host copyhost
run copied-etc 2 copyhost/etc
err copied-etc "esxntp-lint: 'copyhost/etc' has no etc/: it looks like a copied /etc (it holds ntp.conf itself); give the host root above it, 'copyhost'"
mkdir copied
cp -R "$top/corpus/hosts/clean_host/etc/." copied/
run copied 2 copied
err copied "esxntp-lint: 'copied' has no etc/: it looks like a copied /etc (it holds ntp.conf itself); copy it to ROOT/etc and give ROOT, or give 'copied/ntp.conf' to lint that file alone"
# a directory of hosts: each directory in it that holds etc/ is a host root, in name order;
# the others are listed as skipped (tests/sh/fleet.sh has the rest)
mkdir fleet
host fleet/esx02
host fleet/esx01
mkdir fleet/notes
run fleet 0 fleet/
has fleet "fleet/: a directory of hosts: 2 host roots in it, linted in name order; 1 other entry skipped"
has fleet "fleet/notes: skipped: it has no etc/"
has fleet "hosts: 2 checked, 2 clean, 0 with errors, 0 with warnings, 0 with info only (1 entry of directories of hosts skipped)"
# a directory whose directories hold no etc/ is neither: nothing is linted
mkdir -p nohosts/a/b/etc
run nohosts 2 nohosts
err nohosts "esxntp-lint: 'nohosts' has no etc/: it is not a host root (a directory holding a copy of a host's /etc as etc/, with etc/ntp.conf), nor a directory of hosts (no directory in it holds etc/)"
# one bad PATH among good ones: nothing is linted, nothing fixed
host goodroot
rm goodroot/etc/ntp/step-tickers
run badamong 2 --fix goodroot "$tmp/no/such/root"
quiet_out badamong
if [ ! -e goodroot/etc/ntp/step-tickers ]; then ok; else no "badamong: goodroot was fixed"; fi

# a FIFO or a device where a file should be: refused before any read, so nothing blocks
mkfifo fifo
run fifo 1 fifo
has fifo "fifo:1:1: error: fifo is a FIFO, not a regular file [FS001]"
run devnull 1 /dev/null
has devnull "/dev/null:1:1: error: /dev/null is a device, not a regular file [FS001]"
run devzero 1 /dev/zero
has devzero "/dev/zero:1:1: error: /dev/zero is a device, not a regular file [FS001]"
for what in dir fifo; do
	for f in ntp.conf hosts; do
		host "in-$what-$f"
		rm "in-$what-$f/etc/$f"
		if [ $what = dir ]; then mkdir "in-$what-$f/etc/$f"; else mkfifo "in-$what-$f/etc/$f"; fi
		run "in-$what-$f" 1 "in-$what-$f"
		if [ $what = dir ]; then kind="a directory, not a file"; else kind="a FIFO, not a regular file"; fi
		has "in-$what-$f" "etc/$f:1:1: error: etc/$f is $kind [FS001]"
	done
done
has in-fifo-hosts "etc/hosts:1:1: warning: server 'ntp1.example.com' of ntp.conf has no /etc/hosts entry (the file cannot be read, see FS001): it is looked up in DNS only; when DNS does not answer at boot, ntpdate skips it and ntpd_initres retries it 1 to 16 minutes apart [HST010]"
# a device node inside a root needs mknod (root); an absolute link means ROOT/dev/zero
host in-dev
rm in-dev/etc/ntp.conf
if mknod in-dev/etc/ntp.conf c 1 5 2>/dev/null; then
	run in-dev 1 in-dev
	has in-dev "etc/ntp.conf:1:1: error: etc/ntp.conf is a device, not a regular file [FS001]"
else
	echo "SKIP bad_inputs: device node inside a root: mknod not permitted"
fi
host in-link-dev
ln -sf /dev/zero in-link-dev/etc/hosts
if [ -n "${VALGRIND:-}" ]; then
	echo "SKIP bad_inputs: symlink to /dev/zero in a root: valgrind lacks openat2(), which keeps it inside"
else
	run in-link-dev 1 in-link-dev
	has in-link-dev "etc/hosts:1:1: error: etc/hosts is a symbolic link to a file that does not exist [FS001]"
fi

# unreadable file: root reads any file, so as root the run drops to nobody (setpriv)
host unread
chmod 000 unread/etc/ntp.conf
if [ "$(id -u)" -ne 0 ]; then
	run unread 1 unread
	has unread "etc/ntp.conf:1:1: error: etc/ntp.conf cannot be read: Permission denied [FS001]"
elif command -v setpriv >/dev/null 2>&1 && chmod 755 "$tmp" &&
    setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$BIN" 2>/dev/null; then
	timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --color=never unread \
		>unread.out 2>unread.err
	st=$?
	if [ $st -eq 1 ]; then ok; else no "unread: exit $st, want 1"; fi
	has unread "etc/ntp.conf:1:1: error: etc/ntp.conf cannot be read: Permission denied [FS001]"
else
	echo "SKIP bad_inputs: unreadable file: running as root without setpriv, or the binary is not reachable by nobody"
fi

# dangling symlink, symlink loop
ln -s nowhere dangling.conf
run dangling 1 dangling.conf
has dangling "dangling.conf:1:1: error: dangling.conf is a symbolic link to a file that does not exist [FS001]"
host dangling-root
rm dangling-root/etc/ntp.conf
ln -s ntp.conf.orig dangling-root/etc/ntp.conf
run dangling-root 1 dangling-root
has dangling-root "etc/ntp.conf:1:1: error: etc/ntp.conf is a symbolic link to a file that does not exist [FS001]"
host loop
rm loop/etc/ntp.conf
ln -s ntp.conf.b loop/etc/ntp.conf
ln -s ntp.conf loop/etc/ntp.conf.b
run loop 1 loop
has loop "etc/ntp.conf:1:1: error: etc/ntp.conf cannot be read: Too many levels of symbolic links [FS001]"

# a PATH that does not exist; a root that is a file (with '/': not a directory): usage
# errors, whatever --fail-on says
run noroot 2 --fail-on=never "$tmp/no/such/root"
err noroot "esxntp-lint: '$tmp/no/such/root' does not exist: give a host root (a directory holding etc/ntp.conf) or an ntp.conf"
quiet_out noroot
run nofile 2 --disable=FS001 ntp.cnof
err nofile "esxntp-lint: 'ntp.cnof' does not exist: give a host root (a directory holding etc/ntp.conf) or an ntp.conf"
printf 'x\n' >plainfile
run fileroot 2 plainfile/
err fileroot "esxntp-lint: 'plainfile/' is not a directory: give 'plainfile' without the '/' to lint it as an ntp.conf"

# standard input: a pipe is read; closed, '-' is refused, and nothing else depends on it
printf 'restrict 127.0.0.1\nrestrict default kod nomodify notrap nopeer noquery\ndriftfile /var/lib/ntp/drift\nserver 10.1.1.1\nserver 10.1.1.2\nserver 10.1.1.3\nserver 10.1.1.4\n' |
	timeout 20 "$BIN" --color=never - >pipe.out 2>pipe.err
st=$?
if [ $st -eq 0 ]; then ok; else no "pipe: exit $st, want 0"; fi
codes pipe ""
# what is redirected into standard input is no file of the host: its mode (/dev/null and
# a file of mode 0666 here) is no FS002
run devnull-stdin 1 - </dev/null
codes devnull-stdin "-:1:1 NTP011 -:1:1 NTP020 -:1:1 NTP030"
printf 'server 10.1.1.1\n' >ww.conf
chmod 666 ww.conf
run ww-stdin 1 - <ww.conf
codes ww-stdin "-:1:1 NTP011 -:1:1 NTP031 -:2:1 NTP020"
# (valgrind keeps descriptors of its own there: not under make valgrind)
if [ -n "${VALGRIND:-}" ]; then
	echo "SKIP bad_inputs: closed standard descriptors: valgrind holds descriptors of its own"
else
	timeout 20 "$BIN" - <&- >stdin-closed.out 2>stdin-closed.err
	st=$?
	if [ $st -eq 2 ]; then ok; else no "stdin-closed: exit $st, want 2"; fi
	err stdin-closed "esxntp-lint: '-' reads standard input, which is closed"
	timeout 20 "$BIN" clean <&- >stdin-closed-root.out 2>stdin-closed-root.err
	st=$?
	if [ $st -eq 0 ]; then ok; else no "stdin-closed-root: exit $st, want 0"; fi

	# standard output closed or full: exit 2 and a message, never a silent success
	for fmt in text json; do
		timeout 20 "$BIN" --format=$fmt clean >&- 2>"stdout-closed-$fmt.err"
		st=$?
		if [ $st -eq 2 ]; then ok; else no "stdout-closed-$fmt: exit $st, want 2"; fi
		err "stdout-closed-$fmt" "esxntp-lint: standard output is closed: nowhere to write the report"
	done
	timeout 20 "$BIN" empty.conf >/dev/full 2>full.err
	st=$?
	if [ $st -eq 2 ]; then ok; else no "full: exit $st, want 2"; fi
	err full "esxntp-lint: cannot write the report: No space left on device"
	timeout 20 "$BIN" --format=json clean >/dev/full 2>full-json.err
	st=$?
	if [ $st -eq 2 ]; then ok; else no "full-json: exit $st, want 2"; fi
	err full-json "esxntp-lint: cannot write the report: No space left on device"
	# the report never lands in a file the run opens (the closed descriptor 1 is reused)
	host closed-fix
	printf 'restrict 127.0.0.1\nserver 10.1.1.1\n' >closed-fix/etc/ntp.conf
	cp closed-fix/etc/ntp.conf closed-fix.before
	timeout 20 "$BIN" --fix closed-fix >&- 2>/dev/null
	if cmp -s closed-fix/etc/ntp.conf closed-fix.before; then ok; else no "closed-fix: ntp.conf changed"; fi

fi

# 500 roots on one command line, with fewer descriptors than roots: none is kept open
set --
i=0
while [ $i -lt 500 ]; do set -- "$@" clean; i=$((i + 1)); done
(ulimit -n 32 && exec timeout 60 "$BIN" --format=json "$@" nul) >many.out 2>many.err
st=$?
if [ $st -eq 1 ]; then ok; else no "many: exit $st, want 1 ($(head -c 300 many.err))"; fi
n=$(grep -c '^      "root":' many.out)
if [ "$n" -eq 501 ]; then ok; else no "many: $n roots in the JSON report, want 501"; fi
run many-text 1 "$@" nul
has many-text "nul/etc/ntp.conf:8:17: warning: NUL byte: ntpd 4.1 ignores the rest of this line [NTP006]"
quiet many-text

# template markup from a configuration-management repository: FS004 once per file
host tmpl
printf '{%% for s in ntp_servers %%}\nserver {{ s }} iburst\n{%% endfor %%}\n' >>tmpl/etc/ntp.conf
printf '<%%= @ntp_ip %%>\tntp9.example.com\n' >>tmpl/etc/hosts
printf '# {{ not markup in a comment }}\n${NTP_SERVER}\n' >>tmpl/etc/ntp/step-tickers
run tmpl 1 tmpl
tail=" this is a configuration-management template, not the file the host reads; lint the rendered file (the markup lines get no other finding"
has tmpl "etc/ntp.conf:8:1: error: template markup '{%' (3 lines):$tail; ntpd 4.1 drops 3 of them) [FS004]"
has tmpl "etc/hosts:6:1: error: template markup '<%' (1 line):$tail) [FS004]"
has tmpl "etc/ntp/step-tickers:6:1: error: template markup '\${' (1 line):$tail) [FS004]"
n=$(grep -c 'FS004' tmpl.out)
if [ "$n" -eq 3 ]; then ok; else no "tmpl: $n FS004 findings, want 3"; fi
# one finding per cause: nothing else on the markup lines (no "did you mean" on '{%', no
# HST001 for '<%=', no STK001 for '${NTP_SERVER}'), nor for the server '{{' (its line
# is refused: no NTP030 pointing at it, no STK010 asking for '{{' in step-tickers)
n=$(grep -E -c 'ntp.conf:(8|9|10):|hosts:6:|step-tickers:6:|NTP030|STK010|HST010' tmpl.out)
if [ "$n" -eq 3 ]; then ok; else no "tmpl: $n findings on markup lines or from them, want the 3 FS004 ($(cat tmpl.out))"; fi

echo "bad_inputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
