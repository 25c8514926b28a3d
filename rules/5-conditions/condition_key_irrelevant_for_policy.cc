#include <set>

#include "analyzer/iamdata/text_match.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"

namespace iamlint {

namespace {

// Keys about the calling principal's organisation and tags, which requests made by an AWS
// service principal do not carry (the service is in no organisation and has no tags).
// Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
bool principalOnlyKey(const std::string& key) {
  return key == "aws:principalorgid" || key == "aws:principalorgpaths" ||
         (key.rfind("aws:principaltag/", 0) == 0 && key.size() > 17);
}

// Keys about the resource a request acts on; in a resource policy that resource is the one the
// policy is attached to, so the key has one known value and tests nothing.
bool ownResourceKey(const std::string& key) {
  return key == "aws:resourceaccount" || key == "aws:resourceorgid" || key == "aws:resourceorgpaths" ||
         key == "s3:resourceaccount";
}

// The service principals of a statement when it names nothing else; empty otherwise.
std::vector<std::string> onlyServicePrincipals(const Statement& st) {
  std::vector<std::string> out;
  if (st.notPrincipal || st.principals.empty()) return {};
  for (const PrincipalEntry& p : st.principals) {
    if (p.type != "Service") return {};
    for (const Value& v : p.values) {
      const std::string* s = v.literal();
      if (!s) return {};
      out.push_back(*s);
    }
  }
  return out;
}

void checkIrrelevantKeys(RuleContext& context) {
  forEachStatement(context.analysis(), [&](const Policy& p, const Statement& st) {
    if (st.effect == Effect::Invalid) return;
    std::vector<std::string> services = onlyServicePrincipals(st);
    std::set<const Node*> reported;
    for (const ConditionEntry& c : st.conditions) {
      std::string key = iamdata::toLower(c.key);
      const Node* node = c.keyNode ? c.keyNode : st.conditionNode;
      if (key.empty() || c.op == "Null" || !reported.insert(c.keyNode).second) continue;
      std::string truth = security::isNegatedOperator(c.op) || c.op.ends_with("IfExists") ? "always true" : "never true";
      if (!services.empty() && principalOnlyKey(key)) {
        context.report(node, quoted(c.key) + " is not in the requests of the service principal" +
                                 (services.size() == 1 ? " " : "s ") + security::listOf(services) +
                                 ", which belongs to no organisation and has no tags: the condition is " + truth +
                                 "; limit the service with `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceOrgID`");
      } else if (p.kind == PolicyKind::Resource && ownResourceKey(key)) {
        context
            .report(node, quoted(c.key) + " in a resource policy tests the resource the policy is attached "
                                             "to, whose account and organisation are fixed: it restricts nothing "
                                             "(it is meant for identity and endpoint policies); to limit callers, "
                                             "use `aws:PrincipalAccount` or `aws:PrincipalOrgID`")
            .level(Level::Note);
      }
    }
  });
}

}  // namespace

extern const Rule kConditionKeyIrrelevantForPolicy{
    {"IAM513", "condition-key-irrelevant-for-policy", Level::Warning,
     "A condition key is never in the requests the policy or statement applies to",
     R"md(## What it does
Reports condition keys that cannot mean anything where they are written:

- a key about the caller's organisation or tags (`aws:PrincipalOrgID`,
  `aws:PrincipalOrgPaths`, `aws:PrincipalTag/<key>`) in a statement whose principals
  are all AWS service principals (`cloudfront.amazonaws.com`): requests a service makes
  carry none of them (warning);
- a key about the account or organisation of the resource (`aws:ResourceAccount`,
  `aws:ResourceOrgID`, `aws:ResourceOrgPaths`, `s3:ResourceAccount`) in a resource
  policy, where the resource is the policy's own (note).

## Why is this bad?
A condition on a key the request lacks is never true (always true when negated or with
`IfExists`): a service principal limited by `aws:PrincipalOrgID` is never allowed, so
the integration breaks; written in a Deny, the Deny never applies. A resource key in the
resource's own policy always has the same value: the condition looks like a limit on
callers but limits nothing.

## Example
```yaml
Principal:
  Service: cloudfront.amazonaws.com
Condition:
  StringEquals:
    aws:PrincipalOrgID: o-a1b2c3d4e5
```

## Use instead
```yaml
Principal:
  Service: cloudfront.amazonaws.com
Condition:
  StringEquals:
    aws:SourceArn: arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE
```

## Known limitations
Only statements whose principals are all service principals with known names are
judged for the principal keys.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness", 4.0},
    checkIrrelevantKeys,
    "IRRELEVANT_CONDITION_KEY_IN_POLICY UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"};

}  // namespace iamlint
