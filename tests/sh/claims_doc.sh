#!/bin/sh
# docs/claims.md covers every rule: each code of --list-rules is named in a "## " heading,
# and every such section holds its claims (a table row "| ... |"). A rule added without
# its claims fails.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
doc=${CLAIMS_DOC:-$top/docs/claims.md}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad() { echo "FAIL claims_doc: $*"; fail=1; }

[ -f "$doc" ] || { bad "$doc is missing"; exit 1; }
"$BIN" --list-rules >"$tmp/rules" || { bad "--list-rules failed"; exit 1; }
awk '{ print $1 }' "$tmp/rules" >"$tmp/codes"
[ "$(wc -l <"$tmp/codes")" -ge 40 ] || bad "--list-rules lists too few rules"

# each section: its heading's codes, then whether it has a row or a pointer
awk '
	function flush() { if (head != "") print (ok ? "ok" : "empty") "\t" head }
	/^## / { flush(); head = $0; ok = 0; next }
	head != "" && (/^\| .* \|$/ && !/^\|[- |]*\|$/) { ok = 1 }
	END { flush() }' "$doc" >"$tmp/sections"

while read -r code; do
	line=$(grep -E "	##(.*[^A-Z0-9])?$code([^0-9]|$)" "$tmp/sections" | head -n 1)
	if [ -z "$line" ]; then
		bad "$code has no section in docs/claims.md (a '## ... $code ...' heading)"
	elif [ "${line%%	*}" != ok ]; then
		bad "$code: its section has no claim row"
	fi
done <"$tmp/codes"

[ $fail = 0 ] && echo "claims_doc: $(wc -l <"$tmp/codes") rules, each with its claims"
[ $fail = 0 ]
