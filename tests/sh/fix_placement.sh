#!/bin/sh
# Where --fix puts its lines (src/placement.c), on the corpus host place_fixes: each fixed
# file must be exactly the hand-written text below; the same bytes come from --diff applied
# with patch -p1; fixing again changes nothing. The lone-file cases are tests/fix/place_*.
# Then files that configuration management writes (FS005, corpus fs_managed).
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
no() { echo "FAIL fix_placement: $*"; fail=$((fail + 1)); }

same() {	# name file; the expected text on standard input
	cat >"$tmp/want"
	if cmp -s "$2" "$tmp/want"; then ok; else
		no "$1: $(basename "$2") differs (- expected, + got)"
		diff "$tmp/want" "$2" | sed 's/^</-/; s/^>/+/'
	fi
}

# files of two trees that differ (regular files only; patch leaves no .orig here)
differ() {
	(cd "$1" && find . -type f | sort | while read -r f; do cmp -s "$f" "$2/$f" || echo "$f"; done)
}

flags="--unsafe-fixes --address=ntp4.example.com=192.0.2.4"
root="$tmp/fix"
cp -a "$top/corpus/hosts/place_fixes" "$root"
cp -a "$top/corpus/hosts/place_fixes" "$tmp/patch"
# shellcheck disable=SC2086
"$BIN" --fix --no-backup $flags "$root" >"$tmp/out" 2>&1

# NTP010 above the comment that introduces the first restrict line (the file's header
# comment stays first); NTP032's duplicate goes with the comment naming only it; NTP020
# uncomments the driftfile line
same ntp.conf "$root/etc/ntp.conf" <<'X'
# ntp.conf of esx01, as VMware KB 1339 asks

restrict 127.0.0.1
# By default, time service only
restrict default kod nomodify notrap nopeer noquery
server ntp1.example.com
server ntp2.example.com
server ntp3.example.com
server ntp4.example.com
driftfile /var/lib/ntp/drift
X
# STK010 uncomments ntp2 and appends ntp4; STK011 and STK012 delete their entries with the
# comments that named only them (and a blank line that would be left second or last)
same step-tickers "$root/etc/ntp/step-tickers" <<'X'
# the servers ntpdate steps the clock from, in ntp.conf's order
ntp1.example.com
ntp2.example.com
ntp3.example.com

ntp4.example.com
X
# HST010 uncomments ntp4's line: same address, same name
same hosts "$root/etc/hosts" <<'X'
127.0.0.1	localhost.localdomain localhost
192.0.2.1	ntp1.example.com
192.0.2.2	ntp2.example.com
192.0.2.3	ntp3.example.com
192.0.2.4	ntp4.example.com
X
# the report names the commented line each fix uncomments
"$BIN" --color=never --address=ntp4.example.com=192.0.2.4 "$top/corpus/hosts/place_fixes" >"$tmp/out" 2>&1
if [ "$(grep -c 'note: commented out here: the fix uncomments it' "$tmp/out")" = 3 ]; then ok; else
	no "the report does not name the three lines uncommented"; cat "$tmp/out"
fi
# shellcheck disable=SC2086
(cd "$tmp/patch" && "$BIN" --diff $flags . 2>/dev/null >"$tmp/diff"; patch -s -p1 <"$tmp/diff" >/dev/null 2>&1)
if [ -z "$(differ "$root" "$tmp/patch")" ]; then ok; else no "patch -p1 of --diff differs from --fix"; fi
cp -a "$root" "$tmp/once"
# shellcheck disable=SC2086
"$BIN" --fix --no-backup $flags "$root" >/dev/null 2>&1
if [ -z "$(differ "$tmp/once" "$root")" ]; then ok; else no "a second --fix changed the host"; fi

# a commented copy that is not exactly the line stays a comment, and the line is added
root="$tmp/near"
cp -a "$top/corpus/hosts/clean_host" "$root"
printf '127.0.0.1\tlocalhost\n#192.0.2.1\tntp1.example.com ntp1\n# 192.0.2.9 ntp1.example.com\n192.0.2.2\tntp2.example.com\n192.0.2.3\tntp3.example.com\n192.0.2.4\tntp4.example.com\n' \
	>"$root/etc/hosts"
"$BIN" --fix --no-backup --address=ntp1.example.com=192.0.2.1 "$root" >"$tmp/out" 2>&1
same near-copies "$root/etc/hosts" <<'X'
127.0.0.1	localhost
#192.0.2.1	ntp1.example.com ntp1
# 192.0.2.9 ntp1.example.com
192.0.2.2	ntp2.example.com
192.0.2.3	ntp3.example.com
192.0.2.4	ntp4.example.com
192.0.2.1	ntp1.example.com
X

# STK010 on a root without etc/ntp: --fix makes the directory (0755 root:root) and the
# file; --diff's new file applied with GNU patch -p1 (which makes missing directories)
# gives the same bytes
root="$tmp/nodir"
cp -a "$top/corpus/hosts/stk_no_etc_ntp" "$root"
cp -a "$top/corpus/hosts/stk_no_etc_ntp" "$tmp/nodir-patch"
"$BIN" --fix --no-backup --color=never "$root" >"$tmp/out" 2>&1
if [ "$(stat -c '%a %u:%g' "$root/etc/ntp" 2>/dev/null)" = "755 0:0" ] &&
	grep -qx 'etc/ntp: directory made (0755 root:root)' "$tmp/out"; then ok; else
	no "nodir: etc/ntp not made 0755 root:root"; cat "$tmp/out"
fi
same nodir "$root/etc/ntp/step-tickers" <<'X'
ntp1.example.com
ntp2.example.com
ntp3.example.com
ntp4.example.com
X
(cd "$tmp/nodir-patch" && "$BIN" --diff . 2>"$tmp/report" >"$tmp/diff"; patch -s -p1 <"$tmp/diff" >/dev/null 2>&1)
if [ -z "$(differ "$root" "$tmp/nodir-patch")" ] && [ -f "$tmp/nodir-patch/etc/ntp/step-tickers" ]; then ok; else
	no "nodir: patch -p1 of --diff differs from --fix"
fi
if grep -qx 'etc/ntp: would be made (a directory, 0755 root:root)' "$tmp/report"; then ok; else
	no "nodir: --diff does not say etc/ntp would be made"; cat "$tmp/report"
fi

# the comment that introduces the first restrict line is the file's first line: the
# loopback line goes above it, not between it and its statement; a header comment that
# does not name the directive stays first
for case in named header; do
	root="$tmp/top-$case"
	mkdir -p "$root/etc"
	if [ $case = named ]; then
		printf '# restrict the default\nrestrict default nomodify notrap noquery\n\nserver ntp.example.com\n'
	else
		printf '# ntp.conf of host x\n# managed by hand\nrestrict default nomodify notrap noquery\n\nserver ntp.example.com\n'
	fi >"$root/etc/ntp.conf"
	"$BIN" --fix --no-backup --address=ntp.example.com=192.0.2.1 --disable=NTP020 "$root" >/dev/null 2>&1
done
same top-named "$tmp/top-named/etc/ntp.conf" <<'X'
restrict 127.0.0.1
# restrict the default
restrict default nomodify notrap noquery

server ntp.example.com
X
same top-header "$tmp/top-header/etc/ntp.conf" <<'X'
# ntp.conf of host x
# managed by hand
restrict 127.0.0.1
restrict default nomodify notrap noquery

server ntp.example.com
X

# FS005: a file that says configuration management writes it is left alone by --fix and
# --diff, each fix saying why; --fix-managed writes it
root="$tmp/managed"
cp -a "$top/corpus/hosts/fs_managed" "$root"
"$BIN" --fix --no-backup --color=never "$root" >"$tmp/out" 2>&1
if [ -z "$(differ "$top/corpus/hosts/fs_managed" "$root")" ]; then ok; else
	no "managed: --fix wrote a managed file"; differ "$top/corpus/hosts/fs_managed" "$root"
fi
for f in etc/ntp.conf etc/ntp/step-tickers; do
	if grep -q "note: not fixed: $f says configuration management writes it (FS005): change its source, or use --fix-managed" "$tmp/out"; then ok; else
		no "managed: the report does not say why $f was left"; cat "$tmp/out"
	fi
done
"$BIN" --diff --color=never "$root" >"$tmp/diff" 2>/dev/null
if [ ! -s "$tmp/diff" ]; then ok; else no "managed: --diff changes a managed file"; fi
"$BIN" --fix-managed --no-backup --color=never "$root" >"$tmp/out" 2>&1
if grep -qx 'restrict 127.0.0.1' "$root/etc/ntp.conf" && grep -qx 'ntp4.example.com' "$root/etc/ntp/step-tickers" &&
	! grep -q 'not fixed' "$tmp/out"; then ok; else
	no "managed: --fix-managed did not fix the managed files"; cat "$tmp/out"
fi

echo "fix_placement: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
