#!/bin/sh
# docs/rules/ is up to date with the rule registry: regenerating it changes nothing.
# To update: build/iamlint rules --write-docs docs/rules
# Usage: docs_rules_test.sh IAMLINT
set -u
iamlint=$1
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$iamlint" rules --write-docs "$work/rules" || { echo "FAIL: rules --write-docs failed"; exit 1; }
if ! diff -ru "$repo/docs/rules" "$work/rules" >"$work/diff"; then
  head -60 "$work/diff"
  echo "FAIL: docs/rules/ is out of date with the rule registry; regenerate it with:"
  echo "  build/iamlint rules --write-docs docs/rules"
  exit 1
fi
count=$(ls "$work/rules" | grep -c '^IAM.*\.md$')
[ "$count" -eq "$("$iamlint" rules | wc -l)" ] || { echo "FAIL: not one page per rule"; exit 1; }
# `iamlint rules` keeps its columns apart: the level starts at the same column on every line,
# after at least two spaces, however long the name.
"$iamlint" rules | awk '{ at = index($0, " " $3 " "); if (substr($0, at - 1, 1) != " ") bad = 1; if (col && at != col) bad = 1; col = at }
  END { exit bad }' || { echo "FAIL: iamlint rules runs a long name into the level column"; "$iamlint" rules | grep IAM406; exit 1; }
echo "ok: docs/rules/ has the $count rule pages and the index the registry generates"
