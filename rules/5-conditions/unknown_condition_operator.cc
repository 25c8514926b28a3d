#include <set>

#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

void checkOperators(RuleContext& context) {
  // One finding per operator, not per key under it nor per variant of a statement.
  std::set<const Node*> reported;
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    for (const ConditionEntry& c : st.conditions) {
      ConditionOperator op;
      if (parseConditionOperator(c.op, op)) {
        // Accepted, but the set prefix means nothing to an operator that only tests presence.
        if (op.family == OperatorFamily::Null && !op.setPrefix.empty() && reported.insert(c.opNode).second)
          context.report(c.opNode ? c.opNode : st.conditionNode,
                         quoted(c.op) + ": `Null` only tests whether a key is present, so the " +
                             quoted(op.setPrefix.substr(0, op.setPrefix.size() - 1)) +
                             " qualifier changes nothing; IAM reads it as `Null`")
              .level(Level::Note)
              .suggest("Null");
        continue;
      }
      if (!reported.insert(c.opNode).second) continue;
      std::string why;
      if (c.op.starts_with("Null") && c.op != "Null" && c.op.ends_with("IfExists"))
        why = "; `Null` tests whether a key is present and takes no `IfExists`";
      std::string suggestion = c.op.find("Null") != std::string::npos ? "Null" : suggestConditionOperator(c.op);
      if (!suggestion.empty() && editDistance(suggestion, c.op, true) == 0)
        why += "; operator names are case-sensitive";
      FindingBuilder b = context.report(c.opNode ? c.opNode : st.conditionNode,
                                        quoted(c.op) + " is not an IAM condition operator" + why);
      if (!suggestion.empty() && suggestion != c.op) b.suggest(suggestion);
    }
  });
}

}  // namespace

extern const Rule kUnknownConditionOperator{
    {"IAM501", "unknown-condition-operator", Level::Error, "A `Condition` operator is not one IAM knows",
     R"md(## What it does
Checks every operator in a `Condition` block against IAM's list: the `String*`,
`Numeric*`, `Date*`, `Arn*`, `IpAddress`/`NotIpAddress`, `Bool`, `BinaryEquals` and
`Null` operators, each (but `Null`) with an optional `IfExists` suffix and a
`ForAllValues:` or `ForAnyValue:` set prefix. Names are compared exactly, as IAM does:
`stringEquals` and `StringEqual` are reported, with the closest valid operator as the
suggestion. `NullIfExists` is reported as invalid (IAM rejects it). `ForAllValues:Null` and
`ForAnyValue:Null` are accepted by IAM and read as `Null`; they are reported as a note, since
the qualifier does nothing on an operator that only tests whether a key is present.

Access Analyzer reports these as `INVALID_CONDITION_OPERATOR`, `NULL_WITH_IF_EXISTS` and
`NULL_WITH_QUALIFIER`.

## Why is this bad?
IAM rejects the policy (`MalformedPolicyDocument: Invalid Condition type`), so the stack
fails to deploy, usually on the resource that carries the policy and long after the
template was written.

## Example
```yaml
Condition:
  stringEquals:
    aws:PrincipalOrgID: o-a1b2c3d4e5
```

## Use instead
```yaml
Condition:
  StringEquals:
    aws:PrincipalOrgID: o-a1b2c3d4e5
```

## Known limitations
None known.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkOperators,
    "INVALID_CONDITION_OPERATOR NULL_WITH_IF_EXISTS NULL_WITH_QUALIFIER"};

}  // namespace iamlint
