#!/bin/sh
# Golden CLI tests. For each case (corpus/ntpconf/NAME.conf, a lone file, or
# corpus/hosts/NAME/, a host root) the tool's output and exit status must equal
# tests/golden/<kind>/NAME.out, and the findings must be exactly those listed by hand
# in the case's NAME.expect ("LINE:COL CODE", or "FILE:LINE:COL CODE" for hosts; a
# "# args: ..." line gives extra options). A host case also has its --format=json, sarif
# and github outputs recorded (NAME.json, NAME.sarif, NAME.github), with the tool's
# version and the working directory replaced by VERSION and /SRCROOT/ so a version bump
# or another checkout does not break them; those runs must exit as the text run does.
# A CLI case (corpus/cli/NAME/, the files of the runs and a "cmd" file) runs each line of
# cmd ('#' lines say what the case shows) as arguments of esxntp-lint from the case's
# directory, through the shell (quotes and '<' work; $TMP is a scratch directory); a line
# "! COMMAND" runs a shell command there instead. Every run's standard output, standard
# error and exit status must equal tests/golden/cli/NAME.out.
# UPDATE=1 rewrites the recorded outputs.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0 xfail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check_case() {	# kind dir arg expect
	kind=$1 dir=$2 arg=$3 expect=$4
	name=${arg%.conf}
	gold="$top/tests/golden/$kind/$name.out"
	args=$(sed -n 's/^# args: *//p' "$expect" | head -n 1)
	# shellcheck disable=SC2086
	(cd "$dir" && ${VALGRIND:-} "$BIN" --show-source=always --color=never $args "$arg" \
		>"$tmp/out" 2>"$tmp/err"; echo "exit $?" >>"$tmp/out")
	ok=1
	if [ "${UPDATE:-0}" = 1 ]; then
		mkdir -p "$(dirname "$gold")"
		cp "$tmp/out" "$gold"
	elif ! cmp -s "$tmp/out" "$gold"; then
		echo "FAIL $kind/$name: output differs from $gold"
		diff -u "$gold" "$tmp/out" | head -n 40
		ok=0
	fi
	if [ -s "$tmp/err" ]; then
		echo "FAIL $kind/$name: stderr is not empty:"; head -n 5 "$tmp/err"; ok=0
	fi
	[ "$kind" = hosts ] && check_formats "$dir" "$arg" "$name" "$args"
	# findings as "[FILE:]LINE:COL CODE", compared with the hand-written expectation
	if [ "$kind" = ntpconf ]; then
		sed -n 's/^[^ ]*:\([0-9]*\):\([0-9]*\): [a-z]*: .* \[\([A-Z]*[0-9]*\)\]$/\1:\2 \3/p' "$tmp/out"
	else
		sed -n 's/^\([^ ]*\):\([0-9]*\):\([0-9]*\): [a-z]*: .* \[\([A-Z]*[0-9]*\)\]$/\1:\2:\3 \4/p' "$tmp/out"
	fi | sort >"$tmp/got"
	grep -v '^#' "$expect" | grep -v '^[[:space:]]*$' | grep -v -w -F -f "$tmp/pending" |
		sort >"$tmp/want"
	if ! cmp -s "$tmp/got" "$tmp/want"; then
		echo "FAIL $kind/$name: findings differ from $expect (- expected, + got)"
		diff "$tmp/want" "$tmp/got" | grep '^[<>]' | sed 's/^</-/; s/^>/+/'
		ok=0
	fi
	if grep -qx "$kind/$name" "$tmp/xfail"; then
		if [ $ok = 1 ]; then
			echo "XPASS $kind/$name: passes now; remove it from tests/golden-xfail.txt"
			fail=$((fail + 1))
		else
			echo "(xfail $kind/$name: listed in tests/golden-xfail.txt)"
			xfail=$((xfail + 1))
		fi
	elif [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

# A SARIF log carries the whole rule catalog in tool.driver.rules; tests/sh/outputs.sh
# checks it against --list-rules, so a recorded log keeps only its size, and a change to
# one rule's text does not rewrite every recorded log.
fold_catalog() {
	awk '
	!done && /^ *"rules": \[$/ { ind = $0; sub(/".*/, "", ind); n = 0; skip = 1; next }
	skip && $0 == ind "  {" { n++; next }
	skip && ($0 == ind "]" || $0 == ind "],") {
		c = substr($0, length($0)) == "," ? "," : ""
		print ind "\"rules\": \"(" n " rules, the catalog)\"" c
		skip = 0; done = 1; next
	}
	!skip { print }'
}

check_formats() {	# dir arg name args: the other formats of a host case (sets ok)
	want_rc=$(sed -n 's/^exit //p' "$tmp/out")
	for fmt in json sarif github; do
		fgold="$top/tests/golden/hosts/$3.$fmt"
		# shellcheck disable=SC2086
		(cd "$1" && ${VALGRIND:-} "$BIN" --format=$fmt $4 "$2" >"$tmp/fmt" 2>"$tmp/ferr")
		rc=$?
		sed -e "s/\"$vers_re\"/\"VERSION\"/g" \
		    -e 's|"uri": "file://[^"]*/"|"uri": "file:///SRCROOT/"|' "$tmp/fmt" |
			fold_catalog >"$tmp/fmt.n"
		if [ "$rc" != "$want_rc" ]; then
			echo "FAIL hosts/$3: --format=$fmt exits $rc, the text run $want_rc"; ok=0
		fi
		if [ -s "$tmp/ferr" ]; then
			echo "FAIL hosts/$3: --format=$fmt: stderr is not empty:"; head -n 5 "$tmp/ferr"; ok=0
		fi
		if [ "${UPDATE:-0}" = 1 ]; then
			cp "$tmp/fmt.n" "$fgold"
		elif [ ! -f "$fgold" ]; then
			echo "FAIL hosts/$3: no $fgold: run make update-golden and review it"; ok=0
		elif ! cmp -s "$tmp/fmt.n" "$fgold"; then
			echo "FAIL hosts/$3: --format=$fmt output differs from $fgold"
			diff -u "$fgold" "$tmp/fmt.n" | head -n 40
			ok=0
		fi
	done
}

check_cli() {	# dir
	name=$(basename "$1")
	gold="$top/tests/golden/cli/$name.out"
	rm -rf "$tmp/run" && mkdir "$tmp/run"
	: >"$tmp/out"
	grep -v '^#' "$1/cmd" | grep . >"$tmp/cmds"
	while IFS= read -r line; do
		case $line in
		"!"*)
			echo "\$ ${line#!}"
			(cd "$1" && TMP="$tmp/run" && eval "${line#!}") >"$tmp/o" 2>"$tmp/e" </dev/null ;;
		*)
			echo "\$ esxntp-lint $line"
			# shellcheck disable=SC2034 # TMP is for the eval'd line
			(cd "$1" && TMP="$tmp/run" && eval "${VALGRIND:-} \"\$BIN\" $line") \
				>"$tmp/o" 2>"$tmp/e" </dev/null ;;
		esac
		echo "exit $?" >"$tmp/rc"
		cat "$tmp/o"
		if [ -s "$tmp/e" ]; then echo "[stderr]"; cat "$tmp/e"; fi
		cat "$tmp/rc"
	done <"$tmp/cmds" | sed -e "s/\"$vers_re\"/\"VERSION\"/g" -e "s|$top|/SRCROOT|g" \
		-e "s|$tmp/run|\$TMP|g" | fold_catalog >"$tmp/out"
	if [ "${UPDATE:-0}" = 1 ]; then
		mkdir -p "$(dirname "$gold")"
		cp "$tmp/out" "$gold"
	elif ! cmp -s "$tmp/out" "$gold"; then
		echo "FAIL cli/$name: output differs from $gold"
		diff -u "$gold" "$tmp/out" | head -n 40
		fail=$((fail + 1))
		return
	fi
	pass=$((pass + 1))
}

# the version as a sed pattern (its dots escaped), normalised out of recorded outputs
vers_re=$("$BIN" --version | sed -n '1s/^esxntp-lint //p' | sed 's/[.]/\\./g')
[ -n "$vers_re" ] || { echo "FAIL: no version in '$BIN --version'"; exit 1; }

# codes listed in tests/golden-pending.txt are not implemented yet: not compared
grep -v '^#' "$top/tests/golden-pending.txt" 2>/dev/null | tr ' ' '\n' | grep . >"$tmp/pending" ||
	echo "NONE-PENDING" >"$tmp/pending"
grep -v '^#' "$top/tests/golden-xfail.txt" 2>/dev/null >"$tmp/xfail" || : >"$tmp/xfail"

for f in "$top"/corpus/ntpconf/*.conf; do
	[ -f "$f" ] || continue
	check_case ntpconf "$top/corpus/ntpconf" "$(basename "$f")" "${f%.conf}.expect"
done
for d in "$top"/corpus/hosts/*/; do
	[ -d "$d" ] || continue
	n=$(basename "$d")
	[ -f "$top/corpus/hosts/$n.expect" ] || { echo "FAIL hosts/$n: no $n.expect"; fail=$((fail + 1)); continue; }
	check_case hosts "$top/corpus/hosts" "$n" "$top/corpus/hosts/$n.expect"
done
for d in "$top"/corpus/cli/*/; do
	[ -f "$d/cmd" ] || continue
	check_cli "${d%/}"
done
# a recorded output whose case is gone (renamed or removed) would never be compared again
for g in "$top"/tests/golden/hosts/*.* "$top"/tests/golden/ntpconf/*.out "$top"/tests/golden/cli/*.out; do
	[ -f "$g" ] || continue
	n=$(basename "$g"); n=${n%.*}
	case $g in
	*/ntpconf/*) [ -f "$top/corpus/ntpconf/$n.conf" ] ;;
	*/cli/*) [ -f "$top/corpus/cli/$n/cmd" ] ;;
	*) [ -d "$top/corpus/hosts/$n" ] ;;
	esac || { echo "FAIL: $g has no corpus case: remove it"; fail=$((fail + 1)); }
done
[ "$xfail" = 0 ] || echo "golden: $xfail known failures listed in tests/golden-xfail.txt"
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
