#include <unordered_map>

#include "analyzer/iamdata/text_match.h"
#include "iamlint/catalog.h"
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
    // Names compare through a map (a statement may list thousands); only patterns are matched.
    std::unordered_map<std::string, const Value*> first;
    std::vector<const Value*> patterns;
    for (const Value& v : st.actions)
      if (const std::string* s = v.literal(); s && iamdata::hasWildcard(*s)) patterns.push_back(&v);
    for (const Value& v : st.actions) {
      const std::string* a = v.literal();
      if (!a) continue;
      auto [it, added] = first.emplace(iamdata::toLower(*a), &v);
      if (!added) {
        context.report(at(v, st.actionNode), quoted(*a) + " is listed twice in this statement's `Action`")
            .related(at(*it->second, st.actionNode), "first listed here");
        continue;
      }
      for (const Value* p : patterns) {
        const std::string& b = *p->literal();
        if (p == &v || iamdata::equalsIgnoreCase(*a, b) || !actionCovers(b, *a)) continue;
        // An action IAM does not know is IAM201's to report.
        if (!iamdata::hasWildcard(*a) && !Catalog::instance().findAction(*a)) break;
        context
            .report(at(v, st.actionNode),
                    quoted(*a) + " is redundant: " + quoted(b) + " in the same `Action` already matches it")
            .related(at(*p, st.actionNode), "covered here");
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
