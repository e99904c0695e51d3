#!/bin/sh
# Tar archives (vm-support bundles, any tar of a host's files) as host roots: the same
# findings as the extracted tree, the host root found under its bundle prefix and named in
# the report, and every damaged or hostile archive a finding with a message, never a crash
# or a path outside the archive (README, "Archives"). The archives are made here, with tar
# and python3's tarfile (which writes the members tar itself would refuse).
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP bundles: python3 is not installed (it builds the archives and reads the JSON)"
	exit 0
fi
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

ok() { pass=$((pass + 1)); }
no() { echo "FAIL bundles: $*"; fail=$((fail + 1)); }
run() {	# name status args...
	name=$1 want=$2
	shift 2
	timeout 30 "$BIN" --color=never --show-source=never "$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else no "$name: exit $got, want $want ($(head -c 300 "$name.err"))"; fi
}
has() { if grep -qxF -- "$2" "$1.out"; then ok; else no "$1: no line '$2' in: $(head -c 900 "$1.out")"; fi; }
hasnt() { if ! grep -qF -- "$2" "$1.out"; then ok; else no "$1: unexpected '$2'"; fi; }
err() { if grep -qF -- "$2" "$1.err"; then ok; else no "$1: no '$2' on stderr: $(head -c 300 "$1.err")"; fi; }
# the findings of a JSON report, one a line (rule, file, line, column, message)
findings() {
	python3 -c 'import json, sys
for r in json.load(sys.stdin)["roots"]:
    for f in r["findings"]:
        print(f["rule"], f["file"], f["line"], f["column"], f["message"])'
}

# mk.py OUT SPEC...: a tar of members, each SPEC one of
#   f:NAME=TEXT  file     d:NAME  directory     l:NAME=TARGET  symlink
#   h:NAME=TARGET  hard link     m:NAME=MODE:TEXT  file with that octal mode
#   big:NAME=SIZE  a member of SIZE zero bytes, written as a hole (the archive is sparse on disk)
# compressed by OUT's suffix (.tgz, .tar.bz2, .tar.xz, .tar)
cat >mk.py <<'PY'
import io, os, sys, tarfile
out, specs = sys.argv[1], sys.argv[2:]
mode = "w:gz" if out.endswith(".tgz") else "w:bz2" if out.endswith(".bz2") else \
    "w:xz" if out.endswith(".xz") else "w"
bigs = []
with tarfile.open(out, mode, format=tarfile.GNU_FORMAT) as t:
    for s in specs:
        kind, _, rest = s.partition(":")
        name, _, val = rest.partition("=")
        ti = tarfile.TarInfo(name)
        ti.mtime = 1262340000
        if kind == "f" or kind == "m":
            if kind == "m":
                m, _, val = val.partition(":")
                ti.mode = int(m, 8)
            data = val.replace("\\n", "\n").encode()
            ti.size = len(data)
            t.addfile(ti, io.BytesIO(data))
        elif kind == "d":
            ti.type, ti.mode = tarfile.DIRTYPE, 0o755
            t.addfile(ti)
        elif kind == "l" or kind == "h":
            ti.type = tarfile.SYMTYPE if kind == "l" else tarfile.LNKTYPE
            ti.linkname = val
            t.addfile(ti)
        elif kind == "big":
            # the header now; the data is a hole made by seeking (plain .tar only)
            ti.size = int(val)
            t.fileobj.write(ti.tobuf(t.format, t.encoding, t.errors))
            t.fileobj.seek(ti.size + (-ti.size % 512), 1)
            t.offset += 512 + ti.size + (-ti.size % 512)
PY
mk() { python3 mk.py "$@" || no "mk.py $*"; }
NTP='restrict 127.0.0.1\nrestrict default kod nomodify notrap nopeer noquery\nserver 10.1.1.1\nserver 10.1.1.2\nserver 10.1.1.3\nserver 10.1.1.4\ndriftfile /var/lib/ntp/drift\n'
REL='VMware ESX Server 3 (Dali)\n'
P=esx-h1-2010-01-01--10.00

# --- every corpus host, as a bundle with a top directory and as a flat archive: the same
# findings as the directory
n=0
for d in "$top"/corpus/hosts/*/; do
	h=$(basename "$d")
	(cd "$top/corpus/hosts" && "$BIN" --format=json "$h") | findings >"$h.dir" 2>/dev/null
	tar czf "$h-top.tgz" -C "$top/corpus/hosts" "$h"
	tar cf "$h-flat.tar" -C "$d" .
	for a in "$h-top.tgz" "$h-flat.tar"; do
		"$BIN" --format=json "$a" | findings >"$a.json" 2>/dev/null
		if cmp -s "$h.dir" "$a.json"; then ok; else no "$a: findings differ from the directory: $(diff "$h.dir" "$a.json" | head -4)"; fi
	done
	n=$((n + 1))
done
[ "$n" -gt 30 ] && ok || no "only $n corpus hosts"
# bzip2 and xz, and a name that does not say tar: decided by the first bytes
tar cjf ch.tar.bz2 -C "$top/corpus/hosts" clean_host
tar cJf ch.tar.xz -C "$top/corpus/hosts" clean_host
tar czf ch.dat -C "$top/corpus/hosts" clean_host
tar cf ch.plain -C "$top/corpus/hosts" clean_host
nm=$(tar tf ch.plain | wc -l | tr -d ' ')
for a in ch.tar.bz2 ch.tar.xz ch.dat ch.plain; do
	run "$a" 0 "$a"
	has "$a" "$a: note: host root 'clean_host/' in the archive (its etc/ holds ntp.conf, vmware-release and hosts; $nm members)"
done

# --- the report names the host root and the others; JSON carries it
mk two.tgz "d:$P" "f:$P/etc/ntp.conf=$NTP" "f:$P/etc/vmware-release=$REL" "f:$P/etc/hosts=" \
	"f:old/etc/ntp.conf=server 10.9.9.9\n" "f:$P/commands/x.txt=x"
run two 1 two.tgz
has two "two.tgz: note: host root '$P/' in the archive (its etc/ holds ntp.conf, vmware-release and hosts; 6 members); other host roots in it, not read: 'old/'"
hasnt two "10.9.9.9"
"$BIN" --format=json two.tgz >two.json
python3 -c 'import json,sys; a=json.load(open("two.json"))["roots"][0]["archive"]; sys.exit(0 if a["prefix"]=="esx-h1-2010-01-01--10.00/" and a["members"]==6 and a["other_roots"]=="'"'old/'"'" and a["error"] is None else 1)' && ok || no "two: JSON archive object: $(head -c 600 two.json)"
# a vm-support bundle of ESX 3.x/4.x (vm-support-HOST-DATE.PID/): the note names the files
# that vm-support does not collect; ESXi's (esx-HOST-DATE-PID/ with action.log) is told apart
V=vm-support-esx01-2010-01-01--10.00.4242
mk vms.tgz "f:$V/etc/ntp.conf=$NTP" "f:$V/etc/vmware-release=$REL" "f:$V/etc/hosts=" "f:$V/var/log/messages=x" \
	"f:$V/tmp/chkconfig.4242.txt=ntpd 0:off 1:off 2:off 3:on 4:on 5:on 6:off\n"
run vms 0 vms.tgz
has vms "vms.tgz: note: host root '$V/' in the archive (its etc/ holds ntp.conf, vmware-release and hosts; 5 members); vm-support of ESX 3.x/4.x does not collect etc/ntp/step-tickers, var/lib/ntp: not checked, as their absence says nothing of the host; the ntpd service is judged from the 'chkconfig --list' output vm-support recorded, tmp/chkconfig.4242.txt, instead of etc/rc.d/init.d/ntpd and its rc links"
hasnt vms "SVC010"
# what such a bundle lacks is not checked: no STK010 for a missing step-tickers, no NTP021
# for /var/lib/ntp (the bundle has var/log), no missing keys file in /etc/ntp; the same
# tree in a tar that no vm-support made has them all (the host's own files are missing)
KEYS="keys /etc/ntp/keys\n"
mk vmsgap.tgz "f:$V/etc/ntp.conf=$NTP$KEYS" "f:$V/etc/vmware-release=$REL" "f:$V/etc/hosts=" \
	"f:$V/var/log/messages=x"
mk plaingap.tgz "f:h/etc/ntp.conf=$NTP$KEYS" "f:h/etc/vmware-release=$REL" "f:h/etc/hosts=" \
	"f:h/var/log/messages=x"
for a in vmsgap plaingap; do
	"$BIN" --format=json --fail-on=never $a.tgz | findings | cut -d' ' -f1 | sort | tr '\n' ' ' >$a.rules
done
case $(cat vmsgap.rules) in *STK010*|*NTP021*|*NTP02[2-9]*|*FS001*) no "vmsgap: findings of what vm-support does not collect: $(cat vmsgap.rules)" ;; *) ok ;; esac
for r in STK010 NTP021; do
	case $(cat plaingap.rules) in *$r*) ok ;; *) no "plaingap: no $r in: $(cat plaingap.rules)" ;; esac
done
"$BIN" --format=json --fail-on=never vmsgap.tgz | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["roots"][0]["archive"]["not_collected"]))' >vmsgap.nc
[ "$(cat vmsgap.nc)" = "etc/ntp/step-tickers var/lib/ntp etc/rc.d/init.d/ntpd" ] && ok || no "vmsgap: not_collected: $(cat vmsgap.nc)"
# the ntpd service of such a bundle: vm-support 1.30.x records 'chkconfig --list' in
# $tmp_dir/chkconfig.$$.txt ($$ the PID of the root's name; tmp_dir /tmp, or the -w directory
# it writes to tmp/working_dir.txt); Red Hat's chkconfig prints "%-15s" and "\tN:on|off"
T=$(printf '\t')
ck() { printf 'anacron        %s0:off%s1:off%s2:on%s3:on%s4:on%s5:on%s6:off\\n' "$T" "$T" "$T" "$T" "$T" "$T" "$T"
	printf 'ntpd           %s0:off%s1:off%s2:off%s3:%s%s4:%s%s5:%s%s6:off\\n' "$T" "$T" "$T" "$T" "$1" "$T" "$2" "$T" "$3" "$T"
	printf 'xinetd based services:\\n%sntpd:%son\\n' "$T" "$T"; }
mkv() {	# OUT SPEC...: a bundle of such a host, with step-tickers, and SPECs
	out=$1
	shift
	mk "$out" "f:$V/etc/ntp.conf=$NTP" "f:$V/etc/vmware-release=$REL" "f:$V/etc/hosts=" \
		"f:$V/etc/ntp/step-tickers=10.1.1.1\n10.1.1.2\n10.1.1.3\n10.1.1.4\n" "$@"
}
SVCMSG="ntpd does not start at boot in runlevels 3, 4 and 5: so says the 'chkconfig --list' output vm-support recorded when it ran; after the next reboot the clock is not disciplined (run 'chkconfig --level 345 ntpd on' on the host)"
mkv ckoff.tgz "f:$V/var/log/messages=x" "f:$V/tmp/chkconfig.4242.txt=$(ck off off off)"
run ckoff 1 ckoff.tgz
has ckoff "tmp/chkconfig.4242.txt:2:1: warning: $SVCMSG [SVC010]"
has ckoff "ckoff.tgz: note: host root '$V/' in the archive (its etc/ holds ntp.conf, vmware-release and hosts; 6 members); vm-support of ESX 3.x/4.x does not collect var/lib/ntp: not checked, as their absence says nothing of the host; the ntpd service is judged from the 'chkconfig --list' output vm-support recorded, tmp/chkconfig.4242.txt, instead of etc/rc.d/init.d/ntpd and its rc links"
"$BIN" --format=json --fail-on=never ckoff.tgz >ckoff.json
findings <ckoff.json | grep SVC010 >ckoff.f
[ "$(cat ckoff.f)" = "SVC010 tmp/chkconfig.4242.txt 2 1 $SVCMSG" ] && ok || no "ckoff: JSON: $(cat ckoff.f)"
python3 -c 'import json,sys; a=json.load(open("ckoff.json"))["roots"][0]["archive"]; sys.exit(0 if a["not_collected"]==["var/lib/ntp"] and a["chkconfig_list"]=="tmp/chkconfig.4242.txt" else 1)' && ok || no "ckoff: JSON archive object: $(head -c 900 ckoff.json)"
# no fix: --diff prints no patch, and says why it is left
"$BIN" --diff --unsafe-fixes ckoff.tgz >ckoff.patch 2>ckoff.err
[ ! -s ckoff.patch ] && ok || no "ckoff: --diff printed: $(head -c 300 ckoff.patch)"
if grep -qxF "tmp/chkconfig.4242.txt:2:1: note: not fixed: the rc links are on the host, not in the vm-support bundle: run 'chkconfig --level 345 ntpd on' there" ckoff.err; then ok; else no "ckoff: --diff: $(head -c 900 ckoff.err)"; fi
# a level whose word is not on or off (a translated chkconfig) is not judged
mkv ckoff3.tgz "f:$V/tmp/chkconfig.4242.txt=$(ck off an off)"
run ckoff3 1 ckoff3.tgz
if grep -q "^tmp/chkconfig.4242.txt:2:1: warning: ntpd does not start at boot in runlevels 3 and 5: " ckoff3.out; then ok; else no "ckoff3: $(cat ckoff3.out)"; fi
# on in 3, 4 and 5, or in one of them (as for a directory's rc links: the console boots
# to 3): nothing to say
mkv ckon.tgz "f:$V/tmp/chkconfig.4242.txt=$(ck on on on)"
run ckon 0 ckon.tgz
hasnt ckon "SVC010"
mkv ckone.tgz "f:$V/tmp/chkconfig.4242.txt=$(ck on off off)"
run ckone 0 ckone.tgz
hasnt ckone "SVC010"
# vm-support -w /var/tmp: the record lies where tmp/working_dir.txt says, not in tmp/
mkv ckwd.tgz "f:$V/tmp/working_dir.txt=/var/tmp\n" "f:$V/tmp/chkconfig.4242.txt=$(ck on on on)" \
	"f:$V/var/tmp/chkconfig.4242.txt=$(ck off off off)"
run ckwd 1 ckwd.tgz
if grep -q "^var/tmp/chkconfig.4242.txt:2:1: warning: ntpd does not start at boot in runlevels 3, 4 and 5: " ckwd.out; then ok; else no "ckwd: $(cat ckwd.out)"; fi
# -w /: the record is at the bundle's top; an empty line names nothing: tmp
mkv ckwdroot.tgz "f:$V/tmp/working_dir.txt=/\n" "f:$V/chkconfig.4242.txt=$(ck off off off)"
run ckwdroot 1 ckwdroot.tgz
if grep -q "^chkconfig.4242.txt:2:1: warning: ntpd does not start at boot in runlevels 3, 4 and 5: " ckwdroot.out; then ok; else no "ckwdroot: $(cat ckwdroot.out)"; fi
mkv ckwdempty.tgz "f:$V/tmp/working_dir.txt= \n" "f:$V/tmp/chkconfig.4242.txt=$(ck off off off)"
run ckwdempty 1 ckwdempty.tgz
if grep -q "^tmp/chkconfig.4242.txt:2:1: warning: ntpd does not start at boot in runlevels 3, 4 and 5: " ckwdempty.out; then ok; else no "ckwdempty: $(cat ckwdempty.out)"; fi
# a PID other than the root's: the one chkconfig.<digits>.txt there; two of them: neither
mkv ckpid.tgz "f:$V/tmp/chkconfig.77.txt=$(ck off off off)"
run ckpid 1 ckpid.tgz
has ckpid "tmp/chkconfig.77.txt:2:1: warning: $SVCMSG [SVC010]"
mkv cktwo.tgz "f:$V/tmp/chkconfig.77.txt=$(ck off off off)" "f:$V/tmp/chkconfig.78.txt=$(ck off off off)"
run cktwo 0 cktwo.tgz
hasnt cktwo "SVC010"
hasnt cktwo "judged from"
# no record: silent, as before; a record without an ntpd line: said, not guessed
mkv cknone.tgz
run cknone 0 cknone.tgz
hasnt cknone "SVC010"
if grep -q "does not collect var/lib/ntp, etc/rc.d/init.d/ntpd: not checked, as their absence says nothing of the host$" cknone.out; then ok; else no "cknone: $(cat cknone.out)"; fi
mkv cknoline.tgz "f:$V/tmp/chkconfig.4242.txt=sshd           ${T}0:off${T}1:off${T}2:on${T}3:on${T}4:on${T}5:on${T}6:off\n"
run cknoline 0 cknoline.tgz
hasnt cknoline "SVC010"
if grep -q "does not collect var/lib/ntp, etc/rc.d/init.d/ntpd: not checked, as their absence says nothing of the host; the 'chkconfig --list' output vm-support recorded, tmp/chkconfig.4242.txt, has no ntpd line: not checked (chkconfig lists only the services with rc links: ntpd was not installed, or not registered with 'chkconfig --add ntpd')$" cknoline.out; then ok; else no "cknoline: $(cat cknoline.out)"; fi
# a tar no vm-support made: its tmp/ is nobody's record
mk ckplain.tgz "f:h/etc/ntp.conf=$NTP" "f:h/etc/vmware-release=$REL" "f:h/etc/hosts=" \
	"f:h/etc/ntp/step-tickers=10.1.1.1\n10.1.1.2\n10.1.1.3\n10.1.1.4\n" "f:h/tmp/chkconfig.4242.txt=$(ck off off off)"
run ckplain 0 ckplain.tgz
hasnt ckplain "SVC010"
hasnt ckplain "chkconfig"
# a 2 GB record: never read (FS001, as any file over the limit), fast
mk ckbig.tar "f:$V/etc/ntp.conf=$NTP" "f:$V/etc/vmware-release=$REL" "f:$V/etc/hosts=" "big:$V/tmp/chkconfig.4242.txt=2147483648"
start=$(date +%s)
run ckbig 1 ckbig.tar
end=$(date +%s)
has ckbig "tmp/chkconfig.4242.txt:1:1: error: tmp/chkconfig.4242.txt is 2147483648 bytes, over the size limit of 16777216 bytes (--max-file-size): not read [FS001]"
hasnt ckbig "SVC010"
[ $((end - start)) -le 5 ] && ok || no "ckbig: $((end - start)) s for a 2 GB member"
# a bundle that holds step-tickers after all (a vm-support that collects it) is checked
mk vmsstk.tgz "f:$V/etc/ntp.conf=$NTP" "f:$V/etc/vmware-release=$REL" "f:$V/etc/hosts=" \
	"f:$V/etc/ntp/step-tickers=10.1.1.1\n"
run vmsstk 0 vmsstk.tgz
if grep -q "^etc/ntp/step-tickers:.*servers 10.1.1.2, 10.1.1.3, 10.1.1.4 of ntp.conf are not in step-tickers.*\[STK010\]$" vmsstk.out; then ok; else no "vmsstk: no STK010: $(head -c 600 vmsstk.out)"; fi
hasnt vmsstk "does not collect etc/ntp/step-tickers"
mk esxi.tgz "f:esx-h-2026-01-12--13.56-2107676/etc/ntp.conf=$NTP" "f:esx-h-2026-01-12--13.56-2107676/action.log=x"
for a in vms esxi; do
	"$BIN" --format=json $a.tgz | python3 -c 'import json,sys; print(json.load(sys.stdin)["roots"][0]["archive"]["vm_support"])' >$a.kind
done
[ "$(cat vms.kind)" = esx ] && [ "$(cat esxi.kind)" = esxi ] && [ "$(python3 -c 'import json; print(json.load(open("two.json"))["roots"][0]["archive"]["vm_support"])')" = None ] && ok || no "vm_support: $(cat vms.kind esxi.kind)"
# ntp.conf outranks hosts; a shallower root wins a tie
mk rank.tar "f:a/etc/hosts=" "f:a/b/etc/ntp.conf=$NTP" "f:c/etc/ntp.conf=$NTP"
run rank 1 rank.tar
has rank "rank.tar: note: host root 'c/' in the archive (its etc/ holds ntp.conf; 3 members); other host roots in it, not read: 'a/', 'a/b/'"

# --- not an archive, corrupt gzip, truncated
printf 'server 10.1.1.1\n' >text.tgz
run notar 1 text.tgz
has notar ".:1:1: error: archive 'text.tgz' cannot be read: Unrecognized archive format [FS001]"
printf '\037\213\010\000garbage that is not deflate' >bad.tgz
run badgz 1 bad.tgz
if grep -q "^\.:1:1: error: archive 'bad.tgz' cannot be read: .* \[FS001\]$" badgz.out; then ok; else no "badgz: $(cat badgz.out)"; fi
head -c 300000 /dev/urandom >noise
python3 - <<'PY'
import io, tarfile
noise = open("noise", "rb").read()
with tarfile.open("long.tar", "w", format=tarfile.GNU_FORMAT) as t:
    for name, data in (("esx-h/etc/ntp.conf", b"server 10.1.1.1 nonsense\n"), ("esx-h/var/log/noise", noise),
                       ("esx-h/etc/hosts", b"10.1.1.1 a\n")):
        ti = tarfile.TarInfo(name); ti.size = len(data); t.addfile(ti, io.BytesIO(data))
PY
gzip -c long.tar >long.tgz
# libarchive inflates 64 KiB at a time: a cut inside the first block loses the whole archive
head -c 150000 long.tgz >cut.tgz
run cut 1 cut.tgz
if grep -q "^\.:1:1: error: archive 'cut.tgz' cannot be read to its end: .*; the 2 members before are linted \[FS001\]$" cut.out; then ok; else no "cut: $(cat cut.out)"; fi
# what came before the cut is linted, what came after is missing
if grep -q "etc/ntp.conf:1:17: error: .*nonsense" cut.out; then ok; else no "cut: ntp.conf not linted: $(cat cut.out)"; fi
has cut "etc/hosts:1:1: error: etc/hosts does not exist [FS001]"
head -c 10300 long.tar >cut.tar
run cuttar 1 cut.tar
if grep -q "cannot be read to its end" cuttar.out; then ok; else no "cuttar: $(cat cuttar.out)"; fi
: >empty.tar
run empty 1 empty.tar
# libarchive takes no bytes for no archive
has empty ".:1:1: error: archive 'empty.tar' cannot be read: Unrecognized archive format [FS001]"
has empty "etc/ntp.conf:1:1: error: etc/ntp.conf does not exist [FS001]"

# --- hostile names: a leading '/', '..' going above the archive's top: read inside it
mk abs.tar "f:/etc/ntp.conf=$NTP" "f:../../etc/vmware-release=$REL" "f:./etc/../etc/hosts="
run abs 0 --disable=STK,FW abs.tar
has abs "abs.tar: note: the archive's top is the host root (its etc/ holds ntp.conf, vmware-release and hosts; 3 members); 3 member names made relative to the archive ('/etc/ntp.conf' ...)"
# '..' cannot climb from a bundle's top directory into another's
mk climb.tar "f:$P/etc/ntp.conf=includefile /etc/x.conf\n$NTP" "f:$P/etc/hosts=" \
	"f:$P/etc/../../../other/etc/x.conf=server 10.6.6.6 bad\n" "f:other/etc/x.conf=server 10.7.7.7 bad\n"
run climb 1 climb.tar
has climb "etc/ntp.conf:1:13: error: includefile 'etc/x.conf' does not exist under the root: ntpd logs \"Couldn't open\" and goes on without it [NTP040]"
hasnt climb "10.6.6.6"
hasnt climb "10.7.7.7"

# --- symlinks: absolute and climbing targets stay in the host root; loops end
mk links.tgz "f:$P/etc/vmware-release=$REL" "f:$P/etc/real.conf=$NTP" \
	"l:$P/etc/ntp.conf=/etc/real.conf" "l:$P/etc/hosts=../../../../../etc/passwd" \
	"f:etc/passwd=root:x:0:0\n" "l:$P/etc/ntp/step-tickers=../../../../other/st" \
	"f:other/st=10.7.7.7\n" "l:$P/etc/vmware/esx.conf=loop" "l:$P/etc/vmware/loop=esx.conf"
run links 1 --enable=FS001,NTP links.tgz
hasnt links "etc/ntp.conf:1"
has links "etc/hosts:1:1: error: etc/hosts is a symbolic link to a file that does not exist [FS001]"
hasnt links "10.7.7.7"
"$BIN" --format=json --enable=FS001 links.tgz | findings >links.f
if grep -qxF "FS001 etc/hosts 1 1 etc/hosts is a symbolic link to a file that does not exist" links.f; then ok; else no "links: $(cat links.f)"; fi
run loop 1 --enable=FS001,FW011 links.tgz
hasnt loop "esx.conf:1:1: error"
# a loop where a file is read: ELOOP, as on disk
mk loop2.tar "l:etc/ntp.conf=a" "l:etc/a=/etc/b" "l:etc/b=ntp.conf"
run loop2 1 loop2.tar
has loop2 "etc/ntp.conf:1:1: error: etc/ntp.conf cannot be read: Too many levels of symbolic links [FS001]"

# --- hard links, duplicates (the last wins), modes from the headers (FS002)
mk hard.tar "f:etc/real=$NTP" "h:etc/ntp.conf=etc/real" "f:etc/vmware-release=$REL" \
	"h:etc/hosts=etc/nowhere"
run hard 1 --enable=FS001,NTP hard.tar
hasnt hard "etc/ntp.conf:1"
has hard "etc/hosts:1:1: error: etc/hosts is a hard link to 'etc/nowhere', which is not in the archive before it [FS001]"
mk dup.tar "f:etc/ntp.conf=$NTP" "f:etc/vmware-release=$REL" "f:etc/hosts=" "f:etc/ntp.conf=server 10.1.1.1 nonsense\n"
run dup 1 dup.tar
if grep -q "^etc/ntp.conf:1:17: error: .*nonsense" dup.out; then ok; else no "dup: the last member did not win: $(cat dup.out)"; fi
mk mode.tar "m:etc/ntp.conf=666:$NTP" "f:etc/vmware-release=$REL" "f:etc/hosts="
run mode 1 mode.tar
has mode "etc/ntp.conf:1:1: error: etc/ntp.conf is writable by others (mode 0666): any account on the service console can change it [FS002]"
# an include outside etc/: its data is not kept, and the report says so
mk incl.tar "f:etc/ntp.conf=includefile /usr/local/x.conf\n$NTP" "f:etc/vmware-release=$REL" "f:etc/hosts=" "f:usr/local/x.conf=server 10.8.8.8\n"
run incl 1 incl.tar
has incl "usr/local/x.conf:1:1: error: usr/local/x.conf is outside etc/ and var/lib/ntp, the parts of an archive whose file data esxntp-lint keeps [FS001]"

# --- a 2 GB member: skipped unread (the archive is sparse on disk, the skip a seek), fast
mk big.tar "f:etc/ntp.conf=$NTP" "f:etc/vmware-release=$REL" "big:etc/hosts=2147483648" "big:var/log/vmkernel.log=2147483648" "f:etc/ntp/step-tickers=10.1.1.1\n10.1.1.2\n10.1.1.3\n10.1.1.4\n"
start=$(date +%s)
run big 1 big.tar
end=$(date +%s)
has big "etc/hosts:1:1: error: etc/hosts is 2147483648 bytes, over the size limit of 16777216 bytes (--max-file-size): not read [FS001]"
hasnt big "step-tickers"
[ $((end - start)) -le 5 ] && ok || no "big: $((end - start)) s for a 2 GB member"
# GNU tar's sparse members: the header's size is the file's, and is what counts
truncate -s 2G hole && mkdir -p sp/etc && cp "$top/corpus/hosts/clean_host/etc/ntp.conf" sp/etc/ && mv hole sp/etc/hosts
tar cSzf sparse.tgz -C sp etc && rm -f sp/etc/hosts
run sparse 1 sparse.tgz
has sparse "etc/hosts:1:1: error: etc/hosts is 2147483648 bytes, over the size limit of 16777216 bytes (--max-file-size): not read [FS001]"
run sparse-limit 1 --max-file-size=100 sparse.tgz
has sparse-limit "etc/ntp.conf:1:1: error: etc/ntp.conf is $(wc -c <"$top/corpus/hosts/clean_host/etc/ntp.conf" | tr -d ' ') bytes, over the size limit of 100 bytes (--max-file-size): not read [FS001]"

# --- --fix refuses an archive (exit 2, nothing read); --diff works, relative to the host root
run fix 2 --fix two.tgz
err fix "esxntp-lint: --fix cannot write into the archive 'two.tgz'; use --diff and apply the patch to an extracted copy (patch -p1 from its host root)"
cp -R "$top/corpus/hosts/stk_missing_server" fixme
tar czf fixme.tgz fixme
"$BIN" --diff fixme.tgz >fixme.patch 2>fixme.err
if grep -qx -- '--- a/etc/ntp/step-tickers' fixme.patch; then ok; else no "diff: headers: $(head -3 fixme.patch)"; fi
cp -R fixme fixed-by-fix && "$BIN" --fix --no-backup fixed-by-fix >/dev/null 2>&1
(cd fixme && patch -s -p1 <../fixme.patch) && diff -r fixme fixed-by-fix >/dev/null && ok || no "diff: the patch does not give the --fix bytes"

echo "bundles: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
