#!/bin/sh
# SARIF partialFingerprints (and so baselines) do not change when lines are inserted above a
# finding, nor with how the file is named (`./x`, `x`, an absolute path), nor from a
# subdirectory; and they do change when the offending text changes.
# Usage: sarif_fingerprint_test.sh IAMLINT
set -eu
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo/templates" "$work/moved/templates"
cp "$repo/testdata/golden/role.yaml" "$repo/testdata/golden/policy.json" "$work/repo/templates/"
git -C "$work/repo" init -q

fingerprints() {  # DIR ARGS...: ruleId and fingerprint of each result, sorted
  dir=$1; shift
  (cd "$dir" && "$iamlint" check -f sarif --fail-on none "$@") |
    python3 -c 'import json,sys
for r in json.load(sys.stdin)["runs"][0]["results"]:
    print(r["ruleId"], r["partialFingerprints"]["iamlintFingerprint/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])' |
    sort
}
strip_lines() { cut -d' ' -f1,2; }

fingerprints "$work/repo" templates > "$work/before"
[ -s "$work/before" ] || { echo "FAIL: no findings in the fixtures"; exit 1; }

# Insert comment lines at the top and in the middle of the YAML, blank lines in the JSON.
python3 - "$work/repo/templates" <<'PY'
import sys, os
d = sys.argv[1]
p = os.path.join(d, "role.yaml")
lines = open(p, encoding="utf-8").read().splitlines(True)
lines[16:16] = ["      # inserted comment\n"] * 3
open(p, "w", encoding="utf-8").write("# inserted\n# inserted\n" + "".join(lines))
p = os.path.join(d, "policy.json")
text = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write("\n\n\n" + text)
PY
fingerprints "$work/repo" templates > "$work/after"
if [ "$(strip_lines < "$work/before")" != "$(strip_lines < "$work/after")" ]; then
  echo "FAIL: fingerprints changed when lines were inserted"; diff "$work/before" "$work/after"; exit 1
fi
if cmp -s "$work/before" "$work/after"; then
  echo "FAIL: the line numbers did not move, so the test proves nothing"; exit 1
fi

for form in ./templates "$work/repo/templates" templates/role.yaml; do
  fingerprints "$work/repo" "$form" | strip_lines > "$work/form"
  for fp in $(cut -d' ' -f2 "$work/form"); do
    grep -q " $fp " "$work/after" || { echo "FAIL: fingerprint $fp differs when the path is given as $form"; exit 1; }
  done
done
fingerprints "$work/repo/templates" . | strip_lines > "$work/subdir"
if [ "$(strip_lines < "$work/after")" != "$(cat "$work/subdir")" ]; then
  echo "FAIL: fingerprints differ when run from a subdirectory of the repository"; exit 1
fi

sed -i 's/"allow"/"alloW"/' "$work/repo/templates/policy.json"
fingerprints "$work/repo" templates | strip_lines > "$work/changed"
if [ "$(strip_lines < "$work/after")" = "$(cat "$work/changed")" ]; then
  echo "FAIL: fingerprints did not change when the offending text did"; exit 1
fi
echo "ok: $(wc -l < "$work/before") fingerprints stable across inserted lines, path forms and working directories"
