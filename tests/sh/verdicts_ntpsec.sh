#!/bin/sh
# NTPsec differential test: the real NTPsec ntpd (Debian package ntpsec) judges every
# corpus/ntpconf/*.conf and every ../shared/realworld/ntp.conf/* through
# ../shared/tools/ntpsec-oracle.sh (private network namespace, no CAP_SYS_TIME, writes on a
# throw-away overlay: no packet is sent and the clock is never touched), and
# esxntp-lint --ntp-version=ntpsec must accept or reject each file as it does
# (tests/verdicts.sh says what a reject is), or the disagreement must be a row of
# tests/known-differences.tsv. Needs root, ntpsec and ../shared; skips without them.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=$top/../shared
oracle=$shared/tools/ntpsec-oracle.sh
NTPD=${NTPD:-/usr/sbin/ntpd}
skip() { echo "SKIP verdicts_ntpsec: $*"; exit 0; }
[ -f "$oracle" ] || skip "../shared/tools/ntpsec-oracle.sh not found (a fresh clone has no team data)"
[ -x "$NTPD" ] || skip "$NTPD not installed (apt-get install --no-install-recommends ntpsec)"
"$NTPD" --version 2>&1 | grep -qi ntpsec || skip "$NTPD is not NTPsec"
[ "$(id -u)" = 0 ] || skip "the oracle needs root (unshare, mount, chroot)"
command -v unshare >/dev/null && command -v setpriv >/dev/null || skip "unshare or setpriv missing (util-linux)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/verdicts.sh"
export NTPD

# the sandbox must work at all (a container may refuse unshare or mounts)
printf 'server 192.0.2.1\n' >"$tmp/probe.conf"
bash "$oracle" "$tmp/probe.conf" >"$tmp/probe.out" 2>&1
if [ "$(head -n 1 "$tmp/probe.out")" != ACCEPT ]; then
	skip "the oracle cannot run here: $(sed -n 2p "$tmp/probe.out")"
fi

# the files, as "KEY PATH" lines (no name here has a blank)
for f in "$top"/corpus/ntpconf/*.conf; do
	[ -f "$f" ] && echo "corpus/ntpconf/$(basename "$f") $f"
done >"$tmp/list"
for f in "$shared"/realworld/ntp.conf/*; do
	[ -f "$f" ] && echo "shared/realworld/ntp.conf/$(basename "$f") $f"
done >>"$tmp/list"

# NTPsec's verdict on the same bytes does not change while ntpd and the oracle stay the same:
# kept in build/ntpsec-oracle/ (about 1 s of CPU a file, spared on the next run)
cache=${ORACLE_CACHE:-$top/build/ntpsec-oracle}
mkdir -p "$cache" "$tmp/o"
salt=$( { "$NTPD" --version 2>&1; cat "$oracle"; } | sha256sum | cut -c1-64)
n=0
while read -r key f; do
	n=$((n + 1))
	h=$( { echo "$salt"; cat "$f"; } | sha256sum | cut -c1-64)
	if [ -s "$cache/$h" ]; then
		cp "$cache/$h" "$tmp/o/$n"
	else
		echo "$n $f $cache/$h"
	fi
done <"$tmp/list" >"$tmp/todo"
# two at a time: the machine's two cores are what the oracle needs, not more waiting
xargs -r -n 3 -P "${ORACLE_JOBS:-2}" sh -c \
	'bash "$0" "$3" >"$1/o/$2" 2>&1; case $(head -n 1 "$1/o/$2") in ACCEPT|REJECT) cp "$1/o/$2" "$4.tmp" && mv "$4.tmp" "$4" ;; esac' \
	"$oracle" "$tmp" <"$tmp/todo"
echo "verdicts_ntpsec: $(wc -l <"$tmp/todo") of $n files judged by NTPsec now, the rest known from $cache"

pass=0 fail=0 known=0 n=0
while read -r key f; do
	n=$((n + 1))
	want=$(head -n 1 "$tmp/o/$n")
	case $want in
	ACCEPT | REJECT) ;;
	*) echo "FAIL verdicts_ntpsec: $key: the oracle gave no verdict:"; sed 's/^/    /' "$tmp/o/$n" | head -n 5
	   fail=$((fail + 1)); continue ;;
	esac
	got=$(our_verdict "$f" ntpsec)
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	elif known "$key" ntpsec "$want" "$got"; then
		known=$((known + 1))
	else
		echo "FAIL verdicts_ntpsec: $key: NTPsec says $want, esxntp-lint --ntp-version=ntpsec $got"
		echo "  NTPsec:"; sed -n '2,$s/^/    /p' "$tmp/o/$n" | head -n 6
		echo "  esxntp-lint:"; sed 's/^/    /' "$tmp/report" | head -n 6
		fail=$((fail + 1))
	fi
done <"$tmp/list"

for row in $(known_unseen '^(corpus/ntpconf|shared/realworld/ntp\.conf)/' ntpsec | tr ' ' ':'); do
	echo "FAIL verdicts_ntpsec: tests/known-differences.tsv: ${row%:*} --ntp-version=ntpsec agrees now; remove the row"
	fail=$((fail + 1))
done
echo "verdicts_ntpsec: $n files, $pass agree, $known known differences, $fail failed"
[ "$fail" = 0 ]
