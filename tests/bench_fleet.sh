#!/bin/sh
# make bench, the fleet (README "Performance", "A fleet"): esxntp-lint over a directory of
# 10,000 generated host roots (tests/bench/gen_fleet.c), found by discovery, in text, JSON
# and JSON Lines, beside `cat` of the same files (found by find); then peak memory of the
# 10,000-host run against a 100-host run. When the binary reads tar archives as host roots,
# 100 bundles (.tgz of the first 100 hosts) are linted with the fleet, and cat reads them too.
# Usage: sh tests/bench_fleet.sh /abs/esxntp-lint /abs/build
# CPU seconds (user + system, children included), best of RUNS (default 3) runs; the load
# average is printed, as the machine may be shared.
set -eu
BIN=${1:?usage: bench_fleet.sh BIN BUILDDIR}
B=${2:-$(dirname "$BIN")}
GEN=$B/gen_fleet
N=${FLEET_HOSTS:-10000}
RUNS=${RUNS:-3}
D=$B/bench/fleet-$N
SMALL=$B/bench/fleet-100
if [ ! -x /usr/bin/time ]; then
	echo "fleet bench: skipped (no /usr/bin/time)"
	exit 0
fi

# inputs are made again only when the generator changed
gen() {	# count dir
	if [ ! -f "$2/.made" ] || [ "$GEN" -nt "$2/.made" ]; then
		rm -rf "$2"
		"$GEN" "$1" "$2"
		: >"$2/.made"
	fi
}
mkdir -p "$B/bench"
echo "generating the fleet in $D ..."
gen "$N" "$D"
gen 100 "$SMALL"

# the hook for bundles: only a binary that reads tar archives lints them
bundles=""
if "$BIN" --help | grep -q 'tar archive'; then
	BD=$B/bench/fleet-bundles
	if [ ! -f "$BD/.made" ] || [ "$D/.made" -nt "$BD/.made" ]; then
		rm -rf "$BD" && mkdir -p "$BD"
		i=0
		while [ $i -lt 100 ]; do
			h=$(printf 'h%05d' $i)
			tar -czf "$BD/$h.tgz" -C "$D" "$h"
			i=$((i + 1))
		done
		: >"$BD/.made"
	fi
	bundles=$(ls "$BD"/*.tgz)
	echo "with 100 bundles ($BD)"
else
	echo "bundles: skipped (this build reads no tar archives)"
fi
files=$(find "$D" -type f ! -name .made | wc -l)
bytes=$(find "$D" -type f ! -name .made -print0 | xargs -0 cat | wc -c)

# best of RUNS: "cpu_s rss_kb" of a shell command
measure() {
	best=""
	r=0
	while [ $r -lt "$RUNS" ]; do
		t=$(/usr/bin/time -f 'TIME %U %S %M' sh -c "$1" 2>&1 >/dev/null | grep '^TIME' | tail -n 1)
		cpu=$(echo "$t" | awk '{ printf "%.2f", $2 + $3 }')
		rss=$(echo "$t" | awk '{ print $4 }')
		best=$(echo "$best" | awk -v c="$cpu" -v m="$rss" \
			'{ if (NF == 0 || c < $1) print c, m; else print }
			 END { if (NR == 0) print c, m }')
		r=$((r + 1))
	done
	echo "$best"
}

# bundles are passed as PATHs after the directory of hosts
# shellcheck disable=SC2086
lintcmd() { echo "'$BIN' --no-config --quiet --fail-on=never $1 '$2' $3"; }
blist=$(echo $bundles)

echo
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$N host roots, $files files, $bytes bytes; best of $RUNS, cpu s (user + system):"
find "$D" -type f -print0 | xargs -0 cat >/dev/null	# warm the page cache
catm=$(measure "find '$D' -type f ! -name .made -print0 | xargs -0 cat $blist")
catcpu=${catm% *}
printf '  %-34s %8s %8s\n' "what" "cpu s" "x cat"
printf '  %-34s %8s %8s\n' "find | xargs cat" "$catcpu" "1.00"
# a second reference: grep reads every byte too, with one buffer for all files (GNU cat
# maps and unmaps a 128 KiB buffer per file, which page faults make dear on a VM)
m=$(measure "find '$D' -type f ! -name .made -print0 | xargs -0 grep -c '' $blist")
printf '  %-34s %8s %8s\n' "find | xargs grep -c ''" "${m% *}" \
	"$(awk -v a="${m% *}" -v c="$catcpu" 'BEGIN { printf "%.2f", a / c }')"
worst=0
for fmt in text json jsonl; do
	if [ $fmt = jsonl ] && ! "$BIN" --help | grep -q jsonl; then
		printf '  %-34s %8s\n' "esxntp-lint --format=jsonl" "(no jsonl in this build)"
		continue
	fi
	m=$(measure "$(lintcmd "--format=$fmt" "$D" "$blist")")
	cpu=${m% *}
	ratio=$(awk -v a="$cpu" -v c="$catcpu" 'BEGIN { printf "%.2f", a / c }')
	worst=$(awk -v x="$ratio" -v w="$worst" 'BEGIN { print (x > w ? x : w) }')
	printf '  %-34s %8s %8s\n' "esxntp-lint --format=$fmt" "$cpu" "$ratio"
	eval "rss_$fmt=${m#* }"
done

echo
echo "peak memory, $N hosts against 100 (one run each):"
printf '  %-10s %12s %12s %8s\n' format "100 hosts" "$N hosts" ratio
memworst=0
for fmt in text json jsonl; do
	[ $fmt = jsonl ] && ! "$BIN" --help | grep -q jsonl && continue
	small=$(RUNS=1 measure "$(lintcmd "--format=$fmt" "$SMALL" "")")
	big=$(eval echo "\$rss_$fmt")
	ratio=$(awk -v a="$big" -v s="${small#* }" 'BEGIN { printf "%.2f", a / s }')
	memworst=$(awk -v x="$ratio" -v w="$memworst" 'BEGIN { print (x > w ? x : w) }')
	printf '  %-10s %9s KB %9s KB %7sx %s\n' "$fmt" "${small#* }" "$big" "$ratio" \
		"$(awk -v x="$ratio" 'BEGIN { print (x <= 1.5 ? "met" : "MISSED") }')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
awk -v w="$worst" 'BEGIN { printf "target fleet lint within 2x of cat: %s (%.2fx at most)\n", (w <= 2 ? "met" : "MISSED"), w }'
awk -v w="$memworst" 'BEGIN { printf "target peak memory of %s hosts within 1.5x of 100, every format: %s (%.2fx at most; each format above)\n", "'"$N"'", (w <= 1.5 ? "met" : "MISSED"), w }'
