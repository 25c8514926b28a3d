#include <unordered_map>

#include "analyzer/iamdata/text_match.h"
#include "iamlint/catalog.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// A pattern of the statement's `Action`, with the service part it can match. Only patterns
// without `?` are compared: without `?`, a `*` of the inner entry is absorbed by a `*` of the
// outer one, so globbing the inner text with the outer pattern says whether it covers it.
struct OuterPattern {
  const Value* value;
  std::string_view text;
  std::string_view service;  // before the colon; empty when it holds a `*` (any service)
};

std::string_view servicePart(std::string_view action) { return action.substr(0, action.find(':')); }

void checkRedundantActions(RuleContext& context) {
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (st.notAction) return;
    // Names compare through an open-addressing table ignoring case (a statement may list
    // thousands); only patterns are matched.
    size_t slots = 16;
    while (slots < st.actions.size() * 2) slots *= 2;
    std::vector<std::pair<std::string_view, const Value*>> first(slots, {std::string_view(), nullptr});
    // The entry already holding `name`, or nullptr after placing it with `v`.
    auto firstOf = [&](std::string_view name, const Value* v) -> const Value* {
      for (size_t at = iamdata::IgnoreCaseHash()(name) & (slots - 1);; at = (at + 1) & (slots - 1)) {
        auto& [text, value] = first[at];
        if (!value) {
          text = name, value = v;
          return nullptr;
        }
        if (iamdata::equalsIgnoreCase(text, name)) return value;
      }
    };
    std::vector<OuterPattern> patterns;
    for (const Value& v : st.actions)
      if (const std::string* s = v.literal(); s && s->find('?') == std::string::npos && s->find('*') != std::string::npos) {
        std::string_view service = servicePart(*s);
        patterns.push_back({&v, *s, service.find('*') == std::string_view::npos ? service : std::string_view()});
      }
    for (const Value& v : st.actions) {
      const std::string* a = v.literal();
      if (!a) continue;
      if (const Value* earlier = firstOf(*a, &v)) {
        context.report(at(v, st.actionNode), quoted(*a) + " is listed twice in this statement's `Action`")
            .related(at(*earlier, st.actionNode), "first listed here");
        continue;
      }
      if (patterns.empty() || a->find('?') != std::string::npos) continue;
      const std::string_view service = servicePart(*a);
      for (const OuterPattern& outer : patterns) {
        const Value* p = outer.value;
        const std::string& b = *p->literal();
        if (p == &v || (!outer.service.empty() && !iamdata::equalsIgnoreCase(outer.service, service))) continue;
        if (iamdata::equalsIgnoreCase(*a, b) || !iamdata::wildcardMatch(outer.text, *a)) continue;
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
