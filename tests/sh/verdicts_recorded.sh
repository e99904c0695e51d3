#!/bin/sh
# Recorded verdicts: every file that ../shared/reference/ntpd-verdicts (edge/, edge2/) and
# ../shared/realworld/ntp.conf-verdicts.tsv judged with ntpd 4.2.0, 4.2.8 and NTPsec 1.2.2 is
# linted with that --ntp-version; esxntp-lint must accept or reject it as that ntpd did
# (tests/verdicts.sh says what a reject is), or the disagreement must be a row of
# tests/known-differences.tsv. A row no comparison needs any more fails the run too.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=$top/../shared
ref=$shared/reference/ntpd-verdicts
if [ ! -f "$ref/edge_verdicts.tsv" ] || [ ! -f "$ref/edge2_verdicts.tsv" ]; then
	echo "SKIP verdicts_recorded: ../shared/reference/ntpd-verdicts not found (a fresh clone has no team data)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/verdicts.sh"
pass=0 fail=0 known=0

# compare FILE KEY VERSION RECORDED: KEY names the file in known-differences.tsv
compare() {
	case $4 in
	ACCEPT | REJECT) want=$4 ;;
	CRASH*) want=REJECT ;;	# 4.2.0 over 20 words: the recording's rule calls a crash a reject
	*) echo "FAIL verdicts_recorded: $2: unreadable recorded verdict '$4' for $3"; fail=$((fail + 1)); return ;;
	esac
	got=$(our_verdict "$1" "$3")
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	elif known "$2" "$3" "$want" "$got"; then
		known=$((known + 1))
	else
		echo "FAIL verdicts_recorded: $2 --ntp-version=$3: ntpd says $want, esxntp-lint $got"
		sed 's/^/    /' "$tmp/report" | head -n 8
		fail=$((fail + 1))
	fi
}

# table DIR TSV: columns file, ntpd 4.2.0, ntpd 4.2.8, NTPsec 1.2.2 (more are ignored)
table() {
	dir=$1 tsv=$2 n=0
	while IFS="	" read -r f v420 v428 vsec _; do
		f=${f%"$(printf '\r')"}
		[ -f "$dir/$f" ] || { echo "FAIL verdicts_recorded: $dir/$f listed in $tsv is missing"; fail=$((fail + 1)); continue; }
		key=shared/${dir#"$shared"/}/$f
		compare "$dir/$f" "$key" 4.2.0 "$v420"
		compare "$dir/$f" "$key" 4.2.8 "$v428"
		compare "$dir/$f" "$key" ntpsec "$vsec"
		n=$((n + 1))
	done <<-EOT
	$(tail -n +2 "$tsv")
	EOT
	echo "verdicts_recorded: $n files from $(basename "$tsv")"
}

table "$ref/edge" "$ref/edge_verdicts.tsv"
table "$ref/edge2" "$ref/edge2_verdicts.tsv"
rw=$shared/realworld
if [ -f "$rw/ntp.conf-verdicts.tsv" ]; then
	table "$rw/ntp.conf" "$rw/ntp.conf-verdicts.tsv"
else
	echo "verdicts_recorded: no ../shared/realworld/ntp.conf-verdicts.tsv; real-world files not compared"
fi

for row in $(known_unseen '^shared/(reference|realworld)/' '4.2.0 4.2.8 ntpsec' | tr ' ' ':'); do
	echo "FAIL verdicts_recorded: tests/known-differences.tsv: ${row%:*} --ntp-version=${row##*:} agrees now; remove the row"
	fail=$((fail + 1))
done
echo "verdicts_recorded: $pass agree, $known known differences, $fail failed"
[ "$fail" = 0 ]
