#include <set>

#include "analyzer/iamdata/text_match.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"

namespace iamlint {

namespace {

bool hasKey(const Statement& st, std::initializer_list<std::string_view> keys) {
  for (const ConditionEntry& c : st.conditions)
    for (std::string_view k : keys)
      if (iamdata::toLower(c.key) == k) return true;
  return false;
}

void checkCompanions(RuleContext& context) {
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (st.effect == Effect::Invalid) return;
    std::set<const Node*> reported;
    for (const ConditionEntry& c : st.conditions) {
      std::string key = iamdata::toLower(c.key);
      const Node* node = c.keyNode ? c.keyNode : st.conditionNode;
      if (key.empty() || !reported.insert(c.keyNode).second) continue;
      if (key == "aws:vpcsourceip" && !hasKey(st, {"aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn"})) {
        context.report(node, quoted(c.key) +
                                 " is a private address inside some VPC, and VPCs of any account may use the same "
                                 "ranges: pair it with `aws:SourceVpc` or `aws:SourceVpce` in the same statement");
      } else if (key == "dynamodb:attributes" && st.effect == Effect::Allow && !hasKey(st, {"dynamodb:select"})) {
        context.report(node, quoted(c.key) +
                                 " limits only the attributes a request names: a request that names none (a `Scan` or "
                                 "`GetItem` returning every attribute) is not limited; add `dynamodb:Select` = "
                                 "`SPECIFIC_ATTRIBUTES` to the statement");
      } else if (key == "s3:prefix" && c.op != "Null") {
        bool negated = security::isNegatedOperator(c.op);
        bool deny = st.effect == Effect::Deny;
        if (deny == negated) continue;  // Allow with a positive test, Deny with a negated one
        context.report(node, std::string(deny ? "a Deny" : "an Allow") + " with " + quoted(c.op) + " on " +
                                 quoted(c.key) + " does not cover a listing without a prefix: such a request carries "
                                 "no `s3:prefix`, so it is " + (deny ? "not denied" : "allowed") +
                                 " and lists every key, the ones under the prefix included; allow the permitted "
                                 "prefixes with `StringLike` instead");
      }
    }
  });
}

}  // namespace

extern const Rule kConditionKeyNeedsCompanion{
    {"IAM512", "condition-key-needs-companion", Level::Warning,
     "A condition key restricts less than it seems without a companion key or in a negative test",
     R"md(## What it does
Reports condition keys that do not restrict on their own what they appear to:

- `aws:VpcSourceIp` without `aws:SourceVpc` or `aws:SourceVpce` in the same statement;
- `dynamodb:Attributes` in an Allow without `dynamodb:Select`;
- `s3:prefix` in a Deny with a positive operator (`StringLike`), or in an Allow with a
  negated one (`StringNotLike`).

## Why is this bad?
Private address ranges are reused across VPCs and accounts: an address alone does not
say which network a call came from. `dynamodb:Attributes` holds the attributes a request
names; a request that names none returns them all, so the condition must also require
`dynamodb:Select` = `SPECIFIC_ATTRIBUTES`. A `ListObjectsV2` call without a prefix has no
`s3:prefix`: a Deny on `StringLike s3:prefix secret/*` does not stop it, and an Allow on
`StringNotLike` lets it through, and either way it lists the keys under `secret/`.

## Example
```yaml
- Effect: Deny
  Action: s3:ListBucket
  Resource: arn:aws:s3:::reports
  Condition:
    StringLike:
      s3:prefix: secret/*
```

## Use instead
```yaml
- Effect: Allow
  Action: s3:ListBucket
  Resource: arn:aws:s3:::reports
  Condition:
    StringLike:
      s3:prefix: [public/, public/*]
```

## Known limitations
Companion keys are looked for in the same statement only.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpcsourceip
- https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "security", 5.0},
    checkCompanions,
    "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT MISSING_PAIRED_CONDITION_KEYS S3_PREFIX_IN_NEGATIVE_CONTEXT"};

}  // namespace iamlint
