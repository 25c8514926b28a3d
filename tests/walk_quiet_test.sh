#!/bin/sh
# Walking a directory (and the pre-commit hook's --skip-other-files) is quiet on files that are
# not IAM: a file that does not parse is reported only when its text says it is a template or a
# policy (`AWSTemplateFormatVersion`, a top-level `Resources`, a `Statement`). A file the user
# names is always reported.
# Usage: walk_quiet_test.sh IAMLINT
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo/conf" "$work/repo/cfn"
cd "$work/repo"
# tsc --init writes comments and trailing commas: JSONC, not JSON.
printf '{\n  // Visit https://aka.ms/tsconfig\n  "compilerOptions": {\n    "strict": true,\n  },\n}\n' > tsconfig.json
: > conf/empty.yaml
printf '{\n  /* settings */\n  "editor.tabSize": 2,\n}\n' > conf/settings.json
printf 'steps: [unclosed\n' > conf/broken-other.yml
printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Role: [unclosed\n' > cfn/broken-template.yaml
printf 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: {Path: [a}\n' > cfn/broken-resources.yaml
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",}]}\n' > cfn/broken-policy.json
failed=0
check() {  # DESCRIPTION PATTERN(grep -E) EXPECTED-COUNT ARGS...
  what=$1 pattern=$2 want=$3; shift 3
  "$iamlint" check --fail-on none --no-color "$@" >"$work/out" 2>&1
  got=$(grep -cE "$pattern" "$work/out")
  if [ "$got" -ne "$want" ]; then echo "FAIL: $what: $got lines match '$pattern', expected $want"; cat "$work/out"; failed=1
  else echo "ok: $what"; fi
}
check "the walk reports the three broken IAM files" "IAM001" 3 .
check "the walk names each of them" "broken-(template|resources|policy)\.[a-z]+:[0-9]+:[0-9]+: error: invalid (YAML|JSON)" 3 .
check "the walk is quiet on tsconfig.json, JSONC, an empty file and other YAML" "tsconfig|settings|empty|broken-other" 0 .
check "--skip-other-files (the pre-commit hook) is quiet on them too" "IAM001" 0 --skip-other-files tsconfig.json conf/empty.yaml conf/settings.json conf/broken-other.yml
check "--skip-other-files still reports a broken template" "IAM001" 1 --skip-other-files tsconfig.json cfn/broken-template.yaml
check "a file named on the command line is always reported" "IAM001" 2 tsconfig.json conf/empty.yaml
exit $failed
