#!/bin/sh
# Configuration (.iamlint.yaml), suppressions in templates, baselines and bad command-line input:
# the happy path of each, and each kind of bad input giving exit 2 with a located message.
# Usage: config_test.sh IAMLINT
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
data="$repo/testdata/config"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# expect EXIT 'STDERR-REGEX' ARGS...: runs iamlint, checks the exit code and stderr.
expect() {
  want=$1 pattern=$2; shift 2
  "$iamlint" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  if [ $rc -ne "$want" ]; then fail "iamlint $*: exit $rc, expected $want"; cat "$work/err"; return; fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$work/err"; then
    fail "iamlint $*: stderr does not match /$pattern/:"; cat "$work/err"; return
  fi
  ok
}
stdout_has() { if grep -Eq -- "$1" "$work/out"; then ok; else fail "stdout lacks /$1/"; cat "$work/out"; fi; }
stdout_lacks() { if grep -Eq -- "$1" "$work/out"; then fail "stdout has /$1/"; cat "$work/out"; else ok; fi; }

# --- configuration: happy path -------------------------------------------------------------
cp "$data/template.yaml" "$work/template.yaml"
expect 1 "" check --select IAM1 template.yaml         # no config: IAM102 and IAM105 are errors
stdout_has "IAM102 invalid-effect"
cp "$data/good.iamlint.yaml" "$work/.iamlint.yaml"
expect 0 "" check --print-config                      # found upward from the working directory
stdout_has "^# effective configuration from .*\.iamlint\.yaml"
stdout_has "^  - IAM003$"                             # `IAM003: off` is an ignore
stdout_has "^  IAM105: warning$"                      # the name was resolved to the id
stdout_has "^  Environment: \"prod\"$"
stdout_has "^fail-on: error$"
expect 0 "" check --print-config --fail-on note --ignore IAM102 -p Environment=dev
stdout_has "^fail-on: note$"
stdout_has "^  - IAM102$"
stdout_has "^  Environment: \"dev\"$"                 # flags win over the file
expect 1 "" check template.yaml                       # IAM102 is still an error
stdout_has "warning: .*\[IAM105 invalid-sid\]"      # level override applied
expect 0 "" check --ignore IAM102 template.yaml       # only a warning left, fail-on error
mkdir -p vendor sub
cp "$data/template.yaml" vendor/t.yaml
expect 0 "" check --ignore IAM102 vendor/t.yaml --force-exclude   # excluded although named
stdout_has "No files linted"
(cd sub && "$iamlint" check --print-config >"$work/out" 2>&1) && grep -q "from $work/.iamlint.yaml" "$work/out" && ok ||
  fail "the config is not found from a subdirectory"
# Excludes are relative to the config's directory: `vendor/**` still excludes ../vendor from sub/.
(cd sub && "$iamlint" check --ignore IAM102 --force-exclude ../vendor/t.yaml >"$work/out" 2>&1) &&
  grep -q "No files linted" "$work/out" && ok || fail "excludes are not relative to the config file"
# From here on only the rules these fixtures are about, so rules added later change nothing.
printf 'select: [IAM0, IAM1]\n' > .iamlint.yaml

# --- configuration: bad input, each with file:line:col ---------------------------------------
expect 2 "unknown-key.iamlint.yaml:2:1: unknown setting \`failOn\`; did you mean \`fail-on\`" \
  check --config "$data/unknown-key.iamlint.yaml" template.yaml
expect 2 "bad-level.iamlint.yaml:2:11: the level of IAM102 must be error, warning, note or off" \
  check --config "$data/bad-level.iamlint.yaml" template.yaml
expect 2 "bad-rule.iamlint.yaml:3:5: \`IAM99999\` in \`select\` is not a rule" \
  check --config "$data/bad-rule.iamlint.yaml" template.yaml
expect 2 "bad-fail-on.iamlint.yaml:1:10: \`fail-on\` must be one of" \
  check --config "$data/bad-fail-on.iamlint.yaml" template.yaml
expect 2 "bad-yaml.iamlint.yaml:[0-9]+:[0-9]+: " check --config "$data/bad-yaml.iamlint.yaml" template.yaml
expect 2 "duplicate-key.iamlint.yaml:2:1: duplicate key \`ignore\`" \
  check --config "$data/duplicate-key.iamlint.yaml" template.yaml
expect 2 "not-mapping.iamlint.yaml:1:1: the configuration must be a mapping" \
  check --config "$data/not-mapping.iamlint.yaml" template.yaml
expect 2 "missing.yaml: cannot open" check --config missing.yaml template.yaml
cp "$data/good.iamlint.yaml" unreadable.yaml && chmod 000 unreadable.yaml
if [ "$(id -u)" != 0 ]; then expect 2 "unreadable.yaml: cannot open" check --config unreadable.yaml template.yaml; fi
expect 2 "is a directory|cannot|read error" check --config sub template.yaml

# --- suppressions -----------------------------------------------------------------------------
cp "$data/suppressed.yaml" suppressed.yaml
expect 1 "" check -f json suppressed.yaml
python3 - "$work/out" <<'PY' && ok || fail "suppressions"
import json, sys
d = json.load(open(sys.argv[1]))
by = {}
for f in d["findings"]:
    by.setdefault(f["rule"], []).append(f)
assert all(f["suppressed"] for f in by["IAM102"]), "template-level suppression by name"
assert by["IAM102"][0]["suppressionReason"].startswith("legacy"), "reason kept"
assert all(f["suppressed"] for f in by["IAM105"]), "resource-level suppression by id"
assert [f["line"] for f in by["IAM008"]] == [8], "the unused IAM003 suppression is IAM008: %r" % by.get("IAM008")
assert [f["line"] for f in by["IAM009"]] == [18], "a suppression without a reason is IAM009"
assert d["summary"]["suppressed"] == 2, d["summary"]
PY
expect 1 "" check -f sarif suppressed.yaml
python3 - "$work/out" <<'PY' && ok || fail "SARIF suppressions"
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
sup = [r for r in res if r.get("suppressions")]
assert len(sup) == 2 and all(s["suppressions"][0]["kind"] == "inSource" and s["suppressions"][0]["justification"] for s in sup)
PY
expect 1 "" check suppressed.yaml
stdout_lacks "IAM102 invalid-effect"                  # text output hides suppressed findings
stdout_has "\(2 suppressed\)"

# --- baselines --------------------------------------------------------------------------------
expect 1 "" check --write-baseline baseline.json template.yaml
python3 -c 'import json,sys; d=json.load(open("baseline.json")); assert d["iamlintBaseline"] == 1 and len(d["findings"]) == 2' && ok ||
  fail "the baseline does not hold the 2 findings"
expect 0 "" check --baseline baseline.json template.yaml
stdout_has "No findings"
printf '# a comment moves every line\n' | cat - template.yaml > moved.yaml && mv moved.yaml template.yaml
expect 0 "" check --baseline baseline.json template.yaml   # still known after lines moved
sed -i 's|Action: s3:GetObject|Action: s3:GetObject\n                Sid: Twice|' template.yaml
sed -i 's|Effect: allow|Effect: Allowed|' template.yaml
expect 1 "" check --baseline baseline.json template.yaml   # a new IAM102 (different text) is reported
stdout_has "IAM102 invalid-effect"
stdout_lacks "IAM105"
mkdir -p "$work/sarif-baseline" && (
  cd "$work/sarif-baseline" &&
  printf 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Sid: A-B\n            Effect: allow\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::b/*\n' > t.yaml &&
  "$iamlint" check -q --write-baseline bl.json t.yaml >/dev/null
  sed -i 's/Sid: A-B/Sid: C-D/' t.yaml
  "$iamlint" check --baseline bl.json -f sarif t.yaml > out.sarif
  python3 -c 'import json; r=json.load(open("out.sarif"))["runs"][0]["results"]; s={x["ruleId"]: x["baselineState"] for x in r}; assert s == {"IAM102": "unchanged", "IAM105": "new"}, s'
) && ok || fail "SARIF with a baseline marks known findings unchanged and new ones new"
echo '{"not": "a baseline"}' > bad-baseline.json
expect 2 "bad-baseline.json: not an iamlint baseline" check --baseline bad-baseline.json template.yaml
expect 2 "nope.json: cannot open: No such file or directory" check --baseline nope.json template.yaml
expect 2 "cannot write" check --write-baseline /nonexistent-dir/b.json template.yaml

# --- bad command-line input ---------------------------------------------------------------------
expect 2 "does-not-exist.yaml: no such file or directory" check does-not-exist.yaml template.yaml
expect 2 "unknown format" check -f xml template.yaml
expect 2 "--fail-on takes" check --fail-on sometimes template.yaml
expect 2 "no PATH given" check
expect 2 "cannot write /nonexistent-dir/out.sarif" check -f sarif -o /nonexistent-dir/out.sarif template.yaml
mkdir ro && chmod 555 ro
if [ "$(id -u)" != 0 ]; then expect 2 "cannot write" check -o ro/out.txt template.yaml; fi
# -o writes atomically: the report appears whole, and no temporary file is left behind.
expect 1 "" check -f sarif -o report.sarif template.yaml
python3 -c 'import json; json.load(open("report.sarif"))' && ok || fail "report.sarif is not whole JSON"
if ls -a | grep -q '\.tmp\.'; then fail "a temporary file was left: $(ls -a)"; else ok; fi
[ ! -s "$work/out" ] && ok || fail "-o still wrote to stdout"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
