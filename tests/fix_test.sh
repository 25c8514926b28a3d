#!/bin/sh
# `check --fix` and `check --diff` on testdata/fix/: the fixed files are byte-identical to the
# reviewed *.fixed.* files (only the fixed values differ; comments, quoting and CRLF kept); the
# diff applies with patch(1) to the same bytes; fixing twice changes nothing; the uncertain cases
# (a tie between two actions, a Version nearer 2008-10-17, a missing Version where policy
# variables would change meaning, a suppressed finding) are left alone.
# Usage: fix_test.sh IAMLINT
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
data="$repo/testdata/fix"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
same() { if cmp -s "$1" "$2"; then ok; else fail "$1 differs from $2:"; diff "$2" "$1" | head -20; fi; }

cp "$data/template.yaml" "$data/policy.json" .
# --diff shows the fixes, changes nothing and exits 1.
"$iamlint" check --diff template.yaml policy.json >fixes.diff 2>err; rc=$?
[ $rc -eq 1 ] && ok || fail "--diff exited $rc"
grep -qx 'iamlint: 12 safe fixes (apply with --fix)' err && ok || { fail "--diff summary"; cat err; }
same template.yaml "$data/template.yaml"
same policy.json "$data/policy.json"
head -2 fixes.diff | tr -d '\n' | grep -qx -- '--- a/template.yaml+++ b/template.yaml' && ok || fail "diff headers"
# The diff is a patch that gives the same bytes as --fix.
mkdir patched && cp template.yaml policy.json patched/
if command -v patch >/dev/null 2>&1; then
  (cd patched && patch -s -p1 --binary <../fixes.diff) && ok || fail "the diff does not apply"
  same patched/template.yaml "$data/template.fixed.yaml"
  same patched/policy.json "$data/policy.fixed.json"
else
  echo "note: patch(1) is missing; the diff is not applied"
fi

# --fix rewrites in place, then reports what is left (re-linted).
chmod 640 template.yaml
"$iamlint" check --fix --select IAM0,IAM1,IAM2,IAM8 template.yaml policy.json >out 2>err; rc=$?
[ $rc -eq 1 ] && ok || fail "--fix exited $rc (findings remain)"
grep -qx 'iamlint: fixed 12 findings in 2 files' err && ok || { fail "--fix summary"; cat err; }
same template.yaml "$data/template.fixed.yaml"
same policy.json "$data/policy.fixed.json"
[ "$(stat -c %a template.yaml)" = 640 ] && ok || fail "--fix lost the file mode: $(stat -c %a template.yaml)"
# What is left is exactly the uncertain cases.
grep -o '^template.yaml:[0-9]*:[0-9]*: [a-z]*: .*\[IAM[0-9]* ' out | sed 's/: .*\[/ [/' >left
cat >want <<'E'
template.yaml:15:17 [IAM201 
template.yaml:16:17 [IAM201 
template.yaml:28:18 [IAM101 
template.yaml:37:9 [IAM101 
template.yaml:40:28 [IAM104 
E
same left want
grep -q 'ec2:CreateSnapshos' template.yaml && grep -q 's3:PutObjectVersion' template.yaml && grep -q "Version: '2008-10-18'" template.yaml && ok ||
  fail "an uncertain fix was applied"
grep -q 's3:DeleteObjekt   # suppressed' template.yaml && ok || fail "a suppressed finding was fixed"
if ls -a | grep -q '\.tmp\.'; then fail "a temporary file was left: $(ls -a)"; else ok; fi

# Fixing twice changes nothing.
"$iamlint" check --fix -q template.yaml policy.json >out 2>err
grep -qx 'iamlint: fixed 0 findings in 0 files' err && ok || { fail "second --fix"; cat err; }
same template.yaml "$data/template.fixed.yaml"
same policy.json "$data/policy.fixed.json"
"$iamlint" check --diff template.yaml policy.json >out 2>err; rc=$?
[ $rc -eq 0 ] && [ ! -s out ] && ok || { fail "--diff after --fix: rc $rc"; cat out; }

# Through a symbolic link: the target is fixed, the link stays a link.
cp "$data/policy.json" target.json && ln -s target.json link.json
"$iamlint" check --fix -q link.json >/dev/null 2>&1
[ -L link.json ] && ok || fail "--fix replaced the link by a file"
same target.json "$data/policy.fixed.json"

# Standard input: --diff works, --fix is refused.
"$iamlint" check --diff --stdin-filename policy.json - <"$data/policy.json" >out 2>err; rc=$?
[ $rc -eq 1 ] && grep -q '^+      "Action": \["iam:GetRolePolicy", "sts:AssumeRole"\],' out && ok || { fail "--diff of stdin: rc $rc"; cat out err; }
"$iamlint" check --fix - <"$data/policy.json" >out 2>err; rc=$?
[ $rc -eq 2 ] && grep -q 'fix cannot rewrite standard input' err && ok || { fail "--fix of stdin: rc $rc"; cat err; }

# A file that is fine has nothing to fix.
cp "$repo/testdata/golden/clean.yaml" clean.yaml
"$iamlint" check --fix clean.yaml >out 2>err; rc=$?
[ $rc -eq 0 ] && grep -qx 'iamlint: fixed 0 findings in 0 files' err && same clean.yaml "$repo/testdata/golden/clean.yaml" ||
  fail "a clean file: rc $rc"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
