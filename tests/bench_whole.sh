#!/bin/sh
# make bench, the whole process as a user runs it: esxntp-lint (text and JSON) beside
# `cat` of the files it reads and augtool (Debian's augeas-tools: the Ntp and Hosts
# lenses) parsing the same ntp.conf and hosts files, on
#   - a large low-finding ntp.conf (gen_conf, as the parse bench) and a large
#     finding-heavy one (about a finding a line: duplicate servers, weak default
#     restricts, bad values, repeated keys lines, unknown flags),
#   - fleets of 100 and of 10,000 small ESX 3 host roots (gen_fleet),
# then the cases of tests/unit/scale_cases.c at 1x, 2x and 4x (they were quadratic).
# Figures are cpu seconds (user + system), the best of BENCH_RUNS runs (default 3), with
# the wall time and peak RSS of that run; the machine's load average is printed, as
# other work on a shared machine slows wall time most.
#   sh tests/bench_whole.sh /abs/esxntp-lint /abs/build
set -eu
BIN=${1:?usage: bench_whole.sh BIN BUILDDIR}
B=${2:?usage: bench_whole.sh BIN BUILDDIR}
D=$B/bench
RUNS=${BENCH_RUNS:-3}
FLEET=${BENCH_FLEET:-10000}
mkdir -p "$D"
if [ ! -x /usr/bin/time ]; then
	echo "SKIP bench_whole: /usr/bin/time is not installed"
	exit 0
fi
AUG=$(command -v augtool || true)

# best of RUNS: prints "cpu wall rss_kb" of the run with the least cpu
best() {	# command...
	b=
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -o "$D/time.out" -f '%U %S %e %M' "$@" >/dev/null 2>&1 || true
		r=$(tail -n 1 "$D/time.out" | awk '{ printf "%.2f %.2f %d", $1 + $2, $3, $4 }')
		b=$(printf '%s\n%s\n' "$b" "$r" | awk 'NF == 3' | sort -n | head -n 1)
		i=$((i + 1))
	done
	echo "$b"
}

# the finding-heavy file: a finding or two on each of five lines of six
gen_heavy() {	# bytes file
	awk -v bytes="$1" 'BEGIN {
		print "restrict 127.0.0.1"
		print "restrict default kod nomodify notrap nopeer noquery"
		print "driftfile /var/lib/ntp/drift"
		for (i = 0; n < bytes; i++) {
			k = i % 6
			a = sprintf("10.%d.%d.%d", int(i / 62500) % 256, int(i / 250) % 250, i % 250 + 1)
			if (k == 0) l = "server 10.0.0.1 iburst"
			else if (k == 1) l = "restrict default notrap"
			else if (k == 2) l = "server " a " version 9"
			else if (k == 3) l = "# a comment line, as the files have"
			else if (k == 4) l = "keys /etc/ntp/keys"
			else l = "restrict " a " mask 255.255.255.255 nomodfy notrap"
			print l
			n += length(l) + 1
		}
	}' >"$2"
}

echo "the whole process, cpu s (user + sys), best of $RUNS; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cpu, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

# ---- large files
low=$D/conf-12.5.conf
[ -f "$low" ] || "$B/gen_conf" 12500000 "$low"
heavy=$D/heavy-12.5.conf
[ -f "$heavy" ] || gen_heavy 12500000 "$heavy"
echo
printf '%-26s %10s %8s %8s %10s %8s %9s %9s\n' input bytes "cpu s" "wall s" "peak RSS" RSS/in \
	"aug/tool" "tool/cat"
for f in "$low" "$heavy"; do
	n=$(wc -c <"$f")
	name=$(basename "$f" .conf)
	set -- $(best cat "$f")
	cat_cpu=$1
	printf '%-26s %10s %8s %8s %7s KB\n' "cat $name" "$n" "$1" "$2" "$3"
	aug_cpu=
	if [ -n "$AUG" ]; then
		# augtool reads the file as a root's /etc/ntp.conf: a root of that one file
		r=$D/aug-$name
		mkdir -p "$r/etc"
		[ -f "$r/etc/ntp.conf" ] || ln -f "$f" "$r/etc/ntp.conf" 2>/dev/null || cp "$f" "$r/etc/ntp.conf"
		set -- $(best "$AUG" -r "$r" -L -A --transform 'Ntp incl /etc/ntp.conf' load)
		aug_cpu=$1
		printf '%-26s %10s %8s %8s %7s KB\n' "augtool $name" "$n" "$1" "$2" "$3"
	fi
	for fmt in text json; do
		set -- $(best "$BIN" --fail-on=never --format=$fmt "$f")
		printf '%-26s %10s %8s %8s %7s KB %7.2fx %8s %8s\n' "esxntp-lint $fmt $name" "$n" \
		    "$1" "$2" "$3" "$(awk -v r="$3" -v n="$n" 'BEGIN { print r * 1024 / n }')" \
		    "$(awk -v a="$aug_cpu" -v t="$1" 'BEGIN { if (a == "") print "-"; else printf "%.1fx", a / (t > 0 ? t : 0.005) }')" \
		    "$(awk -v c="$cat_cpu" -v t="$1" 'BEGIN { printf "%.1fx", t / (c > 0 ? c : 0.005) }')"
	done
done

# ---- fleets
echo
printf '%-26s %10s %8s %8s %10s %9s %9s\n' fleet bytes "cpu s" "wall s" "peak RSS" "tool/cat" \
	"aug/tool"
for hosts in 100 "$FLEET"; do
	fl=$D/fleet-$hosts
	if [ ! -f "$fl/h$(printf '%05d' $((hosts - 1)))/var/lib/ntp/drift" ] || [ "$fl" -ot "$B/gen_fleet" ]; then
		rm -rf "$fl"
		"$B/gen_fleet" "$hosts" "$fl"
	fi
	# the files esxntp-lint reads (not the drift file, nor the rc links)
	find "$fl" -type f ! -name drift | sort >"$fl.files"
	n=$(xargs cat <"$fl.files" | wc -c)
	set -- $(best sh -c "xargs cat <'$fl.files' >/dev/null")
	cat_cpu=$1
	printf '%-26s %10s %8s %8s %7s KB\n' "cat $hosts hosts" "$n" "$1" "$2" "$3"
	aug_cpu=
	if [ -n "$AUG" ]; then
		set -- $(best "$AUG" -r "$fl" -L -A --transform 'Ntp incl /*/etc/ntp.conf' \
		    --transform 'Hosts incl /*/etc/hosts' load)
		aug_cpu=$1
		printf '%-26s %10s %8s %8s %7s KB   (ntp.conf and hosts only)\n' "augtool $hosts hosts" \
		    "$(cat "$fl"/*/etc/ntp.conf "$fl"/*/etc/hosts | wc -c)" "$1" "$2" "$3"
	fi
	for fmt in text json; do
		set -- $(best sh -c "cd '$fl' && exec '$BIN' --fail-on=never --format=$fmt h*")
		printf '%-26s %10s %8s %8s %7s KB %8s %8s\n' "esxntp-lint $fmt $hosts" "$n" "$1" "$2" "$3" \
		    "$(awk -v c="$cat_cpu" -v t="$1" 'BEGIN { printf "%.2fx", t / (c > 0 ? c : 0.005) }')" \
		    "$(awk -v a="$aug_cpu" -v t="$1" 'BEGIN { if (a == "") print "-"; else printf "%.1fx", a / (t > 0 ? t : 0.005) }')"
	done
done

# ---- the cases that were quadratic, at 1x, 2x, 4x (tests/unit/scale_cases.c)
echo
echo "cases that were quadratic (tests/unit/scale_cases.c), esxntp-lint text, 1x = 4 times the unit test's size:"
printf '%-16s %8s %8s %8s %8s %12s\n' case 1x "cpu s" "2x" "4x" "cpu 4x/1x"
"$B/gen_scale" -l | while IFS='	' read -r name kind unit grows args what; do
	[ "$args" = - ] && args=
	line=
	for m in 1 2 4; do
		n=$((unit * 4 * m))
		p=$D/scale-$name-$n
		[ -e "$p" ] || "$B/gen_scale" "$name" "$n" "$p"
		# shellcheck disable=SC2086
		set -- $(best "$BIN" --fail-on=never $args "$p")
		line="$line $1"
	done
	echo "$name $((unit * 4)) $line" | awk '{ printf "%-16s %8s %8s %8s %8s %11.1fx\n", $1, $2, $3, $4, $5, ($3 > 0 ? $5 / $3 : 0) }'
done
echo "(cpu 4x/1x near 4 is linear; a quadratic path gives 16)"
