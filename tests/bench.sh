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

# an input is reused if the generator has not changed since it was made
fresh() { [ -f "$1" ] && [ "$1" -nt "$GEN" ]; }

# field NAME in "k v k v ..." lines
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }

echo "generating inputs in $D ..."
for mb in 12.5 25 50; do
	bytes=$(awk -v m="$mb" 'BEGIN { printf "%d", m * 1000000 }')
	fresh "$D/conf-$mb.conf" || "$GEN" "$bytes" "$D/conf-$mb.conf"

done
if [ "$(ls "$D/small" | wc -l)" -ne 10000 ] || ! fresh "$D/small/09999.conf"; then
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
	# the target holds for every reader: the slowest counts
	mbps=$(echo "$out" | field mbps | awk -v m="${mbps:-}" '{ print (m == "" || $1 < m ? $1 : m) }')
done

echo
echo "parse + check: time and peak memory against input size (ntpd 4.2.0, a process each):"
printf '%-8s %10s %10s %10s %12s %8s\n' input bytes "cpu s" "MB/s" "peak RSS" "RSS/in"
worst=0
for mb in 12.5 25 50; do
	f=$D/conf-$mb.conf
	n=$(wc -c <"$f")
	out=$("$PARSE" -r 1 "$f")
	rss=$(echo "$out" | field maxrss_kb)
	ratio=$(awk -v r="$rss" -v n="$n" 'BEGIN { printf "%.2f", r * 1024 / n }')
	worst=$(awk -v x="$ratio" -v w="$worst" 'BEGIN { print (x > w ? x : w) }')
	printf '%-8s %10s %10s %10s %9s KB %7sx\n' "${mb}MB" "$n" "$(echo "$out" | field cpu_s)" \
		"$(echo "$out" | field mbps)" "$rss" "$ratio"
done

# the whole pipeline (model, rules, JSON): each run is cut off after
# $LINT_CPU_LIMIT cpu seconds, so a rule that grows faster than the input shows as such
# without holding up the bench
LINT_CPU_LIMIT=${LINT_CPU_LIMIT:-60}
echo
echo "esxntp-lint --format=json, the whole pipeline (cut off at $LINT_CPU_LIMIT cpu s):"
printf '%-8s %10s %10s %12s %8s\n' input bytes "cpu s" "peak RSS" "RSS/in"
lintworst=0
for kb in 1000 12500 25000 50000; do
	f=$D/conf-$(awk -v k="$kb" 'BEGIN { print k / 1000 }').conf
	fresh "$f" || "$GEN" "$((kb * 1000))" "$f"
	n=$(wc -c <"$f")
	if [ ! -x /usr/bin/time ]; then
		echo "(no /usr/bin/time: skipped)"
		break
	fi
	t=$( (ulimit -t "$LINT_CPU_LIMIT"; /usr/bin/time -f 'cpu %U %S rss %M' "$BIN" \
		--max-file-size=100M --fail-on=never --format=json "$f" 2>&1 >/dev/null) | tail -n 1)
	case $t in
	cpu*)	cpu=$(echo "$t" | awk '{ printf "%.2f", $2 + $3 }')
		rss=$(echo "$t" | field rss)
		# judged from 12.5 MB up: below, the process's own few MB dominate
		[ "$kb" -ge 12500 ] && lintworst=$(awk -v r="$rss" -v n="$n" -v w="$lintworst" \
			'BEGIN { x = r * 1024 / n; print (x > w ? x : w) }')
		printf '%-8s %10s %10s %9s KB %7sx\n' "$(basename "$f" .conf)" "$n" "$cpu" "$rss" \
			"$(awk -v r="$rss" -v n="$n" 'BEGIN { printf "%.2f", r * 1024 / n }')" ;;
	*)	printf '%-8s %10s %10s\n' "$(basename "$f" .conf)" "$n" "> $LINT_CPU_LIMIT"
		break ;;
	esac
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
awk -v m="$mbps" 'BEGIN { printf "target parse+check >= 300 MB/s (slowest reader): %s (%.1f MB/s)\n", (m >= 300 ? "met" : "MISSED"), m }'
awk -v w="$worst" 'BEGIN { printf "target parse+check peak memory < 4x input: %s (%.2fx)\n", (w < 4 ? "met" : "MISSED"), w }'
awk -v w="$lintworst" 'BEGIN { printf "target esxntp-lint peak memory < 4x input (12.5 MB and up): %s (%.2fx)\n", (w > 0 && w < 4 ? "met" : "MISSED"), w }'
