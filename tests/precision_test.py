#!/usr/bin/env python3
"""Precision on public inputs nobody here wrote: iamlint's findings on ../shared/corpus/external
and ../shared/corpus/terraform must agree with the judged tables tests/precision/external.tsv and
tests/precision/terraform.tsv.

- a finding judged true is found again: same file, line, rule and level, and the excerpt is in
  its message;
- a finding judged false is not reported at its level or above (same file, line and rule);
- a debatable finding is listed and counted, not checked.
The false rate among judged error-level findings of the final sample is printed.

Usage: precision_test.py IAMLINT. Exits 77 (skipped) when the corpus is not beside the checkout.
"""
import collections
import json
import os
import subprocess
import sys

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(repo), "shared", "corpus")
# Each judged table and the corpus it judges.
tables = [("external", "external.tsv"), ("terraform", "terraform.tsv")]
if not os.path.isdir(os.path.join(shared, "external")):
    print(f"SKIP: {os.path.join(shared, 'external')} is not beside this checkout")
    sys.exit(77)
iamlint = os.path.abspath(sys.argv[1])
rank = {"note": 0, "warning": 1, "error": 2}
failed = 0
for name, tsv in tables:
    corpus = os.path.join(shared, name)
    table = os.path.join(repo, "tests", "precision", tsv)
    if not os.path.isdir(corpus):
        print(f"skipped {tsv}: {corpus} is not beside this checkout")
        continue
    out = subprocess.run([iamlint, "check", "--format", "json", "--fail-on", "none", "-j2", corpus],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print("FAIL: iamlint exited", out.returncode, out.stderr[:2000])
        sys.exit(1)
    found = collections.defaultdict(list)  # (file, line, rule) -> [(level, message)]
    for f in json.loads(out.stdout)["findings"]:
        rel = os.path.relpath(f["path"], corpus)
        found[(rel, f["line"], f["rule"])].append((f["level"], f["message"]))

    counts = collections.Counter()
    with open(table, encoding="utf-8") as t:
        rows = [line.rstrip("\n").split("\t") for line in t if line.strip() and not line.startswith("#")]
    header, rows = rows[0], rows[1:]
    assert header == ["file", "line", "rule", "level", "excerpt", "verdict", "reason", "sample"], header
    for file, line, rule, level, excerpt, verdict, reason, sample in rows:
        assert verdict in ("true", "false", "debatable") and reason, (file, line, rule)
        counts[(sample, level, verdict)] += 1
        here = found.get((file, int(line), rule), [])
        if verdict == "true":
            if not any(lv == level and excerpt in msg for lv, msg in here):
                print(f"FAIL: judged true but not found: {file}:{line} {rule} {level} {excerpt!r} (now: {here})")
                failed = 1
        elif verdict == "false":
            back = [(lv, msg) for lv, msg in here if rank[lv] >= rank[level]]
            if back:
                print(f"FAIL: judged false but back: {file}:{line} {rule} {level}: {back[0][1][:200]} ({reason})")
                failed = 1

    final = [r for r in rows if r[7] == "final"]
    errors = [r for r in final if r[3] == "error"]
    false_errors = sum(1 for r in errors if r[5] == "false")
    debatable_errors = sum(1 for r in errors if r[5] == "debatable")
    print(f"{tsv}: precision sample: {len(final)} findings ({len(errors)} errors) from {len(set(r[2] for r in final))} rules; "
          f"{len(rows) - len(final)} formerly false findings guarded")
    print(f"{tsv}: errors: {len(errors) - false_errors - debatable_errors} true, {false_errors} false, "
          f"{debatable_errors} debatable; false rate among errors {false_errors}/{len(errors)}")
print("precision_test:", "FAILED" if failed else "ok")
sys.exit(failed)
