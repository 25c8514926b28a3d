#!/bin/sh
# Whole-process start-up cost of iamlint, bundled IAM data included: one one-statement policy,
# and the genomics IAM template. A benchmark, not a test.
#   bench/startup.sh [path/to/iamlint]     (default: build/iamlint)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/iamlint}
corpus=$here/../shared/corpus/genomics/aws-genomics-iam.template.yaml
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }
[ -x "$bin" ] || { echo "no iamlint binary at $bin" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/one.json" <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]}
JSON
set -- "$bin check $tmp/one.json"
[ -f "$corpus" ] && set -- "$@" "$bin check $corpus" || echo "($corpus is absent: skipping it)" >&2
# Exit code 1 (findings) is expected for the template.
hyperfine -N --warmup 5 --ignore-failure "$@"
