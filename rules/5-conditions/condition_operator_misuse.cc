#include <set>

#include "iamlint/catalog.h"
#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

void checkOperatorUse(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    std::set<std::pair<const Node*, const Node*>> reported;
    for (const ConditionEntry& c : st.conditions) {
      ConditionOperator op;
      if (c.key.empty() || !parseConditionOperator(c.op, op)) continue;  // IAM501
      const ConditionKeyInfo* info = catalog.findConditionKey(c.key);
      if (!info || info->type == ConditionKeyType::Unknown) continue;  // IAM502
      if (!reported.insert({c.opNode, c.keyNode}).second) continue;
      const Node* node = c.keyNode ? c.keyNode : c.opNode;
      bool multi = isArrayType(info->type);
      std::string type(conditionKeyTypeName(info->type));
      if (multi && op.setPrefix.empty() && op.family != OperatorFamily::Null) {
        context
            .report(node, quoted(c.key) + " is a multivalued key (" + type + "), but " + quoted(c.op) +
                              " has no `ForAnyValue:` or `ForAllValues:` qualifier: write which of the request's "
                              "values must match (any of them, or all of them)")
            .suggest("ForAnyValue:" + c.op);
        continue;
      }
      if (!multi && op.setPrefix == "ForAllValues:") {
        context
            .report(node, quoted(c.op) + " on the single-valued key " + quoted(c.key) +
                              " is also true when the request has no such key, so it restricts nothing there; use " +
                              quoted(c.op.substr(13)) +
                              (op.ifExists ? "" : " (with a `Null` check if absence must be refused)"))
            .suggest(c.op.substr(13));
        continue;
      }
      bool arnKey = info->type == ConditionKeyType::ARN || info->type == ConditionKeyType::ArrayOfARN;
      if (arnKey && (op.base == "StringLike" || op.base == "StringNotLike")) {
        std::string arnOp = op.base == "StringLike" ? "ArnLike" : "ArnNotLike";
        std::string better = std::string(op.setPrefix) + arnOp + (op.ifExists ? "IfExists" : "");
        context
            .report(node, quoted(c.op) + " on the ARN key " + quoted(c.key) +
                              " matches the ARN as plain text, where a `*` also spans `:` between ARN fields; " +
                              quoted(better) + " matches each field of the ARN on its own")
            .suggest(better);
      }
    }
  });
}

}  // namespace

extern const Rule kConditionOperatorMisuse{
    {"IAM509", "condition-operator-misuse", Level::Warning,
     "A condition operator IAM accepts does not test what it seems to on its key",
     R"md(## What it does
Compares each condition's operator with the key's type from the catalog and reports
three uses IAM accepts that do not mean what they seem to:

- a plain operator on a multivalued key (`ArrayOfString`, `ArrayOfARN`...: `aws:TagKeys`,
  `aws:PrincipalOrgPaths`, `aws:CalledVia`) with no `ForAnyValue:` or `ForAllValues:`
  qualifier to say whether any or every value of the request must match;
- `ForAllValues:` on a single-valued key (`aws:PrincipalOrgID`, `aws:RequestedRegion`),
  which is also true when the request has no such key;
- `StringLike`/`StringNotLike` on an ARN key (`aws:SourceArn`, `aws:PrincipalArn`),
  which matches the ARN as text instead of field by field.

`Null` takes no qualifier and is not judged.

## Why is this bad?
A multivalued key compared without a qualifier has a meaning IAM does not document for
sets, and a policy that relies on it breaks silently. `ForAllValues:` is true for an
empty set, so on a single-valued key it lets through every request without the key: a
statement meant to allow callers of one organisation also allows calls that carry no
organisation at all. A `*` in `StringLike` spans `:` between ARN fields, so
`arn:aws:sns:*:123456789012:*` also matches ARNs whose account field is another one
when the resource part holds `:123456789012:`; `ArnLike` matches each field on its own.

## Example
```yaml
Condition:
  StringEquals:
    aws:TagKeys: [Project]
  ForAllValues:StringEquals:
    aws:PrincipalOrgID: o-a1b2c3d4e5
  StringLike:
    aws:SourceArn: arn:aws:sns:*:123456789012:*
```

## Use instead
```yaml
Condition:
  ForAllValues:StringEquals:
    aws:TagKeys: [Project]
  StringEquals:
    aws:PrincipalOrgID: o-a1b2c3d4e5
  ArnLike:
    aws:SourceArn: arn:aws:sns:*:123456789012:*
```

## Known limitations
Only keys whose type the catalog knows are judged; the catalog's types are those of the
Service Authorization Reference and the global-key table, which AWS occasionally fixes.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness,security", 5.0},
    checkOperatorUse,
    "FORALLVALUES_WITH_SINGLE_VALUED_KEY MISSING_QUALIFIER STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS"};

}  // namespace iamlint
