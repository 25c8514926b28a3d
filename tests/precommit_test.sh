#!/bin/sh
# End to end through pre-commit itself: this repository's .pre-commit-hooks.yaml, in a scratch git
# repository, passes a clean template and a non-CloudFormation YAML file, fails a template with
# findings (showing the finding), and honours .iamlint.yaml excludes.
# Usage: precommit_test.sh IAMLINT. Exits 77 (skipped) when pre-commit is not installed.
set -u
iamlint_dir=$(cd "$(dirname "$1")" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "SKIP: pre-commit is not installed (apt-get install pre-commit)"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" PATH="$iamlint_dir:$PATH" NO_COLOR=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
scratch="$work/project"
mkdir -p "$scratch/templates" "$scratch/.github/workflows" "$scratch/vendor"
cd "$scratch" && git init -q
cp "$repo/testdata/golden/clean.yaml" templates/clean.yaml
cp "$repo/testdata/golden/role.yaml" templates/failing.yaml
cp "$repo/testdata/golden/role.yaml" vendor/ignored.yaml
printf 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n' > .github/workflows/ci.yml
printf 'exclude:\n  - vendor\n' > .iamlint.yaml
printf '{\n  // tsc --init\n  "compilerOptions": {"strict": true,},\n}\n' > tsconfig.json
git add -A

failed=0
run() {  # EXPECTED-EXIT DESCRIPTION HOOK ARGS...
  expected=$1 what=$2 hook=$3; shift 3
  pre-commit try-repo "$repo" "$hook" --verbose "$@" >"$work/out" 2>&1
  rc=$?
  if grep -q "An error has occurred" "$work/out"; then
    echo "FAIL: $what: pre-commit could not run the hook"; cat "$work/out"; failed=1
  elif [ $rc -ne "$expected" ]; then
    echo "FAIL: $what: pre-commit exited $rc, expected $expected"; cat "$work/out"; failed=1
  else
    echo "ok: $what"
  fi
}
run 0 "a clean template passes" iamlint --files templates/clean.yaml
run 0 "a GitHub workflow YAML is skipped, not an IAM001" iamlint --files .github/workflows/ci.yml
run 0 "a tsconfig.json with comments is skipped, not an IAM001" iamlint --files tsconfig.json
run 1 "a template with findings fails" iamlint --files templates/clean.yaml templates/failing.yaml
grep -q "failing.yaml:33:19: error: .*IAM003" "$work/out" || { echo "FAIL: the finding is not shown"; cat "$work/out"; failed=1; }
run 0 ".iamlint.yaml exclude applies to files pre-commit names" iamlint --files vendor/ignored.yaml
run 0 "the policy hook ignores YAML" iamlint-policy --files templates/failing.yaml
run 1 "the whole-repository hook finds the failing template" iamlint-config --all-files
mkdir -p infra && cp "$repo/testdata/terraform/state.json" infra/state.json && git add infra
run 1 "a committed Terraform plan or state is linted" iamlint --files infra/state.json
grep -q "state.json:1:923: error: .*IAM601" "$work/out" || { echo "FAIL: the plan's finding is not shown"; cat "$work/out"; failed=1; }
printf 'exclude:\n  - vendor\n  - "*/state.json"\n' > .iamlint.yaml
run 0 "a plan excluded in .iamlint.yaml is skipped" iamlint --files infra/state.json
exit $failed
