#include "analyzer/iamdata/text_match.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// Does the action pattern `outer` match every action `inner` (a name or pattern) matches?
// Sound without `?`: a `*` of `inner` is then absorbed by a `*` of `outer`.
bool actionCovers(std::string_view outer, std::string_view inner) {
  if (outer.find('?') != std::string_view::npos || inner.find('?') != std::string_view::npos) return false;
  return iamdata::wildcardMatch(outer, inner);
}

void checkRedundantActions(RuleContext& context) {
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (st.notAction) return;
    std::vector<const Value*> values;
    for (const Value& v : st.actions)
      if (v.literal()) values.push_back(&v);
    for (size_t i = 0; i < values.size(); ++i) {
      const std::string& a = *values[i]->literal();
      for (size_t j = 0; j < values.size(); ++j) {
        if (i == j) continue;
        const std::string& b = *values[j]->literal();
        bool same = iamdata::equalsIgnoreCase(a, b);
        if (same ? j > i : !actionCovers(b, a)) continue;
        context
            .report(at(*values[i], st.actionNode),
                    quoted(a) + (same ? " is listed twice in this statement's `Action`"
                                      : " is redundant: " + quoted(b) + " in the same `Action` already matches it"))
            .related(at(*values[j], st.actionNode), "covered here");
        break;
      }
    }
  });
}

}  // namespace

extern const Rule kRedundantAction{
    {"IAM612", "redundant-action", Level::Note, "An action of a statement is already matched by another one",
     R"md(## What it does
Reports an entry of a statement's `Action` that another entry of the same list already
matches: `s3:GetObject` next to `s3:Get*`, `s3:Get*` next to `s3:*`, or the same action
written twice (IAM compares action names ignoring case).

## Why is this bad?
The entry grants nothing more. It makes the policy longer (policies have size quotas)
and harder to review: a reader may think removing the broad pattern leaves the narrow
action, or the reverse.

## Example
```yaml
Action: [s3:GetObject, s3:Get*]
```

## Use instead
```yaml
Action: s3:Get*
```

## Known limitations
Only entries with one known value are compared; patterns with `?` are not.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "maintainability"},
    checkRedundantActions,
    "REDUNDANT_ACTION"};

}  // namespace iamlint
