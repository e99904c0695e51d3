#!/bin/sh
# Real-world sweep: every file of ../shared/realworld is linted, each alone as a file of its
# kind, and the files of one real machine together as a host. Wild files (templates,
# pre-NTPv4 syntax, CR LF, junk in hosts) must never crash the tool, write to stderr, trip a
# sanitizer or give JSON/SARIF that does not parse. What the findings say is read by hand:
# `make sweep` keeps every report in build/sweep/ and counts the findings per code.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
rw=$top/../shared/realworld
if [ ! -d "$rw" ] || [ ! -f "$rw/SOURCES.tsv" ]; then
	echo "SKIP realworld_sweep: ../shared/realworld not found (a fresh clone has no team data)"
	exit 0
fi
out=${SWEEP_OUT:-}
if [ -n "$out" ]; then
	rm -rf "$out"
	mkdir -p "$out"
	out=$(cd "$out" && pwd)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 runs=0

# the sanitizer build, when there is one, runs the whole-set runs too (make sanitize builds
# it); the runs of one file each are the tool's alone, as a process costs more than a lint
bins=$BIN
san=$top/build/san/esxntp-lint
[ -x "$san" ] && [ "$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")" != "$san" ] && bins="$BIN $san"

bad() { echo "FAIL realworld_sweep: $*"; fail=$((fail + 1)); }

# a sanitizer's report must show in the exit status: ASan and UBSan exit 1 by default, which
# is also the status for findings
ASAN_OPTIONS="exitcode=86:${ASAN_OPTIONS:-}" UBSAN_OPTIONS="exitcode=86:halt_on_error=1:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS

# run NAME HOW ARGS...: one lint (HOW: text, json, sarif or diff); judges the exit status
# and stderr, keeps JSON/SARIF to parse and the text report to read
run() {
	rn=$1 how=$2
	shift 2
	for b in ${only:-$bins}; do
		runs=$((runs + 1))
		dest=$tmp/$runs.out
		case $how in
		json|sarif) dest=$tmp/parse.$rn.$runs.$how ;;
		text)	[ -n "$out" ] && [ "$b" = "$BIN" ] && dest=$out/$rn.txt ;;
		esac
		"$b" --color=never "$@" >"$dest" 2>"$tmp/$runs.err"
		st=$?
		if [ "$st" -gt 2 ]; then
			bad "$rn ($how, $b): exit status $st"
			sed -n 1,20p "$tmp/$runs.err"
		elif [ "$how" != diff ] && [ -s "$tmp/$runs.err" ]; then
			# (with --diff the report goes to stderr)
			bad "$rn ($how, $b): unexpected stderr"
			sed -n 1,20p "$tmp/$runs.err"
		else
			pass=$((pass + 1))
		fi
	done
}

# where a file lives on its host: the path it had in its repository when that is under
# etc/, else the usual place of its kind
place() {	# realworld path
	rp=$(awk -F '\t' -v p="$1" '$1 == p { print $3; exit }' "$rw/SOURCES.tsv")
	case $rp in etc/*) echo "$rp"; return ;; esac
	case $1 in
	ntp.conf/*) echo etc/ntp.conf ;;
	step-tickers/*) echo etc/ntp/step-tickers ;;
	hosts/*) echo etc/hosts ;;
	sysconfig-ntpd/*) echo etc/sysconfig/ntpd ;;
	esx/*) echo etc/vmware/esx.conf ;;
	esac
}

# rc-links files are listings ("/etc/X -> TARGET", and the init script's chkconfig
# header in a comment): made into links and a script under ROOT
rc_links() {	# listing root
	mkdir -p "$2/etc/rc.d/init.d"
	{ echo '#!/bin/sh'; sed -n "s/^# init.d\/ntpd header: '\([^']*\)'.*/\1/p" "$1"; } \
		>"$2/etc/rc.d/init.d/ntpd"
	grep '^/etc/' "$1" | while IFS= read -r l; do
		link=${l%% -> *} target=${l#* -> }
		mkdir -p "$2$(dirname "$link")"
		ln -sfn "$target" "$2$link"
	done
}

put() {	# realworld-path root
	case $1 in
	rc-links/*) rc_links "$rw/$1" "$2" ;;
	*)	dst=$2/$(place "$1")
		mkdir -p "$(dirname "$dst")"
		cp "$rw/$1" "$dst" ;;
	esac
}

cd "$rw" || exit 1
# each file alone; ntp.conf as the tool's own target reads it (ESX 3: ntpd 4.1), then as
# the other readers do. JSON, SARIF and the fixes (--diff writes nothing) of all at once, as
# a process costs more than a lint here.
nfiles=0 confs="" roots="" only=$BIN
for f in */*; do
	[ -f "$f" ] || continue
	nfiles=$((nfiles + 1))
	name=${f%%/*}_${f#*/}
	case $f in
	ntp.conf/*) path=$rw/$f; confs="$confs $path" ;;
	*)	path=$tmp/root.$name
		put "$f" "$path"
		roots="$roots $path" ;;
	esac
	run "$name" text "$path"
done
only=
for v in 4.2.0 4.2.2 4.2.8 ntpsec; do
	# shellcheck disable=SC2086
	run "ntp.conf@$v" text --ntp-version=$v $confs
done

# the files of one machine together. The ESX 3 host is Red Hat's package defaults of the
# RHEL 3 era, which that service console was built from, with ESX 3's release file and the
# links chkconfig makes for ntpd.
only=$BIN
while IFS='|' read -r name release files; do
	root=$tmp/host.$name
	mkdir -p "$root/etc"
	[ -n "$release" ] && printf '%s\n' "$release" >"$root/etc/vmware-release"
	for f in $files; do put "$f" "$root"; done
	roots="$roots $root"
	run "host_$name" text "$root"
done <<'EOF'
amzn-nginx-setup||ntp.conf/014-amzn-linux-nginx-setup.conf hosts/002-amzn-linux-nginx-setup.conf sysconfig-ntpd/005-amzn-linux-nginx-setup.conf sysconfig-ntpd/006-amzn-linux-nginx-setup-ntpdate.conf rc-links/001-amzn-linux-nginx-setup.conf
voiperopen||ntp.conf/035-voiperopen.conf step-tickers/011-voiperopen.conf hosts/005-voiperopen.conf
enstore-fnal||ntp.conf/022-enstore-fnal.conf hosts/004-enstore-fnal.conf
casjay-centos||ntp.conf/047-casjay-centos.conf hosts/007-casjay-centos.conf
2.11bsd||ntp.conf/053-2.11bsd-MattX.conf hosts/008-2.11bsd-MattX.conf
esxi67|VMware ESXi 6.7.0|hosts/001-esxi67-default.conf esx/001-esxi67-firewall-service.xml.conf esx/002-esxi67-firewall-vsanhealth.xml.conf esx/003-esxi67-service.xml.conf esx/004-esxi67-ntp.drift.conf esx/005-esxi67-esx.conf-empty.conf
esx3-rhel3-defaults|VMware ESX Server 3|ntp.conf/004-redhat-4.1.2-5.conf step-tickers/002-fedora-ntp-2007-07-24.conf sysconfig-ntpd/001-redhat-2004-09-09.conf rc-links/001-amzn-linux-nginx-setup.conf
EOF
only=
# shellcheck disable=SC2086
{
	run all@default text $confs $roots
	run all json --format=json $confs $roots
	run all sarif --format=sarif $confs $roots
	run ntp.conf diff --diff --unsafe-fixes $confs
	run roots diff --diff --unsafe-fixes $roots
}

if command -v python3 >/dev/null 2>&1; then
	# every JSON report parses and every SARIF log is 2.1.0 with a located result per finding
	python3 - "$tmp" <<'EOF' || fail=$((fail + 1))
import glob, json, sys
bad = 0
for p in sorted(glob.glob(sys.argv[1] + "/parse.*")):
    try:
        with open(p, encoding="utf-8") as f:
            d = json.load(f)
        if p.endswith(".sarif"):
            assert d["version"] == "2.1.0", "not SARIF 2.1.0"
            for r in d["runs"][0]["results"]:
                reg = r["locations"][0]["physicalLocation"]["region"]
                assert r["ruleId"] and reg["startLine"] >= 1, "a result without a place"
        else:
            assert d["roots"], "no roots"
            for root in d["roots"]:
                for x in root["findings"]:
                    assert x["rule"] and x["line"] >= 1 and x["column"] >= 1, "a finding without a place"
    except Exception as e:
        print("FAIL realworld_sweep: %s: %s" % (p.split("/parse.")[-1], e))
        bad += 1
sys.exit(1 if bad else 0)
EOF
else
	echo "SKIP realworld_sweep JSON/SARIF parse: python3 not installed"
fi

if [ -n "$out" ]; then
	# findings per code in the reports of each file and host (not the @VERSION ones)
	ls "$out"/*.txt | grep -v @ | xargs cat |
		sed -n 's/.*: \(error\|warning\|info\): .* \[\([A-Z0-9]*\)\]$/\2/p' |
		sort | uniq -c | sort -k2 >"$out/summary.txt"
	echo "realworld sweep: findings per code (reports in $out):"
	cat "$out/summary.txt"
fi
echo "realworld_sweep: $nfiles files, $runs runs, $pass passed, $fail failed"
[ "$fail" = 0 ]
