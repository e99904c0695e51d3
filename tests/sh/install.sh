#!/bin/sh
# make install and uninstall (README "Building and testing"): PREFIX, or BINDIR, MANDIR and
# DOCDIR one by one, under DESTDIR; the README that --help sends the reader to is
# installed with the binary and the man page.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL install: $1"; fail=$((fail + 1)); return 1; fi
}

# B points make at the build directory of the binary under test (nothing is rebuilt)
bdir=$(dirname "$BIN")
if ! command -v make >/dev/null 2>&1 || [ "$(basename "$BIN")" != esxntp-lint ] ||
	[ ! -f "$bdir/obj/main.o" ]; then
	echo "SKIP install: $BIN is not a build directory's binary"
	exit 0
fi
inst() {	# ARGS...: make install with them
	make -s -C "$top" B="$bdir" "$@" >"$tmp/log" 2>&1 || { cat "$tmp/log"; return 1; }
}
tree() { (cd "$1" && find . ! -type d | sort | tr '\n' ' '); }

inst install DESTDIR="$tmp/a" PREFIX=/usr
check "PREFIX=/usr: $(tree "$tmp/a")" '[ "$(tree "$tmp/a")" = "./usr/bin/esxntp-lint ./usr/share/doc/esxntp-lint/README.md ./usr/share/doc/esxntp-lint/esxntp-lint.ini.example ./usr/share/man/man1/esxntp-lint.1 " ]'
check "the files are the repository's" \
	'cmp -s "$top/README.md" "$tmp/a/usr/share/doc/esxntp-lint/README.md" &&
	 cmp -s "$top/esxntp-lint.1" "$tmp/a/usr/share/man/man1/esxntp-lint.1" &&
	 cmp -s "$BIN" "$tmp/a/usr/bin/esxntp-lint" && [ -x "$tmp/a/usr/bin/esxntp-lint" ]'
check "--help names where the README is installed" \
	'"$tmp/a/usr/bin/esxntp-lint" --help | grep -q "share/doc/esxntp-lint/README.md"'

inst install DESTDIR="$tmp/b" PREFIX=/opt/x BINDIR=/bin MANDIR=/man DOCDIR=/doc
check "BINDIR, MANDIR, DOCDIR: $(tree "$tmp/b")" '[ "$(tree "$tmp/b")" = "./bin/esxntp-lint ./doc/README.md ./doc/esxntp-lint.ini.example ./man/man1/esxntp-lint.1 " ]'
inst uninstall DESTDIR="$tmp/b" PREFIX=/opt/x BINDIR=/bin MANDIR=/man DOCDIR=/doc
check "uninstall removes them all" '[ -z "$(tree "$tmp/b")" ] && [ ! -d "$tmp/b/doc" ]'

echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
