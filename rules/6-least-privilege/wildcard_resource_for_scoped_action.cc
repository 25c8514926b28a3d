#include <set>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static void checkScopedActions(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachAllowOnEveryResource(
      context.analysis(), [&](const Policy& p, const Statement& st, const Alt& starValue) {
        const Alt* star = &starValue;
        std::vector<const ActionInfo*> scoped;
        std::set<std::string> seen;
        for (const Alt& alt : exactAlts(st.actions)) {
          // Service and full wildcards are IAM606/IAM601's; PassRole is IAM604's, sensitive ones
          // IAM608's.
          if (isEveryAction(alt.text()) || isServiceWildcard(alt.text())) continue;
          for (const ActionInfo* a : actionsOf(alt.text())) {
            if (a->wildcardOnly() || isSensitive(*a) || a->fullName() == "iam:PassRole") continue;
            if (!seen.insert(a->fullName()).second) continue;
            // A Deny on `*` elsewhere in the principal's policies takes the grant back.
            if (deniedEverywhere(context.analysis(), p, a->fullName())) continue;
            scoped.push_back(a);
          }
        }
        if (scoped.empty()) return;
        std::vector<std::string> names;
        for (const ActionInfo* a : scoped) names.push_back(a->fullName());
        auto f = context.report(
            star->node(st.resourceNode),
            "the " + st.label() + " of the " + p.label() + attachedSuffix(p) + " allows " +
                listOf(names, 5) + " on `Resource: \"*\"`" + provenance(*star->alt) + ", but " +
                (scoped.size() == 1 ? "this action supports" : "these actions support") +
                " resource-level permissions.");
        // How to scope them: the ARN format of each resource type, from the catalog.
        std::set<std::string> shown;
        for (const ActionInfo* a : scoped) {
          for (const ActionResourceType& t : a->resourceTypes) {
            if (shown.size() >= 3) break;
            const ResourceTypeInfo* rt = catalog.findResourceType(a->service, t.name);
            if (!rt || !shown.insert(std::string(a->service) + ":" + std::string(t.name)).second)
              continue;
            f.help("scope `" + a->fullName() + "` to its " + std::string(t.name) + ": `" +
                   std::string(rt->arnFormat) + "`");
          }
        }
        f.help(
            "actions that only support `*` (such as `ec2:DescribeVolumes`) can stay on `*` in a "
            "statement of their own");
      });
}

extern const Rule kWildcardResourceForScopedAction{
    {"IAM607", "wildcard-resource-for-scoped-action", Level::Warning,
     "`Resource: \"*\"` for actions that support resource-level permissions",
     R"md(## What it does
Reports `Resource: "*"` in an `Allow` of an identity policy when the statement's actions
(expanded from wildcards with the bundled catalog) include actions that can be scoped to a
resource type, and says how: the ARN format of each resource type. Actions that only support
`*` — `ec2:DescribeVolumes`, `ecr:GetAuthorizationToken`, `sts:GetCallerIdentity`, most `List*`
and `Describe*` actions — are never reported: writing `*` for them is correct, and reporting it
is the most common false positive of other linters.

Service wildcards (`s3:*`) are IAM606's, every action is IAM601's, `iam:PassRole` is IAM604's,
and sensitive actions (credential exposure, data exfiltration, permissions management) are
IAM608's, so each statement is reported once per cause.

An action that a `Deny` on every resource takes back again, for every principal the policy
is attached to, is not reported: the engine evaluates the principal's whole policy set.

## Why is this bad?
`ec2:DeleteVolume` on `*` can delete every volume in the account, not only the ones the
workload creates. Scoping to ARNs (or to tags with `aws:ResourceTag`) limits the blast radius.

## Example
```yaml
- Effect: Allow
  Action: [ec2:DescribeVolumes, ec2:DeleteVolume]
  Resource: "*"
```

## Use instead
```yaml
- Effect: Allow
  Action: ec2:DescribeVolumes
  Resource: "*"
- Effect: Allow
  Action: ec2:DeleteVolume
  Resource: !Sub arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:volume/*
  Condition:
    StringEquals: {aws:ResourceTag/owner: batch}
```

## Known limitations
A statement with a resource-narrowing condition (`aws:ResourceTag/*`, a service condition key)
is not reported. Resource types come from the Service Authorization Reference; some actions
list a resource type IAM does not enforce in practice.

## References
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
- peers.md §8.2: cfn_nag W11/W12, checkov CKV_AWS_111/355/356 false positives on `*`-only actions
)md",
     "security,least-privilege", 4.0},
    checkScopedActions};

}  // namespace iamlint
