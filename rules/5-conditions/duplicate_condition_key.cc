#include <set>
#include <string>
#include <unordered_map>

#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

void checkDuplicates(RuleContext& context) {
  std::set<const Node*> seen;  // statement variants share their written node: each is read once
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (!seen.insert(st.node).second) return;
    const Node* condition = st.node && st.node->isMapping() ? st.node->get("Condition") : nullptr;
    if (!condition || condition->isIntrinsic() || !condition->isMapping()) return;
    for (size_t i = 0; i < condition->keys.size(); ++i) {
      const Node& opKey = condition->keys[i];
      const Node& block = condition->items[i];
      if (!opKey.isScalar() || block.isIntrinsic() || !block.isMapping()) continue;
      // The first key of each lower-cased name: linear in the block, however long.
      std::unordered_map<std::string, const Node*> firstOf;
      for (const Node& again : block.keys) {
        std::string lower = again.text;
        for (char& ch : lower) ch = static_cast<char>(tolower(static_cast<unsigned char>(ch)));
        auto [it, inserted] = firstOf.emplace(std::move(lower), &again);
        const Node& first = *it->second;
        // Exact duplicates are the loader's (IAM002): one of them is lost before IAM sees it.
        if (inserted || first.text == again.text) continue;
        context.report(&again, quoted(again.text) + " and " + quoted(first.text) + " under " + quoted(opKey.text) +
                                   " are the same condition key (IAM compares key names without case); "
                                   "policy validation rejects a key given twice: merge their values into one entry")
            .related(&first, "the same key, first written here");
      }
    }
  });
}

}  // namespace

extern const Rule kDuplicateConditionKey{
    {"IAM507", "duplicate-condition-key", Level::Warning,
     "An operator block names the same condition key twice in different case",
     R"md(## What it does
Reports two keys of one condition operator block that differ only in case, such as
`aws:SourceIp` and `aws:sourceip` under `IpAddress`.

Access Analyzer reports this as `DUPLICATE_KEYS_WITH_DIFFERENT_CASE`.

## Why is this bad?
IAM condition key names are case-insensitive, so both entries name one key: the block asks
for that key twice, each time with part of the values, which is rarely what was meant
(the two entries must both hold, not either). Policy validation rejects it as an error.
Keys written exactly the same twice are reported by IAM002 instead: one of them is dropped
before IAM ever sees it.

## Example
```json
"Condition": {"StringEquals": {"aws:PrincipalTag/team": "data", "aws:principaltag/team": "ml"}}
```

## Use instead
```json
"Condition": {"StringEquals": {"aws:PrincipalTag/team": ["data", "ml"]}}
```

## Known limitations
Only keys under the same operator are compared: the same key under two operators is an
intended AND.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkDuplicates,
    "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"};

}  // namespace iamlint
