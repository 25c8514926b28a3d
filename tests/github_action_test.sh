#!/bin/sh
# The composite GitHub Action (action.yml): its structure (composite, current action majors, the
# scripts it runs exist), and its lint step run as the runner would run it: SARIF written, step
# outputs set, job summary written, annotations instead of an upload for pull requests from
# forks, the exit code of findings passed on, usage errors failing the step.
# Usage: github_action_test.sh IAMLINT
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

python3 - "$repo" <<'PY' && ok || fail "action.yml structure"
import os, re, sys, yaml
repo = sys.argv[1]
a = yaml.safe_load(open(os.path.join(repo, "action.yml")))
assert a["runs"]["using"] == "composite", a["runs"]
steps = a["runs"]["steps"]
uses = [s["uses"] for s in steps if "uses" in s]
assert uses == ["actions/cache@v5", "github/codeql-action/upload-sarif@v4"], uses
for s in steps:
    if "run" in s:
        assert s.get("shell") == "bash", s
        for script in re.findall(r"\$GITHUB_ACTION_PATH/([\w/.-]+)", s["run"]):
            p = os.path.join(repo, script)
            assert os.access(p, os.X_OK), p
for name in ("paths", "fail-on", "sarif-file", "upload-sarif", "category", "annotations", "job-summary"):
    assert name in a["inputs"], name
assert set(a["outputs"]) == {"exit-code", "sarif-file", "findings"}
upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
assert "steps.lint.outputs.upload == 'true'" in upload["if"], upload["if"]
lint = next(s for s in steps if s.get("id") == "lint")
assert "head.repo.full_name != github.repository" in lint["env"]["IAMLINT_UPLOAD"]
assert "dependabot[bot]" in lint["env"]["IAMLINT_UPLOAD"]
print("action.yml: composite, actions/cache@v5 and upload-sarif@v4, fork and Dependabot pull requests not uploaded")
PY

hash=$("$repo/tools/github-action/source-hash")
echo "$hash" | grep -Eqx '[0-9a-f]{32}' && [ "$hash" = "$("$repo/tools/github-action/source-hash")" ] && ok ||
  fail "source-hash is not a stable 32-hex hash: $hash"

# The build step with a cache hit uses the cached binary and builds nothing.
mkdir -p "$work/bin" && cp "$iamlint" "$work/bin/iamlint"
IAMLINT_BIN_DIR="$work/bin" IAMLINT_CACHED=true "$repo/tools/github-action/build" >"$work/build.out" 2>&1 &&
  grep -q '^iamlint from the cache: iamlint ' "$work/build.out" && ok || { fail "build with a cache hit"; cat "$work/build.out"; }

# lint PATHS UPLOAD ANNOTATIONS [ARGS]: runs the lint step in $work/repo.
mkdir -p "$work/repo/templates" && cd "$work/repo" && git init -q
cp "$repo/testdata/config/template.yaml" templates/app.yaml
cp "$repo/testdata/golden/clean.yaml" templates/clean.yaml
lint() {
  rm -f "$work/output" "$work/summary"
  IAMLINT="$iamlint" INPUT_PATHS="$1" IAMLINT_UPLOAD="$2" INPUT_ANNOTATIONS="$3" INPUT_ARGS="${4:-}" \
    INPUT_FAIL_ON=warning INPUT_SARIF_FILE=iamlint.sarif INPUT_JOB_SUMMARY=true \
    GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/summary" \
    "$repo/tools/github-action/lint" >"$work/stdout" 2>"$work/stderr"
}
output() { sed -n "s/^$1=//p" "$work/output"; }

# A pull request from a fork: no upload, annotations instead, findings in the summary.
lint "templates/app.yaml
templates/clean.yaml" " false
" auto "--select IAM1"
rc=$?
[ $rc -eq 0 ] && ok || fail "the lint step exited $rc on findings (the fail step comes after the upload)"
[ "$(output exit-code)" = 1 ] && [ "$(output findings)" = 2 ] && [ "$(output upload)" = false ] &&
  [ "$(output sarif-file)" = iamlint.sarif ] && ok || { fail "step outputs"; cat "$work/output"; }
python3 -c 'import json; r = json.load(open("iamlint.sarif"))["runs"][0]["results"]; assert sorted(x["ruleId"] for x in r) == ["IAM102", "IAM105"], r' &&
  ok || fail "the SARIF report"
grep -q '^::error file=templates/app.yaml,line=19,col=25,.*title=IAM102 invalid-effect::' "$work/stdout" && ok ||
  { fail "annotations for a fork pull request"; cat "$work/stdout"; }
grep -q '^\*\*2 findings\*\* in 2 files: 2 errors, 0 warnings, 0 notes' "$work/summary" &&
  grep -q '^| error | `templates/app.yaml:19` | IAM102 invalid-effect | ' "$work/summary" &&
  grep -q 'The SARIF was not uploaded' "$work/summary" && ok || { fail "job summary"; cat "$work/summary"; }

# Same-repository push: uploaded, so no annotations by default.
lint "templates" true auto "--select IAM1"
[ "$(output upload)" = true ] && ! grep -q '^::' "$work/stdout" && grep -q 'code scanning (Security tab)' "$work/summary" &&
  ok || { fail "an uploading run"; cat "$work/stdout" "$work/summary"; }

# Clean, and fail-on none.
lint "templates/clean.yaml" true auto
[ "$(output exit-code)" = 0 ] && [ "$(output findings)" = 0 ] && grep -q '^No findings in 1 file.' "$work/summary" && ok ||
  { fail "a clean run"; cat "$work/output" "$work/summary"; }

# A usage error fails the step itself.
lint "templates" true auto "--select IAM2O1"
rc=$?
[ $rc -eq 2 ] && grep -q 'did you mean `IAM201`' "$work/stderr" && grep -q '^::error::iamlint could not lint (exit 2)' "$work/stdout" &&
  ok || { fail "a usage error: rc $rc"; cat "$work/stdout" "$work/stderr"; }

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
