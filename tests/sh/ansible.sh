#!/bin/sh
# docs/ansible/esxntp-lint.yml with Debian's ansible, against localhost (-c local): an
# inventory of fake hosts, each with esxntp_file_root pointing at a test directory, so
# nothing touches the real /etc. Play 1 must gather every file byte for byte (CR LF, a
# non-UTF-8 byte, the rc links), leave out a file over esxntp_max_bytes saying so, and
# write the report of the directory of hosts: the same findings as esxntp-lint on the
# test directories. Play 2 with the reviewed patch: a dry run that changes nothing, then
# with esxntp_apply=true the files --fix would write. Skips without ansible-playbook.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v ansible-playbook >/dev/null 2>&1; then
	echo "SKIP ansible: ansible-playbook is not installed (apt-get install ansible-core)"
	exit 0
fi
pass=0 fail=0
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL ansible: $1"; fail=$((fail + 1)); return 1; fi
}

# the "live" hosts: a clean one, one with CR LF files and a Latin-1 byte in a comment, one
# without step-tickers whose hosts file is over the size limit given to it
mkdir live
cp -R "$top/corpus/hosts/clean_host" live/esx01
cp -R "$top/corpus/hosts/crlf_host" live/esx02
printf '# caf\351\r\n' >>live/esx02/etc/ntp.conf
cp -R "$top/corpus/hosts/fw_closed" live/esx03
awk 'BEGIN { for (i = 0; i < 40; i++) printf "# a hosts file over the size limit given\n" }' >>live/esx03/etc/hosts
rm live/esx03/etc/ntp/step-tickers
cp -R live expected
cat >inventory.ini <<INV
[esx]
esx01 esxntp_file_root=$tmp/live/esx01
esx02 esxntp_file_root=$tmp/live/esx02
esx03 esxntp_file_root=$tmp/live/esx03 esxntp_max_bytes=1000
[esx:vars]
ansible_connection=local
INV
export ANSIBLE_HOME="$tmp/ansible-home" ANSIBLE_LOCAL_TEMP="$tmp/ansible-tmp" \
	ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_HOST_KEY_CHECKING=0 \
	ANSIBLE_PYTHON_INTERPRETER=auto_silent ANSIBLE_DEPRECATION_WARNINGS=0
play() {	# log, then extra arguments
	log=$1; shift
	ansible-playbook -i inventory.ini "$top/docs/ansible/esxntp-lint.yml" \
		-e "esxntp_lint=$BIN" -e esxntp_lint_args=--no-config \
		-e "esxntp_out=$tmp/fleet" -e "esxntp_reports=$tmp/reports" "$@" >"$log" 2>&1
}

# play 1, and play 2 with the patch play 1 writes but without esxntp_apply: a dry run
play gather.log -e "esxntp_patch=$tmp/reports/fixes.patch"
rc=$?
check "play 1 runs ($rc: $(tail -n 5 gather.log | tr '\n' ' '))" '[ $rc = 0 ]'
check "a root per host" '[ "$(ls fleet | tr "\n" " ")" = "esx01 esx02 esx03 " ]'
same=1
for f in etc/ntp.conf etc/hosts etc/ntp/step-tickers etc/vmware/esx.conf etc/vmware-release \
    etc/rc.d/init.d/ntpd; do
	for h in esx01 esx02 esx03; do
		[ -e "live/$h/$f" ] || continue
		[ $h/$f = esx03/etc/hosts ] && continue
		cmp -s "live/$h/$f" "fleet/$h/$f" || { echo "  differs: $h/$f"; same=0; }
	done
done
check "every file byte for byte (CR LF, a Latin-1 byte)" '[ $same = 1 ]'
check "links stay links (etc/init.d, the rc links)" \
	'[ "$(readlink fleet/esx01/etc/init.d)" = rc.d/init.d ] &&
	 [ "$(readlink fleet/esx01/etc/rc.d/rc3.d/S58ntpd)" = "$(readlink live/esx01/etc/rc.d/rc3.d/S58ntpd)" ]'
check "a missing file stays missing" '[ ! -e fleet/esx03/etc/ntp/step-tickers ]'
check "a file over esxntp_max_bytes is left out, and the play says so" \
	'[ ! -e fleet/esx03/etc/hosts ] && [ -e fleet/esx03/etc/ntp.conf ] &&
	 grep -q "left out etc/hosts: etc/hosts is over 1000 bytes" gather.log'

# the report is esxntp-lint's over the test directories (paths aside), esx03 without hosts
rm live/esx03/etc/hosts
(cd live && "$BIN" --no-config --format=json --fail-on=never esx01 esx02 esx03) >direct.json
cp expected/esx03/etc/hosts live/esx03/etc/hosts
for f in report.json report.txt summary.txt fixes.patch fixes.txt; do
	check "reports/$f written" '[ -s "reports/$f" ]'
done
python3 - reports/report.json direct.json >cmp.out 2>&1 <<'PY'
import json, sys
def key(doc):
    return {r["root"].rsplit("/", 1)[-1]: sorted((f["rule"], f["file"], f["line"], f["column"])
            for f in r["findings"]) for r in doc["roots"]}
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if key(a) == key(b) else print(key(a), key(b)) or 1)
PY
rc=$?
check "report.json: the findings of esxntp-lint on the hosts themselves" '[ $rc = 0 ]' || head -c 600 cmp.out
check "summary.txt: the summary of the text report" \
	'grep -q "^hosts: 3 checked, 1 clean, 2 with errors, 0 with warnings, 0 with info only$" reports/summary.txt &&
	 grep -qF "\"hosts: 3 checked, 1 clean, 2 with errors, 0 with warnings, 0 with info only\"" gather.log'

# play 2's dry run changed nothing
check "the dry run changes nothing" 'diff -r expected live >/dev/null'
check "the dry run ran patch on the hosts with fixes" 'grep -q "checking file etc/ntp.conf" gather.log'
play apply.log -e "esxntp_patch=$tmp/reports/fixes.patch" -e esxntp_apply=true --tags apply
rc=$?
check "play 2 applies ($rc: $(tail -n 5 apply.log | tr '\n' ' '))" '[ $rc = 0 ]'
# what --fix writes on the same hosts (esx03 as gathered: without its hosts file)
cp -R expected fixed && rm fixed/esx03/etc/hosts
(cd fixed && "$BIN" --no-config --fix esx01 esx02 esx03 >/dev/null 2>&1)
cp expected/esx03/etc/hosts fixed/esx03/etc/hosts
check "the hosts now hold the --fix bytes" \
	'diff -r -x "*.bk" -x "*.orig" fixed live >/dev/null' || diff -r -x "*.bk" -x "*.orig" fixed live | head -n 10
check "GNU patch kept the old files" '[ -f live/esx02/etc/ntp.conf.orig ]'

echo "ansible: $pass passed, $fail failed"
[ "$fail" = 0 ]
