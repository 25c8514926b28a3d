#!/bin/sh
# Large inputs through the command line: a directory of 10,000 files and a 50 MB file finish
# quickly with bounded memory and clear messages. Guards against hangs, not a benchmark.
# Usage: tests/large_input_test.sh path/to/iamlint
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# Under AddressSanitizer (IAMLINT_SANITIZED=1, set by .ci/run) shadow memory and redzones
# multiply the footprint and the time; the bounds grow with them.
limit=400000 slow=1
[ -n "${IAMLINT_SANITIZED:-}" ] && limit=1600000 slow=5
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

mkdir "$tmp/many"
i=0
while [ $i -lt 10000 ]; do
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b%d/*"}]}\n' $i > "$tmp/many/p$i.json"
  i=$((i + 1))
done
printf 'Resources: [valid\n' > "$tmp/many/broken.yaml"  # a broken template: reported (a broken non-IAM file would be skipped)
out=$(timeout $((120 * slow)) /usr/bin/time -f '%M' "$bin" check -j2 --format json --fail-on none "$tmp/many" 2>"$tmp/err")
rc=$?
[ $rc = 0 ] || fail "10,000 files: exit $rc"
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["summary"]["files"] == 10001, d["summary"]
bad = [f for f in d["findings"] if f["rule"] == "IAM001"]
assert len(bad) == 1 and bad[0]["path"].endswith("broken.yaml") and bad[0]["line"] == 2, bad
' || fail "10,000 files: summary or the one IAM001"
kb=$(tail -1 "$tmp/err")
before=$failures
[ "$kb" -lt "$limit" ] || fail "10,000 files: peak memory ${kb} KB"
[ "$failures" = "$before" ] && echo "ok 10,000 files (peak ${kb} KB)"

head -c 52428800 /dev/zero | tr '\0' 'a' > "$tmp/big.yaml"
out=$(timeout $((60 * slow)) "$bin" check "$tmp/big.yaml" 2>&1)
rc=$?
[ $rc = 1 ] || fail "50 MB file: exit $rc"
case "$out" in
  *"big.yaml:1:1: error: the file is larger than 16 MiB; iamlint does not read it"*) echo "ok 50 MB file refused" ;;
  *) fail "50 MB file: $out" ;;
esac

[ "$failures" = 0 ] && echo "large input: all passed" || { echo "large input: $failures failed"; exit 1; }
