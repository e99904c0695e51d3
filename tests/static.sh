#!/bin/sh
# make check-static: the binary of make static is statically linked (file and ldd say so),
# gives the recorded outputs of every golden case (tests/golden.sh) and reads archives as
# the dynamic one does (tests/sh/bundles.sh).
set -u
bin=${1:?usage: static.sh BINARY}
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0
if command -v file >/dev/null 2>&1; then
	if file -L "$bin" | grep -q 'statically linked'; then
		echo "static: file: $(file -L "$bin" | sed 's/.*: //' | cut -d, -f1-4)"
	else
		echo "FAIL static: file says: $(file -L "$bin")"
		fail=1
	fi
else
	echo "static: file(1) is not installed: only ldd checks the binary"
fi
out=$(ldd "$bin" 2>&1)
case $out in
*"not a dynamic executable"* | *"statically linked"*) echo "static: ldd: $out" ;;
*) echo "FAIL static: ldd lists shared libraries: $out"; fail=1 ;;
esac
ESXNTP_LINT=$bin sh "$top/tests/golden.sh" || fail=1
# libarchive and its gzip, bzip2 and xz readers, linked in
ESXNTP_LINT=$bin sh "$top/tests/sh/bundles.sh" || fail=1
[ "$fail" -eq 0 ] && echo "static: 2 passed, 0 failed" || echo "static: failed"
[ "$fail" -eq 0 ]
