#include <set>
#include <string>

#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

bool negatedOperator(const ConditionOperator& op) {
  return op.base.find("Not") != std::string_view::npos;
}

void checkEmpty(RuleContext& context) {
  std::set<const Node*> seen;  // statement variants share their written node: each is read once
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (!seen.insert(st.node).second) return;
    const Node* condition = st.node && st.node->isMapping() ? st.node->get("Condition") : nullptr;
    if (!condition || condition->isIntrinsic() || !condition->isMapping()) return;
    if (condition->keys.empty()) {
      context.report(condition, "the `Condition` of " + st.label() +
                                    " is an empty mapping: it restricts nothing; remove it or add the conditions meant");
      return;
    }
    for (size_t i = 0; i < condition->keys.size(); ++i) {
      const Node& opKey = condition->keys[i];
      const Node& block = condition->items[i];
      if (!opKey.isScalar() || block.isIntrinsic() || !block.isMapping()) continue;
      if (block.keys.empty()) {
        context.report(&opKey, quoted(opKey.text) + " of " + st.label() +
                                   " has no condition keys: it restricts nothing; remove it or add the keys meant");
        continue;
      }
      ConditionOperator op;
      bool known = parseConditionOperator(opKey.text, op);
      for (size_t k = 0; k < block.keys.size(); ++k) {
        const Node& values = block.items[k];
        if (!values.isSequence() || !values.tag.empty() || !values.items.empty()) continue;
        std::string what = quoted(block.keys[k].text) + " under " + quoted(opKey.text) +
                           " has an empty list of values, so there is nothing to compare with";
        if (known && !negatedOperator(op) && op.family != OperatorFamily::Null) {
          if (op.setPrefix == "ForAllValues:")
            what += ": with `ForAllValues` it holds only when the request has no value for the key";
          else if (op.setPrefix == "ForAnyValue:")
            what += ": with `ForAnyValue` it never holds";
          else if (op.ifExists)
            what += ": with `IfExists` it holds only when the key is absent";
          else
            what += ": it never holds";
        }
        context.report(&values, what + "; remove the key or list its values");
      }
    }
  });
}

}  // namespace

extern const Rule kEmptyCondition{
    {"IAM506", "empty-condition", Level::Note, "A `Condition`, an operator block or a key's value list is empty",
     R"md(## What it does
Reports empty parts of a `Condition` block: `Condition: {}`, an operator with no keys
(`StringEquals: {}`), and a key whose value list is empty (`aws:PrincipalTag/team: []`),
saying what the empty list means for the operator: a positive operator never holds, a
`ForAnyValue:` one never holds, a `ForAllValues:` one holds only when the request has no value
for the key, an `...IfExists` one holds only when the key is absent.

Access Analyzer reports these as `EMPTY_OBJECT_CONDITION`, `EMPTY_ARRAY_CONDITION`,
`EMPTY_ARRAY_CONDITION_FORALLVALUES`, `EMPTY_ARRAY_CONDITION_FORANYVALUE` and
`EMPTY_ARRAY_CONDITION_IFEXISTS`.

## Why is this bad?
IAM accepts them, but an empty block restricts nothing and an empty value list usually
stands for values that were meant to be filled in: the statement then applies always, never,
or only when a key is missing, none of which the reader can tell from the text.

## Example
```yaml
Condition:
  StringEquals:
    aws:PrincipalTag/team: []
```

## Use instead
```yaml
Condition:
  StringEquals:
    aws:PrincipalTag/team: [analytics]
```

## Known limitations
Lists that are only empty after CloudFormation resolves them (`!Ref` of an empty list
parameter, `Fn::If` branches) are not reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkEmpty,
    "EMPTY_ARRAY_CONDITION EMPTY_ARRAY_CONDITION_FORALLVALUES EMPTY_ARRAY_CONDITION_FORANYVALUE "
    "EMPTY_ARRAY_CONDITION_IFEXISTS EMPTY_OBJECT_CONDITION"};

}  // namespace iamlint
