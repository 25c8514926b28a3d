#include <set>
#include <string>
#include <vector>

#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

bool parseNumber(const std::string& text, double& out) {
  if (text.empty() || text.size() > 30) return false;
  size_t used = 0;
  try {
    out = std::stod(text, &used);
  } catch (...) {
    return false;
  }
  return used == text.size() && text.find_first_not_of("-0123456789.") == std::string::npos;
}

void checkRedundantValues(RuleContext& context) {
  std::set<const Node*> seenKeys;  // statement variants share key nodes: each is judged once
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    for (const ConditionEntry& c : st.conditions) {
      if (c.keyNode && !seenKeys.insert(c.keyNode).second) continue;
      ConditionOperator op;
      if (c.values.size() < 2 || !parseConditionOperator(c.op, op) || op.family != OperatorFamily::Numeric) continue;
      // A list is matched if any value matches: for an ordering, one bound covers the others.
      bool less = op.base.starts_with("NumericLessThan");
      bool greater = op.base.starts_with("NumericGreaterThan");
      if (!less && !greater) continue;
      bool orEquals = op.base.ends_with("Equals");
      struct Num {
        const Value* value;
        double number;
      };
      std::vector<Num> nums;
      for (const Value& v : c.values) {
        const std::string* text = v.literal();
        double n = 0;
        if (!text || !parseNumber(*text, n)) {
          nums.clear();
          break;
        }
        nums.push_back({&v, n});
      }
      if (nums.size() < 2) continue;
      const Num* bound = &nums[0];
      for (const Num& n : nums)
        if (less ? n.number > bound->number : n.number < bound->number) bound = &n;
      for (const Num& n : nums) {
        if (&n == bound) continue;
        context.report(at(*n.value, c.keyNode),
                       quoted(*n.value->literal()) + " is redundant: a list matches when any value does, and " +
                           quoted(c.key) + (less ? (orEquals ? " at most " : " less than ") : (orEquals ? " at least " : " greater than ")) + quoted(*bound->value->literal()) +
                           " under " + quoted(c.op) + " already covers it")
            .related(bound->value->node, "the bound that covers it");
      }
    }
  });
}

}  // namespace

extern const Rule kRedundantConditionValue{
    {"IAM508", "redundant-condition-value", Level::Note,
     "A numeric condition value is covered by another value of the same key",
     R"md(## What it does
Reports values of a `NumericLessThan`, `NumericLessThanEquals`, `NumericGreaterThan` or
`NumericGreaterThanEquals` list that another value of the list covers: a list matches when
any of its values does, so under `NumericLessThan` only the largest value counts and under
`NumericGreaterThan` only the smallest.

Access Analyzer reports this as `REDUNDANT_CONDITION_VALUE_NUM`.

## Why is this bad?
IAM accepts it, but the list suggests a range or several limits where there is one: a
reader may take `[2700, 3600]` as "between" or as the stricter limit, while IAM applies the
looser one.

## Example
```yaml
Condition:
  NumericLessThan:
    aws:MultiFactorAuthAge: [2700, 3600]
```

## Use instead
```yaml
Condition:
  NumericLessThan:
    aws:MultiFactorAuthAge: 3600
```

## Known limitations
Only lists of literal numbers are judged.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkRedundantValues,
    "REDUNDANT_CONDITION_VALUE_NUM"};

}  // namespace iamlint
