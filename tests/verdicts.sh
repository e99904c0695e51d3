# Shared by tests/sh/verdicts_*.sh (sourced, never run alone): what "esxntp-lint rejects a
# file" means when its verdict is compared with a real ntpd's, and the known differences.
#
# ntpd nearly never refuses to start over ntp.conf content (a word over 1024 bytes, and on
# NTPsec an unknown refclock driver, make it exit); it drops a statement and runs on. The
# recorded verdicts (../shared/reference/ntpd-oracle.md, "Verdict rules") call a file
# REJECTed when the ntpd dropped a statement as an error: a syntax error (4.2.6+ bison, or
# an over-long word, which makes it exit), a parse-time check that drops the statement
# (4.2.0: any configuration message but the minpoll/maxpoll clamps and the missing-file
# ones; 4.2.8: 'ttl|key|version: invalid argument'), or a crash (4.2.0, over 20 words).
#
# esxntp-lint says REJECT when it reports one of these codes (rules.md: "NTP001-NTP004 mirror
# what the target ntpd rejects"):
#   NTP001 syntax-error           the target does not parse the statement
#   NTP002 bad-value              it parses, but the target drops it for the value
#   NTP004 not-in-target-version  the target lacks the form (another ntpd has it)
# and not for NTP003 (CR LF line ends): NTP003 is reported once per file at the first CR,
# wherever the CR lands; what 4.2.0 drops because of a CR is reported as NTP001 on the word
# it glues to ('noquery\r', edge 83: REJECT), while a CR after an address or a host name
# does no harm (edge 69: ACCEPT). The misreadings that ntpd does not log (NTP005-NTP009) are
# warnings and never a REJECT. In a template (FS004), the markup lines get no finding of
# their own: FS004 is then an error exactly when the target drops one of them (else a
# warning), and counts as a REJECT.
VERDICT_CODES=NTP001,NTP002,NTP004,FS004

# our_verdict FILE VERSION: prints ACCEPT or REJECT; the report is left in $tmp/report
our_verdict() {
	"$BIN" --ntp-version="$2" --enable=$VERDICT_CODES --fail-on=error --color=never \
		--show-source=never "$1" >"$tmp/report" 2>&1 </dev/null
	st=$?
	case $st in
	0) echo ACCEPT ;;
	1) echo REJECT ;;
	*) echo "ERROR(exit $st)" ;;
	esac
}

# tests/known-differences.tsv: FILE VERSION NTPD OURS REASON, one row a known disagreement.
# FILE is corpus/... (the project's) or shared/... (../shared). known FILE VERSION NTPD OURS
# succeeds when that disagreement is listed, and marks the row as seen.
known_diffs=$top/tests/known-differences.tsv
known() {
	if awk -F'\t' -v f="$1" -v v="$2" -v n="$3" -v o="$4" \
	    '$1 == f && $2 == v && $3 == n && $4 == o { found = 1 } END { exit !found }' "$known_diffs"; then
		printf '%s\t%s\n' "$1" "$2" >>"$tmp/seen"
		return 0
	fi
	return 1
}

# known_unseen PATTERN: the rows whose FILE matches PATTERN (awk regex) and VERSION is one
# of those compared, but that no comparison used: the disagreement is gone, so the row is stale
known_unseen() {
	touch "$tmp/seen"
	awk -F'\t' -v pat="$1" -v vers=" $2 " 'FILENAME == ARGV[1] { seen[$1 "\t" $2] = 1; next }
	    FNR > 1 && $1 ~ pat && index(vers, " " $2 " ") && !(($1 "\t" $2) in seen) { print $1 " " $2 }' \
		"$tmp/seen" "$known_diffs"
}
