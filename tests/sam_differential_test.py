#!/usr/bin/env python3
"""SAM differential test: every SAM template of the shared corpora is expanded by the SAM
translator itself (the aws-sam-translator Python package) and by iamlint (`iamlint policies`);
the IAM roles SAM generates must match: the same roles, the same managed policy ARNs, the same
inline policy names, and the same actions in each inline policy; and the managed policies SAM
generates for connectors, with the same actions.

    tests/sam_differential_test.py build/iamlint [CORPUS_DIR...]

Skips (exit 77) with a message when samtranslator or the corpora are absent. A difference that
is understood and accepted is listed in tests/sam-differential-known.txt (`file<TAB>role<TAB>what`
with the reason in a comment); any other difference fails the test.
"""
import json
import logging
import os
import subprocess
import sys

# The translator needs a region for its pseudo parameters; nothing calls AWS.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("IAMLINT_CORPUS", os.path.join(os.path.dirname(HERE), "..", "shared", "corpus"))
if not os.path.isdir(CORPUS):
    CORPUS = "/work/shared/corpus"


def skip(msg):
    print(f"SKIP: {msg}")
    sys.exit(77)


try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
    import samtranslator
except ImportError:
    skip("the aws-sam-translator Python package is not installed (pip install aws-sam-translator)")


logging.disable(logging.CRITICAL)  # the translator logs metrics and feature toggles


class NoManagedPolicies:
    """The translator's bundled name->ARN map is used; no AWS calls."""

    def load(self):
        return {}


def sam_files(roots):
    for root in roots:
        for d, _, files in os.walk(root):
            for f in sorted(files):
                if not f.endswith((".yaml", ".yml", ".json", ".template")):
                    continue
                p = os.path.join(d, f)
                try:
                    with open(p, encoding="utf-8") as fh:
                        text = fh.read()
                except (UnicodeDecodeError, OSError):
                    continue
                if "AWS::Serverless-2016-10-31" in text and len(text) < 1 << 20:
                    yield p, text


PACKAGED = "s3://iamlint-differential/artifact.zip"


def as_packaged(template):
    """What `sam package` does first: local CodeUri/DefinitionUri/ContentUri paths become S3
    locations (the translator rejects local paths). Policies do not depend on them."""
    sections = [r.get("Properties") for r in template.get("Resources", {}).values() if isinstance(r, dict)]
    globals_ = template.get("Globals")
    if isinstance(globals_, dict):
        sections += list(globals_.values())
    for props in sections:
        if not isinstance(props, dict):
            continue
        for key in ("CodeUri", "DefinitionUri", "ContentUri"):
            v = props.get(key)
            if isinstance(v, str) and not v.startswith("s3://"):
                props[key] = PACKAGED
    return template


def flatten_if(v):
    """Both branches of a Fn::If (SAM keeps them); AWS::NoValue drops out."""
    if isinstance(v, dict) and list(v) == ["Fn::If"] and isinstance(v["Fn::If"], list) and len(v["Fn::If"]) == 3:
        return flatten_if(v["Fn::If"][1]) + flatten_if(v["Fn::If"][2])
    if isinstance(v, dict) and v == {"Ref": "AWS::NoValue"}:
        return []
    return [v]


def actions_of(doc):
    out = set()
    if not isinstance(doc, dict):
        return out
    sts = doc.get("Statement", [])
    for st in sts if isinstance(sts, list) else [sts]:
        for st in flatten_if(st):
            if not isinstance(st, dict):
                continue
            a = st.get("Action", st.get("NotAction", []))
            for x in a if isinstance(a, list) else [a]:
                if isinstance(x, str):
                    out.add(x.lower())
    return out


def sam_roles(template, out):
    roles = {}
    original = template.get("Resources", {})
    for rid, r in out.get("Resources", {}).items():
        if r.get("Type") != "AWS::IAM::Role" or rid in original:
            continue
        props = r.get("Properties", {})
        managed = set()
        for m in props.get("ManagedPolicyArns", []) or []:
            for m in flatten_if(m):
                # `!Sub arn:${AWS::Partition}:...` is the same ARN in the aws partition.
                if isinstance(m, dict) and isinstance(m.get("Fn::Sub"), str) and m["Fn::Sub"].count("${") == 1:
                    m = m["Fn::Sub"].replace("${AWS::Partition}", "aws")
                if isinstance(m, str) and "${" not in m:
                    managed.add(m)
        inline = {}
        for p in props.get("Policies", []) or []:
            for p in flatten_if(p):
                if isinstance(p, dict) and isinstance(p.get("PolicyName"), str):
                    inline.setdefault(p["PolicyName"], set()).update(actions_of(p.get("PolicyDocument")))
        roles[rid] = {"managed": managed, "inline": inline}
    # Managed policies SAM generates (connectors): compared as a role of their own.
    for rid, r in out.get("Resources", {}).items():
        if r.get("Type") == "AWS::IAM::ManagedPolicy" and rid not in original:
            doc = r.get("Properties", {}).get("PolicyDocument")
            roles[rid] = {"managed": set(), "inline": {rid: actions_of(doc)}}
    return roles


def iamlint_roles(binary, path):
    r = subprocess.run([binary, "policies", path], capture_output=True, text=True)
    if r.returncode != 0:
        return None
    data = json.loads(r.stdout)
    by_policy = {}
    for p in data["policies"]:
        if p["resourceType"] == "AWS::IAM::Role" and p["kind"] == "identity":
            acts = set()
            for st in p["statements"]:
                acts.update(a.lower() for a in st.get("actions", []))
            by_policy.setdefault((p["resource"], p["name"]), set()).update(acts)
    roles = {}
    for pr in data["principals"]:
        if not pr.get("generatedFrom"):
            continue
        managed = {m for m in pr["managedPolicies"] if m.startswith("arn:") and "${" not in m}
        inline = {name: acts for (rid, name), acts in by_policy.items() if rid == pr["id"]}
        roles[pr["id"]] = {"managed": managed, "inline": inline}
    generated = {pr["id"] for pr in data["principals"] if pr.get("generatedFrom")}
    for p in data["policies"]:
        if p["resourceType"] == "AWS::IAM::ManagedPolicy" and p.get("transformWritten"):
            acts = set()
            for st in p["statements"]:
                acts.update(a.lower() for a in st.get("actions", []))
            roles.setdefault(p["resource"], {"managed": set(), "inline": {}})["inline"][p["resource"]] = acts
    return roles


def main():
    if len(sys.argv) < 2:
        print("usage: sam_differential_test.py IAMLINT [CORPUS_DIR...]", file=sys.stderr)
        return 2
    binary = sys.argv[1]
    roots = sys.argv[2:] or [os.path.join(CORPUS, c) for c in ("external", "cfn-lint", "genomics")]
    roots = [r for r in roots if os.path.isdir(r)]
    if not roots:
        skip(f"no corpus under {CORPUS}")
    known = set()
    kpath = os.path.join(HERE, "sam-differential-known.txt")
    if os.path.exists(kpath):
        for line in open(kpath, encoding="utf-8"):
            line = line.split("#", 1)[0].rstrip()
            if line:
                known.add(tuple(line.split("\t")[:3]))
    compared = translated_fail = roles_total = 0
    differences = []
    for path, text in sam_files(roots):
        try:
            template = yaml_parse(text)
            if not isinstance(template, dict):
                continue
            out = transform(as_packaged(json.loads(json.dumps(template, default=str))), {}, NoManagedPolicies())
        except Exception:  # the translator rejects it (SAM would too): nothing to compare
            translated_fail += 1
            continue
        mine = iamlint_roles(binary, path)
        if mine is None:
            differences.append((path, "-", "iamlint could not read the file"))
            continue
        compared += 1
        theirs = sam_roles(template, out)
        roles_total += len(theirs)
        rel = os.path.relpath(path, CORPUS)
        for rid in sorted(set(theirs) | set(mine)):
            if rid not in mine:
                differences.append((rel, rid, "role generated by SAM, not by iamlint"))
                continue
            if rid not in theirs:
                differences.append((rel, rid, "role generated by iamlint, not by SAM"))
                continue
            t, m = theirs[rid], mine[rid]
            for arn in sorted(t["managed"] - m["managed"]):
                differences.append((rel, rid, f"managed policy {arn} missing"))
            for arn in sorted(m["managed"] - t["managed"]):
                differences.append((rel, rid, f"managed policy {arn} extra"))
            for name in sorted(set(t["inline"]) | set(m["inline"])):
                if name not in m["inline"]:
                    differences.append((rel, rid, f"inline policy {name} missing"))
                elif name not in t["inline"]:
                    differences.append((rel, rid, f"inline policy {name} extra"))
                elif t["inline"][name] != m["inline"][name]:
                    miss = sorted(t["inline"][name] - m["inline"][name])
                    extra = sorted(m["inline"][name] - t["inline"][name])
                    differences.append((rel, rid, f"inline policy {name} actions differ: missing {miss} extra {extra}"))
    unexplained = [d for d in differences if d not in known]
    print(f"aws-sam-translator {samtranslator.__version__}: {compared} templates compared "
          f"({roles_total} generated roles), {translated_fail} rejected by the translator; "
          f"{len(differences)} differences, {len(differences) - len(unexplained)} of them known")
    for d in unexplained:
        print("DIFF\t" + "\t".join(d))
    # A known difference that is gone is a stale entry: the list must say what is true now.
    compared_roots = tuple(os.path.relpath(r, CORPUS) + os.sep for r in roots)
    stale = sorted(k for k in known if k[0].startswith(compared_roots) and k not in set(differences))
    for k in stale:
        print("STALE\t" + "\t".join(k) + "\t(listed in sam-differential-known.txt, no longer a difference)")
    return 1 if unexplained or stale else 0


if __name__ == "__main__":
    sys.exit(main())
