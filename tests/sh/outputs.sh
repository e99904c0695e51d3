#!/bin/sh
# The machine-readable formats over the whole corpus (every host case, every lone ntp.conf,
# the example host, and a --diff run): each JSON report parses and has exactly the shape
# README "JSON output" documents; each SARIF log passes ../shared/tools/gh-sarif-checks.py
# (and the SARIF 2.1.0 schema, when one is installed: SARIF_SCHEMA=FILE); the github
# format writes one annotation per finding of the text format; --list-rules --format=json
# lists every rule of src/rules.def.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${ESXNTP_SHARED:-$top/../shared}	# another copy, or none, to try the skips
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the interpreter itself, not a version manager's shim that is slow to start
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -z "$py" ]; then
	echo "SKIP outputs: python3 is not installed (it validates the JSON and SARIF)"
	exit 0
fi

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL outputs: $1"; fail=$((fail + 1)); return 1; fi
}

# the documented JSON shape: the keys each object must have, then those it may have
cat >"$tmp/shape.py" <<'EOF'
import json, sys

TOP = ({"tool", "version", "roots", "fleets", "summary"}, set())
ROOT = ({"root", "esx_version", "esx_product", "esx_source", "ntp_version", "findings", "counts"}, {"fix"})
COUNTS = ({"error", "warning", "info", "fixed"}, set())
FLEET = ({"path", "roots", "skipped"}, set())
SKIPPED = ({"path", "why"}, set())
RULE = ({"rule", "name", "count", "fixable"}, set())
WORST = ({"root", "error", "warning", "info"}, set())
FINDING = ({"rule", "name", "severity", "file", "line", "column", "end_line", "end_column",
            "message", "fix", "related"}, {"fixed", "not_fixed_because"})
RELATED = ({"file", "line", "column"}, {"message"})
SUMMARY = ({"error", "warning", "info", "fixed", "roots", "clean", "with_errors",
            "with_warnings", "with_info", "skipped", "rules", "worst"}, set())
FIX = ({"dry_run", "refused", "changes", "notes"}, set())
CHANGE_FILE = ({"file", "created", "backup", "error"}, set())
CHANGE_ACTION = ({"file", "action", "error"}, set())
errs = []

def keys(where, obj, shape):
    if not isinstance(obj, dict):
        errs.append(f"{where}: not an object"); return False
    need, may = shape
    if not need <= obj.keys():
        errs.append(f"{where}: missing {sorted(need - obj.keys())}")
    if not obj.keys() <= need | may:
        errs.append(f"{where}: undocumented {sorted(obj.keys() - need - may)}")
    return True

def is_type(where, v, types, nullable=False):
    if v is None and nullable: return
    if isinstance(v, bool) and bool not in types or not isinstance(v, types):
        errs.append(f"{where}: {v!r} is not {'/'.join(t.__name__ for t in types)}")

def pos(where, v):
    is_type(where, v, (int,))
    if isinstance(v, int) and v < 1: errs.append(f"{where}: {v} < 1")

def load(path):
    """the document, or a JSON Lines report put back together as one (--jsonl)"""
    if not path.endswith(".jsonl"):
        return json.load(open(path, encoding="utf-8"))
    lines = [json.loads(l) for l in open(path, encoding="utf-8")]
    if not lines or "root" in lines[-1]:
        raise ValueError("the last line is not the summary line")
    if any("root" not in l for l in lines[:-1]):
        raise ValueError("a line before the last has no root")
    doc = dict(lines[-1])
    doc["roots"] = lines[:-1]
    return doc

def check(path):
    try:
        doc = load(path)
    except Exception as e:
        errs.append(f"{path}: does not parse: {e}"); return
    if not keys(path, doc, TOP): return
    if doc.get("tool") != "esxntp-lint": errs.append(f"{path}: tool is {doc.get('tool')!r}")
    is_type(f"{path}: version", doc.get("version"), (str,))
    count = {"error": 0, "warning": 0, "info": 0}
    fixed = 0
    worst = {"clean": 0, "with_errors": 0, "with_warnings": 0, "with_info": 0}
    rules = {}
    for i, r in enumerate(doc.get("roots") or []):
        w = f"{path}: roots[{i}]"
        if not keys(w, r, ROOT): continue
        is_type(f"{w}.root", r.get("root"), (str,))
        is_type(f"{w}.esx_version", r.get("esx_version"), (str,), nullable=True)
        if r.get("esx_product") not in ("ESX", "ESXi", None):
            errs.append(f"{w}.esx_product: {r.get('esx_product')!r}")
        is_type(f"{w}.esx_source", r.get("esx_source"), (str,), nullable=True)
        if r.get("ntp_version") not in ("4.1", "4.2.0", "4.2.2", "4.2.8", "ntpsec"):
            errs.append(f"{w}.ntp_version: {r.get('ntp_version')!r}")
        if "fix" in r and keys(f"{w}.fix", r["fix"], FIX):
            for j, c in enumerate(r["fix"].get("changes") or []):
                keys(f"{w}.fix.changes[{j}]", c, CHANGE_ACTION if "action" in c else CHANGE_FILE)
        own = {"error": 0, "warning": 0, "info": 0, "fixed": 0}
        for j, f in enumerate(r.get("findings") or []):
            wf = f"{w}.findings[{j}]"
            if not keys(wf, f, FINDING): continue
            for k in ("rule", "name", "file", "message"):
                is_type(f"{wf}.{k}", f.get(k), (str,))
            for k in ("line", "column", "end_line", "end_column"):
                pos(f"{wf}.{k}", f.get(k))
            if f.get("severity") not in count:
                errs.append(f"{wf}.severity: {f.get('severity')!r}")
            if f.get("fix") not in (None, "safe", "unsafe"):
                errs.append(f"{wf}.fix: {f.get('fix')!r}")
            if f.get("fixed"):
                own["fixed"] += 1
            elif f.get("severity") in count:
                own[f["severity"]] += 1
                rules[f.get("rule")] = rules.get(f.get("rule"), 0) + 1
            for k, x in enumerate(f.get("related") or []):
                if keys(f"{wf}.related[{k}]", x, RELATED):
                    pos(f"{wf}.related[{k}].line", x.get("line"))
                    pos(f"{wf}.related[{k}].column", x.get("column"))
            is_type(f"{wf}.related", f.get("related"), (list,))
        if keys(f"{w}.counts", r.get("counts"), COUNTS) and r["counts"] != own:
            errs.append(f"{w}: counts {r['counts']} but the findings count {own}")
        for k in count: count[k] += own[k]
        fixed += own["fixed"]
        worst["with_errors" if own["error"] else "with_warnings" if own["warning"] else
              "with_info" if own["info"] else "clean"] += 1
    skipped = 0
    for i, fl in enumerate(doc.get("fleets") or []):
        if keys(f"{path}: fleets[{i}]", fl, FLEET):
            for j, x in enumerate(fl.get("skipped") or []):
                keys(f"{path}: fleets[{i}].skipped[{j}]", x, SKIPPED)
                skipped += 1
    s = doc.get("summary")
    if keys(f"{path}: summary", s, SUMMARY):
        want = dict(count, fixed=fixed, roots=len(doc.get("roots") or []), skipped=skipped, **worst)
        got = {k: s[k] for k in want}
        if got != want:
            errs.append(f"{path}: summary {got} but the roots count {want}")
        for j, x in enumerate(s.get("rules") or []):
            keys(f"{path}: summary.rules[{j}]", x, RULE)
        if {x.get("rule"): x.get("count") for x in s.get("rules") or []} != rules:
            errs.append(f"{path}: summary.rules {s.get('rules')} but the findings count {rules}")
        for j, x in enumerate(s.get("worst") or []):
            keys(f"{path}: summary.worst[{j}]", x, WORST)

for p in sys.argv[1:]: check(p)
for e in errs: print(e)
sys.exit(1 if errs else 0)
EOF

# the reports: the cases with no "# args:" line in one run per kind, the others one by one,
# each run from the case's directory as the golden test runs them
n=0
run() {	# dir args...: writes $tmp/N.{json,sarif,github,text}
	d=$1; shift
	n=$((n + 1))
	for fmt in json sarif github text; do
		# shellcheck disable=SC2086
		(cd "$d" && "$BIN" --format=$fmt --show-source=never --color=never "$@" \
			>"$tmp/$n.$fmt" 2>>"$tmp/$n.err")
	done
	echo "$n $d $*" >>"$tmp/cases"
}
cases=0
for kind in hosts ntpconf; do
	: >"$tmp/plain"
	for e in "$top"/corpus/$kind/*.expect; do
		c=$(basename "$e" .expect)
		[ $kind = hosts ] && { [ -d "${e%.expect}" ] || continue; }
		[ $kind = ntpconf ] && { c=$c.conf; [ -f "$top/corpus/ntpconf/$c" ] || continue; }
		cases=$((cases + 1))
		args=$(sed -n 's/^# args: *//p' "$e" | head -n 1)
		# shellcheck disable=SC2086
		if [ -n "$args" ]; then run "$top/corpus/$kind" $args "$c"; else echo "$c" >>"$tmp/plain"; fi
	done
	# shellcheck disable=SC2046
	run "$top/corpus/$kind" $(cat "$tmp/plain")
done
run "$top/corpus" example-host
cases=$((cases + 1))
# a --diff run adds each root's "fix" object and each finding's fix state; the report is
# on standard error then
(cd "$top/corpus/hosts" && "$BIN" --format=json --diff --unsafe-fixes fw_closed \
	>/dev/null 2>"$tmp/diff.json")
check "$cases cases in $n runs" '[ "$(wc -l <"$tmp/cases")" = "$n" ] && [ "$cases" -gt 50 ]'

# shellcheck disable=SC2046
$py "$tmp/shape.py" $(seq -f "$tmp/%g.json" 1 "$n") >"$tmp/shape.out" 2>&1
rc=$?
check "every JSON report has the documented shape" '[ $rc = 0 ]' ||
	head -n 20 "$tmp/shape.out"
$py "$tmp/shape.py" "$tmp/diff.json" >"$tmp/shape.out" 2>&1
rc=$?
check "a --diff JSON report has the documented shape" '[ $rc = 0 ]' ||
	head -n 20 "$tmp/shape.out"
check "the --diff report carries the fix state" \
	'grep -q "\"dry_run\": true" "$tmp/diff.json" && grep -q "\"fixed\": true" "$tmp/diff.json"'

# a directory of hosts: its "fleets" entry and the summary over its roots; JSON Lines is the
# same document a root a line (each of them with the shape of a root), the rest on the last
(cd "$top/corpus/fleets" && "$BIN" --no-config --format=json mixed >"$tmp/fleet.json" 2>&1
 "$BIN" --no-config --format=jsonl mixed >"$tmp/fleet.jsonl" 2>&1
 "$BIN" --no-config --format=jsonl --diff --unsafe-fixes mixed 2>"$tmp/fleet-diff.jsonl" >/dev/null)
$py "$tmp/shape.py" "$tmp/fleet.json" "$tmp/fleet.jsonl" "$tmp/fleet-diff.jsonl" >"$tmp/shape.out" 2>&1
rc=$?
check "a directory of hosts: JSON and JSON Lines have the documented shape" '[ $rc = 0 ]' ||
	head -n 20 "$tmp/shape.out"
check "JSON Lines: a line per root and the summary line ($(wc -l <"$tmp/fleet.jsonl") lines)" \
	'[ "$(wc -l <"$tmp/fleet.jsonl")" = 6 ] && [ "$(grep -c "^{\"root\":" "$tmp/fleet.jsonl")" = 5 ]'
$py -c '
import json, sys
doc = json.load(open(sys.argv[1]))
lines = [json.loads(l) for l in open(sys.argv[2])]
last = dict(lines[-1]); last["roots"] = lines[:-1]
sys.exit(0 if last == doc else 1)' "$tmp/fleet.json" "$tmp/fleet.jsonl"
rc=$?
check "JSON Lines put together is the JSON document" '[ $rc = 0 ]'
check "fleets names the directory and what it skipped" \
	'grep -q "\"why\": \"it has no etc/\"" "$tmp/fleet.json" && grep -q "\"roots\": 5," "$tmp/fleet.json"'
# the shape check must be able to fail: wrong counts, a JSON Lines report cut short
sed '0,/"error": 1,/s/"error": 1,/"error": 2,/' "$tmp/fleet.json" >"$tmp/bad3.json"
head -n 3 "$tmp/fleet.jsonl" >"$tmp/bad4.jsonl"
check "the shape check refuses a count the findings do not give" '! $py "$tmp/shape.py" "$tmp/bad3.json" >/dev/null'
check "the shape check refuses JSON Lines without the summary line" '! $py "$tmp/shape.py" "$tmp/bad4.jsonl" >/dev/null'

# the shape check must be able to fail: a report missing a key and one with an extra key
sed 's/"end_column"/"endcol"/' "$tmp/$n.json" >"$tmp/bad1.json"
sed '0,/"tool":/s/"tool":/"extra": 1, "tool":/' "$tmp/$n.json" >"$tmp/bad2.json"
check "the shape check refuses a renamed key" '! $py "$tmp/shape.py" "$tmp/bad1.json" >/dev/null'
check "the shape check refuses an undocumented key" '! $py "$tmp/shape.py" "$tmp/bad2.json" >/dev/null'

# findings per run in each format: JSON findings, SARIF results
# shellcheck disable=SC2046
$py -c '
import json, sys
for p in sys.argv[1:]:
    j = json.load(open(p + ".json"))
    s = json.load(open(p + ".sarif"))
    print(sum(len(r["findings"]) for r in j["roots"]), len(s["runs"][0]["results"]))
' $(seq -f "$tmp/%g" 1 "$n") >"$tmp/counts" 2>&1
check "JSON and SARIF counted" '[ "$(wc -l <"$tmp/counts")" = "$n" ]' || head -n 5 "$tmp/counts"
i=1
while [ "$i" -le "$n" ]; do
	c=$(sed -n "${i}p" "$tmp/cases" | cut -d' ' -f2- | sed "s|$top/||")
	check "$c: no standard error" '[ ! -s "$tmp/$i.err" ]' || head -n 3 "$tmp/$i.err"
	text=$(grep -cE '^[^ ]*:[0-9]+:[0-9]+: (error|warning|info): .* \[[A-Z]+[0-9]+\]$' "$tmp/$i.text")
	gh=$(grep -c '^::' "$tmp/$i.github")
	lines=$(wc -l <"$tmp/$i.github")
	js=$(sed -n "${i}p" "$tmp/counts")
	check "$c: github annotations ($gh of $lines lines) = text findings ($text) = JSON, SARIF findings ($js)" \
		'[ "$gh" = "$text" ] && [ "$lines" = "$text" ] && [ "$js" = "$text $text" ]'
	check "$c: every annotation names a rule" \
		'! grep -vqE "^::(error|warning|notice) file=[^,]+,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=[A-Z]+[0-9]+ [a-z0-9-]+::." "$tmp/$i.github"'
	total=$((${total:-0} + text))
	i=$((i + 1))
done
check "the corpus has findings to count ($total)" '[ "$total" -gt 100 ]'

# SARIF: tool.driver.rules is the whole catalog, in --list-rules order, each with its
# texts, and every result's ruleIndex points at its own rule
"$BIN" --list-rules | cut -d' ' -f1 >"$tmp/codes"
# shellcheck disable=SC2046
$py -c '
import json, sys
codes = open(sys.argv[1]).read().split()
bad = 0
for p in sys.argv[2:]:
    d = json.load(open(p))["runs"][0]
    rules = d["tool"]["driver"]["rules"]
    if [r["id"] for r in rules] != codes:
        print(p, "rules are not the catalog"); bad = 1
    for r in rules:
        if not all(r.get(k, {}).get("text") for k in ("shortDescription", "fullDescription", "help")):
            print(p, r["id"], "lacks a text"); bad = 1
    for res in d["results"]:
        if rules[res["ruleIndex"]]["id"] != res["ruleId"]:
            print(p, "ruleIndex of", res["ruleId"], "points elsewhere"); bad = 1
sys.exit(bad)
' "$tmp/codes" $(seq -f "$tmp/%g.sarif" 1 "$n") >"$tmp/catalog.out" 2>&1
rc=$?
check "every SARIF log describes the whole catalog ($(wc -l <"$tmp/codes") rules) with texts" \
	'[ $rc = 0 ] && [ -s "$tmp/codes" ]' || head -n 10 "$tmp/catalog.out"

# SARIF: GitHub's own requirements, then the schema when one is at hand
if [ -f "$shared/tools/gh-sarif-checks.py" ]; then
	# shellcheck disable=SC2046
	$py "$shared/tools/gh-sarif-checks.py" $(seq -f "$tmp/%g.sarif" 1 "$n") >"$tmp/gh.out" 2>&1
	rc=$?
	check "every SARIF log passes gh-sarif-checks.py" '[ $rc = 0 ]' || head -n 20 "$tmp/gh.out"
else
	echo "SKIP outputs: gh-sarif-checks.py: ../shared is not there"
fi
schema=${SARIF_SCHEMA:-}
for s in /usr/share/sarif/sarif-2.1.0.json /usr/share/json-schema/sarif-2.1.0.json; do
	[ -z "$schema" ] && [ -f "$s" ] && schema=$s
done
if [ -z "$schema" ]; then
	echo "SKIP outputs: SARIF schema: no sarif-2.1.0.json installed (set SARIF_SCHEMA=FILE)"
elif ! $py -c 'import jsonschema' 2>/dev/null; then
	echo "SKIP outputs: SARIF schema: python3 jsonschema is not installed"
else
	# shellcheck disable=SC2046
	$py - "$schema" $(seq -f "$tmp/%g.sarif" 1 "$n") >"$tmp/schema.out" 2>&1 <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
bad = 0
for p in sys.argv[2:]:
    for e in jsonschema.Draft7Validator(schema).iter_errors(json.load(open(p))):
        print(f"{p}: {e.message}"); bad = 1
sys.exit(bad)
EOF
	rc=$?
	check "every SARIF log validates against $schema" '[ $rc = 0 ]' || head -n 20 "$tmp/schema.out"
fi
# --list-rules --format=json: every RULE of src/rules.def, with its severity and fix class
"$BIN" --list-rules --format=json >"$tmp/rules.json"
rc=$?
check "--list-rules --format=json exits 0" '[ $rc = 0 ]'
sed -n 's/^RULE([^,]*, *"\([^"]*\)", *"\([^"]*\)", *SEV_\([A-Z]*\), *FIX_\([A-Z_]*\),.*/\1 \2 \3 \4/p' \
	"$top/src/rules.def" | tr 'A-Z' 'a-z' | sed 's/^\([a-z]*[0-9]*\)/\U\1/' |
	sed 's/ none$/ -/; s/ safe_addr$/ safe*/' | sort >"$tmp/rules.def"
$py -c '
import json, sys
for r in json.load(open(sys.argv[1])):
    fix = r["fix"] or "-"
    if r["fix_needs_address"]: fix += "*"
    assert r["summary"] and r["doc"], r["code"]
    print(r["code"], r["name"], r["severity"], fix)' "$tmp/rules.json" | sort >"$tmp/rules.list"
check "--list-rules --format=json lists src/rules.def ($(wc -l <"$tmp/rules.def") rules)" \
	'[ -s "$tmp/rules.def" ] && cmp -s "$tmp/rules.def" "$tmp/rules.list"' ||
	diff "$tmp/rules.def" "$tmp/rules.list" | head -n 10

echo "outputs: $pass passed, $fail failed"
[ "$fail" = 0 ]
