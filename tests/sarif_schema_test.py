#!/usr/bin/env python3
"""iamlint's SARIF for the genomics corpus validates against the official SARIF 2.1.0 schema,
and carries what GitHub code scanning needs beyond the schema.

Usage: sarif_schema_test.py IAMLINT. Exits 77 (skipped) when ../shared is absent."""
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
shared = os.path.join(os.path.dirname(repo), "shared")
schema_path = os.path.join(shared, "schemas", "sarif-schema-2.1.0.json")
corpus = os.path.join(shared, "corpus", "genomics")

try:
    import jsonschema
except ImportError:
    # A pyenv or venv python may lack it while Debian's has it (python3-jsonschema).
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("SKIP: python3 jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(77)

if len(sys.argv) != 2:
    sys.exit("usage: sarif_schema_test.py IAMLINT")
iamlint = os.path.abspath(sys.argv[1])
if not os.path.exists(schema_path) or not os.path.isdir(corpus):
    print("SKIP: ../shared (schema and genomics corpus) is not present beside the repository")
    sys.exit(77)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "genomics.sarif")
    # Run from shared/ so the URIs are relative to the working directory, as in a repository.
    rc = subprocess.run([iamlint, "check", "-f", "sarif", "-o", out, "corpus/genomics"], cwd=shared).returncode
    if rc not in (0, 1) or not os.path.exists(out):
        print(f"FAIL: iamlint exited {rc} and wrote {'a' if os.path.exists(out) else 'no'} report")
        sys.exit(1)
    log = json.load(open(out, encoding="utf-8"))

schema = json.load(open(schema_path, encoding="utf-8"))
validator_class = jsonschema.validators.validator_for(schema)
validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
for e in errors[:20]:
    failures.append("schema: /" + "/".join(map(str, e.absolute_path)) + ": " + e.message[:300])

# What GitHub requires beyond the schema (semantics.md §5.2).
check(log.get("$schema"), "no $schema")
check(len(log["runs"]) == 1, "exactly one run")
run = log["runs"][0]
driver = run["tool"]["driver"]
rules = driver["rules"]
check(driver.get("name") == "iamlint" and driver.get("semanticVersion"), "driver name/semanticVersion")
check(len(rules) > 10, "every rule that ran is listed")
check(run.get("automationDetails", {}).get("id", "").startswith("iamlint/"), "automationDetails.id")
check(run.get("columnKind") == "unicodeCodePoints", "columnKind declared")
ids = [r["id"] for r in rules]
check(ids == sorted(set(ids)), "rule ids unique and sorted")
for r in rules:
    for key in ("shortDescription", "fullDescription"):
        t = r.get(key, {}).get("text", "")
        check(0 < len(t) <= 1024, f"{r['id']}: {key}.text present and at most 1024 characters")
    check(r.get("help", {}).get("text") and r["help"].get("markdown"), f"{r['id']}: help text and markdown")
    check(r.get("helpUri", "").startswith("https://"), f"{r['id']}: helpUri")
    check(r.get("defaultConfiguration", {}).get("level") in ("note", "warning", "error"), f"{r['id']}: level")
    props = r.get("properties", {})
    check(0 < len(props.get("tags", [])) <= 10, f"{r['id']}: 1-10 tags")
    check(props.get("precision") in ("very-high", "high", "medium", "low"), f"{r['id']}: precision")
    if "security-severity" in props:
        sev = float(props["security-severity"])
        check(0.1 <= sev <= 10.0, f"{r['id']}: security-severity in 0.1-10.0")
        check("security" in props.get("tags", []), f"{r['id']}: a rule with a security-severity is tagged security")
    elif "security" in props.get("tags", []):
        # GitHub lists it as a security rule without a severity; the rule should set one.
        print(f"note: {r['id']} is tagged `security` but has no securitySeverity in its RuleInfo")
results = run["results"]
check(results, "the genomics corpus has findings")
for i, res in enumerate(results):
    check(res.get("ruleId") in ids, f"result {i}: ruleId of a listed rule")
    check(res.get("ruleIndex") is not None and ids[res["ruleIndex"]] == res["ruleId"], f"result {i}: ruleIndex")
    check(res.get("message", {}).get("text"), f"result {i}: message text")
    locs = res.get("locations", [])
    check(len(locs) >= 1, f"result {i}: a location")
    pl = locs[0]["physicalLocation"]
    uri = pl["artifactLocation"]["uri"]
    check(not uri.startswith("file:") and not uri.startswith("/") and pl["artifactLocation"].get("uriBaseId"),
          f"result {i}: relative uri with uriBaseId, got {uri}")
    reg = pl.get("region", {})
    check(all(k in reg for k in ("startLine", "startColumn", "endLine", "endColumn")), f"result {i}: full region")
    check((reg.get("endLine", 0), reg.get("endColumn", 0)) > (reg.get("startLine", 0), reg.get("startColumn", 0)),
          f"result {i}: end after start (exclusive end)")
    check(res.get("partialFingerprints", {}).get("iamlintFingerprint/v1"), f"result {i}: fingerprint")
    check("primaryLocationLineHash" not in res.get("partialFingerprints", {}),
          f"result {i}: no invented primaryLocationLineHash")
    # The finding's advice reaches code scanning: help lines as Markdown below the message, and
    # as a list for tools.
    helpLines = res.get("properties", {}).get("help", [])
    if helpLines:
        check(res["message"].get("markdown") == res["message"]["text"] + "\n\n" + "\n".join("- " + h for h in helpLines),
              f"result {i}: message.markdown is the text and the help lines")
    else:
        check("markdown" not in res["message"], f"result {i}: markdown only with help lines")
check(sum(1 for r in results if r.get("properties", {}).get("help")) > 100, "results carry their help lines")
fps = [(r["partialFingerprints"]["iamlintFingerprint/v1"]) for r in results]
check(len(fps) == len(set(fps)), "fingerprints are unique within the run")

if failures:
    for f in failures[:40]:
        print("FAIL:", f)
    print(f"0 passed, 1 failed")
    sys.exit(1)
print(f"ok: {len(results)} results and {len(rules)} rules validate against the SARIF 2.1.0 schema")
