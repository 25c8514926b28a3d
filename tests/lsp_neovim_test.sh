#!/bin/sh
# `iamlint lsp` with a real client: Neovim from Debian, headless, with tests/nvim/init.lua, opens
# a template, receives its diagnostics, applies the quick fix of one and receives the diagnostics
# of the fixed text. The diagnostics must be exactly the findings `iamlint check` reports.
# Usage: lsp_neovim_test.sh IAMLINT. Exits 77 (skipped) when nvim is not installed.
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v nvim >/dev/null 2>&1; then
  echo "SKIP: nvim is not installed (apt-get install neovim)"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$repo/testdata/fix/template.yaml" template.yaml
export IAMLINT="$iamlint" IAMLINT_OUT="$work/out.txt" HOME="$work" XDG_CONFIG_HOME="$work/config" \
  XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
start=$(date +%s%N)
timeout 60 nvim --headless -n -i NONE -u "$repo/tests/nvim/init.lua" template.yaml -c 'lua iamlint_collect()' \
  >nvim.log 2>&1
rc=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
failed=0
if [ $rc -ne 0 ] || [ ! -s out.txt ]; then
  echo "FAIL: nvim exited $rc and wrote no diagnostics"; cat nvim.log; exit 1
fi
echo "nvim $(nvim --version | head -1 | cut -d' ' -f2): open, diagnostics, quick fix and new diagnostics in $elapsed ms"
# What `iamlint check` reports, in the client's shape.
"$iamlint" check -f json template.yaml | python3 -c '
import json, sys
for f in sorted(json.load(sys.stdin)["findings"], key=lambda f: (f["line"], f["column"], f["rule"])):
    if not f["suppressed"]:
        print("open %d:%d %s iamlint" % (f["line"], f["column"], f["rule"]))' | sort >want.txt
grep '^open ' out.txt | sort >got.txt
if cmp -s got.txt want.txt; then echo "ok: $(wc -l <got.txt) diagnostics, exactly the findings of iamlint check"
else echo "FAIL: diagnostics in Neovim differ from iamlint check:"; diff want.txt got.txt; failed=1; fi
grep -qx 'received true' out.txt && echo "ok: diagnostics received" || { echo "FAIL: no diagnostics"; failed=1; }
grep -qx 'action Fix IAM201: `s3:GetObjekt` -> `s3:GetObject`' out.txt && echo "ok: quick fix offered" ||
  { echo "FAIL: no quick fix for s3:GetObjekt"; cat out.txt; failed=1; }
grep -qx 'line               - "s3:GetObject"    # double-quoted' out.txt && echo "ok: quick fix applied in the buffer" ||
  { echo "FAIL: the fixed line"; grep '^line' out.txt; failed=1; }
# After the fix: what `iamlint check` reports for the fixed text (the IAM201 is gone; the action
# now exists, so IAM608 sees a sensitive action on `*`).
sed '11s/s3:GetObjekt/s3:GetObject/' template.yaml >fixed.yaml
"$iamlint" check -f json fixed.yaml | python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if not f["suppressed"]:
        print("fixed %d:%d %s iamlint" % (f["line"], f["column"], f["rule"]))' | sort >want-fixed.txt
grep '^fixed ' out.txt | sort >got-fixed.txt
if cmp -s got-fixed.txt want-fixed.txt; then echo "ok: after the fix, $(wc -l <got-fixed.txt) diagnostics: the fixed one is gone"
else echo "FAIL: diagnostics after the fix:"; diff want-fixed.txt got-fixed.txt; failed=1; fi
exit $failed
