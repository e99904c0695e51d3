#!/bin/sh
# Every rule of --list-rules is tested both ways: a corpus case whose .expect lists it
# (the golden test checks .expect against the output), else a unit or shell test naming
# it; and a case where it runs and stays silent. Every rule has --explain text saying
# what it checks (before its "Why:" line), why ("Why:") and how to fix it ("Fix:").
# No code of the shared catalog ../shared/reference/rules.md is lost, nor renamed: codes
# and names are stable (configurations and baselines name them). Its severities, fix
# classes and texts were the first specification; the project's own catalog
# (--list-rules, --explain, README) follows the evidence now, so they are not compared.
# VERBOSE=1 prints the evidence found for each rule.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${ESXNTP_SHARED:-$top/../shared}	# another copy, or none, to try the skip
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL rule_coverage: $1"; fail=$((fail + 1)); return 1; fi
}

"$BIN" --list-rules >"$tmp/rules"
rc=$?
check "--list-rules exits 0" '[ $rc = 0 ]'
check "--list-rules lists rules" '[ "$(wc -l <"$tmp/rules")" -ge 40 ]'

# cases whose .expect is checked: not xfail; lines of pending codes are not evidence
grep -v '^#' "$top/tests/golden-xfail.txt" 2>/dev/null >"$tmp/xfail" || : >"$tmp/xfail"
grep -v '^#' "$top/tests/golden-pending.txt" 2>/dev/null | tr ' ' '\n' | grep . >"$tmp/pending" ||
	: >"$tmp/pending"

# one line a case: "kind/name|args|input families present|codes it fires"
for e in "$top"/corpus/ntpconf/*.expect "$top"/corpus/hosts/*.expect; do
	name=$(basename "$e" .expect)
	kind=$(basename "$(dirname "$e")")
	grep -qx "$kind/$name" "$tmp/xfail" && continue
	if [ "$kind" = ntpconf ]; then
		[ -f "${e%.expect}.conf" ] || continue
		has=NTP
	else
		d=${e%.expect}
		[ -d "$d" ] || continue
		# the firewall rules judge every host (no esx.conf is FW011's case)
		has="ESX FS FW"
		[ -f "$d/etc/ntp.conf" ] && has="$has NTP"
		[ -f "$d/etc/ntp/step-tickers" ] && has="$has STK"
		[ -f "$d/etc/hosts" ] && has="$has HST"
		{ [ -f "$d/etc/rc.d/init.d/ntpd" ] || [ -f "$d/etc/init.d/ntpd" ]; } && has="$has SVC"
	fi
	args=$(sed -n 's/^# args: *//p' "$e" | head -n 1)
	codes=$(grep -v '^#' "$e" | awk 'NF { print $NF }' | grep -v -x -F -f "$tmp/pending" |
		sort -u | tr '\n' ' ')
	echo "$kind/$name|$args|$has|$codes" >>"$tmp/cases"
done
check "the corpus has cases" '[ "$(wc -l <"$tmp/cases")" -gt 50 ]'

# does a case's "# args:" keep the rule from running?
runs_in() {	# args code name family
	for a in $1; do
		case $a in
		--disable=*)
			for x in $(echo "${a#--disable=}" | tr ',' ' '); do
				[ "$x" = "$2" ] || [ "$x" = "$3" ] || [ "$x" = "$4" ] && return 1
			done ;;
		--enable=*)
			for x in $(echo "${a#--enable=}" | tr ',' ' '); do
				[ "$x" = "$2" ] || [ "$x" = "$3" ] || [ "$x" = "$4" ] && return 0
			done
			return 1 ;;
		esac
	done
	return 0
}

while read -r code name sev fix summary; do
	fam=$(echo "$code" | sed 's/[0-9]*$//')
	fires="" quiet="" quiet_fam=""
	while IFS='|' read -r cname cargs chas ccodes; do
		runs_in "$cargs" "$code" "$name" "$fam" || continue
		case " $chas " in *" $fam "*) ;; *) continue ;; esac
		case " $ccodes " in
		*" $code "*) [ -n "$fires" ] || fires=$cname ;;
		*)
			# a silent case counts only if it changed something of clean_host; best if
			# another rule of the family fires there, so the rule saw a file with faults
			[ "$cname" = hosts/clean_host ] && continue
			[ -n "$quiet" ] || quiet=$cname
			if [ -z "$quiet_fam" ]; then
				for c in $ccodes; do
					case $c in "$fam"[0-9]*) quiet_fam=$cname; break ;; esac
				done
			fi ;;
		esac
	done <"$tmp/cases"
	# a rule no corpus case can show (modes and owners git does not keep): a unit or
	# shell test that names it
	if [ -z "$fires" ]; then
		t=$(grep -l -w -e "$code" -e "R_$code" "$top"/tests/unit/*.c "$top"/tests/sh/*.sh 2>/dev/null |
			grep -v -e rule_coverage.sh -e outputs.sh | head -n 1)
		[ -n "$t" ] && fires="test $(basename "$t")"
	fi
	check "$code fires in a case (corpus .expect, or a test)" '[ -n "$fires" ]'
	check "$code runs and stays silent in a case that is not clean_host" '[ -n "$quiet" ]'
	[ "${VERBOSE:-0}" = 1 ] &&
		echo "$code: fires in ${fires:-NONE}; silent in ${quiet_fam:-${quiet:-NONE}}"

	# --explain: the rule's heading, then what it checks, why, and the fix
	"$BIN" --explain="$code" >"$tmp/explain" 2>&1
	rc=$?
	check "--explain=$code exits 0 and names the rule" \
		'[ $rc = 0 ] && head -n 1 "$tmp/explain" | grep -q "^$code $name ($sev; fix: "'
	check "--explain=$code says what it checks, why, and how to fix it" \
		'[ "$(awk "NR > 4 && /^Why:/ { exit } NR > 4 { n += NF } END { print n + 0 }" \
			"$tmp/explain")" -ge 4 ] &&
		grep -q "^Why: ." "$tmp/explain" && grep -q "^Fix: ." "$tmp/explain"'
	# a name several families share ('syntax-error') is no rule's own
	if [ "$(awk -v n="$name" '$2 == n' "$tmp/rules" | wc -l)" = 1 ]; then
		"$BIN" --explain="$name" >"$tmp/byname" 2>&1
		check "--explain=$name is --explain=$code" 'cmp -s "$tmp/explain" "$tmp/byname"'
	fi
done <"$tmp/rules"

"$BIN" --explain=NTP999 >/dev/null 2>"$tmp/err"
rc=$?
check "--explain of an unknown code is a usage error" '[ $rc = 2 ] && [ -s "$tmp/err" ]'

# the catalog: each row of rules.md's tables as "code name"
cat="$shared/reference/rules.md"
if [ ! -f "$cat" ]; then
	echo "SKIP rule_coverage: rules.md: ../shared is not there"
else
	sed -n 's/^| *\([A-Z][A-Z]*[0-9][0-9][0-9]\) *| *\([^ |]*\) *|.*/\1 \2/p' "$cat" |
		sort >"$tmp/catalog"
	awk '{ print $1, $2 }' "$tmp/rules" | sort >"$tmp/listed"
	check "rules.md has rules ($(wc -l <"$tmp/catalog"))" '[ "$(wc -l <"$tmp/catalog")" -ge 40 ]'
	# every code of the catalog, with its name
	awk 'NR == FNR { want[$1] = $0; next } { got[$1] = $0 }
	    END { for (c in want) if (!(c in got) || got[c] != want[c])
	            printf "  rules.md: %s\n  --list-rules: %s\n", want[c], (c in got) ? got[c] : c " (missing)" }' \
		"$tmp/catalog" "$tmp/listed" >"$tmp/mismatch"
	check "--list-rules has every code of rules.md, with its name" \
		'[ ! -s "$tmp/mismatch" ]' || cat "$tmp/mismatch"
	# rules.md lets the tool add codes in its families; say which, so the catalog follows
	extra=$(awk 'NR == FNR { want[$1] = 1; next } !($1 in want) { printf " %s", $1 }' \
		"$tmp/catalog" "$tmp/listed")
	[ -z "$extra" ] || echo "note rule_coverage: rules not in rules.md (added in their families):$extra"
	check "an added rule belongs to a family of rules.md" \
		'for c in $extra; do f=$(echo "$c" | sed "s/[0-9]*$//");
			grep -q "^$f[0-9]" "$tmp/catalog" || exit 1; done'
fi

echo "rule_coverage: $pass passed, $fail failed"
[ "$fail" = 0 ]
