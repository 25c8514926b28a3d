#!/usr/bin/env python3
"""tools/update-iamdata: the merge of services that share an action prefix.

Elastic Load Balancing (Classic) and V2 both authorise `elasticloadbalancing:` actions; the
npm package keeps one page's resource types for a name on both pages. The tool merges the
other page's types back; this test checks the merge itself and that the committed catalog
carries its result."""
import importlib.machinery
import importlib.util
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
loader = importlib.machinery.SourceFileLoader("update_iamdata", os.path.join(ROOT, "tools", "update-iamdata"))
spec = importlib.util.spec_from_loader("update_iamdata", loader)
tool = importlib.util.module_from_spec(spec)
loader.exec_module(tool)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def rt(key):
    return {"key": key, "arn": f"arn:${{Partition}}:elasticloadbalancing:${{Region}}:${{Account}}:{key}${{X}}"}


rtypes = {k: rt(k) for k in ["loadbalancer", "targetgroup", "truststore", "listener-rule/app", "listener-rule/net",
                             "listener/app", "listener/gwy", "listener/net", "loadbalancer/app/",
                             "loadbalancer/gwy/", "loadbalancer/net/"]}
actions = {
    "addtags": {"name": "AddTags", "resourceTypes": [{"name": "loadbalancer", "required": True}]},
    "removetags": {"name": "RemoveTags", "resourceTypes": [{"name": "loadbalancer", "required": True}]},
    "createloadbalancer": {"name": "CreateLoadBalancer", "resourceTypes": [{"name": "loadbalancer", "required": False}]},
    "deleteloadbalancer": {"name": "DeleteLoadBalancer", "resourceTypes": [{"name": "loadbalancer", "required": True}]},
    "modifyloadbalancerattributes": {"name": "ModifyLoadBalancerAttributes",
                                     "resourceTypes": [{"name": "loadbalancer", "required": True}]},
    "describetags": {"name": "DescribeTags", "resourceTypes": []},
}
tool.merge_shared_prefix("elasticloadbalancing", actions, rtypes)
add = [r["name"] for r in actions["addtags"]["resourceTypes"]]
check("loadbalancer" in add and "loadbalancer/app/" in add and "targetgroup" in add,
      f"AddTags keeps the Classic type and gains the V2 types: {add}")
check(all(not r["required"] for r in actions["addtags"]["resourceTypes"]),
      "no type of a merged action is required")
check([r["name"] for r in actions["describetags"]["resourceTypes"]] == [], "an action not listed is untouched")
dele = [r["name"] for r in actions["deleteloadbalancer"]["resourceTypes"]]
check(dele == ["loadbalancer", "loadbalancer/app/", "loadbalancer/gwy/", "loadbalancer/net/"], f"DeleteLoadBalancer: {dele}")

# Another service is left alone.
other = {"x": {"name": "AddTags", "resourceTypes": [{"name": "thing", "required": True}]}}
tool.merge_shared_prefix("ec2", other, {})
check(other["x"]["resourceTypes"] == [{"name": "thing", "required": True}], "ec2 untouched")

# A renamed resource type in a new data release stops the tool instead of writing bad data.
try:
    tool.merge_shared_prefix("elasticloadbalancing",
                             {"a": {"name": "AddTags", "resourceTypes": []}}, {"loadbalancer": rt("loadbalancer")})
    failures.append("a missing resource type is an error")
except SystemExit as e:
    check("no resource type" in str(e), f"the error names the type: {e}")

# The committed catalog is the tool's output: AddTags applies to V2 load balancers there.
with open(os.path.join(ROOT, "data", "iam-catalog.jsonl"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("elasticloadbalancing\t"):
            body = json.loads(line.split("\t", 1)[1])
            acts = {a[0]: [r[0] for r in a[2]] for a in body["a"]}
            check("loadbalancer/app/" in acts["AddTags"] and "loadbalancer" in acts["AddTags"],
                  f"data/iam-catalog.jsonl AddTags: {acts['AddTags']}")
            check("loadbalancer/net/" in acts["DeleteLoadBalancer"], "data/iam-catalog.jsonl DeleteLoadBalancer")
            break
    else:
        failures.append("elasticloadbalancing is not in data/iam-catalog.jsonl")

for f in failures:
    print("FAIL:", f)
print(f"update_iamdata_test: {'FAILED' if failures else 'ok'}")
sys.exit(1 if failures else 0)
