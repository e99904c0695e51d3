#!/bin/sh
# action.yml cannot run here (it needs a GitHub runner): its structure is checked as
# GitHub reads a composite action (name, description, inputs with descriptions,
# runs.using composite, a shell for each run step, uses pinned to a version, every
# ${{ inputs.X }} and ${{ steps.ID }} defined, no ${{ }} inside a script, where it would
# be injected as code), with the make target and esxntp-lint options it calls. Then the
# README's examples: the GitHub workflow uses this action with its inputs and the
# permission the upload needs; the GitLab job writes its Code Quality and JUnit reports
# where artifacts:reports takes them; the pre-commit config names hooks of
# .pre-commit-hooks.yaml, whose entries exist and are executable.
set -u
BIN=${ESXNTP_LINT:?set ESXNTP_LINT to the binary}
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# name, then a shell condition
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL action: $1"; fail=$((fail + 1)); return 1; fi
}

py=$(python3 -c 'import yaml, sys; print(sys.executable)' 2>/dev/null)
if [ -z "$py" ]; then
	echo "SKIP action: python3 with yaml (python3-yaml) is not installed"
	exit 0
fi

cat >"$tmp/check.py" <<'PY'
import os, re, stat, sys, yaml

top, readme_blocks, bin_help = sys.argv[1], sys.argv[2], sys.argv[3]
errs = []
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

def exprs(v):
    if isinstance(v, str):
        yield from EXPR.findall(v)
    elif isinstance(v, dict):
        for x in v.values(): yield from exprs(x)
    elif isinstance(v, list):
        for x in v: yield from exprs(x)

# --- action.yml ---
a = yaml.safe_load(open(os.path.join(top, "action.yml")))
for k in ("name", "description", "inputs", "outputs", "runs"):
    if k not in a: errs.append(f"action.yml: no {k}")
inputs = a.get("inputs", {})
for n, i in inputs.items():
    if not isinstance(i, dict) or not i.get("description"):
        errs.append(f"action.yml: input {n} has no description")
    if "default" in i and not isinstance(i["default"], str):
        errs.append(f"action.yml: input {n}'s default is not a string")
    if i.get("required") and "default" in i:
        errs.append(f"action.yml: input {n} is required and has a default")
runs = a.get("runs", {})
if runs.get("using") != "composite":
    errs.append(f"action.yml: runs.using is {runs.get('using')!r}")
steps = runs.get("steps") or []
ids = []
for j, st in enumerate(steps):
    w = f"action.yml: step {j} ({st.get('name')})"
    if not st.get("name"): errs.append(f"{w}: no name")
    if ("run" in st) == ("uses" in st):
        errs.append(f"{w}: needs exactly one of run and uses")
    if "run" in st:
        if st.get("shell") not in ("bash", "sh", "pwsh", "python"):
            errs.append(f"{w}: a run step needs a shell (composite actions have no default)")
        if EXPR.search(st["run"]):
            errs.append(f"{w}: ${{{{ }}}} inside the script: pass it through env")
    if "uses" in st and not re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", st["uses"]):
        errs.append(f"{w}: uses {st['uses']!r} is not pinned to a major version")
    for e in exprs({k: v for k, v in st.items() if k != "id"}):
        for m in re.findall(r"\binputs\.([\w-]+)", e):
            if m not in inputs: errs.append(f"{w}: inputs.{m} is not an input")
        for m in re.findall(r"\bsteps\.([\w-]+)\.", e):
            if m not in ids: errs.append(f"{w}: steps.{m} is not an earlier step")
    if "id" in st: ids.append(st["id"])
for n, o in (a.get("outputs") or {}).items():
    if not o.get("description") or "value" not in o:
        errs.append(f"action.yml: output {n} needs description and value")
    for e in exprs(o.get("value", "")):
        for m in re.findall(r"\bsteps\.([\w-]+)\.outputs\.([\w-]+)", e):
            if m[0] not in ids: errs.append(f"action.yml: output {n}: no step {m[0]}")
        for m in re.findall(r"\binputs\.([\w-]+)", e):
            if m not in inputs: errs.append(f"action.yml: output {n}: no input {m}")
uploads = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
if len(uploads) != 1 or "sarif_file" not in uploads[0].get("with", {}):
    errs.append("action.yml: no upload-sarif step with sarif_file")
scripts = "\n".join(s.get("run", "") for s in steps)
if "--format=sarif" not in scripts: errs.append("action.yml: the lint step does not ask for --format=sarif")
if "make -C \"$GITHUB_ACTION_PATH\"" not in scripts: errs.append("action.yml: no build of this repository")
for opt in re.findall(r"(--[a-z][a-z-]*)=", scripts):
    if opt not in bin_help: errs.append(f"action.yml: {opt} is not an esxntp-lint option")

# --- the README's examples (```yaml blocks of "In CI and before commits") ---
blocks = [yaml.safe_load(b) for b in open(readme_blocks).read().split("\n---BLOCK---\n") if b.strip()]
gh = [b for b in blocks if isinstance(b, dict) and "jobs" in b]
gl = [b for b in blocks if isinstance(b, dict) and any(isinstance(v, dict) and "script" in v for v in b.values())]
pc = [b for b in blocks if isinstance(b, dict) and "repos" in b]
if len(gh) != 1 or len(gl) != 1 or len(pc) != 1:
    errs.append(f"README: {len(gh)} workflow, {len(gl)} GitLab, {len(pc)} pre-commit examples (1 each)")
else:
    wf = gh[0]
    if not wf.get(True, wf.get("on")):   # YAML 1.1 reads the key on as True
        errs.append("README workflow: no on:")
    if (wf.get("permissions") or {}).get("security-events") != "write":
        errs.append("README workflow: the upload needs permissions: security-events: write")
    used = [s for j in wf["jobs"].values() for s in j.get("steps", [])
            if re.fullmatch(r"[\w.-]+/esxntp-lint@[\w.-]+", str(s.get("uses", "")))]
    if len(used) != 1:
        errs.append("README workflow: no step uses OWNER/esxntp-lint@REF")
    else:
        w = used[0].get("with", {})
        for k in w:
            if k not in inputs: errs.append(f"README workflow: with.{k} is not an input of action.yml")
        for n, i in inputs.items():
            if i.get("required") and n not in w: errs.append(f"README workflow: required input {n} missing")
    job = next(v for v in gl[0].values() if isinstance(v, dict) and "script" in v)
    rep = (job.get("artifacts") or {}).get("reports") or {}
    script = "\n".join(job["script"])
    for kind, fmt in (("codequality", "gitlab"), ("junit", "junit")):
        f = rep.get(kind)
        if not f or not re.search(rf"--format={fmt}\b.*>\s*{re.escape(str(f))}\s*$", script, re.M):
            errs.append(f"README GitLab job: reports.{kind} is not the --format={fmt} output")
    hooks = yaml.safe_load(open(os.path.join(top, ".pre-commit-hooks.yaml")))
    hook_ids = {h["id"] for h in hooks}
    for r in pc[0]["repos"]:
        for h in r.get("hooks", []):
            if h["id"] not in hook_ids: errs.append(f"README pre-commit: no hook {h['id']}")
    for h in hooks:
        for k in ("id", "name", "entry", "language"):
            if k not in h: errs.append(f".pre-commit-hooks.yaml: {h.get('id')} has no {k}")
        path = os.path.join(top, h["entry"].split()[0])
        if h.get("language") == "script" and not (os.path.isfile(path) and os.stat(path).st_mode & stat.S_IXUSR):
            errs.append(f".pre-commit-hooks.yaml: {h['id']}: {h['entry'].split()[0]} is not an executable file")
        for opt in h["entry"].split()[1:] + h.get("args", []):
            if opt.split("=")[0] not in bin_help: errs.append(f".pre-commit-hooks.yaml: {opt} is not an option")
for e in errs: print(e)
sys.exit(1 if errs else 0)
PY

# the ```yaml blocks of the README's CI section, separated
sed -n '/^## In CI and before commits/,/^## /p' "$top/README.md" |
	awk '/^```yaml$/ { on = 1; next } on && /^```$/ { on = 0; print "---BLOCK---"; next } on' \
	>"$tmp/blocks"
"$BIN" --help >"$tmp/help"
$py "$tmp/check.py" "$top" "$tmp/blocks" "$(cat "$tmp/help")" >"$tmp/out" 2>&1
check "action.yml, .pre-commit-hooks.yaml and the README's CI examples" '[ $? = 0 ]' || cat "$tmp/out"

# the check must be able to fail: a ${{ }} in a script, an unknown input, a missing shell
mkdir -p "$tmp/bad/tools"
cp "$top/.pre-commit-hooks.yaml" "$tmp/bad/"; cp "$top/tools/esxntp-lint-pre-commit" "$tmp/bad/tools/"
for mut in 's/"\$ESXNTP_BIN" --format=sarif/${{ inputs.args }} --format=sarif/' \
	's/inputs.sarif-file }}$/inputs.sarif-fil }}/' '0,/      shell: bash/s///'; do
	sed "$mut" "$top/action.yml" >"$tmp/bad/action.yml"
	! cmp -s "$top/action.yml" "$tmp/bad/action.yml" &&
		! $py "$tmp/check.py" "$tmp/bad" "$tmp/blocks" "$(cat "$tmp/help")" >/dev/null 2>&1
	check "a broken action.yml is refused ($mut)" '[ $? = 0 ]'
done

echo "action: $pass passed, $fail failed"
[ "$fail" = 0 ]
