#include <unordered_map>

#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// Does the ARN pattern `outer` match every ARN `inner` (an ARN or pattern) matches? ARNs are
// compared case-sensitively; sound without `?`, since a `*` of `inner` is then absorbed by a
// `*` of `outer`.
bool arnCovers(std::string_view outer, std::string_view inner) {
  if (outer.find('?') != std::string_view::npos || inner.find('?') != std::string_view::npos) return false;
  size_t o = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < inner.size()) {
    if (o < outer.size() && outer[o] == '*') {
      star = o++;
      mark = i;
    } else if (o < outer.size() && outer[o] == inner[i]) {
      ++o, ++i;
    } else if (star != std::string_view::npos) {
      o = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (o < outer.size() && outer[o] == '*') ++o;
  return o == outer.size();
}

void checkRedundantResources(RuleContext& context) {
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (st.notResource) return;
    // ARNs compare through a map (a statement may list hundreds); only patterns are matched.
    std::unordered_map<std::string, const Value*> first;
    std::vector<const Value*> patterns;
    for (const Value& v : st.resources)
      if (const std::string* s = v.literal(); s && s->find('*') != std::string::npos) patterns.push_back(&v);
    for (const Value& v : st.resources) {
      const std::string* a = v.literal();
      if (!a) continue;
      auto [it, added] = first.emplace(*a, &v);
      if (!added) {
        context.report(at(v, st.resourceNode), quoted(*a) + " is listed twice in this statement's `Resource`")
            .related(at(*it->second, st.resourceNode), "first listed here");
        continue;
      }
      for (const Value* p : patterns) {
        const std::string& b = *p->literal();
        if (p == &v || *a == b || !arnCovers(b, *a)) continue;
        context
            .report(at(v, st.resourceNode),
                    quoted(*a) + " is redundant: " + quoted(b) + " in the same `Resource` already matches it")
            .related(at(*p, st.resourceNode), "covered here");
        break;
      }
    }
  });
}

}  // namespace

extern const Rule kRedundantResource{
    {"IAM613", "redundant-resource", Level::Note, "A resource of a statement is already matched by another one",
     R"md(## What it does
Reports an entry of a statement's `Resource` that another entry of the same list already
matches: `arn:aws:s3:::reports/2026/*` next to `arn:aws:s3:::reports/*`, anything next to
`*`, or the same ARN written twice. ARNs are compared as IAM does, case-sensitively.

## Why is this bad?
The entry grants nothing more. It makes the policy longer (policies have size quotas)
and suggests a scope the statement does not have: the broader pattern decides.

## Example
```yaml
Resource:
  - arn:aws:s3:::reports/*
  - arn:aws:s3:::reports/2026/*
```

## Use instead
```yaml
Resource: arn:aws:s3:::reports/*
```

## Known limitations
Only entries with one known value are compared (a `!Sub` with a parameter is compared
when the parameter's value is known); patterns with `?` are not.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "maintainability"},
    checkRedundantResources,
    "REDUNDANT_RESOURCE"};

}  // namespace iamlint
