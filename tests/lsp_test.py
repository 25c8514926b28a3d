#!/usr/bin/env python3
"""`iamlint lsp` driven by a scripted client over pipes: the handshake; diagnostics for an opened
template with exact ranges (UTF-16), codes, severities and rule links; full and incremental
changes; a burst of changes coalesced into diagnostics for the newest text; quick fixes whose
edits, applied, clear the findings; a 1 MB template; malformed messages (a bad header, a body
that is not JSON, a request without a method, an unknown method, a request before initialize)
answered or skipped without a crash; didClose clearing diagnostics; shutdown and exit with 0.
Prints the latency from a change of a 12 KB template to its diagnostics.
Usage: lsp_test.py IAMLINT"""
import json
import os
import select
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failed = 0


def check(cond, what):
    global failed
    if cond:
        print("ok", what)
    else:
        print("FAIL", what)
        failed += 1


class Client:
    def __init__(self, binary):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, cwd=REPO)
        self.buf = b""
        self.next_id = 0

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}})
        return self.next_id

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def read(self, timeout=10):
        deadline = time.monotonic() + timeout
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                length = int(self.buf[:head_end].split(b":")[1])
                if len(self.buf) >= head_end + 4 + length:
                    body = self.buf[head_end + 4:head_end + 4 + length]
                    self.buf = self.buf[head_end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.p.stdout.fileno(), 1 << 16)
            if not chunk:
                return None
            self.buf += chunk

    def wait_for(self, pred, timeout=10):
        """Messages until one satisfies pred; returns (it, the ones before)."""
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = self.read(deadline - time.monotonic())
            if m is None:
                break
            if pred(m):
                return m, seen
            seen.append(m)
        return None, seen


def diagnostics_for(uri):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri


def response(i):
    return lambda m: m.get("id") == i and "method" not in m


def cli_count(binary, path):
    """What `iamlint check` reports for a file: the number of reported findings."""
    out = subprocess.run([binary, "check", "-q", "-f", "json", path], capture_output=True, text=True).stdout
    return len([f for f in json.loads(out)["findings"] if not f.get("suppressed")])


def main():
    binary = os.path.abspath(sys.argv[1])
    c = Client(binary)

    # Before initialize: requests are refused, notifications ignored.
    i = c.request("textDocument/codeAction", {"textDocument": {"uri": "file:///x.yaml"}})
    m, _ = c.wait_for(response(i))
    check(m and m["error"]["code"] == -32002, "a request before initialize gets ServerNotInitialized")

    i = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    m, _ = c.wait_for(response(i))
    caps = m and m["result"]["capabilities"]
    check(caps and caps["textDocumentSync"]["change"] == 1 and caps["codeActionProvider"]["codeActionKinds"] == ["quickfix"],
          "initialize: full sync and quick fixes")
    check(m and m["result"]["serverInfo"]["name"] == "iamlint", "initialize: serverInfo")
    c.notify("initialized", {})

    # Malformed input: the server answers what it can and keeps serving.
    c.raw(b"Content-Type: nothing\r\n\r\n")                     # no Content-Length: skipped
    c.raw(b"Content-Length: 9\r\n\r\n{not json")                 # body is not JSON
    m, _ = c.wait_for(lambda m: "error" in m and m.get("id") is None)
    check(m and m["error"]["code"] == -32700, "a body that is not JSON gets a ParseError")
    c.send({"jsonrpc": "2.0", "id": 99})
    m, _ = c.wait_for(response(99))
    check(m and m["error"]["code"] == -32600, "a request without a method gets InvalidRequest")
    i = c.request("textDocument/hover", {})
    m, _ = c.wait_for(response(i))
    check(m and m["error"]["code"] == -32601, "an unknown method gets MethodNotFound")
    c.notify("textDocument/didChange", {"textDocument": {"uri": "file:///never-opened.yaml"}, "contentChanges": "x"})
    c.notify("textDocument/didOpen", {"textDocument": {"uri": 42}})

    # didOpen: exact diagnostics. The template has a multi-byte character before a finding, so
    # the character offsets are UTF-16 units, not bytes.
    uri = "file://" + os.path.join(REPO, "testdata", "fix", "lsp%20demo.yaml")
    text = ("# ünïcode comment\n"
            "Resources:\n"
            "  P:\n"
            "    Type: AWS::IAM::ManagedPolicy\n"
            "    Properties:\n"
            "      PolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Action: [\"s3:GetObjekt\"]  # ☃ then 🎉\n"
            "            Resource: \"arn:aws:s3:::b/*\"\n"
            "          - {Sid: \"😀\", Effect: Allow, Action: \"s3:PutObjekt\", Resource: \"arn:aws:s3:::b/*\"}\n")
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    m, _ = c.wait_for(diagnostics_for(uri))
    diags = m and m["params"]["diagnostics"]
    check(m and m["params"]["version"] == 1, "publishDiagnostics carries the document version")
    got = sorted((d["code"], d["severity"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                  d["range"]["end"]["character"]) for d in diags or [])
    # Line 11: `          - {Sid: "😀", Effect: ...}` — the emoji is 2 UTF-16 units (4 bytes).
    line11 = text.split("\n")[11]
    col_bytes = line11.encode().find(b'"s3:PutObjekt"')
    col_utf16 = len(line11.encode()[:col_bytes].decode().encode("utf-16-le")) // 2
    want = sorted([("IAM201", 1, 9, 21, 35), ("IAM105", 1, 11, 18, 22), ("IAM201", 1, 11, col_utf16, col_utf16 + 14)])
    check([g for g in got if g[0] == "IAM201"] == [w for w in want if w[0] == "IAM201"],
          f"IAM201 ranges in UTF-16 units: {[g for g in got if g[0] == 'IAM201']}")
    d201 = [d for d in diags or [] if d["code"] == "IAM201"]
    check(d201 and d201[0]["source"] == "iamlint" and
          d201[0]["codeDescription"]["href"].endswith("/docs/rules/IAM201.md") and
          "`s3:GetObjekt` is not an action of `s3`" in d201[0]["message"] and
          "did you mean `s3:GetObject`?" in d201[0]["message"],
          "a diagnostic has its source, rule link, message and suggestion")

    # Quick fixes: the edits, applied like a client would, clear the IAM201 findings.
    i = c.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                              "range": {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}},
                                              "context": {"diagnostics": []}})
    m, _ = c.wait_for(response(i))
    actions = m and m["result"] or []
    titles = sorted(a["title"] for a in actions)
    check(titles == ["Fix IAM201: `s3:GetObjekt` -> `s3:GetObject`", "Fix IAM201: `s3:PutObjekt` -> `s3:PutObject`"],
          f"code actions: {titles}")
    lines = text.split("\n")
    edits = sorted((e for a in actions for e in a["edit"]["changes"][uri]),
                   key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True)
    for e in edits:
        ln = e["range"]["start"]["line"]
        u16 = lines[ln].encode("utf-16-le")
        s, t = e["range"]["start"]["character"] * 2, e["range"]["end"]["character"] * 2
        lines[ln] = (u16[:s] + e["newText"].encode("utf-16-le") + u16[t:]).decode("utf-16-le")
    fixed = "\n".join(lines)
    check("\"s3:GetObject\"]  # ☃ then 🎉" in fixed and "Action: \"s3:PutObject\"" in fixed, "the edits land on the actions")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
    m, _ = c.wait_for(diagnostics_for(uri))
    check(m and m["params"]["version"] == 2 and not [d for d in m["params"]["diagnostics"] if d["code"] == "IAM201"],
          "after the fixes no IAM201 is left")

    # An incremental change (a client that ignores full sync): `Allow` -> `allow` on line 8.
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
        {"range": {"start": {"line": 8, "character": 20}, "end": {"line": 8, "character": 21}}, "text": "a"}]})
    m, _ = c.wait_for(diagnostics_for(uri))
    check(m and [d["range"]["start"] for d in m["params"]["diagnostics"] if d["code"] == "IAM102"] == [{"line": 8, "character": 20}],
          "an incremental change is applied")

    # A burst of 200 changes: diagnostics for the newest text, and fewer publishes than changes.
    base = fixed.replace("s3:GetObject\"]", "s3:GetObjec%d\"]")
    for n in range(200):
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 10 + n},
                                            "contentChanges": [{"text": base.replace("%d", "t" if n == 199 else "x")}]})
    publishes = []
    while True:
        m, _ = c.wait_for(diagnostics_for(uri), timeout=5)
        if not m:
            break
        publishes.append(m)
        if m["params"]["version"] == 209:
            break
    check(publishes and publishes[-1]["params"]["version"] == 209 and
          not [d for d in publishes[-1]["params"]["diagnostics"] if d["code"] == "IAM201"],
          f"a burst of 200 changes ends with diagnostics of the newest version ({len(publishes)} publishes)")
    check(len(publishes) < 200, "changes that arrive together are linted once")

    # Latency for 12 KB templates: change -> diagnostics. A real one from the genomics corpus when
    # it is there, and one made of the example's resources under new names. The diagnostics are
    # exactly what `iamlint check` reports for the same text.
    import tempfile
    scratch = tempfile.mkdtemp()
    tmpl = open(os.path.join(REPO, "examples", "genomics-iam.yaml"), encoding="utf-8").read()
    body = tmpl.split("\n")[tmpl.split("\n").index("Resources:") + 1:]
    names = ["BatchInstanceRole", "BatchInstanceProfile", "BatchServiceRole", "SpotFleetRole", "BatchJobRole"]

    def grow(size):
        text, k = tmpl, 0
        while len(text.encode()) < size:
            k += 1
            part = "\n".join(body)
            for nm in names:
                part = part.replace(nm, f"{nm}{k}x")
            text += part + "\n"
        return text

    samples = [("synthetic", grow(12 * 1024))]
    corpus = os.path.join(REPO, "..", "shared", "corpus", "genomics", "nextflow-resources.template@6e86d35.yaml")
    if not os.path.exists(corpus):
        corpus = "/work/shared/corpus/genomics/nextflow-resources.template@6e86d35.yaml"
    if os.path.exists(corpus):
        samples.append(("genomics/nextflow-resources.template@6e86d35.yaml", open(corpus, encoding="utf-8").read()))
    else:
        print("note: the genomics corpus is absent; latency only for the synthetic template")
    for label, big in samples:
        path12 = os.path.join(scratch, "twelve-kb-" + str(len(samples)) + label.replace("/", "_"))
        open(path12, "w", encoding="utf-8").write(big)
        uri12 = "file://" + path12
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri12, "languageId": "yaml", "version": 1, "text": big}})
        m, _ = c.wait_for(diagnostics_for(uri12))
        want12 = cli_count(binary, path12)
        check(m and len(m["params"]["diagnostics"]) == want12,
              f"{label}: as many diagnostics as `iamlint check` findings ({want12})")
        times = []
        for n in range(40):
            t0 = time.perf_counter()
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri12, "version": 2 + n},
                                                "contentChanges": [{"text": big + f"# edit {n}\n"}]})
            m, _ = c.wait_for(diagnostics_for(uri12))
            times.append((time.perf_counter() - t0) * 1000)
            if not m:
                break
        times.sort()
        print(f"latency, {label} ({len(big.encode())} bytes, {want12} diagnostics), change to diagnostics over "
              f"{len(times)} changes: median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9) - 1]:.1f} ms, "
              f"max {times[-1]:.1f} ms")
        check(m and statistics.median(times) < 250, f"{label}: linted on each change")

    # A 1 MB template.
    huge = grow(1 << 20)
    pathh = os.path.join(scratch, "one-mb.yaml")
    open(pathh, "w", encoding="utf-8").write(huge)
    urih = "file://" + pathh
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": urih, "languageId": "yaml", "version": 1, "text": huge}})
    m, _ = c.wait_for(diagnostics_for(urih), timeout=60)
    elapsed = (time.perf_counter() - t0) * 1000
    wanth = cli_count(binary, pathh)
    print(f"a {len(huge.encode())}-byte template: {len(m['params']['diagnostics']) if m else 0} diagnostics in {elapsed:.0f} ms")
    check(m and len(m["params"]["diagnostics"]) == wanth and wanth > 100,
          f"a 1 MB template gets all its diagnostics ({wanth})")
    import shutil
    shutil.rmtree(scratch)

    # A body larger than the limit is skipped; the server still answers.
    c.raw(b"Content-Length: 70000000\r\n\r\n" + b" " * 70000000)
    i = c.request("textDocument/codeAction", {"textDocument": {"uri": "file:///not-open.yaml"}})
    m, _ = c.wait_for(response(i), timeout=60)
    check(m and m["result"] == [], "after a 70 MB body the server still answers")

    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    m, _ = c.wait_for(diagnostics_for(uri))
    check(m and m["params"]["diagnostics"] == [] and "version" not in m["params"], "didClose clears the diagnostics")

    i = c.request("shutdown")
    m, _ = c.wait_for(response(i))
    check(m and m["result"] is None, "shutdown")
    i = c.request("textDocument/codeAction", {})
    m, _ = c.wait_for(response(i))
    check(m and m["error"]["code"] == -32600, "requests after shutdown are refused")
    c.notify("exit", {})
    try:
        rc = c.p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        c.p.kill()
        rc = None
    check(rc == 0, f"exit after shutdown exits 0 (got {rc})")
    err = c.p.stderr.read().decode()
    check(err == "", f"nothing on stderr: {err!r}")

    # End of input without shutdown: exit code 1, no hang.
    c2 = Client(binary)
    c2.p.stdin.close()
    check(c2.p.wait(timeout=10) == 1, "end of input without shutdown exits 1")
    print("passed" if failed == 0 else f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
