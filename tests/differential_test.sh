#!/bin/sh
# Differential test of the evaluator against @cloud-copilot/iam-simulate (AGPL, so it runs
# only as a separate node process, installed here at test time and never shipped).
# Usage: tests/differential_test.sh <iamlint binary or build dir>
# Exit 77 (skipped) when node/npm are missing, the install fails, or iamlint_tests is absent.
# IAMLINT_DIFF_COUNT and IAMLINT_DIFF_SEED change the generated cases (default 10000, 1).
set -u
arg=${1:-}
if [ -d "$arg" ]; then build=$arg; else build=$(dirname "$arg"); fi
tests="$build/iamlint_tests"
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$tests" ]; then echo "skip: $tests is not built"; exit 77; fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "skip: node and npm are needed for the differential test"; exit 77
fi
work="$build/differential"
mkdir -p "$work"
if [ ! -d "$work/node_modules/@cloud-copilot/iam-simulate" ]; then
  if ! npm install --prefix "$work" --no-audit --no-fund @cloud-copilot/iam-simulate@0.1.173 >"$work/npm.log" 2>&1; then
    echo "skip: npm install of @cloud-copilot/iam-simulate failed (see $work/npm.log)"; exit 77
  fi
fi
# Two sets of cases: identity policies and boundaries of one role (`identity`), and the whole
# flowchart with resource policies, key and trust policies, other accounts, services,
# anonymous callers, SCPs and RCPs (`flowchart`).
status=0
for mode in identity flowchart; do
  node "$here/differential/generate.mjs" "${IAMLINT_DIFF_COUNT:-10000}" "${IAMLINT_DIFF_SEED:-1}" "$mode" >"$work/$mode-cases.jsonl" || exit 1
  node "$here/differential/simulate.mjs" "$work" "$work/$mode-cases.jsonl" >"$work/$mode-expected.jsonl" || exit 1
  echo "$mode:"
  IAMLINT_DIFF_MODE=$mode IAMLINT_DIFF_SEED=${IAMLINT_DIFF_SEED:-1} IAMLINT_DIFF_COUNT=${IAMLINT_DIFF_COUNT:-10000} \
    IAMLINT_DIFF_CASES="$work/$mode-cases.jsonl" IAMLINT_DIFF_EXPECTED="$work/$mode-expected.jsonl" \
    IAMLINT_DIFF_OUT="$work/$mode-disagreements.jsonl" "$tests" -tc='differential*' || status=1
  echo "disagreements: $work/$mode-disagreements.jsonl"
done
exit $status
