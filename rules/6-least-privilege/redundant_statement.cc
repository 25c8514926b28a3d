#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#include "analyzer/iamdata/text_match.h"
#include "analyzer/iamdata/text_memo.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// The literal texts of a list of values; nullopt when one is not known exactly.
std::optional<std::vector<std::string>> literals(const std::vector<Value>& values) {
  std::vector<std::string> out;
  for (const Value& v : values) {
    const std::string* s = v.literal();
    if (!s) return std::nullopt;
    out.push_back(*s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A canonical text of the principal and condition blocks; nullopt when a value is not known.
std::optional<std::string> scopeOf(const Statement& st) {
  std::string out;
  for (const PrincipalEntry& p : st.principals) {
    auto v = literals(p.values);
    if (!v) return std::nullopt;
    out += "P" + p.type + "=";
    for (const std::string& s : *v) out += s + "\x1f";
  }
  std::vector<std::string> conditions;
  for (const ConditionEntry& c : st.conditions) {
    auto v = literals(c.values);
    if (!v) return std::nullopt;
    std::string one = c.op + "\x1e" + iamdata::toLower(c.key) + "=";
    for (const std::string& s : *v) one += s + "\x1f";
    conditions.push_back(std::move(one));
  }
  std::sort(conditions.begin(), conditions.end());
  for (const std::string& c : conditions) out += "C" + c;
  return out;
}

// The entries of a list split for matching, as views into the statement's values: all of
// them, the exact texts and the patterns, each sorted. Action names compare ignoring case, as
// IAM compares them; ARNs as written.
struct Entries {
  std::vector<std::string_view> all, patterns;
  // The exact texts in an open-addressing table (a power of two, at least twice their number):
  // membership is one probe, where a sorted list would be a sort and then a search each.
  std::vector<std::pair<std::string_view, bool>> exact;
  bool ignoreCase = false;
  bool same(std::string_view a, std::string_view b) const { return ignoreCase ? iamdata::equalsIgnoreCase(a, b) : a == b; }
  size_t hash(std::string_view s) const {
    return ignoreCase ? iamdata::IgnoreCaseHash()(s) : static_cast<size_t>(iamdata::hashText(s));
  }
  bool hasExact(std::string_view s) const {
    const size_t mask = exact.size() - 1;
    for (size_t at = hash(s) & mask;; at = (at + 1) & mask) {
      if (!exact[at].second) return false;
      if (same(exact[at].first, s)) return true;
    }
  }
  void addExact(std::string_view s) {
    const size_t mask = exact.size() - 1;
    for (size_t at = hash(s) & mask;; at = (at + 1) & mask) {
      if (!exact[at].second) {
        exact[at] = {s, true};
        return;
      }
      if (same(exact[at].first, s)) return;
    }
  }
};

// nullopt when a value is not known exactly.
std::optional<Entries> entriesOf(const std::vector<Value>& values, bool ignoreCase) {
  Entries e;
  e.ignoreCase = ignoreCase;
  for (const Value& v : values) {
    const std::string* s = v.literal();
    if (!s) return std::nullopt;
    e.all.push_back(*s);
  }
  size_t slots = 8;
  while (slots < e.all.size() * 2) slots *= 2;
  e.exact.assign(slots, {std::string_view(), false});
  for (std::string_view v : e.all) {
    if (iamdata::findAny(v, "*?") == std::string::npos) e.addExact(v);
    else e.patterns.push_back(v);
  }
  return e;
}

// Does every entry of `inner` fall under an entry of `outer`? Patterns with `?` only cover
// themselves.
bool covers(const Entries& outer, const Entries& inner) {
  for (std::string_view i : inner.all) {
    if (outer.hasExact(i)) continue;
    bool ok = false;
    for (std::string_view o : outer.patterns) {
      if (o.find('?') != std::string::npos || i.find('?') != std::string::npos ? outer.same(o, i) : iamdata::wildcardMatch(o, i)) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

constexpr size_t kMaxStatements = 1000;

struct Shape {
  const Statement* st;
  Entries actions, resources;
  std::string scope;
};

void checkRedundantStatements(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    // Pairs grow with the square of the statements: a policy IAM accepts has far fewer (the
    // largest quota, 20 KB, holds a few hundred), a generated file may have many more.
    if (p.synthesized || p.statements.size() < 2 || p.statements.size() > kMaxStatements) continue;
    // Only statements of the same effect and scope can contain one another: the entries are
    // worked out only for those that share theirs with another statement.
    struct Candidate {
      const Statement* st;
      std::string scope;
    };
    std::vector<Candidate> candidates;
    for (const Statement& st : p.statements) {
      if (st.effect == Effect::Invalid || st.notAction || st.notResource || st.notPrincipal || !st.actionNode ||
          !st.guard.empty())
        continue;
      if (auto scope = scopeOf(st)) candidates.push_back({&st, std::move(*scope)});
    }
    std::vector<size_t> order(candidates.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    auto sameGroup = [&](size_t x, size_t y) {
      return candidates[x].st->effect == candidates[y].st->effect && candidates[x].scope == candidates[y].scope;
    };
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      const Candidate &a = candidates[x], &b = candidates[y];
      return a.st->effect != b.st->effect ? a.st->effect < b.st->effect : a.scope != b.scope ? a.scope < b.scope : x < y;
    });
    std::vector<bool> shared(candidates.size(), false);
    for (size_t k = 0; k + 1 < order.size(); ++k)
      if (sameGroup(order[k], order[k + 1])) shared[order[k]] = shared[order[k + 1]] = true;
    std::vector<Shape> shapes;
    for (size_t k = 0; k < candidates.size(); ++k) {
      if (!shared[k]) continue;
      const Statement& st = *candidates[k].st;
      auto actions = entriesOf(st.actions, true);
      auto resources = entriesOf(st.resources, false);
      if (!actions || !resources || actions->all.empty()) continue;
      if (resources->all.empty() && st.resourceNode) continue;
      shapes.push_back({&st, std::move(*actions), std::move(*resources), std::move(candidates[k].scope)});
    }
    for (size_t i = 0; i < shapes.size(); ++i)
      for (size_t j = 0; j < shapes.size(); ++j) {
        if (i == j) continue;
        const Shape& a = shapes[i];
        const Shape& b = shapes[j];
        if (a.st->effect != b.st->effect || a.scope != b.scope) continue;
        if (!covers(b.actions, a.actions) || !covers(b.resources, a.resources)) continue;
        bool same = covers(a.actions, b.actions) && covers(a.resources, b.resources);
        if (same && j > i) continue;  // two equal statements: report the later one
        context
            .report(a.st->node, a.st->label() + " of the " + p.label() + " is redundant: " + b.st->label() +
                                    (same ? " grants" : " has the same effect, principal and conditions and covers") +
                                    (same ? " the same actions on the same resources with the same principal and conditions"
                                          : " all its actions and resources"))
            .related(b.st->node, "covered by this statement");
        break;
      }
  }
}

}  // namespace

extern const Rule kRedundantStatement{
    {"IAM614", "redundant-statement", Level::Note, "A statement is contained in another statement of its policy",
     R"md(## What it does
Compares the statements of each policy: a statement whose actions and resources are all
matched by another statement of the same policy with the same effect, the same
principal and the same conditions is reported, and of two equal statements the later
one.

## Why is this bad?
The statement changes nothing: removing it leaves the policy's meaning as it is. It
makes the policy longer (policies have size quotas) and a reviewer may tighten the
smaller statement thinking that narrows the grant, while the larger one still allows it.

## Example
```yaml
Statement:
  - Effect: Allow
    Action: s3:Get*
    Resource: arn:aws:s3:::reports/*
  - Effect: Allow
    Action: s3:GetObject
    Resource: arn:aws:s3:::reports/2026/*
```

## Use instead
```yaml
Statement:
  - Effect: Allow
    Action: s3:Get*
    Resource: arn:aws:s3:::reports/*
```

## Known limitations
Only statements whose values are all known are compared, with `Action`, `Resource`,
`Principal` and `Condition` (not their `Not...` forms); conditions must be written the
same way (a condition that is merely weaker is not recognised). Statements that exist
only under a CloudFormation condition are skipped, and so are policies of more than 1,000
statements (no policy IAM accepts is that large).

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "maintainability"},
    checkRedundantStatements,
    "REDUNDANT_STATEMENT"};

}  // namespace iamlint
