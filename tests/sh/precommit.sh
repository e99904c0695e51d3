#!/bin/sh
# The pre-commit hook (.pre-commit-hooks.yaml, tools/esxntp-lint-pre-commit) run by the
# pre-commit tool (Debian's pre-commit package) on a test repository, offline: the hook
# repository is a local git repository made here from this checkout's hook files, the
# linter the binary under test (on PATH). Each changed file's whole host root is linted,
# once a root; a file outside any host is skipped; git commit is refused on findings.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL precommit: $1"; fail=$((fail + 1)); return 1; fi
}

for t in pre-commit git; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "SKIP precommit: $t is not installed (apt-get install pre-commit)"
		exit 0
	fi
done

# nothing of the user's: no global git config, pre-commit's cache here, no network
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
mkdir -p "$HOME" "$tmp/bin"
ln -s "$BIN" "$tmp/bin/esxntp-lint"
PATH="$tmp/bin:$PATH"

# the hook repository: this checkout's hook files, committed
hook=$tmp/hookrepo
mkdir -p "$hook/tools"
cp "$top/.pre-commit-hooks.yaml" "$hook/"
cp "$top/tools/esxntp-lint-pre-commit" "$hook/tools/"
(cd "$hook" && git init -q && git add -A && git commit -q -m hooks) || exit 1
rev=$(git -C "$hook" rev-parse HEAD)

# the user's repository: two hosts (esx01 clean, esx02 with findings in several files)
# and a file that belongs to no host
work=$tmp/work
mkdir -p "$work/hosts" "$work/docs"
cp -R "$top/corpus/hosts/clean_host" "$work/hosts/esx01"
cp -R "$top/corpus/example-host" "$work/hosts/esx02"
echo notes >"$work/docs/notes.txt"
cat >"$work/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hook
    rev: $rev
    hooks:
      - id: esxntp-lint
        args: [--show-source=never, --color=never, --no-config]
YAML
(cd "$work" && git init -q && git add .pre-commit-config.yaml && git commit -q -m config) || exit 1

hookrun() {	# files...: pre-commit run on them; $st, $tmp/out
	(cd "$work" && pre-commit run esxntp-lint --files "$@") >"$tmp/out" 2>&1
	st=$?
}

hookrun hosts/esx01/etc/hosts
check "a clean host's file passes" '[ $st = 0 ] && grep -q "^esxntp-lint.*Passed" "$tmp/out"' || cat "$tmp/out"
hookrun hosts/esx02/etc/ntp/step-tickers
check "a host's file fails on the host's findings" '[ $st = 1 ] && grep -q "^esxntp-lint.*Failed" "$tmp/out"'
check "the whole root is linted: esx.conf and ntp.conf findings for a step-tickers change" \
	'grep -q "^etc/vmware/esx.conf:2:40: error: .*\[FW010\]" "$tmp/out" &&
	 grep -q "^etc/ntp.conf:2:22: error: .*\[NTP001\]" "$tmp/out"' || cat "$tmp/out"
hookrun hosts/esx02/etc/ntp.conf hosts/esx02/etc/hosts hosts/esx02/etc/vmware/esx.conf hosts/esx01/etc/ntp.conf
check "each root once, however many of its files changed" \
	'[ $st = 1 ] && [ "$(grep -c "\[FW010\]" "$tmp/out")" = 1 ] &&
	 grep -q "^hosts/esx02/etc/vmware/esx.conf:2:40: " "$tmp/out"' || cat "$tmp/out"
hookrun docs/notes.txt
check "a file of no host: nothing to lint, passes" '[ $st = 0 ] && ! grep -q "\[[A-Z]*[0-9]*\]" "$tmp/out"'
# a host whose ntp.conf is gone: the directory holding etc/ is the root
rm "$work/hosts/esx01/etc/ntp.conf"
hookrun hosts/esx01/etc/hosts
check "without etc/ntp.conf, the directory above etc/ is the root" \
	'[ $st = 1 ] && grep -q "^etc/ntp.conf:1:1: error: .*\[FS001\]" "$tmp/out"' || cat "$tmp/out"
cp "$top/corpus/hosts/clean_host/etc/ntp.conf" "$work/hosts/esx01/etc/ntp.conf"

# as a git hook: a commit of a clean host goes in, one of a host with findings does not
(cd "$work" && pre-commit install >/dev/null 2>&1)
(cd "$work" && git add hosts/esx01 && git commit -q -m esx01) >"$tmp/out" 2>&1
check "git commit of the clean host" '[ $? = 0 ] && [ "$(git -C "$work" log --oneline | wc -l)" = 2 ]' || cat "$tmp/out"
(cd "$work" && git add hosts/esx02 && git commit -q -m esx02) >"$tmp/out" 2>&1
check "git commit of the host with findings is refused" \
	'[ "$(git -C "$work" log --oneline | wc -l)" = 2 ] && grep -q "\[FW010\]" "$tmp/out"' || cat "$tmp/out"

# the fix hook: fixes what it can and fails, so the fixes are reviewed and staged
cat >"$work/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hook
    rev: $rev
    hooks:
      - id: esxntp-lint-fix
        args: [--no-backup, --no-config]
YAML
sed -i 's/nomodfy/nomodify/' "$work/hosts/esx02/etc/ntp.conf"
(cd "$work" && pre-commit run esxntp-lint-fix --files hosts/esx02/etc/ntp.conf) >"$tmp/out" 2>&1
st=$?
check "the fix hook fixes and fails" \
	'[ $st = 1 ] && grep -q "^/firewall/services/ntpClient/enabled = \"true\"" "$work/hosts/esx02/etc/vmware/esx.conf"' ||
	cat "$tmp/out"

echo "precommit: $pass passed, $fail failed"
[ "$fail" = 0 ]
