#!/bin/sh
# make bench: parse+check throughput, time per small file and peak memory at three input
# sizes. Inputs are generated (deterministically) into BUILD/bench/. Usage:
#   sh tests/bench.sh /abs/esxntp-lint /abs/build
# Times are CPU seconds (least disturbed by other load) with wall seconds beside them.
set -eu
BIN=${1:?usage: bench.sh BIN BUILDDIR}
B=${2:-$(dirname "$BIN")}
PARSE=$B/bench_parse
GEN=$B/gen_conf
D=$B/bench
mkdir -p "$D/small"

# field NAME in "k v k v ..." lines
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }

echo "generating inputs in $D ..."
for mb in 12.5 25 50; do
	bytes=$(awk -v m="$mb" 'BEGIN { printf "%d", m * 1000000 }')
	[ -f "$D/conf-$mb.conf" ] || "$GEN" "$bytes" "$D/conf-$mb.conf"
done
if [ "$(ls "$D/small" | wc -l)" -ne 10000 ]; then
	rm -f "$D"/small/*.conf
	"$GEN" -n 10000 "$D/small"
fi
large=$D/conf-50.conf
size=$(wc -c <"$large")
smallbytes=$(cat "$D"/small/*.conf | wc -c)

echo
echo "parse + check throughput, $large ($size bytes), best of 5:"
printf '%-10s %12s %12s\n' target "MB/s (cpu)" "MB/s (wall)"
for v in 4.2.0 4.2.8 ntpsec; do
	out=$("$PARSE" -r 5 -v "$v" "$large")
	printf '%-10s %12s %12s\n' "$v" "$(echo "$out" | field mbps)" "$(echo "$out" | field wall_mbps)"
	[ "$v" = 4.2.0 ] && mbps=$(echo "$out" | field mbps)
done

echo
echo "time and peak memory against input size (ntpd 4.2.0; one run per process):"
printf '%-8s %10s | %10s %12s %8s | %10s %10s %12s %8s\n' input bytes \
	"parse s" "parse RSS" "RSS/in" "lint cpu s" "lint wall" "lint RSS" "RSS/in"
worst=0
for mb in 12.5 25 50; do
	f=$D/conf-$mb.conf
	n=$(wc -c <"$f")
	out=$("$PARSE" -r 1 "$f")
	prss=$(echo "$out" | field maxrss_kb)
	pcpu=$(echo "$out" | field cpu_s)
	if [ -x /usr/bin/time ]; then
		t=$(/usr/bin/time -f 'cpu %U %S wall %e rss %M' "$BIN" --max-file-size=100M \
			--fail-on=never --format=json "$f" 2>&1 >/dev/null | tail -n 1)
		lcpu=$(echo "$t" | awk '{ printf "%.2f", $2 + $3 }')
		lwall=$(echo "$t" | field wall)
		lrss=$(echo "$t" | field rss)
	else
		lcpu=- lwall=- lrss=
	fi
	pr=$(awk -v r="$prss" -v n="$n" 'BEGIN { printf "%.2fx", r * 1024 / n }')
	lr=-
	if [ -n "$lrss" ]; then
		lr=$(awk -v r="$lrss" -v n="$n" 'BEGIN { printf "%.2fx", r * 1024 / n }')
		worst=$(awk -v r="$lrss" -v n="$n" -v w="$worst" \
			'BEGIN { x = r * 1024 / n; print (x > w ? x : w) }')
	fi
	printf '%-8s %10s | %10s %9s KB %8s | %10s %10s %9s KB %8s\n' "${mb}MB" "$n" \
		"$pcpu" "$prss" "$pr" "$lcpu" "$lwall" "${lrss:--}" "$lr"
done

echo
echo "10000 small files ($smallbytes bytes in all):"
out=$("$PARSE" -r 3 "$D"/small/*.conf)
printf '  parse + check, in memory: %s us/file (cpu), %s us/file (wall)\n' \
	"$(echo "$out" | field cpu_us_per_file)" "$(echo "$out" | field wall_us_per_file)"
start=$(date +%s.%N)
"$BIN" --fail-on=never --format=json "$D"/small/*.conf >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "  esxntp-lint, one process for all: %.1f us/file (wall)\n", (e - s) * 1e6 / 10000 }'
start=$(date +%s.%N)
for f in "$D"/small/00[0-4]*.conf; do "$BIN" --fail-on=never "$f" >/dev/null; done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "  esxntp-lint, one process per file: %.2f ms/file (wall, 500 files)\n", (e - s) * 1e3 / 500 }'

echo
awk -v m="$mbps" 'BEGIN { printf "target parse+check >= 300 MB/s: %s (%.1f MB/s)\n", (m >= 300 ? "met" : "MISSED"), m }'
awk -v w="$worst" 'BEGIN { printf "target peak memory < 4x input: %s (%.2fx, esxntp-lint)\n", (w < 4 ? "met" : "MISSED"), w }'
