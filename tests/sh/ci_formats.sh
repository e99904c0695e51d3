#!/bin/sh
# The CI formats (README "Output formats") over the whole corpus, each against the shape
# its consumer publishes, and each finding against the JSON report of the same run:
# - gitlab: GitLab's Code Quality report (docs.gitlab.com/ci/testing/code_quality,
#   "Code Quality report format": an array of issues with description, check_name,
#   fingerprint (unique: GitLab keeps one issue per fingerprint), severity (info, minor,
#   major, critical, blocker), location.path (relative) and location.lines.begin/end);
# - checkstyle: Checkstyle's XMLLogger output (checkstyle > file[name] > error[line,
#   column, severity, message, source]), as Jenkins' Warnings plugin reads it;
# - junit: the Ant/Jenkins JUnit shape (testsuites > testsuite[name, tests, failures,
#   errors] > testcase[name, classname] > failure[message, type]), totals consistent;
#   with JUNIT_XSD=FILE (the Jenkins junit-10.xsd, say) xmllint validates it too;
# - SARIF's columnKind: columns count UTF-16 code units, checked against the bytes of
#   the line (JSON's byte column), non-ASCII text and bytes that are not UTF-8 included.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -z "$py" ]; then
	echo "SKIP ci_formats: python3 is not installed (it checks the shapes)"
	exit 0
fi

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL ci_formats: $1"; fail=$((fail + 1)); return 1; fi
}

cat >"$tmp/shape.py" <<'PY'
import json, sys, os
import xml.etree.ElementTree as ET

errs = []
SEV = {"error": "critical", "warning": "major", "info": "info"}

def norm(root, f):
    p = (root + "/" + f) if root is not None else f
    segs = [s for s in p.split("/") if s not in ("", ".")]
    return ("/" if p.startswith("/") else "") + ("/".join(segs) or ".")

def expected(js, lone):
    """(path, line, column, rule, severity) of each finding not fixed, from JSON"""
    out = []
    for r in js["roots"]:
        for f in r["findings"]:
            if f.get("fixed"):
                continue
            root = None if lone(r) else r["root"]
            out.append((norm(root, f["file"]), f["line"], f["column"], f["rule"],
                        f["severity"], f["message"], f["end_line"], f["end_column"]))
    return out

def check_gitlab(base, exp):
    try:
        doc = json.load(open(base + ".gitlab", encoding="utf-8"))
    except Exception as e:
        errs.append(f"{base}.gitlab: does not parse: {e}"); return
    if not isinstance(doc, list):
        errs.append(f"{base}.gitlab: not an array"); return
    seen = set()
    got = []
    for i, x in enumerate(doc):
        w = f"{base}.gitlab[{i}]"
        if not isinstance(x, dict):
            errs.append(f"{w}: not an object"); continue
        need = {"description", "check_name", "fingerprint", "severity", "location"}
        if set(x) != need:
            errs.append(f"{w}: keys {sorted(x)}"); continue
        for k in ("description", "check_name", "fingerprint"):
            if not isinstance(x[k], str) or not x[k]:
                errs.append(f"{w}.{k}: {x[k]!r}")
        if x["severity"] not in ("info", "minor", "major", "critical", "blocker"):
            errs.append(f"{w}.severity: {x['severity']!r}")
        if x["fingerprint"] in seen:
            errs.append(f"{w}.fingerprint {x['fingerprint']} repeats: GitLab would drop an issue")
        seen.add(x["fingerprint"])
        loc = x["location"]
        if not isinstance(loc, dict) or set(loc) != {"path", "lines"}:
            errs.append(f"{w}.location: {loc!r}"); continue
        p, lines = loc["path"], loc["lines"]
        if not isinstance(p, str) or p.startswith("./") or "//" in p or "/./" in p:
            errs.append(f"{w}.location.path: {p!r}")
        if (not isinstance(lines, dict) or set(lines) != {"begin", "end"} or
                not all(isinstance(lines[k], int) and not isinstance(lines[k], bool)
                        for k in ("begin", "end")) or
                lines["begin"] < 1 or lines["end"] < lines["begin"]):
            errs.append(f"{w}.location.lines: {lines!r}"); continue
        got.append((p, lines["begin"], x["check_name"], x["severity"], x["description"]))
    want = [(e[0], e[1], e[3], SEV[e[4]], f"{e[5]} [{e[3]}]") for e in exp]
    if got != want:
        errs.append(f"{base}.gitlab: issues differ from the JSON findings: {got[:2]} / {want[:2]}")

def xmlish(s):
    # XML 1.0 cannot hold C0 controls but TAB, LF, CR: the report writes them as \\xHH
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in s)

def ints(w, el, names):
    for n in names:
        v = el.get(n)
        if v is None or not v.isdigit():
            errs.append(f"{w}: {el.tag}.{n} = {v!r}")
            return False
    return True

def check_checkstyle(base, exp):
    try:
        root = ET.parse(base + ".checkstyle").getroot()
    except Exception as e:
        errs.append(f"{base}.checkstyle: does not parse: {e}"); return
    w = base + ".checkstyle"
    if root.tag != "checkstyle" or not root.get("version"):
        errs.append(f"{w}: root {root.tag} {root.attrib}"); return
    got = []
    for f in root:
        if f.tag != "file" or not f.get("name") or set(f.attrib) != {"name"}:
            errs.append(f"{w}: {f.tag} {f.attrib}"); continue
        for e in f:
            if e.tag != "error" or set(e.attrib) != {"line", "column", "severity", "message", "source"}:
                errs.append(f"{w}: {e.tag} {sorted(e.attrib)}"); continue
            if not ints(w, e, ("line", "column")):
                continue
            if e.get("severity") not in ("error", "warning", "info", "ignore"):
                errs.append(f"{w}: severity {e.get('severity')!r}")
            got.append((norm(None, f.get("name")), int(e.get("line")), int(e.get("column")),
                        e.get("source").removeprefix("esxntp-lint."), e.get("severity"),
                        e.get("message")))
    want = [(xmlish(e[0]),) + e[1:5] + (xmlish(e[5]),) for e in exp]
    if got != want:
        errs.append(f"{w}: errors differ from the JSON findings: {got[:2]} / {want[:2]}")

def check_junit(base, exp, nroots):
    try:
        root = ET.parse(base + ".junit").getroot()
    except Exception as e:
        errs.append(f"{base}.junit: does not parse: {e}"); return
    w = base + ".junit"
    if root.tag != "testsuites" or not ints(w, root, ("tests", "failures", "errors")):
        errs.append(f"{w}: root {root.tag} {root.attrib}"); return
    tests = failures = 0
    got = []
    suites = list(root)
    if len(suites) != nroots:
        errs.append(f"{w}: {len(suites)} testsuites for {nroots} roots")
    for s in suites:
        if s.tag != "testsuite" or not s.get("name") or not ints(w, s, ("tests", "failures", "errors")):
            errs.append(f"{w}: {s.tag} {s.attrib}"); continue
        cases = list(s)
        nfail = 0
        for c in cases:
            if c.tag != "testcase" or not c.get("name") or not c.get("classname"):
                errs.append(f"{w}: {c.tag} {c.attrib}"); continue
            fl = list(c)
            if len(fl) > 1 or any(x.tag != "failure" or x.get("message") is None or
                                  not x.get("type") for x in fl):
                errs.append(f"{w}: testcase children {[(x.tag, x.attrib) for x in fl]}")
            if fl:
                nfail += 1
                got.append((c.get("file"), int(c.get("line")), c.get("name").split()[0],
                            fl[0].get("type"), fl[0].get("message")))
        if int(s.get("tests")) != len(cases) or int(s.get("failures")) != nfail:
            errs.append(f"{w}: suite {s.get('name')} says {s.get('tests')} tests, {s.get('failures')} failures; has {len(cases)}, {nfail}")
        tests += len(cases); failures += nfail
    if int(root.get("tests")) != tests or int(root.get("failures")) != failures:
        errs.append(f"{w}: totals {root.attrib} but {tests} tests, {failures} failures")
    want = [(xmlish(e[0]), e[1], e[3], e[4], xmlish(e[5])) for e in exp]
    if got != want:
        errs.append(f"{w}: failures differ from the JSON findings: {got[:2]} / {want[:2]}")

def utf16_col(text, col):
    # the JSON column counts bytes; a viewer decodes the line, a bad byte as U+FFFD
    before = text[:col - 1].decode("utf-8", errors="replace")
    return len(before.encode("utf-16-le")) // 2 + 1

def check_columns(base, cwd, lone):
    js = json.load(open(base + ".json", encoding="utf-8"))
    sa = json.load(open(base + ".sarif", encoding="utf-8"))
    run = sa["runs"][0]
    if run.get("columnKind") != "utf16CodeUnits":
        errs.append(f"{base}.sarif: columnKind {run.get('columnKind')!r}"); return
    res = run["results"]
    fs = [(r, f) for r in js["roots"] for f in r["findings"] if not f.get("fixed")]
    if len(res) != len(fs):
        errs.append(f"{base}: {len(res)} results, {len(fs)} findings"); return
    for x, (r, f) in zip(res, fs):
        path = os.path.join(cwd, f["file"] if lone(r) else os.path.join(r["root"], f["file"]))
        reg = x["locations"][0]["physicalLocation"]["region"]
        try:
            lines = open(path, "rb").read().split(b"\n")
        except OSError:
            continue    # a missing file: the finding is at 1:1
        for k, key in (("line", "column"), ("end_line", "end_column")):
            ln, col = f[k], f[key]
            if ln - 1 >= len(lines):
                continue
            want = utf16_col(lines[ln - 1], col)
            have = reg["startColumn" if key == "column" else "endColumn"]
            if have != want:
                errs.append(f"{base}: {f['rule']} {path}:{ln}: SARIF column {have}, "
                            f"UTF-16 count of the bytes before byte column {col}: {want}")

for spec in sys.argv[1:]:
    base, cwd, nroots = spec.split("|")
    js = json.load(open(base + ".json", encoding="utf-8"))
    lone = lambda r: not os.path.isdir(os.path.join(cwd, r["root"]))
    exp = expected(js, lone)
    check_gitlab(base, exp)
    check_checkstyle(base, exp)
    check_junit(base, exp, int(nroots))
    check_columns(base, cwd, lone)
for e in errs[:30]: print(e)
sys.exit(1 if errs else 0)
PY

# the reports: each corpus case as the golden test runs it, the example host, and files
# of non-ASCII text and hostile names
n=0
: >"$tmp/specs"
run() {	# dir nroots args...
	d=$1 nroots=$2; shift 2
	n=$((n + 1))
	for fmt in json sarif gitlab checkstyle junit; do
		# shellcheck disable=SC2086
		(cd "$d" && "$BIN" --no-config --format=$fmt "$@" >"$tmp/$n.$fmt" 2>>"$tmp/$n.err" </dev/null)
	done
	echo "$tmp/$n|$d|$nroots" >>"$tmp/specs"
}
# (the cases without "# args:" in one run per kind, as tests/sh/outputs.sh does)
for kind in hosts ntpconf; do
	: >"$tmp/plain"
	for e in "$top/corpus/$kind"/*.expect; do
		c=$(basename "$e" .expect)
		[ $kind = hosts ] && { [ -d "${e%.expect}" ] || continue; }
		[ $kind = ntpconf ] && { c=$c.conf; [ -f "$top/corpus/ntpconf/$c" ] || continue; }
		args=$(sed -n 's/^# args: *//p' "$e" | head -n 1)
		# shellcheck disable=SC2086
		if [ -n "$args" ]; then run "$top/corpus/$kind" 1 $args "$c"; else echo "$c" >>"$tmp/plain"; fi
	done
	# shellcheck disable=SC2046
	run "$top/corpus/$kind" "$(wc -l <"$tmp/plain")" $(cat "$tmp/plain")
done
run "$top/corpus" 1 example-host
run "$top/corpus" 3 example-host ./hosts//clean_host hosts/fw_closed
mkdir -p "$tmp/u"
printf 'server 10.0.0.1\nserver \360\237\230\200.example burts\nserver caf\303\251.example burts\n  server caf\351.example burts\nserver 10.0.0.2 \303\251 iburts\n' \
	>"$tmp/u/unicode.conf"
run "$tmp/u" 1 unicode.conf
printf 'server 10.0.0.1 burts\n' >"$tmp/u/x.conf"
# a name with XML's special characters and a control byte: the XML must still parse
name=$(printf 'a<b>&"c\033.conf')
cp "$tmp/u/x.conf" "$tmp/u/$name"
run "$tmp/u" 1 "$name"
check "$n reports" '[ "$n" -gt 10 ]'
total=$(cat "$tmp"/*.gitlab | grep -c '"check_name"')
check "the corpus has findings to compare ($total)" '[ "$total" -gt 100 ]'
check "no standard error" '! cat "$tmp"/*.err | grep -q .' || cat "$tmp"/*.err | head -n 5

# shellcheck disable=SC2046
$py "$tmp/shape.py" $(cat "$tmp/specs") >"$tmp/shape.out" 2>&1
rc=$?
check "gitlab, checkstyle and junit have their consumers' shapes and the JSON's findings; SARIF columns count UTF-16 units" \
	'[ $rc = 0 ]' || head -n 30 "$tmp/shape.out"
check "the non-ASCII case has columns that differ from bytes" \
	'grep -q "\"startColumn\": 19" "$tmp/$((n - 1)).sarif" && grep -q "\"column\": 21" "$tmp/$((n - 1)).json"'
check "the hostile name is escaped in the XML" \
	'grep -q "a&lt;b&gt;&amp;&quot;c\\\\x1b.conf" "$tmp/$n.checkstyle"'

# the checks must be able to fail: a repeated fingerprint, a dropped testcase, a SARIF
# column counted in bytes
last=$tmp/$((n - 1))
cp "$last.json" "$tmp/bad.json"; cp "$last.sarif" "$tmp/bad.sarif"
cp "$last.checkstyle" "$tmp/bad.checkstyle"; cp "$last.junit" "$tmp/bad.junit"
sed 's/"fingerprint": "[^"]*"/"fingerprint": "0123456789abcdef:1"/' "$last.gitlab" >"$tmp/bad.gitlab"
check "a repeated GitLab fingerprint is refused" \
	'! cmp -s "$last.gitlab" "$tmp/bad.gitlab" && ! $py "$tmp/shape.py" "$tmp/bad|$tmp/u|1" >/dev/null'
cp "$last.gitlab" "$tmp/bad.gitlab"
sed 's/"startColumn": 19/"startColumn": 21/' "$last.sarif" >"$tmp/bad.sarif"
check "a SARIF column in bytes is refused" '! $py "$tmp/shape.py" "$tmp/bad|$tmp/u|1" >/dev/null'
cp "$last.sarif" "$tmp/bad.sarif"
sed '0,/ tests="[0-9]*"/s// tests="999"/' "$last.junit" >"$tmp/bad.junit"
check "JUnit totals that do not add up are refused" \
	'! cmp -s "$last.junit" "$tmp/bad.junit" && ! $py "$tmp/shape.py" "$tmp/bad|$tmp/u|1" >/dev/null'
check "and the unchanged copies pass" \
	'cp "$last.junit" "$tmp/bad.junit" && $py "$tmp/shape.py" "$tmp/bad|$tmp/u|1" >/dev/null'

# JUnit against an XSD, when one is at hand (none is published with Debian)
if [ -n "${JUNIT_XSD:-}" ] && command -v xmllint >/dev/null 2>&1; then
	bad=0
	for f in "$tmp"/[0-9]*.junit; do
		xmllint --noout --schema "$JUNIT_XSD" "$f" >/dev/null 2>"$tmp/xsd.err" || bad=1
	done
	check "every JUnit report validates against $JUNIT_XSD" '[ $bad = 0 ]' || head -n 5 "$tmp/xsd.err"
else
	echo "SKIP ci_formats: JUnit XSD: set JUNIT_XSD=FILE (and install xmllint) to validate against one"
fi

echo "ci_formats: $pass passed, $fail failed"
[ "$fail" = 0 ]
