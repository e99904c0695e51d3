#!/bin/sh
# The man page and --help name the same options; README's Usage names them too; mandoc
# finds nothing to say about the page; make install puts it in share/man/man1; NO_COLOR
# (as the page says) keeps colour off a terminal, an empty one does not.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
man=$top/esxntp-lint.1
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL manpage: $1"; fail=$((fail + 1)); return 1; fi
}

# long options as "--name": from --help's option column, and from the page's
# '.Fl \-name' (mdoc escapes the second dash)
"$BIN" --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u >"$tmp/help"
sed -n 's/^\.It Fl [A-Za-z] , Fl \\-\([a-z][a-z-]*\).*/--\1/p; s/^\.It Fl \\-\([a-z][a-z-]*\).*/--\1/p' \
	"$man" | sort -u >"$tmp/man"
check "--help lists options ($(wc -l <"$tmp/help"))" '[ "$(wc -l <"$tmp/help")" -ge 20 ]'
check "every --help option has an entry in esxntp-lint.1, and no other" \
	'cmp -s "$tmp/help" "$tmp/man"' ||
	diff "$tmp/help" "$tmp/man" | sed -n 's/^< /  only in --help: /p; s/^> /  only in the man page: /p'
# short options: -h and -V
"$BIN" --help | sed -n 's/^ *\(-[A-Za-z]\),.*/\1/p' | sort >"$tmp/hshort"
sed -n 's/^\.It Fl \([A-Za-z]\) , .*/-\1/p' "$man" | sort >"$tmp/mshort"
check "the short options agree" '[ -s "$tmp/hshort" ] && cmp -s "$tmp/hshort" "$tmp/mshort"'
# the comparison must be able to fail
sed '/^\.It Fl \\-resolve/d' "$man" >"$tmp/less.1"
sed -n 's/^\.It Fl \\-\([a-z][a-z-]*\).*/--\1/p' "$tmp/less.1" | sort -u >"$tmp/less"
check "a missing entry would be seen" '! grep -qx -- --resolve "$tmp/less"'

# README's Usage section names every long option too
sed -n '/^## Usage/,/^## /p' "$top/README.md" >"$tmp/usage"
missing=""
for o in $(cat "$tmp/help"); do grep -q -- "$o" "$tmp/usage" || missing="$missing $o"; done
check "README Usage names every option of --help${missing:+ (missing:$missing)}" '[ -z "$missing" ]'

# the exit statuses and formats --help gives are those of the page
for f in text json sarif github gitlab checkstyle junit; do
	check "the page describes --format=$f" 'grep -q "^\.Cm $f" "$man"'
done
check "the page has the sections a man page needs" \
	'for s in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -qx "\.Sh $s" "$man" || exit 1; done'

if command -v mandoc >/dev/null 2>&1; then
	# what depends on the machine (manuals installed or not, their index) is left out
	mandoc -T lint "$man" 2>&1 | grep -v -e 'referenced manual not found' -e 'mandoc\.db' \
		>"$tmp/lint"
	check "mandoc -T lint is clean" '[ ! -s "$tmp/lint" ]' || head -n 10 "$tmp/lint"
else
	echo "SKIP manpage: mandoc -T lint: mandoc is not installed"
fi

# make install copies the page; B points make at the binary under test
bdir=$(dirname "$BIN")
if command -v make >/dev/null 2>&1 && [ "$(basename "$BIN")" = esxntp-lint ] &&
	[ -f "$bdir/obj/main.o" ]; then
	make -s -C "$top" B="$bdir" install DESTDIR="$tmp/stage" PREFIX=/usr >"$tmp/install" 2>&1
	check "make install DESTDIR PREFIX=/usr puts the page in share/man/man1" \
		'cmp -s "$man" "$tmp/stage/usr/share/man/man1/esxntp-lint.1" &&
		[ -x "$tmp/stage/usr/bin/esxntp-lint" ]' || head -n 5 "$tmp/install"
else
	echo "SKIP manpage: make install: $BIN is not a build directory's binary"
fi

# NO_COLOR on a terminal (script(1) gives one)
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	esc=$(printf '\033')
	tty_run() {	# NO_COLOR value, "unset" for none
		if [ "$1" = unset ]; then
			env -u NO_COLOR script -qec "'$BIN' --show-source=never '$top/corpus/example-host'" /dev/null
		else
			NO_COLOR=$1 script -qec "'$BIN' --show-source=never '$top/corpus/example-host'" /dev/null
		fi
	}
	check "colour on a terminal" 'tty_run unset | grep -q "$esc\["'
	check "NO_COLOR=1: no colour on a terminal" '! tty_run 1 | grep -q "$esc\["'
	check "an empty NO_COLOR counts as unset" 'tty_run "" | grep -q "$esc\["'
else
	echo "SKIP manpage: NO_COLOR: script(1) cannot make a terminal here"
fi

echo "manpage: $pass passed, $fail failed"
[ "$fail" = 0 ]
