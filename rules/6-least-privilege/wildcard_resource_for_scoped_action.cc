#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

using namespace security;

// An action whose only resource type is optional (`cloudwatch:PutMetricData` and its
// `dataset`): most of its requests name no resource, and IAM authorises those against `*`
// alone, so scoping it breaks it.
static bool onlyOnEveryResource(const ActionInfo& a) {
  return a.wildcardOnly() || (a.resourceTypes.size() == 1 && !a.resourceTypes[0].required);
}

static void checkScopedActions(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  DeniedEverywhere denied(context.analysis());
  forEachAllowOnEveryResource(
      context.analysis(), [&](const Policy& p, const Statement& st, const auto& anyResource) {
        std::vector<const ActionInfo*> scoped;
        std::vector<AnyResource> used;  // the `Resource` value that covers each of them
        std::string starOnly;  // an action of this statement that rightly stays on `*`
        SeenSet seen;  // the catalog has one entry per action
        for (const Alt& alt : exactAlts(st.actions)) {
          // Service and full wildcards are IAM606/IAM601's; PassRole is IAM604's, sensitive ones
          // IAM608's.
          if (isEveryAction(alt.text()) || isServiceWildcard(alt.text())) continue;
          for (const ActionInfo* a : actionsOf(alt.text())) {
            if (onlyOnEveryResource(*a)) {
              if (starOnly.empty()) starOnly = a->fullName();
              continue;
            }
            if (!seen.insert(a)) continue;
            if ((a->service == "iam" && a->name == "PassRole") || isSensitive(*a)) continue;
            std::optional<AnyResource> any = anyResource(*a);
            if (!any) continue;
            // A Deny on `*` elsewhere in the principal's policies takes the grant back.
            if (denied(p, *a)) continue;
            scoped.push_back(a);
            used.push_back(std::move(*any));
          }
        }
        if (scoped.empty()) return;
        std::vector<std::string> names;
        for (const ActionInfo* a : scoped) names.push_back(a->fullName());
        const Alt& first = used[0].alt;
        const std::string note = anyResourceNote(used);
        const bool star = note.empty();
        auto f = context.report(
            first.node(st.resourceNode),
            st.label() + " of the " + p.label() + attachedSuffix(p) + " allows " + listOf(names, 3) +
                (star ? " on `Resource: \"" + first.text() + "\"`" : " on every resource" + note) +
                provenance(*first.alt) + ", but " +
                (scoped.size() == 1 ? "this action supports" : "these actions support") +
                " resource-level permissions");
        // How to scope them: the resource types that fit the statement best. A type the action
        // requires comes first, then types the statement's other actions share (a statement
        // about volumes and instances is scoped to volumes and instances), then the rest.
        using TypeKey = std::pair<std::string_view, std::string_view>;  // service, type
        struct TypeKeyHash {  // few keys, short names: lengths and end characters tell them apart
          static size_t of(std::string_view s) {
            return s.empty() ? 0 : s.size() * 961 + static_cast<unsigned char>(s.front()) * 31 + static_cast<unsigned char>(s.back());
          }
          size_t operator()(const TypeKey& k) const { return of(k.first) * 1000003 + of(k.second); }
        };
        std::unordered_map<TypeKey, int, TypeKeyHash> shared;  // how many scoped actions take each type
        for (const ActionInfo* a : scoped)
          for (const ActionResourceType& t : a->resourceTypes) ++shared[{a->service, t.name}];
        struct Choice {
          const ActionInfo* action;
          const ActionResourceType* type;
          int rank;
        };
        // A type the action is named after (`ListBucket` and `bucket`, `AttachVolume` and
        // `volume`) ranks next after a required one.
        auto namedAfter = [](const ActionInfo& a, std::string_view type) {
          if (type.empty() || type.size() > a.name.size()) return false;
          for (size_t at = 0; at + type.size() <= a.name.size(); ++at)
            if (iamdata::equalsIgnoreCase(a.name.substr(at, type.size()), type)) return true;
          return false;
        };
        std::vector<Choice> choices;
        for (const ActionInfo* a : scoped)
          for (const ActionResourceType& t : a->resourceTypes)
            choices.push_back({a, &t,
                               (t.required ? 1000 : 0) + (namedAfter(*a, t.name) ? 500 : 0) +
                                   shared[{a->service, t.name}]});
        std::stable_sort(choices.begin(), choices.end(), [](const Choice& x, const Choice& y) { return x.rank > y.rank; });
        std::vector<TypeKey> shownTypes;  // at most three of each
        std::vector<const ActionInfo*> shownActions;
        for (const Choice& c : choices) {
          if (shownTypes.size() >= 3) break;
          const TypeKey key{c.action->service, c.type->name};
          // One line per action, and one per resource type.
          if (std::find(shownTypes.begin(), shownTypes.end(), key) != shownTypes.end() ||
              std::find(shownActions.begin(), shownActions.end(), c.action) != shownActions.end())
            continue;
          const ResourceTypeInfo* rt = catalog.findResourceType(c.action->service, c.type->name);
          if (!rt) continue;
          shownTypes.push_back(key);
          shownActions.push_back(c.action);
          f.help("scope `" + c.action->fullName() + "` to its " + std::string(c.type->name) + " ARNs: `" +
                 std::string(rt->arnFormat) + "`");
        }
        // Where ARNs are impractical, a tag condition the action supports narrows `*` to the
        // resources the workload owns.
        for (const ActionInfo* a : scoped) {
          bool tags = false;
          for (std::string_view k : a->conditionKeys) tags = tags || k.rfind("aws:ResourceTag/", 0) == 0;
          for (const ActionResourceType& t : a->resourceTypes)
            for (std::string_view k : t.conditionKeys) tags = tags || k.rfind("aws:ResourceTag/", 0) == 0;
          if (!tags) continue;
          f.help("or keep " + (star ? std::string("`*`") : "the wildcard") + " for `" + a->fullName() +
                 "` and limit it to tagged resources with a condition on `aws:ResourceTag/<key>`");
          break;
        }
        if (star && !starOnly.empty())
          f.help("actions that work only on `*` (here `" + starOnly + "`) can stay on `*` in a statement of their own");
      });
}

extern const Rule kWildcardResourceForScopedAction{
    {"IAM607", "wildcard-resource-for-scoped-action", Level::Warning,
     "`Resource: \"*\"` for actions that support resource-level permissions",
     R"md(## What it does
Reports `Resource: "*"` — or an ARN that means `*` for the action: every variable part of
its resource type's ARN format a wildcard, such as `arn:aws:s3:::*` for `s3:DeleteBucket` or
`arn:*:cloudtrail:*:*:trail/*` for `cloudtrail:StopLogging` — in an `Allow` of an identity
policy when the statement's actions
(expanded from wildcards with the bundled catalog) include actions that can be scoped to a
resource type, and says how: the ARN format of each resource type. Actions that only support
`*` — `ec2:DescribeVolumes`, `ecr:GetAuthorizationToken`, `sts:GetCallerIdentity`, most `List*`
and `Describe*` actions — are never reported: writing `*` for them is correct, and reporting it
is the most common false positive of other linters. Nor are actions whose only resource type is
optional (`cloudwatch:PutMetricData` and its `dataset`): their usual requests name no resource
and are authorised against `*` alone, so scoping them breaks them.

An ARN counts when it covers every resource of each type the action requires (of one of its
types when it requires none, and the statement names no resource of the others); the message
says which ARN was taken for which types (`arn:aws:s3:::*` matches every s3 bucket). An ARN
with a written account or region (`arn:aws:kms:*:111122223333:key/*`, `${AWS::AccountId}`)
is scoped to it and is not reported; nor is a name, a prefix, a path, a policy variable
(`${aws:username}`) or a value only known at deploy time. A type written out without any
wildcard in its resource part (`arn:aws:apigateway:*::/restapis`, one per region) is named,
not covered. The type an action creates with an id AWS assigns (`ec2:CreateVolume` and
`volume/*`) does not count: the new resource's ARN cannot be known, so `volume/*` is the only
way to write it.

The help names the resource types that fit the statement (a type the action requires first,
then types its other actions share) and, where the action has one, a condition key that
narrows `*` instead.

Service wildcards (`s3:*`) are IAM606's, every action is IAM601's, `iam:PassRole` is IAM604's,
and sensitive actions (credential exposure, data exfiltration, permissions management) are
IAM608's, so each statement is reported once per cause.

An action that a `Deny` on every resource takes back again, or that the principal's
permissions boundary allows on no resource, for every principal the policy is attached to, is
not reported: the engine evaluates the principal's whole policy set.

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
is not reported; `ForAllValues:` on a single-valued key and a Bool service key
(`kms:GrantIsForAWSResource`) do not narrow the resources, so they do not count. Resource types come from the Service Authorization Reference; some actions
list a resource type IAM does not enforce in practice.

## References
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
- peers.md §8.2: cfn_nag W11/W12, checkov CKV_AWS_111/355/356 false positives on `*`-only actions
)md",
     "security,least-privilege", 4.0},
    checkScopedActions};

}  // namespace iamlint
