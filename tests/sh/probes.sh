#!/bin/sh
# A root captured with few files is not probed file by file below the directories it
# lacks: with only etc/ntp.conf, no etc/rc.d and no etc/ntp, the linter's failed opens
# (openat2, counted by strace) stay at 21: the release file, the four files that tell an
# ESXi release (.buildInfo, identify.xml, chkconfig.db, service.xml), var/lib/ntp, var,
# etc/ntp, hosts, esx.conf, the two init scripts, etc/rc.d once, the seven etc/rcN.d and
# etc/sysconfig/ntpd; before the absent directories were remembered, 28 (step-tickers,
# and etc/rc.d/rcN.d one by one). No path is a failed open twice (ESXi's release
# detection and the service check both want etc/init.d/ntpd: it was opened twice).
# Skipped without strace or openat2.
set -u
BIN=${VG_LINT_BIN:-${ESXNTP_LINT:?set ESXNTP_LINT to the binary}}
if ! command -v strace >/dev/null 2>&1 || [ -n "${VALGRIND:-}" ]; then
	echo "SKIP probes: no strace, or under make valgrind"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/etc"
printf 'server 192.0.2.1\n' >"$tmp/root/etc/ntp.conf"
strace -f -e trace=openat2 -o "$tmp/trace" "$BIN" --fail-on=never "$tmp/root" >"$tmp/out" 2>&1
n=$(grep -c 'openat2(.*= -1' "$tmp/trace")
all=$(grep -c 'openat2(' "$tmp/trace")
if [ "$all" -eq 0 ]; then
	echo "SKIP probes: the kernel has no openat2 (the reader falls back to openat)"
	exit 0
fi
# the report is the same as ever: what is missing is still said
if ! grep -q 'etc/hosts:1:1: error: etc/hosts does not exist \[FS001\]' "$tmp/out"; then
	echo "FAIL probes: no FS001 for etc/hosts: $(head -c 300 "$tmp/out")"
	exit 1
fi
twice=$(sed -n 's/.*openat2([0-9]*, "\([^"]*\)".*= -1.*/\1/p' "$tmp/trace" | sort | uniq -d)
if [ -n "$twice" ]; then
	echo "FAIL probes: failed opens repeated: $twice"
	exit 1
fi
if [ "$n" -gt 21 ]; then
	echo "FAIL probes: $n failed opens for a root of one file, want at most 21"
	grep 'openat2(.*= -1' "$tmp/trace" | head -30
	exit 1
fi
echo "probes: 3 passed, 0 failed ($n failed opens)"
