#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "analyzer/iamdata/text_match.h"
#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/3-resources/arn.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// Catalog actions by address, sorted: asked only whether they hold one, never walked (an order
// by address must not reach a message).
struct ActionSet {
  std::vector<const ActionInfo*> items;
  bool empty() const { return items.empty(); }
  size_t count(const ActionInfo* a) const { return std::binary_search(items.begin(), items.end(), a) ? 1 : 0; }
};

// The actions a statement names. `open` when some entry may be any action (a `*` in the
// service part, a hole): then every ARN may be meant for one of them.
struct StatementActions {
  std::vector<const ActionInfo*> actions;
  bool open = false;
};

// By name, not by address: the order reaches messages, which must not depend on the heap.
std::vector<const ActionInfo*> byName(std::vector<const ActionInfo*> actions) {
  std::sort(actions.begin(), actions.end(), [](const ActionInfo* a, const ActionInfo* b) {
    return a->service != b->service ? a->service < b->service : a->name < b->name;
  });
  return actions;
}

StatementActions actionsOf(const Statement& st) {
  const Catalog& catalog = Catalog::instance();
  StatementActions out;
  for (const Value& v : st.actions) {
    for (const Resolved& alt : v.alts) {
      const std::string& text = alt.text;
      size_t colon = text.find(':');
      if (!alt.exact() || text == "*" ||
          (colon != std::string::npos && iamdata::findAny(text.substr(0, colon), "*?") != std::string::npos)) {
        out.open = true;
        continue;
      }
      if (colon == std::string::npos) continue;  // IAM201
      if (iamdata::findAny(text, "*?") != std::string::npos) {
        for (const ActionInfo* a : catalog.expandPattern(text)) out.actions.push_back(a);
      } else if (const ActionInfo* a = catalog.findAction(text)) {
        out.actions.push_back(a);
      }
    }
  }
  // By address, to drop repeats: only a statement about to be reported needs them by name.
  std::sort(out.actions.begin(), out.actions.end());
  out.actions.erase(std::unique(out.actions.begin(), out.actions.end()), out.actions.end());
  return out;
}

bool accepts(const ActionInfo& a, const std::vector<const ResourceTypeInfo*>& types) {
  for (const ActionResourceType& rt : a.resourceTypes)
    for (const ResourceTypeInfo* t : types)
      if (t->service == a.service && t->name == rt.name) return true;
  return false;
}

// The ARN service fields (third field) of a service's resource types.
std::set<std::string_view> arnServiceFields(std::string_view service) {
  std::set<std::string_view> out;
  for (const ResourceTypeInfo& rt : Catalog::instance().resourceTypes(service)) {
    std::string_view f = rt.arnFormat;
    size_t a = f.find(':'), b = a == std::string_view::npos ? a : f.find(':', a + 1);
    size_t c = b == std::string_view::npos ? b : f.find(':', b + 1);
    if (c != std::string_view::npos) out.insert(f.substr(b + 1, c - b - 1));
  }
  return out;
}

// "a, b and c"; a long list is cut to its first five and "N more".
std::string joinNames(std::vector<std::string> names, const char* conjunction) {
  if (names.size() > 6) {
    size_t more = names.size() - 5;
    names.resize(5);
    names.push_back(std::to_string(more) + " more");
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? std::string(" ") + conjunction + " " : ", ";
    out += names[i];
  }
  return out;
}

// "object ARNs", "bucket or object ARNs", "`ssm` ARNs".
std::string describeArn(const std::vector<const ResourceTypeInfo*>& types, std::string_view serviceField) {
  std::vector<std::string> names;
  for (const ResourceTypeInfo* t : types)
    if (std::find(names.begin(), names.end(), std::string(t->name)) == names.end()) names.push_back(std::string(t->name));
  if (names.empty() || names.size() > 4) return quoted(serviceField) + " ARNs";
  return joinNames(names, "or") + " ARNs";
}

// "accesspointobject and object ARNs"; the formats go to help lines (formatHelp).
std::string describeAccepted(const ActionInfo& a) {
  std::vector<std::string> parts;
  for (const ActionResourceType& rt : a.resourceTypes) parts.push_back(std::string(rt.name));
  return joinNames(parts, "and") + " ARNs";
}

// "object ARNs look like `arn:${Partition}:s3:::${BucketName}/${ObjectName}`", for an action
// with one or two resource types.
void formatHelp(FindingBuilder& b, const ActionInfo& a) {
  if (a.resourceTypes.size() > 2) return;
  for (const ActionResourceType& rt : a.resourceTypes)
    if (const ResourceTypeInfo* info = Catalog::instance().findResourceType(a.service, rt.name))
      b.help(std::string(rt.name) + " ARNs look like `" + std::string(info->arnFormat) + "`");
}

// The resource types an ARN of `Resource` can denote.
std::vector<const ResourceTypeInfo*> typesOf(const Resolved& alt, const ArnParts& arn) {
  // A hole is one opaque name (a bucket, a namespace), not any text: `arn:aws:s3:::${Bucket}`
  // is a bucket ARN, not possibly an object's. Policy variables stay `${...}`, any text.
  // A `*` partition may span colons in IAM, but the author plainly meant the service
  // written next to it: pin the partition so that other services' formats do not fit.
  std::string matchText = fillHoles(alt, "h0le");
  if (wildcardField(arn.partition) || opaqueField(arn.partition)) {
    size_t service = matchText.find(':', 4);
    if (service != std::string::npos) matchText.replace(0, service, "arn:aws");
  }
  std::vector<const ResourceTypeInfo*> types = Catalog::instance().matchResourceTypes(matchText);
  // A qualified function ARN (`function:NAME:1`, `function:NAME:alias`, `function:NAME:*`)
  // names a version or alias of the function; IAM authorises an action that takes function
  // ARNs on it (Lambda Developer Guide, "Resources and conditions for Lambda actions").
  if (arn.service == "lambda" && arn.resource.substr(0, 9) == "function:")
    if (const ResourceTypeInfo* fn = Catalog::instance().findResourceType("lambda", "function"))
      if (std::find(types.begin(), types.end(), fn) == types.end()) types.push_back(fn);
  return types;
}

// The actions of the statement that one `Resource` entry grants; every action for `*` and
// for an entry this rule does not judge.
std::vector<const ActionInfo*> actionsTaking(const StatementActions& sa, const Resolved& alt) {
  ArnParts arn;
  if (alt.text == "*" || !splitArn(alt, arn) || opaqueField(arn.service) || wildcardField(arn.service) ||
      arn.service.empty())
    return sa.actions;
  std::vector<const ResourceTypeInfo*> types = typesOf(alt, arn);
  std::vector<const ActionInfo*> out;
  for (const ActionInfo* a : sa.actions)
    if (accepts(*a, types)) out.push_back(a);
  return out;
}

void checkResource(RuleContext& context, const StatementActions& sa, const Value& v, const Resolved& alt,
                   const Node* element, const std::function<const ActionSet&()>& covered) {
  if (alt.text == "*") return;
  ArnParts arn;
  if (!splitArn(alt, arn) || opaqueField(arn.service) || wildcardField(arn.service) || arn.service.empty()) return;
  std::vector<const ResourceTypeInfo*> types = typesOf(alt, arn);
  for (const ActionInfo* a : sa.actions)
    if (accepts(*a, types)) return;
  const std::vector<const ActionInfo*> actions = byName(sa.actions);

  bool wildcardOnly = std::all_of(actions.begin(), actions.end(), [](const ActionInfo* a) { return a->wildcardOnly(); });
  if (types.empty() && !wildcardOnly) {
    // No format fits: a mismatch only if the ARN belongs to none of the actions' services;
    // otherwise the ARN is odd in a way IAM301 judges, or the catalog lacks a format.
    for (const ActionInfo* a : actions)
      if (arnServiceFields(a->service).count(arn.service)) return;
  }
  std::string what = describeArn(types, arn.service);
  std::string message, suggestion;
  std::vector<const ActionInfo*> scoped;
  for (const ActionInfo* a : actions)
    if (!a->wildcardOnly()) scoped.push_back(a);
  if (wildcardOnly) {
    std::vector<std::string> names;
    for (size_t i = 0; i < actions.size() && i < 3; ++i) names.push_back(quoted(actions[i]->fullName()));
    if (actions.size() > 3) names.push_back(std::to_string(actions.size() - 3) + " more");
    message = joinNames(names, "and") + (actions.size() == 1 ? " does" : " do") +
              " not support resource-level permissions, so " + quoted(alt.text) +
              " matches no request: only `Resource: \"*\"` grants " + (actions.size() == 1 ? "it" : "them");
    suggestion = "*";
  } else if (scoped.size() == 1) {
    message = quoted(scoped[0]->fullName()) + " applies to " + describeAccepted(*scoped[0]) + ", not to " + what +
              " such as " + quoted(alt.text);
  } else if (scoped.size() <= 3 && std::all_of(scoped.begin(), scoped.end(), [](const ActionInfo* a) {
               return a->resourceTypes.size() <= 3;
             })) {
    std::vector<std::string> each;
    for (const ActionInfo* a : scoped) {
      std::vector<std::string> names;
      for (const ActionResourceType& rt : a->resourceTypes) names.push_back(std::string(rt.name));
      each.push_back(quoted(a->fullName()) + " applies to " + joinNames(names, "and") + " ARNs");
    }
    message = "no action of this statement applies to " + what + " such as " + quoted(alt.text) + ": " +
              joinNames(each, "and");
  } else {
    std::vector<std::string> names;
    for (const ActionInfo* a : scoped)
      for (const ActionResourceType& rt : a->resourceTypes)
        if (std::find(names.begin(), names.end(), std::string(rt.name)) == names.end())
          names.push_back(std::string(rt.name));
    message = "none of the " + std::to_string(scoped.size()) + " actions of this statement applies to " + what +
              " such as " + quoted(alt.text) + "; they apply to " + joinNames(names, "and") + " ARNs";
  }
  // The common S3 mix-up has a certain fix.
  if (!wildcardOnly && arn.service == "s3") {
    auto onlyType = [&](std::string_view name) {
      return !types.empty() && std::all_of(types.begin(), types.end(), [&](const ResourceTypeInfo* t) { return t->name == name; });
    };
    auto allAccept = [&](std::string_view name) {
      const ResourceTypeInfo* t = Catalog::instance().findResourceType("s3", name);
      return t && std::all_of(scoped.begin(), scoped.end(), [&](const ActionInfo* a) { return accepts(*a, {t}); });
    };
    const std::string& text = alt.text;
    if (onlyType("object") && allAccept("bucket") && text.size() > 2 && text.ends_with("/*"))
      suggestion = text.substr(0, text.size() - 2);
    else if (onlyType("bucket") && allAccept("object"))
      suggestion = text + "/*";
  }
  const Node* node = at(v, element);
  FindingBuilder b = context.report(node, message + branchNote(alt));
  relateOrigin(b, alt, node);
  if (!suggestion.empty()) b.suggest(suggestion);
  if (scoped.size() == 1) formatHelp(b, *scoped[0]);
  // Within one service, other than S3's well-kept bucket/object split, the reference's
  // resource lists lag behind AWS now and then (AWS's own managed policies show it): say so,
  // and warn instead of failing the build.
  bool sameService = false;
  for (const ActionInfo* a : scoped)
    if (arnServiceFields(a->service).count(arn.service)) sameService = true;
  if (!wildcardOnly && sameService && arn.service != "s3") {
    b.level(Level::Warning);
    b.help("if the action does take this resource, the bundled IAM data (" +
           Catalog::instance().dataVersions().iamDataVersion + ", " +
           Catalog::instance().dataVersions().iamDataDate.substr(0, 10) + ") may lag behind AWS");
  }
  // The statement's other entries grant every action: this entry is dead weight, not a
  // missing permission.
  if (std::all_of(actions.begin(), actions.end(), [&](const ActionInfo* a) { return covered().count(a) > 0; })) {
    b.level(Level::Warning);
    b.help("the statement's other `Resource` entries grant " +
           std::string(actions.size() == 1 ? "its action" : "each of its actions") +
           ", so this entry adds nothing; it can go");
  }
}

// An action the statement names literally that none of its `Resource` entries is for, while
// other actions of the statement are served (`s3:ListBucket` next to `s3:GetObject` on
// `bucket/*` only): that action is granted nothing. Patterns (`s3:Get*`) are left alone, as a
// pattern's other actions may well be the ones meant.
void checkDeadActions(RuleContext& context, const Statement& st, const ActionSet& covered) {
  if (covered.empty()) return;  // no action is served: the entries themselves are reported
  const Catalog& catalog = Catalog::instance();
  // The ARN services of the entries: within one service other than S3, the reference's resource
  // lists lag behind AWS now and then, and an action that takes only `*` there may take more.
  std::set<std::string, std::less<>> arnServices;
  for (const Value& v : st.resources)
    for (const Resolved* alt : distinctAlternatives(v)) {
      ArnParts arn;
      if (splitArn(*alt, arn)) arnServices.insert(std::string(arn.service));
    }
  std::set<const ActionInfo*> reported;
  for (const Value& v : st.actions)
    for (const Resolved* alt : distinctAlternatives(v)) {
      if (!alt->exact() || iamdata::findAny(alt->text, "*?") != std::string::npos) continue;
      const ActionInfo* a = catalog.findAction(alt->text);
      if (!a || a->wildcardOnly() || covered.count(a) || !reported.insert(a).second) continue;
      bool sameService = false;
      for (std::string_view f : arnServiceFields(a->service)) sameService = sameService || arnServices.count(f);
      if (sameService && a->service != "s3") continue;
      const Node* node = at(v, st.actionNode);
      std::string message = quoted(a->fullName()) + " is granted nothing by this statement: " +
                            "it applies to " + describeAccepted(*a) +
                            ", and no entry of the statement's `Resource` is one" + branchNote(*alt);
      FindingBuilder b = context.report(node, message);
      b.level(Level::Warning);
      formatHelp(b, *a);
      b.help("the statement's other actions are granted; give this one its own statement with the resource it takes");
    }
}

void checkResourceTypes(RuleContext& context) {
  forEachStatement(context.analysis(), [&](const Policy& p, const Statement& st) {
    if (p.transformWritten) return;  // SAM's own policy template data: not the user's to fix
    if (st.notAction || st.notResource || p.synthesized) return;
    StatementActions sa = actionsOf(st);
    if (sa.open || sa.actions.empty()) return;
    // The actions the statement's entries grant together, worked out only when an entry is about
    // to be reported (most statements have none).
    std::optional<ActionSet> taken;
    auto covered = [&]() -> const ActionSet& {
      if (taken) return *taken;
      taken.emplace();
      std::vector<const ActionInfo*>& items = taken->items;
      for (const Value& v : st.resources)
        for (const Resolved* alt : distinctAlternatives(v)) {
          std::vector<const ActionInfo*> some = actionsTaking(sa, *alt);
          // Each entry's list is part of the statement's (`*` takes it all): nothing can follow.
          if (some.size() == sa.actions.size()) {
            items = std::move(some);
            std::sort(items.begin(), items.end());
            return *taken;
          }
          items.insert(items.end(), some.begin(), some.end());
        }
      std::sort(items.begin(), items.end());
      items.erase(std::unique(items.begin(), items.end()), items.end());
      return *taken;
    };
    for (const Value& v : st.resources)
      for (const Resolved* alt : distinctAlternatives(v)) checkResource(context, sa, v, *alt, st.resourceNode, covered);
    if (st.effect == Effect::Allow && sa.actions.size() > 1) checkDeadActions(context, st, covered());
  });
}

}  // namespace

extern const Rule kResourceTypeMismatch{
    {"IAM302", "resource-type-mismatch", Level::Error,
     "No action of the statement applies to the resource type of an ARN in `Resource`",
     R"md(## What it does
For each ARN in a statement's `Resource`, works out which resource types it can denote
(from the ARN formats of the bundled IAM catalog; an ARN with wildcards may denote
several) and reports the ARN when no action of the statement applies to any of them:

- `s3:ListBucket` on `arn:aws:s3:::bucket/*` (an object ARN; it needs the bucket ARN);
- `s3:GetObject` on `arn:aws:s3:::bucket` (a bucket ARN; it needs `bucket/*`);
- `secretsmanager:GetSecretValue` on an `arn:aws:ssm:...:parameter/...` ARN;
- an ARN given to actions that do not support resource-level permissions at all (such as
  `ec2:DescribeVolumes`), which only `Resource: "*"` grants.

A statement that mixes bucket and object actions with bucket and object ARNs is fine as
long as every ARN is usable by at least one of its actions. Action patterns expand to
the actions they match.

As a warning, it also reports an action an Allow statement names (not through a pattern) that
none of the statement's `Resource` entries is for while its other actions are served:
`s3:ListBucket` next to `s3:GetObject` on `arn:aws:s3:::bucket/*` alone grants nothing, and so
does `sqs:SendMessage` in a statement whose only ARNs are S3 ones. Within one service other than
S3 (where the reference's resource lists lag behind AWS), and for actions that take only `*`
(IAM607 and the ARN checks above cover them), it says nothing.

## Why is this bad?
IAM evaluates `Resource` against the ARN of the resource each action touches. An ARN
that no action of the statement touches makes that part of the statement grant nothing;
the role then fails with `AccessDenied` although the policy reads as if it allowed the
call. It usually means a bucket ARN and an object ARN were swapped, or a value was
copied from another service.

## Example
```yaml
- Effect: Allow
  Action: s3:ListBucket
  Resource: !Sub "arn:aws:s3:::${Bucket}/*"
```

## Use instead
```yaml
- Effect: Allow
  Action: s3:ListBucket
  Resource: !Sub "arn:aws:s3:::${Bucket}"
```

## Known limitations
The answer is only as good as AWS's Service Authorization Reference, which lags behind some
services: a mismatch between an action and another resource type of its own service (other than
S3 buckets and objects) is therefore a warning that says so, while an ARN of another service,
an ARN on an action that supports only `*`, and the S3 bucket/object mix-up are errors.
An ARN that no action takes while the statement's other entries grant every action (a bucket
ARN next to `bucket/*` for object actions) is a warning: it grants nothing, but nothing is
missing. A qualified Lambda function ARN (a version, an alias, `function:NAME:*`) is a function
ARN for this rule, as IAM authorises it. Statements with `NotAction` or `NotResource`, with an action that may be anything (`*`,
a wildcard in the service part, a part only known at deploy time) and ARNs whose service
is not known are not checked. An ARN that fits none of the formats of the actions'
own services is left to IAM301 rather than reported here. Unknown actions (IAM201) are
ignored.

## References
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
)md",
     "correctness"},
    checkResourceTypes};

}  // namespace iamlint
