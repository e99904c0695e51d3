#!/bin/sh
# Runs every libFuzzer target in DIR for SECONDS each (make fuzz FUZZTIME=N).
# Seeds: corpus/KIND/* for target fuzz_KIND, the regression cases in corpus/fuzz/KIND/,
# for fuzz_stk, fuzz_hosts and fuzz_esxconf the file of that kind of every host tree of
# the corpus, and for fuzz_host every host tree packed into one input (see
# fuzz/fuzz_host.c). The growing corpus stays in DIR/corpus/KIND; a crash is saved in
# DIR/artifacts/ and fails the run. Prints each target's execution count.
set -u
dir=${1:?usage: fuzz.sh DIR SECONDS}
secs=${2:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0
# a small quarantine: the default 256 MB makes every run touch fresh pages, halving speed
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16}"
mkdir -p "$dir/artifacts" "$dir/seeds"

# the order of fuzz/fuzz_host.c's host_files[]
host_files="etc/ntp.conf etc/hosts etc/ntp/step-tickers etc/vmware-release etc/ntp/extra.conf
etc/vmware/esx.conf etc/sysconfig/ntpd etc/ntp.d/a.conf etc/rc.d/init.d/ntpd etc/rc.d/rc3.d/S58ntpd
etc/vmware/.buildInfo etc/openwsman/identify.xml etc/chkconfig.db etc/init.d/ntpd
etc/vmware/service/service.xml"
marks="0 1 2 3 4 5 6 7 8 9 a b c d e f g h i j k l m n o p q r s t u v w x y z"

pack_host() {	# ROOT: prints the tree as one fuzz_host input
	i=0
	for f in $host_files; do
		if [ -f "$1/$f" ]; then
			# shellcheck disable=SC2086
			[ $i = 0 ] || printf '\n@@%s\n' "$(echo $marks | cut -d' ' -f$((i + 1)))"
			cat "$1/$f"
		fi
		i=$((i + 1))
	done
}

host_path() {	# KIND: the file of a host tree that target fuzz_KIND parses, if any
	case $1 in
	stk) echo etc/ntp/step-tickers ;;
	hosts) echo etc/hosts ;;
	esxconf) echo etc/vmware/esx.conf ;;
	esac
}

seeds_for() {	# KIND: prints the seed directories of target fuzz_KIND
	kind=$1
	if [ "$kind" = host ]; then
		s="$dir/seeds/host"
		rm -rf "$s"; mkdir -p "$s"
		n=0
		for root in "$top"/corpus/example-host "$top"/corpus/hosts/*/; do
			[ -d "$root/etc" ] || continue
			n=$((n + 1))
			pack_host "$root" >"$s/tree$n"
		done
		for f in "$top"/corpus/ntpconf/*.conf; do
			[ -f "$f" ] && cp "$f" "$s/"
		done
		echo "$s"
	elif [ -n "$(host_path "$kind")" ]; then
		s="$dir/seeds/$kind"
		rm -rf "$s"; mkdir -p "$s"
		n=0
		for root in "$top"/corpus/example-host "$top"/corpus/hosts/*/; do
			[ -f "$root/$(host_path "$kind")" ] || continue
			n=$((n + 1))
			cp "$root/$(host_path "$kind")" "$s/file$n"
		done
		echo "$s"
	elif [ -d "$top/corpus/$kind" ]; then
		echo "$top/corpus/$kind"
	fi
	[ -d "$top/corpus/fuzz/$kind" ] && echo "$top/corpus/fuzz/$kind"
}

for bin in "$dir"/fuzzers/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	kind=${name#fuzz_}
	work="$dir/corpus/$kind"
	mkdir -p "$work"
	# shellcheck disable=SC2046
	"$bin" -max_total_time="$secs" -timeout=10 -max_len=32768 -print_final_stats=1 \
		-artifact_prefix="$dir/artifacts/$name-" "$work" $(seeds_for "$kind") \
		>"$dir/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$name.log" | tail -n 1)
	if [ $rc != 0 ]; then
		echo "FAIL $name: exit $rc after ${runs:-?} runs; see $dir/$name.log"
		grep -m 5 -E 'ERROR|oracle failed|Test unit written' "$dir/$name.log"
		fail=$((fail + 1))
	else
		echo "$name: ${runs:-?} runs in ${secs}s, no crash"
	fi
done
[ "$fail" = 0 ]
