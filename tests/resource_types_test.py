#!/usr/bin/env python3
"""Every row of data/policy-properties.tsv is read, with the right kind, in the form it allows.

    tests/resource_types_test.py build/iamlint

1. docs/resource-types.md is what tools/gen-resource-types-doc makes of the table (drift).
2. A template with one resource per row is written (to a temporary directory) from the table:
   each policy has a misspelt action granted to everyone (`s3:GetObjekt` to `Principal: "*"`,
   no principal for identity policies) and a near miss (`s3:GetObject` to one account). The
   test asserts, per row: exactly one IAM201 at the misspelt action's line;
   for resource and trust policies one public-principal finding (IAM401, or IAM407 for the types
   IAM407 covers) at the principal's line; for endpoint policies none; nothing at the near miss.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rows():
    with open(os.path.join(ROOT, "data", "policy-properties.tsv"), encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def logical_id(i, rtype):
    return "R%02d%s" % (i, rtype.replace("AWS::", "").replace("::", ""))


def main():
    binary = sys.argv[1]
    check = subprocess.run([os.path.join(ROOT, "tools", "gen-resource-types-doc"), "--check"])
    if check.returncode != 0:
        print("FAIL: docs/resource-types.md is out of date")
        return 1
    lines = ["AWSTemplateFormatVersion: \"2010-09-09\"", "Resources:"]
    expect = {}  # logical id -> dict(kind, action line, principal line, near line)

    def emit(text):
        lines.append(text)
        return len(lines)

    for i, (rtype, prop, kind, form, _guards) in enumerate(rows()):
        rid = logical_id(i, rtype)
        e = expect[rid] = {"kind": kind, "type": rtype, "prop": prop}
        emit(f"  {rid}:")
        emit(f"    Type: {rtype}")
        emit("    Properties:")
        bad_action = "sts:AssumeRol" if kind == "trust" else "s3:GetObjekt"
        good_action = "sts:AssumeRole" if kind == "trust" else "s3:GetObject"
        if form == "permission":
            e["action"] = emit(f"      Action: {'lambda:InvokeFunctio' if rtype == 'AWS::Lambda::Permission' else 'lambda:GetLayerVersio'}")
            e["principal"] = emit("      Principal: \"*\"")
            emit("      FunctionName: fn" if rtype == "AWS::Lambda::Permission" else
                 "      LayerVersionArn: arn:aws:lambda:us-east-1:123456789012:layer:l:1")
            continue
        if form == "statement":
            emit("      EventBusName: default")
            emit("      StatementId: s")
            emit("      Statement:")
            emit("        Effect: Allow")
            e["principal"] = emit("        Principal: \"*\"")
            e["action"] = emit("        Action: events:PutEvent")
            emit("        Resource: \"*\"")
            continue
        indent = "      "
        parts = prop.split("/")
        # Nested properties; `*` is a list of one entry (`Policies: [{PolicyName, PolicyDocument}]`).
        for k, p in enumerate(parts[:-1]):
            if p == "*":
                continue
            emit(f"{indent}{p}:")
            indent += "  "
            if parts[k + 1] == "*":
                emit(f"{indent}- PolicyName: p")
                indent += "  "
        principal = kind in ("resource", "trust", "endpoint")
        if form == "string":
            emit(f"{indent}{parts[-1]}: !Sub |")
            body = indent + "  "
            emit(body + "{\"Version\": \"2012-10-17\", \"Statement\": [")
            line = emit(body + "  {\"Effect\": \"Allow\"," + (" \"Principal\": \"*\"," if principal else ""))
            if principal:
                e["principal"] = line
            e["action"] = emit(body + f"   \"Action\": \"{bad_action}\", \"Resource\": \"*\"}},")
            e["near"] = emit(body + "  {\"Effect\": \"Allow\"," +
                             (" \"Principal\": {\"AWS\": \"arn:aws:iam::${AWS::AccountId}:root\"}," if principal else "") +
                             f" \"Action\": \"{good_action}\", \"Resource\": \"*\"}}]}}")
        else:
            emit(f"{indent}{parts[-1]}:")
            d = indent + "  "
            emit(d + "Version: \"2012-10-17\"")
            emit(d + "Statement:")
            emit(d + "  - Effect: Allow")
            if principal:
                e["principal"] = emit(d + "    Principal: \"*\"")
            e["action"] = emit(d + f"    Action: {bad_action}")
            emit(d + "    Resource: \"*\"")
            e["near"] = emit(d + "  - Effect: Allow")
            if principal:
                emit(d + "    Principal: {AWS: \"arn:aws:iam::123456789012:root\"}")
            emit(d + f"    Action: {good_action}")
            emit(d + "    Resource: \"*\"")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "all-types.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        out = subprocess.run([binary, "check", "--format", "json", "--fail-on", "none", path],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr)
            print("FAIL: iamlint check failed")
            return 1
        findings = json.loads(out.stdout)["findings"]
    failures = []
    by_line = {}
    for f in findings:
        by_line.setdefault(f["line"], []).append(f)
    public_rules = {"IAM401", "IAM407"}
    # IAM407 covers the resource policies of S3, SQS, SNS, KMS, Lambda and Secrets Manager, in
    # whichever resource type they are written (bucket, access point, inline topic/queue policy,
    # replica key, layer permission).
    iam407_types = {"AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::KMS::Key",
                    "AWS::Lambda::Permission", "AWS::SecretsManager::ResourcePolicy", "AWS::KMS::ReplicaKey",
                    "AWS::Lambda::LayerVersionPermission", "AWS::S3::AccessPoint",
                    "AWS::S3::MultiRegionAccessPointPolicy", "AWS::SNS::TopicInlinePolicy",
                    "AWS::SQS::QueueInlinePolicy"}
    for rid, e in expect.items():
        at = [f for f in by_line.get(e["action"], []) if f["rule"] == "IAM201"]
        if len(at) != 1 or "is not an action" not in at[0]["message"]:
            failures.append(f"{rid} ({e['type']} {e['prop']}): expected one IAM201 at line {e['action']}, got {at}")
        if "principal" in e:
            pub = [f for f in by_line.get(e["principal"], []) if f["rule"] in public_rules]
            if e["kind"] == "endpoint":
                if pub:
                    failures.append(f"{rid}: an endpoint policy's Principal \"*\" is reported: {pub}")
            else:
                rule = "IAM407" if e["type"] in iam407_types else "IAM401"
                if len(pub) != 1 or pub[0]["rule"] != rule or rid not in pub[0]["message"]:
                    failures.append(f"{rid} ({e['type']}): expected one {rule} at line {e['principal']}, got {pub}")
        if "near" in e:
            near = [f for f in by_line.get(e["near"], []) + by_line.get(e["near"] + 1, []) + by_line.get(e["near"] + 2, [])
                    if f["rule"] in public_rules | {"IAM201"}]
            if near:
                failures.append(f"{rid}: the near miss is reported: {near}")
    for f in failures:
        print("FAIL: " + f)
    print(f"{len(expect)} resource properties checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
