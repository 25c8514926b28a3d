#!/bin/sh
# Help lines say something true about the finding at hand (fixture files, JSON output):
# IAM607 names resource types that fit the statement and an action of it that needs `*`;
# IAM201 says which action authorises an API name; IAM605 says how direct the path is;
# IAM802 keeps provenance out of the text.
# Usage: help_lines_test.sh IAMLINT
set -u
iamlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo/testdata/rules"
"$iamlint" check --fail-on none -f json IAM607-wildcard-resource-for-scoped-action IAM201-unknown-action \
  IAM605-privilege-escalation IAM802-deprecated-managed-policy > "${TMPDIR:-/tmp}/iamlint-help.$$.json" || exit 1
python3 - "${TMPDIR:-/tmp}/iamlint-help.$$.json" <<'PY'
import json, sys
findings = json.load(open(sys.argv[1]))["findings"]
__import__("os").remove(sys.argv[1])
failed = 0
def expect(what, rule, path_end, line, needle, present=True):
    global failed
    helps = [h for f in findings if f["rule"] == rule and f["path"].endswith(path_end) and f["line"] == line
             for h in f.get("help", [])]
    ok = any(needle in h for h in helps) == present
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f" (help lines: {helps})"))
    failed |= not ok
expect("IAM607 scopes ec2:CreateVolume to volumes, not snapshots", "IAM607", "scoped.yaml", 22,
       "scope `ec2:CreateVolume` to its volume ARNs")
expect("IAM607 names the statement's own action that needs *", "IAM607", "optional-only.yaml", 24,
       "(here `cloudwatch:PutMetricData`)")
expect("IAM607 offers a tag condition where the action supports one", "IAM607", "optional-only.yaml", 24,
       "aws:ResourceTag/<key>")
expect("IAM607 does not invent ec2:DescribeVolumes when the statement has no *-only action", "IAM607",
       "scoped.yaml", 26, "ec2:DescribeVolumes", present=False)
expect("IAM201 names the action that authorises HeadBucket", "IAM201", "api-names.json", 6,
       "the `HeadBucket` API is authorised by `s3:ListBucket`")
expect("IAM605 says an indirect path is indirect", "IAM605", "escalation.yaml", 18, "the path is indirect")
expect("IAM605 says a direct path is direct", "IAM605", "escalation.yaml", 53, "the path is direct")
expect("IAM802 help has no provenance", "IAM802", "deprecated.yaml", 15, "source:", present=False)
expect("IAM802 help explains a deprecation", "IAM802", "deprecated.yaml", 15, "can no longer be attached")
expect("IAM802 says an announced deprecation still works", "IAM802", "deprecated.yaml", 25, "it still works")
sys.exit(1 if failed else 0)
PY
