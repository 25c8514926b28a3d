#!/bin/sh
# Does resolving and building effective policies stay linear in the number of roles?
# Usage: bench/scale.sh [path/to/iamlint]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/iamlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 100 500 1000 2000; do
  bench/make-template.py $n > "$tmp/roles-$n.yaml"
done
hyperfine -N --warmup 2 --runs 10 \
  "$bin check --fail-on none $tmp/roles-100.yaml" \
  "$bin check --fail-on none $tmp/roles-500.yaml" \
  "$bin check --fail-on none $tmp/roles-1000.yaml" \
  "$bin check --fail-on none $tmp/roles-2000.yaml"
echo "one query on a 1000-role template:"
hyperfine -N --warmup 2 --runs 10 \
  "$bin query $tmp/roles-1000.yaml --role Role500 --action s3:PutObject --resource arn:aws:s3:::b/x -p S3BucketName=b"
echo "cost per role, 1,000 and 10,000 roles sharing the AWS managed policy ReadOnlyAccess (one thread):"
for n in 1000 10000; do
  bench/make-template.py $n arn:aws:iam::aws:policy/ReadOnlyAccess > "$tmp/ro-$n.yaml"
  /usr/bin/time -f "%U %M" -o "$tmp/time" "$bin" check -q -j1 --fail-on none "$tmp/ro-$n.yaml" >/dev/null || true
  read -r user kb < "$tmp/time"
  echo "  $n roles: $user s user, $(echo "$user * 1000000 / $n" | bc) µs per role, $kb KB peak"
done
