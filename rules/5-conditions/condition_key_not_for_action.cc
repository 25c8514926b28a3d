#include <algorithm>
#include <set>

#include "analyzer/iamdata/text_match.h"
#include "iamlint/catalog.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"

namespace iamlint {

namespace {

// Does a key name as the catalog writes it (`s3:ExistingObjectTag/${TagKey}`, or with a plain
// word for the placeholder: `secretsmanager:ResourceTag/tag-key`) stand for `key` (lower case)?
bool nameCovers(std::string_view name, const std::string& key) {
  std::string n = iamdata::toLower(name);
  if (n == key) return true;
  size_t placeholder = iamdata::findAny(n, "$<");
  if (placeholder != std::string::npos)
    return key.size() > placeholder && key.compare(0, placeholder, n, 0, placeholder) == 0;
  size_t slash = n.find('/');
  return slash != std::string::npos && key.size() > slash + 1 && key.compare(0, slash + 1, n, 0, slash + 1) == 0;
}

// Is `key` (lower case) in the request context of `a`: listed for the action, for one of its
// resource types, or for that resource type itself?
bool actionSupportsKey(const ActionInfo& a, const std::string& key) {
  auto any = [&](std::span<const std::string_view> names) {
    return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return nameCovers(n, key); });
  };
  if (any(a.conditionKeys)) return true;
  const Catalog& catalog = Catalog::instance();
  for (const ActionResourceType& rt : a.resourceTypes) {
    if (any(rt.conditionKeys)) return true;
    if (const ResourceTypeInfo* info = catalog.findResourceType(a.service, rt.name); info && any(info->conditionKeys))
      return true;
  }
  return false;
}

// Service keys that AWS sets on requests to every action of every service (facts about the
// credentials), which the reference lists for no action; IAM502 accepts them the same way.
bool credentialKey(const std::string& key) {
  static const std::set<std::string> keys = {
      "ec2:sourceinstancearn", "ec2:sourceinstanceprivateipv4", "ec2:roledelivery",
      "lambda:sourcefunctionarn", "glue:roleassumedby", "glue:credentialissuingservice",
      "ssm:sourceinstancearn", "identitystore:userid", "codebuild:buildarn", "codebuild:projectarn",
  };
  return keys.count(key) > 0;
}

void checkKeyPerAction(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (st.notAction || !st.actionNode || st.conditions.empty()) return;
    std::set<const Node*> reported;
    for (const ConditionEntry& c : st.conditions) {
      // A deliberate test of presence: IfExists and Null are written for requests without the key.
      if (c.key.empty() || c.op == "Null" || c.op.ends_with("IfExists")) continue;
      std::string key = iamdata::toLower(c.key);
      size_t colon = key.find(':');
      if (colon == std::string::npos || key.compare(0, colon, "aws") == 0 || credentialKey(key)) continue;
      if (iamdata::findAny(key, "./") < colon) continue;  // an identity provider's key
      std::string service = key.substr(0, colon);
      const ConditionKeyInfo* info = catalog.findConditionKey(c.key);
      if (!info || info->global || iamdata::toLower(info->service) != service) continue;  // IAM502
      const ServiceInfo* svc = catalog.service(service);
      if (!svc) continue;
      std::vector<std::string> supported, unsupported;
      bool unknown = false;
      for (const Value& v : st.actions)
        for (const Resolved& alt : v.alts) {
          if (!alt.exact()) {
            unknown = true;
            continue;
          }
          size_t ac = alt.text.find(':');
          if (ac == std::string::npos || iamdata::toLower(alt.text.substr(0, ac)) != service) {
            if (ac == std::string::npos || iamdata::findAny(alt.text.substr(0, ac), "*?") != std::string::npos)
              unknown = true;
            continue;
          }
          std::vector<const ActionInfo*> actions = catalog.expandPattern(alt.text);
          if (actions.empty()) continue;  // IAM201/IAM202
          bool ok = std::any_of(actions.begin(), actions.end(),
                                [&](const ActionInfo* a) { return actionSupportsKey(*a, key); });
          (ok ? supported : unsupported).push_back(alt.text);
        }
      if (unsupported.empty() || unknown || !reported.insert(c.keyNode).second) continue;
      const Node* node = c.keyNode ? c.keyNode : st.conditionNode;
      std::string effect = security::isNegatedOperator(c.op) ? "always true" : "never true";
      if (!supported.empty()) {
        context.report(node, quoted(c.key) + " is not in the requests of " + security::listOf(unsupported) +
                                 ", unlike those of " + security::listOf(supported) + ": for " +
                                 (unsupported.size() == 1 ? "that action" : "those actions") + " the condition is " +
                                 effect + "; move " + (unsupported.size() == 1 ? "it" : "them") +
                                 " to a statement without this condition");
        continue;
      }
      std::vector<std::string> carriers;
      for (const ActionInfo& a : svc->actions)
        if (actionSupportsKey(a, key)) carriers.push_back(a.fullName());
      if (carriers.empty()) continue;  // the reference lists the key for no action: nothing to say
      context.report(node, quoted(c.key) + " is only in the requests of " + security::listOf(carriers) +
                               ", and this statement allows none of " +
                               (carriers.size() == 1 ? "it" : "them") + ": the condition is " + effect + " for " +
                               security::listOf(unsupported) + "; add the action that sets the key (" +
                               quoted(carriers.front()) + ") or drop the condition");
    }
  });
}

}  // namespace

extern const Rule kConditionKeyNotForAction{
    {"IAM510", "condition-key-not-for-action", Level::Warning,
     "A service condition key is not in the requests of an action of its statement",
     R"md(## What it does
For each service condition key (`s3:prefix`, `ec2:CreateAction`,
`dynamodb:LeadingKeys`) of a statement, looks up in the catalog which actions of the
statement have it in their request context: the key is listed for the action, for a
resource type of the action, or for that resource type. Reports

- the actions of the key's service whose requests do not carry it, when other actions
  of the statement do (`s3:prefix` on a statement with `s3:ListBucket` and
  `s3:GetObject`): for those the condition tests a missing key;
- a statement none of whose actions carries the key, naming the actions that do
  (`ec2:CreateAction` is in the requests of `ec2:CreateTags` only, so a statement with
  `ec2:RunInstances` alone never sees it).

Keys tested with `...IfExists` or `Null` are written for requests without them and are
not judged; nor are global `aws:` keys, statements with `NotAction`, and action patterns
of several services.

## Why is this bad?
A condition on a key the request does not carry is never true with `StringEquals`,
`ArnLike`... (always true with the negated operators): an Allow grants those actions
nothing, a Deny never takes them away. Typically `s3:GetObject` is put next to
`s3:ListBucket` under an `s3:prefix` condition, and reading objects then fails.

## Example
```yaml
- Effect: Allow
  Action: [s3:ListBucket, s3:GetObject]
  Resource: [arn:aws:s3:::reports, arn:aws:s3:::reports/*]
  Condition:
    StringLike:
      s3:prefix: home/*
```

## Use instead
```yaml
- Effect: Allow
  Action: s3:ListBucket
  Resource: arn:aws:s3:::reports
  Condition:
    StringLike:
      s3:prefix: home/*
- Effect: Allow
  Action: s3:GetObject
  Resource: arn:aws:s3:::reports/home/*
```

## Known limitations
The per-action key lists are those of the Service Authorization Reference, which misses
some keys a service does set; a key the reference lists for no action of its service is
not judged. A few keys AWS sets on every request from a workload's credentials
(`ec2:SourceInstanceARN`, `lambda:SourceFunctionArn`) are accepted everywhere.

## References
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkKeyPerAction,
    "MISSING_ACTION_FOR_CONDITION_KEY UNSUPPORTED_ACTION_FOR_CONDITION_KEY"};

}  // namespace iamlint
