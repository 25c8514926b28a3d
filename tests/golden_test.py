#!/usr/bin/env python3
"""Snapshot tests of every output format: iamlint's output for the fixtures in testdata/golden/
must equal testdata/golden/expected/<format>.* byte for byte, after the absolute path of the
repository, iamlint's version and the bundled data versions are replaced by placeholders.

Usage: golden_test.py IAMLINT
Update the snapshots (then review them with `git diff`):
    IAMLINT_UPDATE_GOLDEN=1 tests/golden_test.py build/iamlint
"""
import difflib
import json
import os
import re
import subprocess
import sys

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
golden = os.path.join(repo, "testdata", "golden")
expected_dir = os.path.join(golden, "expected")
iamlint = os.path.abspath(sys.argv[1])
update = os.environ.get("IAMLINT_UPDATE_GOLDEN") == "1"

# Only the rules these fixtures are about, so that new rules do not change the snapshots.
SELECT = "IAM001,IAM003,IAM008,IAM009,IAM102,IAM105"
FILES = ["testdata/golden/broken.yaml", "testdata/golden/clean.yaml", "testdata/golden/policy.json",
         "testdata/golden/role.yaml"]
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "github": "txt"}


def without_rule_docs(text):
    """Rule documentation is the rules' own (and checked by docs_rules_test.sh); the SARIF snapshot
    is about the format, so each rule's fullDescription and help are replaced by placeholders."""
    log = json.loads(text)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        for value, placeholder in ((rule["fullDescription"]["text"], "<FULL DESCRIPTION>"),
                                   (rule["help"]["text"], "<HELP TEXT>"),
                                   (rule["help"]["markdown"], "<HELP MARKDOWN>")):
            encoded = json.dumps(value, ensure_ascii=False)
            if encoded not in text:
                sys.exit(f"cannot find the encoded docs of {rule['id']} in the SARIF output")
            text = text.replace(encoded, '"' + placeholder + '"', 1)
    return text


def normalise(text):
    version = subprocess.run([iamlint, "version"], capture_output=True, text=True).stdout.split()[1]
    text = text.replace(repo, "<ROOT>")
    text = re.sub(r'("(?:semantic)?[vV]ersion": )"' + re.escape(version) + '"', r'\1"<VERSION>"', text)
    text = re.sub(r'("(?:iam|managedPolicies)": )"[^"]*"', r'\1"<DATA>"', text)
    return text


failed = []
for fmt, ext in FORMATS.items():
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([iamlint, "check", "-f", fmt, "--select", SELECT, "--fail-on", "none", *FILES],
                          cwd=repo, capture_output=True, env=env)
    actual = normalise(proc.stdout.decode("utf-8"))
    if proc.returncode != 0 or proc.stderr:
        failed.append(fmt)
        print(f"FAIL {fmt}: exit {proc.returncode}, stderr: {proc.stderr.decode()}")
        continue
    if fmt in ("json", "sarif"):
        json.loads(actual)
    if fmt == "sarif":
        actual = without_rule_docs(actual)
    path = os.path.join(expected_dir, f"{fmt}.{ext}")
    if update:
        os.makedirs(expected_dir, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(actual)
        print(f"updated {os.path.relpath(path, repo)}")
        continue
    try:
        with open(path, encoding="utf-8", newline="") as f:
            expected = f.read()
    except FileNotFoundError:
        expected = ""
    if actual != expected:
        failed.append(fmt)
        print(f"FAIL {fmt}: output differs from {os.path.relpath(path, repo)}:")
        sys.stdout.writelines(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                        "expected", "actual"))[:80])
    else:
        print(f"ok {fmt}")

if failed:
    print("If the change is intended: IAMLINT_UPDATE_GOLDEN=1 tests/golden_test.py build/iamlint, "
          "then review with git diff testdata/golden/")
    print(f"{len(FORMATS) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1)
