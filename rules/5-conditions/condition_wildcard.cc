#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"
#include "rules/lib/values.h"

namespace iamlint {

namespace {

bool isLike(const ConditionOperator& op) { return op.base.ends_with("Like"); }
bool isNegated(const ConditionOperator& op) { return op.base.find("Not") != std::string_view::npos; }

// The written value texts of an entry when all are exact and free of policy variables.
bool exactTexts(const ConditionEntry& c, std::vector<std::pair<const Value*, std::string>>& out) {
  for (const Value& v : c.values) {
    const std::string* text = v.literal();
    if (!text || text->find("${") != std::string::npos) return false;
    out.push_back({&v, *text});
  }
  return !out.empty();
}

// Does the condition of `st` only test presence with `*` patterns (`StringLike key "*"`)?
bool onlyWildcardPresence(const Statement& st) {
  if (st.conditions.empty()) return false;
  for (const ConditionEntry& c : st.conditions) {
    ConditionOperator op;
    if (!parseConditionOperator(c.op, op) || !isLike(op) || isNegated(op) || !op.setPrefix.empty()) return false;
    std::vector<std::pair<const Value*, std::string>> texts;
    if (!exactTexts(c, texts)) return false;
    bool star = false;
    for (const auto& t : texts) star = star || t.second == "*";
    if (!star) return false;
  }
  return true;
}

// The statement's elements as written, for comparing two statements; empty when a value is
// not one literal text (two `!Ref`s of different parameters must not compare equal).
std::string shape(const Statement& st) {
  bool opaque = false;
  auto list = [&](const std::vector<Value>& values) {
    std::set<std::string> texts;
    for (const Value& v : values) {
      if (!v.literal()) opaque = true;
      else texts.insert(*v.literal());
    }
    std::string out;
    for (const std::string& t : texts) out += t + '\x02';
    return out;
  };
  std::string out = std::to_string(static_cast<int>(st.effect)) + (st.notAction ? "N" : "A") + list(st.actions) +
                    (st.notResource ? "N" : "R") + list(st.resources) + (st.notPrincipal ? "N" : "P");
  for (const PrincipalEntry& p : st.principals) out += p.type + ':' + list(p.values);
  return opaque ? std::string() : out;
}

void checkWildcards(RuleContext& context) {
  // A statement whose only condition is a `*` pattern, next to the same grant without one.
  std::set<const Node*> redundant;  // statement nodes: variants of one statement share it
  for (const Policy& p : context.analysis().policies) {
    if (p.synthesized) continue;
    // Few policies have a statement whose only condition tests presence: the shapes are worked
    // out only for those.
    auto candidate = [&](const Statement& st) {
      return st.guard.empty() && !redundant.count(st.node) && onlyWildcardPresence(st);
    };
    if (std::none_of(p.statements.begin(), p.statements.end(), candidate)) continue;
    std::unordered_map<std::string, const Statement*> unconditioned;  // shape -> first such statement
    for (const Statement& st : p.statements)
      if (st.conditions.empty() && !st.conditionNode && st.guard.empty())
        if (std::string sh = shape(st); !sh.empty()) unconditioned.emplace(std::move(sh), &st);
    if (unconditioned.empty()) continue;
    for (const Statement& st : p.statements) {
      if (!candidate(st)) continue;
      auto it = unconditioned.find(shape(st));
      if (it == unconditioned.end()) continue;
      const Statement& other = *it->second;
      context.report(st.conditionNode ? st.conditionNode : st.node,
                     st.label() + " is redundant: " + other.label() +
                         " makes the same grant without a condition, and this one's condition (a `*` pattern) "
                         "only tests that a key is present")
          .level(Level::Note)
          .related(other.node, "the same grant, unconditioned");
      redundant.insert(st.node);
    }
  }
  std::set<const Node*> seenKeys;  // statement variants share key nodes: each is judged once
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    for (const ConditionEntry& c : st.conditions) {
      ConditionOperator op;
      if (c.key.empty() || !parseConditionOperator(c.op, op)) continue;
      if (c.keyNode && !seenKeys.insert(c.keyNode).second) continue;
      bool exactString = op.family == OperatorFamily::String && !isLike(op);
      bool arnEquals = op.family == OperatorFamily::Arn && !isLike(op);
      if (exactString || arnEquals) {
        for (const Value& v : c.values)
          for (const Resolved* alt : distinctAlternatives(v)) {
            if (!alt->exact() || alt->text.find("${") != std::string::npos) continue;
            if (alt->text.find('*') == std::string::npos) continue;
            const Node* node = at(v, c.keyNode);
            std::string likeOp = std::string(op.setPrefix) +
                                 (arnEquals ? (isNegated(op) ? "ArnNotLike" : "ArnLike")
                                            : (isNegated(op) ? "StringNotLike" : "StringLike")) +
                                 (op.ifExists ? "IfExists" : "");
            FindingBuilder b =
                arnEquals ? context.report(node, quoted(alt->text) + " has a wildcard under " + quoted(c.op) +
                                                     ": IAM matches it as a pattern, as " + quoted(likeOp) +
                                                     " does, but the operator reads as an exact comparison" +
                                                     branchNote(*alt))
                          : context.report(node, quoted(alt->text) + " has a wildcard under " + quoted(c.op) +
                                                     ", which compares exactly: the `*` matches only a literal `*`, "
                                                     "so the value does not match what it seems to" +
                                                     branchNote(*alt));
            if (arnEquals) b.level(Level::Note);
            b.suggest(likeOp);
          }
        continue;
      }
      if (!isLike(op)) continue;
      std::vector<std::pair<const Value*, std::string>> texts;
      if (!exactTexts(c, texts)) continue;
      const Value* star = nullptr;
      for (const auto& t : texts)
        if (t.second == "*") star = t.first;
      if (!star) continue;
      if (texts.size() > 1) {
        for (const auto& t : texts)
          if (t.first != star)
            context.report(at(*t.first, c.keyNode), quoted(t.second) + " is redundant: `*` among the values of " +
                                                       quoted(c.key) + " under " + quoted(c.op) +
                                                       " already matches every value")
                .level(Level::Note)
                .related(star->node, "the `*` value");
        continue;
      }
      if (!op.setPrefix.empty() || op.ifExists || redundant.count(st.node)) continue;
      // `*` alone: the condition only tests whether the key is present.
      bool negated = isNegated(op);
      context.report(at(*star, c.keyNode),
                     quoted(c.op) + " with only `*` " + (negated ? "holds only when " : "holds whenever ") + quoted(c.key) +
                         (negated ? " is absent" : " is present") + "; `Null` says that plainly")
          .level(Level::Note)
          .suggest(std::string("Null: {") + c.key + ": " + (negated ? "true" : "false") + "}");
    }
  });
}

}  // namespace

extern const Rule kConditionWildcard{
    {"IAM505", "condition-wildcard", Level::Warning,
     "A wildcard in a condition value does not do what it seems to",
     R"md(## What it does
Reports `*` in condition values where it misleads:

- under an exact operator (`StringEquals`, `StringNotEquals`, the `IgnoreCase` ones): the
  `*` is a literal character there, so `arn:aws:iam::*:role/admin` matches nothing it seems
  to (warning); under `ArnEquals`/`ArnNotEquals` IAM does match it as a pattern, which the
  operator's name hides (note); the suggestion is the `Like` operator;
- as notes: a `*` alone under `StringLike`/`ArnLike` only tests that the key is present
  (`Null: {key: false}`) and under `StringNotLike`/`ArnNotLike` only that it is absent
  (`Null: {key: true}`); other values next to a `*` are redundant; a statement whose only
  condition is such a `*` pattern, next to the same grant without a condition, is redundant.

Access Analyzer reports these as `WILDCARD_WITHOUT_LIKE_OPERATOR`, `EQUIVALENT_TO_NULL_FALSE`,
`EQUIVALENT_TO_NULL_TRUE`, `REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION` and
`REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION`.

## Why is this bad?
`StringEquals` compares characters exactly: a value with `*` matches only requests that
carry a literal `*`, so an Allow grants nothing and a Deny protects nothing. The other cases
work, but say something other than what they do, which hides the intent from reviewers.

## Example
```yaml
Condition:
  StringEquals:
    aws:PrincipalArn: arn:aws:iam::*:role/deploy-*
  StringLike:
    aws:PrincipalTag/team: "*"
```

## Use instead
```yaml
Condition:
  StringLike:
    aws:PrincipalArn: arn:aws:iam::*:role/deploy-*
  "Null":
    aws:PrincipalTag/team: "false"
```

## Known limitations
Values known only at deploy time and policy variables are not judged. Redundant statements
are compared as written (same effect, actions, resources and principals, in any order).

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkWildcards,
    "EQUIVALENT_TO_NULL_FALSE EQUIVALENT_TO_NULL_TRUE REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION "
    "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION WILDCARD_WITHOUT_LIKE_OPERATOR"};

}  // namespace iamlint
