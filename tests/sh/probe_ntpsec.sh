#!/bin/sh
# --probe against the real NTPsec ntpd (Debian package ntpsec), on loopback only: the test
# makes a network namespace (unshare --net: only its own loopback, nothing leaves it),
# drops CAP_SYS_TIME (setpriv: ntpd's clock calls fail with EPERM, checked before ntpd
# starts) and starts ntpd -n (no -g) with a configuration it writes: the local clock
# driver as the source it serves, 127.0.0.1 as a second server that never answers
# ('restrict 127.0.0.1 noserve' drops its own polls), queries allowed from loopback.
# --probe then asks it as the local daemon (mode 6 on 127.0.0.1) and as a configured
# server (SNTP to ::1), and its peers, reach and refids are compared with what
# 'ntpq -pn' says of the same daemon. Then: ntpd not synchronised ('disable ntp': leap 3),
# nothing listening (ICMP), a listener that never answers (the run ends within its
# time-out) and one that answers garbage. Every process started is stopped by its pid.
# Needs root, unshare, setpriv, ip and ntpsec; the last two cases python3. Skips without.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
NTPD=${NTPD:-/usr/sbin/ntpd}
NTPQ=${NTPQ:-ntpq}
self=$top/tests/sh/probe_ntpsec.sh

if [ "${1:-}" != --inner ]; then
	skip() { echo "SKIP probe_ntpsec: $*"; exit 0; }
	[ "$(id -u)" = 0 ] || skip "needs root (a network namespace, ntpd on port 123)"
	[ -x "$NTPD" ] || skip "$NTPD not installed (apt-get install --no-install-recommends ntpsec)"
	"$NTPD" --version 2>&1 | grep -qi ntpsec || skip "$NTPD is not NTPsec"
	command -v "$NTPQ" >/dev/null 2>&1 || skip "ntpq not installed (package ntpsec)"
	for t in unshare setpriv ip; do
		command -v $t >/dev/null 2>&1 || skip "$t missing (util-linux, iproute2)"
	done
	unshare --net -- true 2>/dev/null || skip "unshare --net is refused here"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	export ESXNTP_LINT NTPD NTPQ
	unshare --net -- setpriv --bounding-set -sys_time --inh-caps -sys_time -- \
		sh "$self" --inner "$tmp"
	exit $?
fi

# ---- inside the namespace, without CAP_SYS_TIME ----
tmp=$2
pass=0 fail=0
pids=""
stop() {	# PID: stops a process this test started
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	pids=$(echo "$pids" | tr ' ' '\n' | grep -vx "$1" | tr '\n' ' ')
}
trap 'for p in $pids; do kill "$p" 2>/dev/null; done' EXIT
check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL probe_ntpsec: $1"; fail=$((fail + 1)); return 1; fi
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

ip link set lo up || { echo "FAIL probe_ntpsec: cannot bring the namespace's loopback up"; exit 1; }
# the clock must be out of reach before ntpd starts: CAP_SYS_TIME is bit 25
caps=$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)
if [ $(( (0x$caps >> 25) & 1 )) != 0 ]; then
	echo "FAIL probe_ntpsec: CAP_SYS_TIME is still effective; ntpd is not started"
	exit 1
fi
[ -z "$(ip -o addr show | grep -v ' lo ')" ] ||
	{ echo "FAIL probe_ntpsec: the namespace has an interface besides lo"; exit 1; }

# a host root: ESX 3 with the firewall open, its ntp.conf naming the daemon (::1) and
# the server that never answers (127.0.0.1)
mkroot() {	# DIR, then ntp.conf's server lines
	d=$1
	shift
	mkdir -p "$d/etc/vmware" "$d/etc/ntp"
	echo "VMware ESX Server 3" >"$d/etc/vmware-release"
	echo '/firewall/services/ntpClient/enabled = "true"' >"$d/etc/vmware/esx.conf"
	printf '127.0.0.1\tlocalhost\n' >"$d/etc/hosts"
	{
		echo "restrict default kod nomodify notrap nopeer noquery"
		echo "restrict 127.0.0.1"
		echo "driftfile /var/lib/ntp/drift"
		for s in "$@"; do echo "server $s"; done
	} >"$d/etc/ntp.conf"
	for s in "$@"; do echo "$s"; done >"$d/etc/ntp/step-tickers"
}
mkroot "$tmp/root" ::1 127.0.0.1

# the daemon: its local clock at stratum 10, polled every 8 s, selected at once (tos
# orphanwait 0: NTPsec otherwise waits 300 s before it falls back on a local clock, see
# clock_select() in ntpd/ntp_proto.c); no driftfile, logfile or statistics are written
daemon_conf() {	# FILE [extra lines]
	f=$1
	shift
	{
		echo "restrict default kod limited nomodify nopeer noquery"
		echo "restrict 127.0.0.1 noserve"
		echo "restrict ::1"
		echo "refclock local stratum 10 minpoll 3 maxpoll 3"
		echo "server 127.0.0.1 minpoll 4 maxpoll 4"
		echo "tos minclock 1 minsane 1 orphanwait 0"
		for l in "$@"; do echo "$l"; done
	} >"$f"
}

start_ntpd() {	# CONF: starts ntpd and waits (bounded) until it has a system peer
	"$NTPD" -n -c "$1" >"$tmp/ntpd.log" 2>&1 </dev/null &
	ntpd=$!
	pids="$pids $ntpd"
	i=0
	while [ $i -lt 60 ]; do
		"$NTPQ" -pn 127.0.0.1 2>/dev/null | grep -q '^\*' && return 0
		kill -0 "$ntpd" 2>/dev/null || break
		sleep 0.5
		i=$((i + 1))
	done
	echo "FAIL probe_ntpsec: ntpd did not select its local clock; its log:"
	sed 's/^/    /' "$tmp/ntpd.log" | tail -n 15
	return 1
}

# the rows of an ntpq -p style table as "TALLY REMOTE REFID ST T POLL REACH"
rows() {
	awk 'seen && NF == 0 { exit } seen { t = substr($0, 1, 1); if (t == " ") t = "_";
	    n = split(substr($0, 2), f, " "); print t, f[1], f[2], f[3], f[4], f[6], f[7] }
	    /^====/ { seen = 1 }'
}

probe() {	# OUT, then options: runs --probe on $tmp/root, the status in $tmp/rc
	out=$1
	shift
	"$ESXNTP_LINT" --probe --color=never --show-source=never "$@" "$tmp/root" >"$out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
}

codes() { sed -n 's/.*\[\([A-Z]*[0-9]*\)\]$/\1/p' "$1" | sort | tr '\n' ' '; }

# ---- 1. a synchronised daemon, as the local ntpd and as a server ----
daemon_conf "$tmp/ntpd.conf"
if start_ntpd "$tmp/ntpd.conf"; then
	check "ntpd cannot set the clock (it logs EPERM)" \
		'grep -q "Operation not permitted" "$tmp/ntpd.log"'
	# the same peers, reach and refids as ntpq -pn; the reach registers shift every
	# 8 and 16 s, so a run that straddles a poll is taken again
	same=0
	for try in 1 2 3; do
		"$NTPQ" -pn 127.0.0.1 >"$tmp/ntpq" 2>&1
		probe "$tmp/out" --probe-timeout=0.5
		rows <"$tmp/ntpq" >"$tmp/want"
		rows <"$tmp/out" >"$tmp/got"
		"$NTPQ" -pn 127.0.0.1 2>/dev/null | rows >"$tmp/want2"
		if cmp -s "$tmp/want" "$tmp/got" && cmp -s "$tmp/want2" "$tmp/got"; then
			same=1
			break
		fi
	done
	check "ntpq -pn lists two peers" '[ "$(wc -l <"$tmp/want")" = 2 ]' ||
		sed 's/^/    /' "$tmp/ntpq"
	check "--probe reports the peers, tally, refids, strata, types, polls and reach of ntpq -pn" \
		'[ $same = 1 ]' || { echo "  ntpq -pn:"; sed 's/^/    /' "$tmp/want";
		echo "  esxntp-lint --probe:"; sed 's/^/    /' "$tmp/got"; }
	check "the system peer is the local clock" 'grep -q "^\* LOCAL(0) .LOCL. 10 l 8 " "$tmp/got"'
	check "127.0.0.1 is at reach 0, refid .INIT., stratum 16" \
		'grep -q "^_ 127.0.0.1 .INIT. 16 u 16 0$" "$tmp/got"'
	check "ntpd answered and is synchronised" \
		'grep -q "^ntpd on 127.0.0.1 port 123: answered, synchronised to LOCAL(0), stratum 11, 2 associations$" "$tmp/out"'
	check "the daemon answered as a server (SNTP to ::1): stratum 11" \
		'grep -Eq "^::1 +::1 +11 127\.127\.1\.0 +-?[0-9]+\.[0-9]+ +[0-9]+\.[0-9]+  answered$" "$tmp/out"'
	check "findings: PRB003 and PRB004 for 127.0.0.1 and nothing else of PRB" \
		'[ "$(grep "PRB" "$tmp/out" | sed "s/: .*\[/ [/" | sort | tr "\n" " ")" = "etc/ntp.conf:5:8 [PRB003] etc/ntp.conf:5:8 [PRB004] " ]' ||
		grep PRB "$tmp/out"
	check "PRB003 says neither the firewall nor DNS is to blame" \
		'grep -q "reach 0): neither the firewall nor DNS shows a finding on this host: the server" "$tmp/out"'
	check "exit status 1 (warnings)" '[ "$(cat "$tmp/rc")" = 1 ]'
	check "nothing on standard error" '[ ! -s "$tmp/err" ]' || cat "$tmp/err"
	probe "$tmp/json" --format=json --probe-timeout=0.5
	if command -v python3 >/dev/null 2>&1; then
		check "JSON: ntpd synchronised, its peers and the servers as the text shows" \
		'python3 - "$tmp/json" <<-EOF
		import json, sys
		d = json.load(open(sys.argv[1]))
		p = d["roots"][0]["probe"]
		n = p["ntpd"]
		assert n["state"] == "answered" and n["synchronised"] and n["stratum"] == 11, n
		peers = {x["remote"]: x for x in n["peers"]}
		assert peers["LOCAL(0)"]["tally"] == "*" and peers["LOCAL(0)"]["refid"] == ".LOCL.", peers
		assert peers["127.0.0.1"]["reach"] == 0 and peers["127.0.0.1"]["stratum"] == 16, peers
		s = {x["name"]: x for x in p["servers"]}
		assert s["::1"]["state"] == "answered" and s["::1"]["stratum"] == 11, s
		assert abs(s["::1"]["offset_ms"]) < 50 and s["::1"]["delay_ms"] >= 0, s
		assert s["127.0.0.1"]["state"] == "no answer" and s["127.0.0.1"]["requests"] == 3, s
		assert sorted(f["rule"] for f in d["roots"][0]["findings"] if f["rule"].startswith("PRB")) == ["PRB003", "PRB004"]
		EOF'
	fi
	stop "$ntpd"
fi

# ---- 2. ntpd not synchronised: the clock discipline off, so its leap stays 3 ----
daemon_conf "$tmp/ntpd.conf" "disable ntp"
if start_ntpd "$tmp/ntpd.conf"; then
	probe "$tmp/out" --probe-timeout=0.5
	check "unsynchronised daemon: PRB002 (leap 3) and PRB006 for ::1" \
		'grep -q "ntpd has a system peer but says it is not synchronised (leap indicator 3).*\[PRB002\]" "$tmp/out" &&
		 grep -q "^etc/ntp.conf:4:8: warning: server .::1. is not synchronised (leap indicator 3, stratum 11.*\[PRB006\]$" "$tmp/out"' ||
		grep PRB "$tmp/out"
	stop "$ntpd"
fi

# ---- 3. nothing listening: ICMP port unreachable ----
start=$(now_ms)
probe "$tmp/out" --probe-timeout=5
took=$(( $(now_ms) - start ))
check "nothing listening: PRB001 'not running', PRB004 'refuses' for both servers" \
	'grep -q "ntpd is not running: nothing listens on 127.0.0.1 port 123 (connection refused" "$tmp/out" &&
	 [ "$(grep -c "refuses NTP: port 123 is unreachable.*\[PRB004\]" "$tmp/out")" = 2 ]' ||
	grep PRB "$tmp/out"
check "a refusal ends the probe at once, whatever the time-out (${took} ms)" '[ $took -lt 3000 ]'
check "exit status 1" '[ "$(cat "$tmp/rc")" = 1 ]'

if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP probe_ntpsec: a listener that never answers, one that answers garbage: no python3"
	echo "probe_ntpsec: $pass passed, $fail failed"
	[ $fail = 0 ]
	exit
fi

# a UDP responder on 127.0.0.1 and ::1 port 123: MODE silent, or garbage (junk, the
# request echoed, a control response for another sequence number, and a right-looking
# reply from another port, which the connected socket never delivers)
cat >"$tmp/responder.py" <<'EOF'
import os, select, socket, struct, sys
mode = sys.argv[1]
socks = []
for fam, addr in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((addr, 123))
    o = socket.socket(fam, socket.SOCK_DGRAM)
    o.bind((addr, 124))
    socks.append((s, o))
open(sys.argv[2], "w").write("ready\n")
while True:
    r, _, _ = select.select([s for s, _ in socks], [], [])
    for s, o in socks:
        if s not in r:
            continue
        req, peer = s.recvfrom(4096)
        if mode == "silent":
            continue
        s.sendto(os.urandom(len(req) + 7), peer)
        s.sendto(req, peer)
        if len(req) >= 12 and req[0] & 7 == 6:
            seq = struct.unpack("!H", req[2:4])[0]
            bad = bytes([req[0], 0x80 | req[1]]) + struct.pack("!HHHHH", seq ^ 1, 0, 0, 0, 4) + b"x=1,"
            s.sendto(bad, peer)
            good = bytes([req[0], 0x80 | req[1]]) + req[2:4] + struct.pack("!HHHH", 0, 0, 0, 0)
            o.sendto(good, peer)
        else:
            good = bytes([0x24, 2]) + req[2:24] + req[40:48] + req[40:48] + req[40:48]
            o.sendto(good, peer)
EOF

responder() {	# MODE: starts the responder, waits (bounded) until it listens
	rm -f "$tmp/ready"
	python3 "$tmp/responder.py" "$1" "$tmp/ready" 2>"$tmp/responder.err" &
	resp=$!
	pids="$pids $resp"
	i=0
	while [ ! -s "$tmp/ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$tmp/ready" ] || { echo "FAIL probe_ntpsec: the responder did not start:";
		cat "$tmp/responder.err"; return 1; }
}

# ---- 4. a listener that never answers: the probe ends within its time-out ----
if responder silent; then
	start=$(now_ms)
	probe "$tmp/out" --probe-timeout=0.5
	took=$(( $(now_ms) - start ))
	# 3 tries of 0.5 s for ntpd, then 3 of 0.5 s for both servers at once; names: none
	check "never answering: the run ends within 2 x 3 x 0.5 s and some slack (${took} ms)" \
		'[ $took -ge 3000 ] && [ $took -lt 4500 ]'
	check "never answering: PRB001 (no answer to 3 queries) and PRB004 for both servers" \
		'grep -q "ntpd does not answer on 127.0.0.1 port 123: no answer to 3 mode 6 queries in 1.5 s" "$tmp/out" &&
		 [ "$(grep -c "does not answer an SNTP query (3 tries, 0.5 s each): .*\[PRB004\]" "$tmp/out")" = 2 ]' ||
		grep PRB "$tmp/out"
	stop "$resp"
fi

# ---- 5. a listener that answers garbage ----
if responder garbage; then
	start=$(now_ms)
	probe "$tmp/out" --probe-timeout=0.5
	took=$(( $(now_ms) - start ))
	check "garbage: the run ends within its time-outs (${took} ms), status 1, stderr empty" \
		'[ $took -lt 4500 ] && [ "$(cat "$tmp/rc")" = 1 ] && [ ! -s "$tmp/err" ]'
	check "garbage: PRB001 counts what came back and believes none of it" \
		'grep -Eq "ntpd does not answer on 127.0.0.1 port 123: 3 mode 6 queries in 1.5 s, and [0-9]+ datagrams back, none a valid response \(the last: .*\[PRB001\]$" "$tmp/out"' ||
		grep PRB001 "$tmp/out"
	check "garbage: PRB004 for both servers, none of their replies believed" \
		'[ "$(grep -Ec "does not answer an SNTP query \(3 tries, 0.5 s each; [0-9]+ datagrams back, none a valid reply" "$tmp/out")" = 2 ]' ||
		grep PRB004 "$tmp/out"
	stop "$resp"
fi

echo "probe_ntpsec: $pass passed, $fail failed"
[ $fail = 0 ]
