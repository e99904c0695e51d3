#!/bin/sh
# make bench, large inputs: the whole of esxntp-lint on
#   - a lone ntp.conf of N lines (servers, peers, restricts, comments),
#   - a host root whose etc/hosts has N lines,
#   - a host root with N/10 servers in ntp.conf, each in etc/hosts and step-tickers,
# at a quarter, a half and all of N (N = 1,000,000; LARGE_N overrides), so that time and
# peak memory can be seen to grow linearly. Usage: sh tests/bench_large.sh /abs/esxntp-lint DIR
# Inputs are generated with awk (deterministic) into DIR/large/ and kept for reuse.
set -eu
BIN=${1:?usage: bench_large.sh BIN BUILDDIR}
D=${2:?usage: bench_large.sh BIN BUILDDIR}/large
N=${LARGE_N:-1000000}
CPU_LIMIT=${LINT_CPU_LIMIT:-120}
mkdir -p "$D"
if [ ! -x /usr/bin/time ]; then
	echo "SKIP bench_large: /usr/bin/time is not installed"
	exit 0
fi

# n distinct addresses 10.x.y.z, server names ntpI.bench.example
gen_conf() {	# lines file
	awk -v n="$1" 'BEGIN {
		print "restrict 127.0.0.1"
		print "restrict default kod nomodify notrap nopeer noquery"
		print "driftfile /var/lib/ntp/drift"
		for (i = 4; i <= n; i++) {
			k = i % 8
			a = sprintf("10.%d.%d.%d", int(i / 62500) % 256, int(i / 250) % 250, i % 250 + 1)
			if (k == 0) print "# server " i " of the site list"
			else if (k == 1) print "server " a " iburst"
			else if (k == 2) print "peer " a
			else if (k == 3) print "restrict " a " mask 255.255.255.255 nomodify notrap noquery"
			else if (k == 4) print ""
			else if (k == 5) print "server ntp" i ".bench.example"
			else if (k == 6) print "server " a " minpoll 6 maxpoll 10"
			else print "restrict " a " nomodify notrap"
		}
	}' >"$2"
}

gen_hosts_root() {	# lines dir
	rm -rf "$2"
	mkdir -p "$2/etc/ntp"
	printf 'VMware ESX Server 3\n' >"$2/etc/vmware-release"
	printf 'restrict 127.0.0.1\nrestrict default kod nomodify notrap nopeer noquery\ndriftfile /var/lib/ntp/drift\nserver ntp1.bench.example\nserver ntp2.bench.example\nserver ntp3.bench.example\nserver ntp4.bench.example\n' >"$2/etc/ntp.conf"
	printf 'ntp1.bench.example\nntp2.bench.example\nntp3.bench.example\nntp4.bench.example\n' >"$2/etc/ntp/step-tickers"
	awk -v n="$1" 'BEGIN {
		print "127.0.0.1\tlocalhost.localdomain localhost"
		for (i = 2; i <= n; i++) {
			a = sprintf("10.%d.%d.%d", int(i / 62500) % 256, int(i / 250) % 250, i % 250 + 1)
			if (i % 10 == 0) print "# rack " i
			else print a "\thost" i ".bench.example host" i
		}
	}' >"$2/etc/hosts"
}

gen_cross_root() {	# servers dir
	rm -rf "$2"
	mkdir -p "$2/etc/ntp"
	printf 'VMware ESX Server 3\n' >"$2/etc/vmware-release"
	awk -v n="$1" -v d="$2" 'BEGIN {
		conf = d "/etc/ntp.conf"; hosts = d "/etc/hosts"; stk = d "/etc/ntp/step-tickers"
		print "restrict 127.0.0.1" >conf
		print "restrict default kod nomodify notrap nopeer noquery" >conf
		print "driftfile /var/lib/ntp/drift" >conf
		print "127.0.0.1\tlocalhost.localdomain localhost" >hosts
		for (i = 1; i <= n; i++) {
			a = sprintf("10.%d.%d.%d", int(i / 62500) % 256, int(i / 250) % 250, i % 250 + 1)
			print "server ntp" i ".bench.example iburst" >conf
			print a "\tntp" i ".bench.example" >hosts
			print "ntp" i ".bench.example" >stk
		}
	}'
}

# one run: cpu seconds, wall seconds, peak RSS; cut off at CPU_LIMIT cpu seconds
measure() {	# label input-lines bytes args...
	label=$1 lines=$2 bytes=$3
	shift 3
	t=$( (ulimit -t "$CPU_LIMIT"; /usr/bin/time -f 'cpu %U %S wall %e rss %M' "$BIN" \
		--max-file-size=1G --fail-on=never --format=json "$@" 2>&1 >/dev/null) | tail -n 1)
	case $t in
	cpu*)	echo "$t" | awk -v l="$label" -v n="$lines" -v b="$bytes" '{
			cpu = $2 + $3
			printf "%-22s %9d %11d %8.2f %8.2f %9d KB %8.2f us/line\n", l, n, b, cpu, $5, $7,
			    cpu * 1e6 / n }' ;;
	*)	printf '%-22s %9d %11d   > %s cpu s (cut off)\n' "$label" "$lines" "$bytes" "$CPU_LIMIT" ;;
	esac
}

echo "large inputs in $D (N = $N lines), esxntp-lint --format=json, a process each:"
printf '%-22s %9s %11s %8s %8s %12s %14s\n' input lines bytes "cpu s" "wall s" "peak RSS" "cpu/line"
for frac in 4 2 1; do
	n=$((N / frac))
	f=$D/conf-$n.conf
	[ -f "$f" ] || gen_conf "$n" "$f"
	measure "ntp.conf" "$n" "$(wc -c <"$f")" "$f"
done
for frac in 4 2 1; do
	n=$((N / frac))
	r=$D/hosts-$n
	[ -f "$r/etc/hosts" ] || gen_hosts_root "$n" "$r"
	measure "etc/hosts" "$n" "$(wc -c <"$r/etc/hosts")" "$r"
done
for frac in 4 2 1; do
	n=$((N / 10 / frac))
	r=$D/cross-$n
	[ -f "$r/etc/ntp/step-tickers" ] || gen_cross_root "$n" "$r"
	measure "servers x hosts x stk" "$n" "$(cat "$r/etc/ntp.conf" "$r/etc/hosts" \
		"$r/etc/ntp/step-tickers" | wc -c)" "$r"
done
echo "(cpu/line should stay flat from a quarter to all of N: growth is linear)"
