#!/bin/sh
# Command-line conventions: rule selectors are checked (with a did-you-mean), `-` reads standard
# input, colour follows --color and NO_COLOR, --exclude and exclude globs (`**`, trailing `/`,
# `./`, any depth), `rules --help`/`explain --help`, an empty run says so, and `--format github`
# paths are relative to the repository root.
# Usage: cli_test.sh IAMLINT
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
template="$repo/testdata/config/template.yaml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset NO_COLOR TERM
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# expect EXIT 'STDERR-REGEX' ARGS...: runs iamlint, checks the exit code and stderr.
expect() {
  want=$1 pattern=$2; shift 2
  "$iamlint" "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  if [ $rc -ne "$want" ]; then fail "iamlint $*: exit $rc, expected $want"; cat "$work/err"; return; fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$work/err"; then
    fail "iamlint $*: stderr does not match /$pattern/:"; cat "$work/err"; return
  fi
  ok
}
stdout_is() { if [ "$(cat "$work/out")" = "$1" ]; then ok; else fail "stdout is not:"; echo "$1"; echo "--- but:"; cat "$work/out"; fi; }
stdout_has() { if grep -Eq -- "$1" "$work/out"; then ok; else fail "stdout lacks /$1/"; cat "$work/out"; fi; }
stdout_lacks() { if grep -Eq -- "$1" "$work/out"; then fail "stdout has /$1/"; cat "$work/out"; else ok; fi; }
stderr_lacks() { if grep -Eq -- "$1" "$work/err"; then fail "stderr has /$1/"; cat "$work/err"; else ok; fi; }

cp "$template" t.yaml

# --- rule selectors: a typo is a usage error, never "every rule off" ------------------------------
expect 2 '^iamlint: `IAM2O1` in --select is not a rule id, id prefix or rule name; did you mean `IAM201`\?$' \
  check --select IAM2O1 t.yaml
expect 2 '`IAM999` in --select is not a rule id' check --select IAM999 t.yaml
expect 2 '`IAM9` in --ignore is not a rule id, id prefix or rule name \(`iamlint rules` lists them\)' \
  check --ignore IAM9 t.yaml
expect 2 '`IAM10Z` in --ignore is not a rule id' check --ignore IAM1,IAM10Z t.yaml
expect 2 '`invalid-efect` in --select .*did you mean `invalid-effect`' check --select invalid-efect t.yaml
expect 1 "" check --select IAM1,invalid-effect t.yaml   # prefixes and names are fine
stdout_has "IAM102 invalid-effect"
printf 'select: [IAM1]\nignore: [IAM1O2]\n' > bad.iamlint.yaml
expect 2 '^iamlint: bad.iamlint.yaml:2:10: `IAM1O2` in `ignore` is not a rule id, id prefix or rule name; did you mean `IAM102`\?$' \
  check --config bad.iamlint.yaml t.yaml

# Every mistake in a config file at once, each with its place.
printf 'select: [IAM99999]\nfailOn: error\nrules:\n  IAM102: fatal\nignore: [IAM1O2]\n' > multi.iamlint.yaml
"$iamlint" check --config multi.iamlint.yaml t.yaml >out 2>err; rc=$?
cat >want <<'E'
iamlint: multi.iamlint.yaml:1:10: `IAM99999` in `select` is not a rule id, id prefix or rule name (`iamlint rules` lists them)
iamlint: multi.iamlint.yaml:2:1: unknown setting `failOn`; did you mean `fail-on`?
iamlint: multi.iamlint.yaml:4:11: the level of IAM102 must be error, warning, note or off
iamlint: multi.iamlint.yaml:5:10: `IAM1O2` in `ignore` is not a rule id, id prefix or rule name; did you mean `IAM102`?
E
[ $rc -eq 2 ] && cmp -s err want && ok || { fail "all config errors at once: rc $rc"; diff want err; }
printf 'select: [IAM1O2]\n' > .iamlint.yaml
expect 1 "" check --no-config --select IAM1 t.yaml      # the broken config is not read
stdout_has "IAM102 invalid-effect"
expect 2 "exclude each other" check --no-config --config bad.iamlint.yaml t.yaml
rm .iamlint.yaml

# --- standard input -----------------------------------------------------------------------------
"$iamlint" check --select IAM1 - < t.yaml >out 2>err; rc=$?
[ $rc -eq 1 ] && grep -q '^-:19:25: error: .*\[IAM102 invalid-effect\]' out && ok || { fail "stdin without a name: rc $rc"; cat out err; }
"$iamlint" check --select IAM1 --stdin-filename templates/app.yaml - < t.yaml >out 2>err; rc=$?
[ $rc -eq 1 ] && grep -q '^templates/app.yaml:19:25: error: .*\[IAM102 invalid-effect\]' out && ok ||
  { fail "stdin with --stdin-filename: rc $rc"; cat out err; }
"$iamlint" check --select IAM1 -f sarif --stdin-filename templates/app.yaml - < t.yaml >out.sarif 2>err
python3 -c 'import json; r=json.load(open("out.sarif"))["runs"][0]["results"]; assert {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in r} == {"templates/app.yaml"}' &&
  ok || fail "SARIF from stdin does not name --stdin-filename"
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}' |
  "$iamlint" check --select IAM2 --stdin-filename p.json - >out 2>err; rc=$?
[ $rc -eq 1 ] && grep -q '^p.json:1:71: error: `s3:GetObjekt`' out && ok || { fail "a policy on stdin: rc $rc"; cat out err; }
printf 'a: [' | "$iamlint" check - >out 2>err; rc=$?
[ $rc -eq 1 ] && grep -q '^-:.*IAM001 parse-error' out && ok || { fail "bad YAML on stdin: rc $rc"; cat out err; }
# `-` together with files: both linted, in order.
"$iamlint" check --select IAM1 -q t.yaml - < t.yaml >out 2>err
[ "$(grep -c 'IAM102' out)" = 2 ] && head -1 out | grep -q '^t.yaml:' && ok || { fail "file and stdin together"; cat out err; }

# --- colour ---------------------------------------------------------------------------------------
esc=$(printf '\033')
expect 1 "" check --select IAM1 --color always t.yaml
grep -q "$esc\[1;31m" out && ok || fail "--color always does not colour a pipe"
NO_COLOR=1 expect 1 "" check --select IAM1 --color always t.yaml
grep -q "$esc\[" out && ok || fail "--color always loses to NO_COLOR"
expect 1 "" check --select IAM1 --color never t.yaml
grep -q "$esc" out && fail "--color never coloured" || ok
expect 1 "" check --select IAM1 t.yaml   # auto, and stdout is not a terminal
grep -q "$esc" out && fail "colour in a pipe" || ok
expect 2 "--color takes auto, always or never, not \`sometimes\`" check --color sometimes t.yaml
if command -v script >/dev/null 2>&1; then
  # On a terminal: coloured by default, plain with NO_COLOR or TERM=dumb.
  script -qec "TERM=xterm '$iamlint' check --select IAM1 '$work/t.yaml'" /dev/null >tty.out 2>&1
  grep -q "$esc\[1;31m" tty.out && ok || { fail "no colour on a terminal"; cat tty.out; }
  script -qec "TERM=xterm NO_COLOR=1 '$iamlint' check --select IAM1 '$work/t.yaml'" /dev/null >tty.out 2>&1
  grep -q "$esc\[1;31m" tty.out && { fail "NO_COLOR ignored on a terminal"; cat tty.out; } || ok
  script -qec "TERM=dumb '$iamlint' check --select IAM1 '$work/t.yaml'" /dev/null >tty.out 2>&1
  grep -q "$esc\[1;31m" tty.out && { fail "TERM=dumb coloured"; cat tty.out; } || ok
  script -qec "TERM=xterm NO_COLOR= '$iamlint' check --select IAM1 '$work/t.yaml'" /dev/null >tty.out 2>&1
  grep -q "$esc\[1;31m" tty.out && ok || { fail "an empty NO_COLOR turned colour off"; cat tty.out; }
else
  echo "note: script(1) is missing; terminal colour cases not run"
fi

# --- exclude: the command line and the config, .gitignore-style globs -----------------------------
mkdir -p tree/vendor/lib tree/a/x/b/x tree/x tree/sub/deep tree/keep
for f in vendor/v.yaml vendor/lib/l.yaml a/x/b/x/c.json a/x/c.json x/c.json sub/deep/d.json top.json keep/k.yaml; do
  cp "$template" "tree/$f"
done
# listed ARGS...: the files `check` lints under tree/, one per line, sorted.
listed() {
  (cd tree && "$iamlint" check --select IAM102 -f json "$@" . 2>"$work/err" |
    python3 -c 'import json,sys; print("\n".join(sorted({f["path"].removeprefix("./") for f in json.load(sys.stdin)["files"]})))')
}
want() { got=$(listed "$@"); exp=$(cat); if [ "$got" = "$exp" ]; then ok; else fail "exclude $*:"; echo "$got" | sed 's/^/  got: /'; fi; }
want --exclude 'vendor/' <<'E'
a/x/b/x/c.json
a/x/c.json
keep/k.yaml
sub/deep/d.json
top.json
x/c.json
E
want --exclude './vendor' --exclude '**/x/*.json' <<'E'
keep/k.yaml
sub/deep/d.json
top.json
E
want --exclude '*.json' <<'E'
keep/k.yaml
vendor/lib/l.yaml
vendor/v.yaml
E
want --exclude '/*.json' --exclude 'vendor/**' <<'E'
a/x/b/x/c.json
a/x/c.json
keep/k.yaml
sub/deep/d.json
x/c.json
E
want --exclude 'a/x' --exclude 'sub/*/?.json' --exclude 'vendor/*.yaml' <<'E'
keep/k.yaml
top.json
vendor/lib/l.yaml
x/c.json
E
want --exclude 'sub/**/d.json' --exclude '[tv]*' <<'E'
a/x/b/x/c.json
a/x/c.json
keep/k.yaml
x/c.json
E
printf 'exclude:\n  - vendor/\n  - ./a\n  - "**/deep/"\n' > tree/.iamlint.yaml
want --exclude 'x' <<'E'
keep/k.yaml
top.json
E
(cd tree/sub && "$iamlint" check --select IAM102 -q --force-exclude ../vendor/v.yaml >"$work/out" 2>"$work/err")
[ ! -s "$work/out" ] && ok || fail "a config exclude does not apply from a subdirectory"
rm tree/.iamlint.yaml
# Named files are linted unless --force-exclude.
expect 1 "" check --select IAM102 -q --exclude 'tree/vendor' tree/vendor/v.yaml
expect 0 "no files to lint" check --select IAM102 --force-exclude --exclude 'tree/vendor' tree/vendor/v.yaml

# --- an empty or fully excluded run says so -------------------------------------------------------
mkdir -p empty
expect 0 '^iamlint: warning: no files to lint: the paths hold no \*.yaml, \*.yml, \*.json or \*.template file$' check empty
expect 0 'no files to lint: .* that `exclude` leaves$' check --exclude '**' tree
expect 1 "" check --select IAM102 tree/keep
stderr_lacks "no files to lint"

# --- rules --help, explain --help, explain in any case ---------------------------------------------
expect 0 "" rules --help
stdout_has '^usage: iamlint rules \[--format text\|json\]'
expect 0 "" explain --help
stdout_has '^usage: iamlint explain RULE'
expect 0 "" explain iam201
stdout_has '^# IAM201 unknown-action'
expect 2 'unknown format `yaml`; use text or json' rules --format yaml
expect 2 'unrecognised argument `--bogus`' rules --bogus
expect 0 "" rules
# Every line is `ID  NAME  LEVEL  SUMMARY` with the name column wide enough for every name.
awk '{ if ($3 != "error" && $3 != "warning" && $3 != "note") { print; bad = 1 } } END { exit bad }' out >/dev/null && ok ||
  fail "a rules line runs its columns together"
expect 0 "" check --help
stdout_has '3 internal error'
stdout_has 'A PATH of `-` reads standard input'

# --- --format github paths are relative to the repository root -------------------------------------
mkdir -p gitrepo/cloudformation && (cd gitrepo && git init -q) && cp "$template" gitrepo/cloudformation/t.yaml
(cd gitrepo/cloudformation && "$iamlint" check --select IAM102 -f github t.yaml >"$work/out" 2>"$work/err")
stdout_has '^::error file=cloudformation/t.yaml,line=19,col=25,endLine=19,endColumn=30,title=IAM102 invalid-effect::.*Did you mean `Allow`\?$'
[ "$(wc -l < "$work/out")" = 1 ] && ok || fail "one annotation expected"
(cd gitrepo && "$iamlint" check --select IAM102 -f github ./cloudformation >"$work/out" 2>"$work/err")
stdout_has '^::error file=cloudformation/t.yaml,line=19,'

# --- commands: a near miss is not taken for a path; version --help -----------------------------
expect 2 '^iamlint: `explian` is not a command or a path; did you mean `explain`\?$' explian IAM201
expect 2 'did you mean `rules`' rule
expect 0 "" check --version
stdout_has '^iamlint [0-9]'
printf 'fail-on: error\n' > .iamlint.yaml
expect 0 "" check --print-config
stdout_has "^# effective configuration from $work/.iamlint.yaml\$"   # no /./ in the path
rm .iamlint.yaml
expect 0 "" version --help
stdout_has '^usage: iamlint version'
# A profile with the IAM7 rules off checks nothing, and says so.
expect 0 'warning: profiles are set but no IAM7 rule is selected' check --select IAM1 --profile aws-batch-genomics --fail-on none t.yaml
expect 1 "" check --select IAM1,IAM7 --profile aws-batch-genomics t.yaml
stderr_lacks "no IAM7 rule"
expect 2 'nope.json: cannot open: No such file or directory' check --baseline nope.json t.yaml

# --- data freshness: ages in `version`, a note after a text report when older than 90 days ---------
catalog_day=$("$iamlint" version | sed -n 's/^IAM data: .* (\([0-9-]*\)T.*/\1/p')
policies_day=$("$iamlint" version | sed -n 's/^AWS managed policies: .* (\([0-9-]*\)T.*/\1/p')
[ -n "$catalog_day" ] && [ -n "$policies_day" ] && ok || fail "version shows no data dates"
fresh=$(date -u -d "$catalog_day + 10 days" +%Y-%m-%d)
IAMLINT_TODAY=$(date -u -d "$catalog_day + 91 days" +%Y-%m-%d) expect 0 "" version
stdout_has "^IAM data: .*T[0-9:.]*Z, 91 days old: older than 90 days\)$"
IAMLINT_TODAY=$(date -u -d "$catalog_day + 1 day" +%Y-%m-%d) expect 0 "" version
stdout_has "^IAM data: .*Z, 1 day old\)$"
if [ "$(date -u -d "$policies_day + 90 days" +%s)" -ge "$(date -u -d "$fresh" +%s)" ]; then
  IAMLINT_TODAY=$fresh expect 1 "" check --select IAM1 t.yaml
  stderr_lacks "note: the bundled"
fi
IAMLINT_TODAY=$(date -u -d "$catalog_day + 120 days" +%Y-%m-%d) expect 1 \
  "^iamlint: note: the bundled IAM catalog is 120 days old \($catalog_day\): actions, resource types and condition keys AWS added since may be reported as unknown" \
  check --select IAM1 t.yaml
stdout_lacks "note: the bundled"                              # the report itself is unchanged
IAMLINT_TODAY=$(date -u -d "$catalog_day + 120 days" +%Y-%m-%d) expect 1 "" check -q --select IAM1 t.yaml
stderr_lacks "note: the bundled"                              # -q: only findings
IAMLINT_TODAY=$(date -u -d "$catalog_day + 120 days" +%Y-%m-%d) expect 1 "" check -f json --select IAM1 t.yaml
stderr_lacks "note: the bundled"                              # machine formats: no note

# --- Terraform plans: a walk lints them, --exclude and `exclude` skip them only when asked ---------
mkdir -p infra/sub
cp "$repo/testdata/terraform/state.json" infra/sub/state.json
printf '{"format_version": "1.0", "name": "not a plan"}\n' > infra/other.json
expect 1 "" check -q --no-config infra
stdout_has "infra/sub/state.json:1:923: error: statement 1 of the managed policy .aws_iam_policy.ops_admin. allows every action"
stdout_lacks "other.json"
expect 0 "" check -q --no-config --exclude 'state.json' infra
stdout_lacks "state.json"
printf 'exclude:\n  - "**/state.json"\n' > infra/.iamlint.yaml
expect 0 "" check -q --config infra/.iamlint.yaml infra
stdout_lacks "state.json"
expect 1 "" check -q --skip-other-files --no-config infra/sub/state.json infra/other.json
stdout_has "state.json:1:412: error: .*IAM401"

# --fix leaves a plan as it is (the fix belongs in the .tf source), even with a fixable typo.
cp "$repo/testdata/terraform/documents.json" plan.json
expect 1 "fixed 0 findings in 0 files" check -q --no-config --fix plan.json
if cmp -s plan.json "$repo/testdata/terraform/documents.json"; then ok; else fail "--fix changed a plan"; fi

# `query` on a plan: principals by address, attachments linked through the configuration.
expect 0 "" query "$repo/testdata/terraform/roles.json" --role 'module.svc.aws_iam_role.worker[0]' --action iam:PassRole
stdout_has '^ALLOW: module.svc.aws_iam_role.worker\[0\] iam:PassRole on \*$'
stdout_has 'allowed by statement `PassAny` of the managed policy `aws_iam_policy.deploy` \(.*/testdata/terraform/roles.json:31:67\)'
expect 1 "" query "$repo/testdata/terraform/unknowns.json" --role aws_iam_role.late --action s3:GetObject
stdout_has 'assumes: the content of policy `aws_iam_role_policy.late` \(known only after apply\) is unknown'

# --- --policy-kind scp|rcp: a policy file read as an organisation policy ------------------------
printf '%s\n' '{"Version": "2012-10-17",' \
  ' "Statement": [{"Effect": "Allow", "Principal": "*", "NotAction": "ec2:*", "Resource": "*"}]}' > org.json
expect 1 "" check --select IAM109 --policy-kind rcp org.json
stdout_has 'org.json:2:27: error: statement 1 of the policy in this file is an `Allow`; resource control policies take only `Deny`'
stdout_has 'org.json:2:54: error: statement 1 of the policy in this file has a `NotAction`'
expect 1 "" check --select IAM109 --policy-kind scp org.json
stdout_has 'org.json:2:36: error: statement 1 of the policy in this file has a `Principal`; a service control policy'
expect 0 "" check --select IAM109 org.json   # detected as a resource policy: no organisation grammar
expect 2 '^iamlint: --policy-kind takes identity, trust, resource, scp or rcp, not `org`$' check --policy-kind org org.json

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
