#!/bin/sh
# Where the config file is found (README "Configuration"): in the current directory or
# the nearest parent, up to the first directory that holds .git, never above it; a config
# file applies to roots given by absolute path too; --config and --no-config. The
# settings themselves, their precedence and errors are golden cases (corpus/cli/config_*).
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL config: $1"; fail=$((fail + 1)); fi
}

# a lone ntp.conf with one finding: NTP031 (info), so --fail-on says whether a file applied
mkdir -p "$tmp/top/repo/sub/deeper" "$tmp/top/repo/.git"
printf 'restrict default kod nomodify notrap noquery\nrestrict 127.0.0.1\ndriftfile /var/lib/ntp/drift\nserver 10.0.0.1\n' \
	>"$tmp/top/repo/sub/deeper/ntp.conf"
printf '[esxntp-lint]\nfail-on = info\n' >"$tmp/top/esxntp-lint.ini"
status() {	# DIR ARGS...: the exit status of a run from DIR
	d=$1; shift
	(cd "$d" && "$BIN" "$@" >/dev/null 2>"$tmp/err"); echo $?
}
check "a file above the repository's top (.git) is not read" \
	'[ "$(status "$tmp/top/repo/sub/deeper" ntp.conf)" = 0 ]'
printf '[esxntp-lint]\nfail-on = info\n' >"$tmp/top/repo/esxntp-lint.ini"
check "the file at the repository's top is read from a subdirectory" \
	'[ "$(status "$tmp/top/repo/sub/deeper" ntp.conf)" = 1 ]'
printf '[esxntp-lint]\nfail-on = error\n' >"$tmp/top/repo/sub/esxntp-lint.ini"
check "the nearest file wins, alone (not merged with the one above)" \
	'[ "$(status "$tmp/top/repo/sub/deeper" ntp.conf)" = 0 ]'
check "it applies to a root given by absolute path" \
	'[ "$(status "$tmp/top/repo/sub" --fail-on=info "$tmp/top/repo/sub/deeper/ntp.conf")" = 1 ]'
check "--no-config reads none" \
	'[ "$(status "$tmp/top/repo" --no-config sub/deeper/ntp.conf)" = 0 ]'
rm -rf "$tmp/top/repo/.git"
check "without .git the search goes on up" \
	'[ "$(status "$tmp/top/repo/sub/deeper" ntp.conf)" = 0 ] &&
	 rm "$tmp/top/repo/sub/esxntp-lint.ini" "$tmp/top/repo/esxntp-lint.ini" &&
	 [ "$(status "$tmp/top/repo/sub/deeper" ntp.conf)" = 1 ]'
# .git may be a file (a worktree or submodule)
: >"$tmp/top/repo/.git"
check "a .git file stops the search too" '[ "$(status "$tmp/top/repo/sub/deeper" ntp.conf)" = 0 ]'
# an error in a file found further up names it in full
printf '[esxntp-lint]\nfail-on = sometimes\n' >"$tmp/top/repo/esxntp-lint.ini"
st=$(status "$tmp/top/repo/sub/deeper" ntp.conf)
check "an error in a parent's file names its path: $(cat "$tmp/err")" \
	'[ "$st" = 2 ] && [ "$(cat "$tmp/err")" = "$tmp/top/repo/esxntp-lint.ini:2: error: fail-on takes error, warning, info or never, not '"'sometimes'"'" ]'
check "--list-rules reads no config file" \
	'[ "$(status "$tmp/top/repo/sub/deeper" --list-rules)" = 0 ]'
# a directory named esxntp-lint.ini is no config file
rm "$tmp/top/repo/esxntp-lint.ini" && mkdir "$tmp/top/repo/sub/esxntp-lint.ini"
check "a directory of that name is skipped" '[ "$(status "$tmp/top/repo/sub/deeper" ntp.conf)" = 0 ]'

# the example in the repository is a valid file, and so is every setting it shows
top=$(cd "$(dirname "$0")/../.." && pwd)
ex=$top/docs/esxntp-lint.ini.example
check "docs/esxntp-lint.ini.example is valid" \
	'[ "$(status "$tmp" --config="$ex" --fail-on=never "$top/corpus/example-host")" = 0 ]'
sed 's/^; \([a-z-]* = \)/\1/' "$ex" >"$tmp/all.ini"
"$BIN" --no-config --write-baseline="$tmp/.esxntp-lint-baseline.json" "$top/corpus/example-host" 2>/dev/null
check "with every setting it shows" \
	'[ "$(grep -c "^[a-z-]* = " "$tmp/all.ini")" -gt 15 ] &&
	 [ "$(status "$tmp" --config="$tmp/all.ini" --fail-on=never "$top/corpus/example-host")" = 0 ]'

echo "config: $pass passed, $fail failed"
[ "$fail" = 0 ]
