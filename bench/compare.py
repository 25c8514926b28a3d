#!/usr/bin/env python3
"""iamlint beside cfn-lint and beside the floor, in one run; a benchmark, not a test.

  bench/compare.py [--iamlint build/iamlint] [--full] [--json OUT.json] [--plot OUT.svg]

Workloads: one small template, one one-statement policy, each shared corpus (../shared/corpus),
synthetic templates of 100, 1,000 and 10,000 roles, a policy of 5,000 statements, one statement of
400 and of 4,000 actions. For each: wall and CPU time (median of several runs, whole process), peak
memory, and with valgrind the instruction count, next to the floor programs of bench/floor/ (start-up
with the same libraries; libyaml's event loop or a RapidJSON parse of the same bytes) and, for
templates, cfn-lint. Ratios are printed against the targets performance work steers by. --full adds
cfn-lint on the large corpora and synthetic templates, and callgrind on the 10,000-role template
(several minutes). Needs g++, libyaml-dev, RapidJSON and Boost (tools/install-deps installs them);
cfn-lint and valgrind are optional.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
TEMPLATE = os.path.join(CORPUS, "genomics", "aws-genomics-iam.template.yaml")
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")


def run_once(cmd):
    """(wall s, cpu s, peak KB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(cmd, runs):
    samples = [run_once(cmd) for _ in range(runs)]
    return {"wall": statistics.median(s[0] for s in samples), "cpu": statistics.median(s[1] for s in samples),
            "peak_kb": max(s[2] for s in samples), "runs": runs}


def instructions(cmd, tmp):
    if not shutil.which("valgrind"):
        return None
    out = os.path.join(tmp, "callgrind.out")
    res = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + cmd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", res.stderr)
    return int(m.group(1)) if m else None


def build_floors(tmp):
    libs = ["-Wl,--no-as-needed", "-lyaml", "-lre2", "-lboost_program_options"]
    floors = {}
    for name in ("empty", "yaml_events", "json_parse"):
        exe = os.path.join(tmp, name)
        subprocess.run(["g++", "-O2", "-std=c++17", os.path.join(ROOT, "bench", "floor", name + ".cc"), "-o", exe] + libs,
                       check=True)
        floors[name] = exe
    return floors


def files_under(path, suffixes):
    out = []
    for dirpath, _, names in os.walk(path):
        out += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(suffixes)]
    return sorted(out)


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iamlint", default=os.path.join(ROOT, "build", "iamlint"))
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--plot")
    args = ap.parse_args()
    iamlint = os.path.abspath(args.iamlint)
    cfn_lint = shutil.which("cfn-lint")
    tmp = tempfile.mkdtemp()
    floors = build_floors(tmp)
    results = {"iamlint": iamlint, "cfn_lint": bool(cfn_lint), "rows": []}

    def row(name, files, floor, cfn=False, runs=10, instr=True, size=None, unit=None, count=None):
        check = [iamlint, "check", "-q", "-j1", "--fail-on", "none"] + files
        r = {"name": name, "bytes": size if size is not None else sum(os.path.getsize(f) for f in files),
             "files": len(files), "unit": unit, "count": count}
        r["iamlint"] = measure(check, runs)
        r["floor"] = measure([floors[floor]] + files, runs)
        if instr:
            r["iamlint"]["instr"] = instructions(check, tmp)
            r["floor"]["instr"] = instructions([floors[floor]] + files, tmp)
        if cfn and cfn_lint:
            r["cfn_lint"] = measure([cfn_lint, "--"] + files, 3 if len(files) < 5 else 1)
        results["rows"].append(r)
        line = f"{name:<34} {r['bytes'] / 1024:>9.1f} KB  iamlint {fmt_time(r['iamlint']['wall']):>9} wall " \
               f"{fmt_time(r['iamlint']['cpu']):>9} cpu {r['iamlint']['peak_kb'] / 1024:6.1f} MB"
        line += f" | floor {fmt_time(r['floor']['cpu']):>9} cpu, x{r['iamlint']['cpu'] / max(r['floor']['cpu'], 1e-4):.1f}"
        if r["iamlint"].get("instr") and r["floor"].get("instr"):
            line += f", instr {r['iamlint']['instr'] / 1e6:.1f} M / {r['floor']['instr'] / 1e6:.1f} M = " \
                    f"x{r['iamlint']['instr'] / r['floor']['instr']:.2f}"
        if "cfn_lint" in r:
            line += f" | cfn-lint {fmt_time(r['cfn_lint']['wall'])} wall {r['cfn_lint']['peak_kb'] / 1024:.0f} MB, " \
                    f"x{r['cfn_lint']['wall'] / r['iamlint']['wall']:.0f} iamlint"
        print(line, flush=True)
        return r

    print(f"iamlint: {iamlint}; cfn-lint: {cfn_lint or 'not installed'}; valgrind: {shutil.which('valgrind') or 'no'}")
    start_row = {"name": "iamlint version"}
    start_row["iamlint"] = measure([iamlint, "version"], 20)
    start_row["iamlint"]["instr"] = instructions([iamlint, "version"], tmp)
    start_row["floor"] = measure([floors["empty"]], 20)
    start_row["floor"]["instr"] = instructions([floors["empty"]], tmp)
    results["rows"].append(start_row)
    print(f"{'start-up (iamlint version)':<34} iamlint {fmt_time(start_row['iamlint']['cpu'])} cpu, "
          f"{(start_row['iamlint']['instr'] or 0) / 1e6:.2f} M instr; empty main with the same libraries "
          f"{fmt_time(start_row['floor']['cpu'])}, {(start_row['floor']['instr'] or 0) / 1e6:.2f} M instr")

    policy = os.path.join(tmp, "one.json")
    with open(policy, "w") as f:
        f.write('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",'
                '"Resource":"arn:aws:s3:::bucket/*"}]}\n')
    row("one-statement policy", [policy], "json_parse", runs=30)
    if os.path.exists(TEMPLATE):
        row("one template (genomics IAM, 5.9 KB)", [TEMPLATE], "yaml_events", cfn=True, runs=30)
    for corpus, floor, cfn in (("genomics", "yaml_events", args.full), ("cfn-lint", "yaml_events", args.full),
                               ("external", "yaml_events", args.full), ("managed-policies", "json_parse", False),
                               ("terraform", "json_parse", False)):
        d = os.path.join(CORPUS, corpus)
        if not os.path.isdir(d):
            print(f"{corpus}: absent ({d}), skipped")
            continue
        files = files_under(d, (".json",) if floor == "json_parse" else TEMPLATE_SUFFIXES)
        if floor == "yaml_events":
            files = [f for f in files if not f.endswith(".json")]  # libyaml reads JSON too, but keep the floor honest
        row(f"corpus {corpus} ({len(files)} files)", files, floor, cfn=cfn, runs=3,
            instr=args.full or corpus in ("genomics", "cfn-lint", "terraform", "managed-policies"))

    synthetic = []
    for n in (100, 1000, 10000):
        path = os.path.join(tmp, f"roles-{n}.yaml")
        with open(path, "w") as f:
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make-template.py"), str(n)], stdout=f, check=True)
        synthetic.append(row(f"{n} roles", [path], "yaml_events", cfn=args.full and n <= 1000,
                             runs=5 if n < 10000 else 3, instr=n < 10000 or args.full, unit="role", count=n))
    big = os.path.join(tmp, "statements-5000.json")
    with open(big, "w") as f:
        json.dump({"Version": "2012-10-17", "Statement": [
            {"Sid": f"S{i}", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": f"arn:aws:s3:::bucket-{i}/*"} for i in range(5000)]}, f)
    row("5,000 statements", [big], "json_parse", runs=3)
    actions_rows = []
    names = []  # real action names, from the catalog the build embeds (data/iam-catalog.jsonl)
    with open(os.path.join(ROOT, "data", "iam-catalog.jsonl")) as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            prefix, record = line.rstrip("\n").split("\t", 1)
            names += [f"{prefix}:{a[0]}" for a in json.loads(record)["a"]]
            if len(names) >= 4000:
                break
    for n in (400, 4000):
        path = os.path.join(tmp, f"actions-{n}.json")
        acts = names[:n]
        with open(path, "w") as f:
            json.dump({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": acts, "Resource": "*"}]}, f)
        actions_rows.append(row(f"one statement, {n} actions on *", [path], "json_parse", runs=5, unit="action", count=n))

    # The targets.
    print("\ntargets:")
    def target(label, value, limit, better="<="):
        ok = value <= limit if better == "<=" else value >= limit
        print(f"  {'ok  ' if ok else 'MISS'} {label}: {value:.2f} (target {better} {limit})")
        results.setdefault("targets", []).append({"label": label, "value": value, "limit": limit, "ok": ok})
    by = {r["name"]: r for r in results["rows"]}
    t = by.get("one template (genomics IAM, 5.9 KB)")
    if t and t["iamlint"].get("instr") and t["floor"].get("instr"):
        target("one template, instructions / floor", t["iamlint"]["instr"] / t["floor"]["instr"], 2)
    if t and "cfn_lint" in t:
        target("one template, cfn-lint wall / iamlint wall", t["cfn_lint"]["wall"] / t["iamlint"]["wall"], 400, ">=")
    if len(synthetic) == 3:
        per = [r["iamlint"]["cpu"] / r["count"] for r in synthetic]
        target("cost per role, 10,000 roles / 1,000 roles", per[2] / per[1], 1.25)
    # Instructions where valgrind counted them: CPU time at a few milliseconds moves by more than
    # the differences measured. The CPU-time figure is printed beside each.
    def info(label, value):
        print(f"       {label}: {value:.2f}")
    if len(actions_rows) == 2:
        one = by["one-statement policy"]["iamlint"]
        per = [max(r["iamlint"]["cpu"] - one["cpu"], 1e-4) / r["count"] for r in actions_rows]
        if all(r["iamlint"].get("instr") for r in actions_rows) and one.get("instr"):
            per_i = [(r["iamlint"]["instr"] - one["instr"]) / r["count"] for r in actions_rows]
            target("cost per action, 4,000 / 400, instructions (start-up subtracted)", per_i[1] / per_i[0], 1.5)
            info("the same in CPU time", per[1] / per[0])
        else:
            target("cost per action, 4,000 / 400, CPU time (start-up subtracted)", per[1] / per[0], 1.5)
    m = next((r for r in results["rows"] if r["name"].startswith("corpus managed-policies")), None)
    if m:
        cpu_ratio = m["iamlint"]["cpu"] / max(m["floor"]["cpu"], 1e-3)
        if m["iamlint"].get("instr") and m["floor"].get("instr"):
            target("managed-policy corpus / RapidJSON parse floor, instructions", m["iamlint"]["instr"] / m["floor"]["instr"], 15)
            info("the same in CPU time", cpu_ratio)
        else:
            target("managed-policy corpus / RapidJSON parse floor, CPU time", cpu_ratio, 15)

    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    if args.plot:
        write_plot(args.plot, synthetic)
    shutil.rmtree(tmp, ignore_errors=True)


def write_plot(path, rows):
    """CPU time against input size for the synthetic templates, iamlint, floor and cfn-lint, log-log."""
    import math
    series = {"iamlint": [], "floor (libyaml events)": [], "cfn-lint": []}
    for r in rows:
        series["iamlint"].append((r["bytes"], r["iamlint"]["cpu"]))
        series["floor (libyaml events)"].append((r["bytes"], r["floor"]["cpu"]))
        if "cfn_lint" in r:
            series["cfn-lint"].append((r["bytes"], r["cfn_lint"]["cpu"]))
    points = [p for s in series.values() for p in s if p[1] > 0]
    if not points:
        return
    w, h, m = 640, 400, 60
    xs = [math.log10(p[0]) for p in points]
    ys = [math.log10(max(p[1], 1e-4)) for p in points]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    X = lambda b: m + (math.log10(b) - x0) / max(x1 - x0, 1) * (w - 2 * m)
    Y = lambda s: h - m - (math.log10(max(s, 1e-4)) - y0) / max(y1 - y0, 1) * (h - 2 * m)
    colours = {"iamlint": "#1f77b4", "floor (libyaml events)": "#7f7f7f", "cfn-lint": "#d62728"}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="20" text-anchor="middle">CPU time against template size (synthetic roles, log-log)</text>']
    for e in range(x0, x1 + 1):
        out.append(f'<line x1="{X(10 ** e)}" y1="{m}" x2="{X(10 ** e)}" y2="{h - m}" stroke="#ddd"/>')
        out.append(f'<text x="{X(10 ** e)}" y="{h - m + 16}" text-anchor="middle">{10 ** e / 1024:g} KB</text>')
    for e in range(y0, y1 + 1):
        out.append(f'<line x1="{m}" y1="{Y(10 ** e)}" x2="{w - m}" y2="{Y(10 ** e)}" stroke="#ddd"/>')
        out.append(f'<text x="{m - 6}" y="{Y(10 ** e) + 4}" text-anchor="end">{fmt_time(10 ** e)}</text>')
    for i, (name, pts) in enumerate(series.items()):
        if not pts:
            continue
        c = colours[name]
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' %
                   (c, " ".join(f"{X(b):.1f},{Y(s):.1f}" for b, s in pts)))
        out += [f'<circle cx="{X(b):.1f}" cy="{Y(s):.1f}" r="3" fill="{c}"/>' for b, s in pts]
        out.append(f'<text x="{m + 10}" y="{m + 16 * (i + 1)}" fill="{c}">{name}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
