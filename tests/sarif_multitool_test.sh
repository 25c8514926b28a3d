#!/bin/sh
# The Microsoft SARIF Multitool, with its SARIF and GitHub (`Gh`) rule sets, finds no error and
# no warning in iamlint's SARIF for the genomics corpus. Notes (suggestions such as snippets or
# message ids) are allowed and listed.
#
# Usage: sarif_multitool_test.sh IAMLINT. Exits 77 (skipped) when ../shared, node/npm or the
# npm package cannot be had. The package is installed once into the build directory.
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(dirname "$repo")/shared
tools=$(dirname "$iamlint")/npm-tools
if [ ! -d "$shared/corpus/genomics" ]; then
  echo "SKIP: ../shared/corpus/genomics is not present"; exit 77
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "SKIP: node and npm are not installed"; exit 77
fi
if [ ! -d "$tools/node_modules/@microsoft/sarif-multitool" ]; then
  mkdir -p "$tools"
  if ! npm install --silent --no-audit --no-fund --prefix "$tools" @microsoft/sarif-multitool@5 >"$tools/install.log" 2>&1; then
    cat "$tools/install.log"
    echo "SKIP: npm could not install @microsoft/sarif-multitool"; exit 77
  fi
fi
# The package's `bin.js` re-joins its arguments through a shell, which splits `Sarif;Gh` at the
# semicolon; run the native executable it points at instead.
multitool=$(cd "$tools" && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null)
if [ -z "$multitool" ] || [ ! -f "$multitool" ]; then
  echo "SKIP: the Multitool's native binary for this platform is missing"; exit 77
fi
[ -x "$multitool" ] || chmod u+x "$multitool"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$shared" && "$iamlint" check -f sarif -o "$work/genomics.sarif" corpus/genomics)
rc=$?
if [ $rc -gt 1 ]; then echo "FAIL: iamlint exited $rc"; exit 1; fi

"$multitool" validate --rule-kind "Sarif;Gh" --level "Error;Warning;Note" \
  --output "$work/validation.sarif" "$work/genomics.sarif" >"$work/validate.log" 2>&1
rc=$?
if [ ! -f "$work/validation.sarif" ]; then
  cat "$work/validate.log"; echo "FAIL: the Multitool wrote no report (exit $rc)"; exit 1
fi
node -e '
const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const counts = {error: 0, warning: 0, note: 0};
const bad = [];
for (const run of log.runs) for (const r of run.results || []) {
  const level = r.level || "warning";
  counts[level] = (counts[level] || 0) + 1;
  if (level === "error" || level === "warning") bad.push(`${level} ${r.ruleId}: ${(r.message.text || JSON.stringify(r.message.arguments)).slice(0, 300)}`);
}
const notes = {};
for (const run of log.runs) for (const r of run.results || []) if ((r.level || "warning") === "note") notes[r.ruleId] = (notes[r.ruleId] || 0) + 1;
console.log(`Multitool: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes ${JSON.stringify(notes)}`);
for (const b of bad.slice(0, 30)) console.log("FAIL: " + b);
process.exit(bad.length ? 1 : 0);
' "$work/validation.sarif"
