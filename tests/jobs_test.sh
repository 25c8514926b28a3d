#!/bin/sh
# `-j/--jobs` does not change the output: a directory linted with -j1 and -j4 gives the same
# bytes in every format. The progress line is written only when stderr is a terminal.
# Usage: jobs_test.sh IAMLINT
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
targets="testdata examples"
shared=$(dirname "$repo")/shared
[ -d "$shared/corpus/genomics" ] && targets="$targets $shared/corpus/genomics"
failed=0
for fmt in text json sarif junit github; do
  "$iamlint" check -j1 -f "$fmt" --fail-on none $targets >"$work/j1.$fmt" 2>"$work/j1.err"
  rc1=$?
  "$iamlint" check -j4 -f "$fmt" --fail-on none $targets >"$work/j4.$fmt" 2>"$work/j4.err"
  rc4=$?
  if [ $rc1 -ne 0 ] || [ $rc4 -ne 0 ]; then
    echo "FAIL $fmt: exit codes $rc1 and $rc4"; cat "$work/j1.err" "$work/j4.err"; failed=1; continue
  fi
  if ! cmp -s "$work/j1.$fmt" "$work/j4.$fmt"; then
    echo "FAIL $fmt: -j1 and -j4 differ"; diff "$work/j1.$fmt" "$work/j4.$fmt" | head -20; failed=1; continue
  fi
  if [ -s "$work/j1.err" ] || [ -s "$work/j4.err" ]; then
    echo "FAIL $fmt: stderr is not a terminal, yet something was written to it"; cat "$work/j4.err"; failed=1
  fi
  echo "ok $fmt: $(wc -c <"$work/j1.$fmt") bytes identical with -j1 and -j4"
done
[ -s "$work/j1.json" ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["summary"]["files"] > 10 else 1)' "$work/j1.json" ||
  { echo "FAIL: fewer than 10 files were linted"; failed=1; }
# On a terminal, a long run shows a progress line on stderr (util-linux `script` gives a tty).
if command -v script >/dev/null 2>&1 && [ -d "$shared/corpus/genomics" ]; then
  script -qec "'$iamlint' check -j2 --fail-on none '$shared/corpus/genomics' >/dev/null" /dev/null >"$work/tty" 2>&1
  if grep -q "iamlint: 50/" "$work/tty"; then echo "ok progress line on a terminal"
  else echo "FAIL: no progress line on a terminal"; failed=1; fi
fi
exit $failed
