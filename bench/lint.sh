#!/bin/sh
# Whole-process figures for one template: wall time (hyperfine) and peak memory.
# Usage: bench/lint.sh [path/to/iamlint]   (default: build/iamlint)
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/iamlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench/make-template.py 12 > "$tmp/template-10k.yaml"
echo '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' > "$tmp/one.json"
echo "template: $(wc -c < "$tmp/template-10k.yaml") bytes"
hyperfine -N --warmup 10 --runs 100 \
  "$bin check --fail-on none $tmp/template-10k.yaml" \
  "$bin check --fail-on none $tmp/one.json"
for f in template-10k.yaml one.json; do
  kb=$(/usr/bin/time -f %M "$bin" check --fail-on none "$tmp/$f" 2>&1 >/dev/null | tail -1)
  echo "peak memory, $f: $((kb / 1024)) MB ($kb KB)"
done
