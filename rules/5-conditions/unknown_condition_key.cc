#include <algorithm>
#include <set>

#include "analyzer/iamdata/text_match.h"
#include "iamlint/catalog.h"
#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// The services a statement's actions belong to; `any` when the statement may match
// actions of every service (NotAction, `*`, a wildcard or hole in a service part).
struct StatementServices {
  std::set<std::string> prefixes;
  bool any = false;
};

StatementServices servicesOf(const Statement& st) {
  StatementServices out;
  if (st.notAction || !st.actionNode) {
    out.any = true;
    return out;
  }
  for (const Value& v : st.actions)
    for (const Resolved& alt : v.alts) {
      size_t colon = alt.text.find(':');
      if (colon == std::string::npos || iamdata::findAny(alt.text.substr(0, colon), "*?$") != std::string::npos ||
          (!alt.exact() && alt.holes.front().begin <= colon)) {
        out.any = true;
        continue;
      }
      out.prefixes.insert(iamdata::toLower(alt.text.substr(0, colon)));
    }
  return out;
}

// Keys named by an identity provider (`oidc.eks.us-east-1.amazonaws.com/id/X:sub`,
// `token.actions.githubusercontent.com:sub`): any OIDC provider host can be one.
bool identityProviderKey(std::string_view key) {
  size_t colon = key.rfind(':');
  return colon != std::string_view::npos && iamdata::findAny(key.substr(0, colon), "./") != std::string_view::npos;
}

// Service keys that AWS sets on requests to every service: facts about the credentials
// (an EC2 instance role, a Lambda function's role), not about the action.
bool crossServiceKey(std::string_view key) {
  static const std::set<std::string> keys = {
      "ec2:sourceinstancearn", "ec2:sourceinstanceprivateipv4", "ec2:roledelivery",
      "lambda:sourcefunctionarn", "glue:roleassumedby", "glue:credentialissuingservice",
      "ssm:sourceinstancearn", "identitystore:userid", "codebuild:buildarn", "codebuild:projectarn",
  };
  return keys.count(iamdata::toLower(key)) > 0;
}

// The Service Authorization Reference writes some templated keys with a plain word for the
// placeholder (`secretsmanager:ResourceTag/tag-key`), which the catalog keeps as a literal
// name: a key is accepted when its service documents one with the same text up to `/`.
bool documentedWithPlaceholder(std::string_view key) {
  size_t colon = key.find(':'), slash = key.find('/');
  if (colon == std::string_view::npos || slash == std::string_view::npos || slash + 1 == key.size()) return false;
  const ServiceInfo* s = Catalog::instance().service(key.substr(0, colon));
  if (!s) return false;
  std::string head = iamdata::toLower(key.substr(0, slash + 1));
  for (const ConditionKeyInfo& k : s->conditionKeys)
    if (k.name.size() > head.size() && iamdata::toLower(k.name.substr(0, head.size())) == head) return true;
  return false;
}

// `aws:ResourceTag` or `aws:ResourceTag/` written without the tag key its templated name
// (`aws:ResourceTag/${TagKey}`) needs: the fixed part without the slash, as the catalog spells it.
std::string tagKeyWithoutTag(std::string_view key) {
  std::string_view bare = key;
  if (!bare.empty() && bare.back() == '/') bare.remove_suffix(1);
  std::string want = iamdata::toLower(bare) + "/";
  auto fits = [&](std::string_view name) -> std::string {
    size_t placeholder = iamdata::findAny(name, "$<");
    if (placeholder == std::string_view::npos || iamdata::toLower(name.substr(0, placeholder)) != want) return {};
    return std::string(name.substr(0, placeholder - 1));
  };
  const Catalog& catalog = Catalog::instance();
  for (const ConditionKeyInfo& k : catalog.globalConditionKeys())
    if (std::string s = fits(k.name); !s.empty()) return s;
  size_t colon = key.find(':');
  if (colon == std::string_view::npos) return {};
  if (const ServiceInfo* s = catalog.service(key.substr(0, colon)))
    for (const ConditionKeyInfo& k : s->conditionKeys)
      if (std::string f = fits(k.name); !f.empty()) return f;
  return {};
}

std::string suggestKey(std::string_view key) {
  const Catalog& catalog = Catalog::instance();
  std::vector<std::string_view> candidates;
  for (const ConditionKeyInfo& k : catalog.globalConditionKeys()) candidates.push_back(k.name);
  size_t colon = key.find(':');
  if (const ServiceInfo* s = catalog.service(key.substr(0, colon)))
    for (const ConditionKeyInfo& k : s->conditionKeys) candidates.push_back(k.name);
  std::string best;
  size_t bestDistance = SIZE_MAX;
  size_t slash = key.find('/');
  for (std::string_view c : candidates) {
    size_t placeholder = iamdata::findAny(c, "$<");
    std::string candidate;
    size_t d;
    if (placeholder == std::string_view::npos) {
      candidate = std::string(c);
      d = editDistance(key, c, true);
    } else {
      // A templated key (`aws:RequestTag/${TagKey}`): compare the fixed part, keep the suffix.
      if (slash == std::string_view::npos) continue;
      std::string_view fixed = c.substr(0, placeholder);
      d = editDistance(key.substr(0, slash + 1), fixed, true);
      candidate = std::string(fixed) + std::string(key.substr(slash + 1));
    }
    if (d < bestDistance) bestDistance = d, best = std::move(candidate);
  }
  if (bestDistance == 0 || bestDistance > std::max<size_t>(2, key.size() / 5)) return {};
  return best;
}

void checkKeys(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    StatementServices services = servicesOf(st);
    std::set<const Node*> reported;
    for (const ConditionEntry& c : st.conditions) {
      const std::string& key = c.key;
      if (key.empty() || identityProviderKey(key) || !reported.insert(c.keyNode).second) continue;
      const Node* node = c.keyNode ? c.keyNode : st.conditionNode;
      const ConditionKeyInfo* info = catalog.findConditionKey(key);
      if (!info && documentedWithPlaceholder(key)) continue;
      if (!info && iamdata::toLower(key) == "aws:arn") {
        context
            .report(node, quoted(key) + " is not a supported global condition key: use `aws:PrincipalArn` for the "
                                        "ARN of the caller or `aws:SourceArn` for the resource a service acts for")
            .suggest("aws:PrincipalArn");
        continue;
      }
      if (!info) {
        if (key.find(':') == std::string::npos || key.front() == ':' || key.back() == ':') {
          FindingBuilder b = context.report(node, quoted(key) + " is not in the `service:name` form of a condition key "
                                                                "(`aws:SourceIp`, `s3:prefix`), so no request carries it");
          if (std::string s = suggestKey(key); !s.empty()) b.suggest(s);
          continue;
        }
        if (std::string templated = tagKeyWithoutTag(key); !templated.empty()) {
          context.report(node, quoted(key) + " names no tag key: write " + quoted(templated + "/<tag-key>") +
                                   " to test the tag with that key (`aws:TagKeys` tests which keys are present)");
          continue;
        }
        size_t colon = key.find(':');
        std::string prefix = colon == std::string::npos ? std::string() : key.substr(0, colon);
        std::string why = colon == std::string::npos ? "; keys are written `service:name`"
                          : iamdata::toLower(prefix) == "aws" ? ""
                          : !catalog.hasService(prefix) ? "; " + quoted(prefix) + " is not a known service prefix"
                                                        : "";
        FindingBuilder b = context.report(node, quoted(key) + " is neither a global condition key nor one defined by " +
                                                    (prefix.empty() || iamdata::toLower(prefix) == "aws" ? std::string("any service")
                                                                                               : quoted(prefix)) +
                                                    why);
        if (std::string s = suggestKey(key); !s.empty()) b.suggest(s);
        continue;
      }
      if (info->global || services.any || crossServiceKey(key)) continue;
      bool defined = std::any_of(services.prefixes.begin(), services.prefixes.end(), [&](const std::string& s) {
        return catalog.serviceDefinesConditionKey(s, key) || iamdata::toLower(info->service) == s;
      });
      if (defined) continue;
      std::vector<std::string> names(services.prefixes.begin(), services.prefixes.end());
      std::string list;
      for (size_t i = 0; i < names.size() && i < 4; ++i) list += (i ? ", " : "") + quoted(names[i]);
      if (names.size() > 4) list += ", ...";
      context.report(node, quoted(key) + " is a condition key of " + quoted(info->service) +
                               ", but this statement's actions are of " + list +
                               ", whose requests never carry it: the condition can never be true" +
                               (c.op.find("IfExists") != std::string::npos || c.op == "Null" ? " (or is always true here)" : ""));
    }
  });
}

}  // namespace

extern const Rule kUnknownConditionKey{
    {"IAM502", "unknown-condition-key", Level::Warning,
     "A condition key is neither global nor defined by a service of the statement's actions",
     R"md(## What it does
Checks every key in a `Condition` block against the bundled IAM catalog: it must be a
global key (`aws:SourceIp`, `aws:PrincipalOrgID`, templated ones such as
`aws:RequestTag/CostCenter`) or a key defined by a service of the statement's actions
(`s3:prefix` for `s3:ListBucket`, `s3:ExistingObjectTag/Project` for object actions).
Reports a key that exists nowhere, with the closest real key as a suggestion, and a key
of a service that none of the statement's actions belongs to (`s3:prefix` on an
`ec2:` statement): such a key is absent from every request the statement matches.
Trust and resource policies are checked too; keys named by identity providers
(`token.actions.githubusercontent.com:sub`, `saml:aud`) are accepted.

## Why is this bad?
IAM does not validate condition keys. A misspelt key is simply absent from the request,
so `StringEquals` on it is never true (the statement never applies: an Allow grants
nothing, a Deny protects nothing), and `...IfExists` on it is always true (the
condition restricts nothing). The message names the specific problem: a key not in
the `service:name` form, a tag key written without the tag (`aws:ResourceTag` instead
of `aws:ResourceTag/Project`), the unsupported `aws:ARN` (use `aws:PrincipalArn` or
`aws:SourceArn`), an `aws:` key that is not global, a key its service does not define.

## Example
```yaml
- Effect: Allow
  Action: s3:ListBucket
  Resource: !Sub "arn:aws:s3:::${Bucket}"
  Condition:
    StringLike:
      s3:prefixes: ["home/"]
```

## Use instead
```yaml
  Condition:
    StringLike:
      s3:prefix: ["home/"]
```

## Known limitations
A key is accepted when any service of the statement defines it, even if the particular
action does not document it. Statements with `NotAction` or with actions of any service
(`*`) accept every key that exists. A few service keys that AWS sets on requests to every
service (`ec2:SourceInstanceARN`, `lambda:SourceFunctionArn`, `glue:RoleAssumedBy`) are
accepted everywhere. The catalog is a snapshot: a key added after it is reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
)md",
     "correctness"},
    checkKeys,
    "INVALID_CONDITION_KEY_FORMAT INVALID_GLOBAL_CONDITION_KEY INVALID_SERVICE_CONDITION_KEY "
    "MISSING_TAG_KEY_IN_CONDITION UNSUPPORTED_GLOBAL_CONDITION_KEY"};

}  // namespace iamlint
