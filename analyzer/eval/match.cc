// Matching policy elements against a concrete request: actions, resources, and the Value
// alternatives the resolver produced.
#include <algorithm>
#include <cctype>
#include <optional>

#include "analyzer/eval/pattern.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

using namespace evalimpl;

Tri triAnd(Tri a, Tri b) { return a < b ? a : b; }
Tri triOr(Tri a, Tri b) { return a > b ? a : b; }
Tri triNot(Tri a) { return a == Tri::Yes ? Tri::No : a == Tri::No ? Tri::Yes : Tri::Maybe; }
const char* triName(Tri t) { return t == Tri::Yes ? "yes" : t == Tri::No ? "no" : "maybe"; }

void Context::set(std::string_view key, std::string value) {
  entries_[lower(key)] = Entry{{std::move(value)}, false};
}
void Context::setList(std::string_view key, std::vector<std::string> values) {
  entries_[lower(key)] = Entry{std::move(values), true};
}
const Context::Entry* Context::find(std::string_view key) const {
  auto it = entries_.find(lower(key));
  return it == entries_.end() ? nullptr : &it->second;
}

// The common case needs no automaton: a glob of literal text, `*` and `?` is matched with
// one backtracking point, linear in practice. Rules and the evaluator ask this thousands of
// times per template.
static bool plainGlob(std::string_view p, std::string_view t, bool ignoreCase) {
  auto same = [&](char a, char b) {
    if (!ignoreCase) return a == b;
    return iamdata::asciiLower(a) == iamdata::asciiLower(b);  // names are ASCII; the C locale's tolower
  };
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && (p[pi] == '?' || same(p[pi], t[ti]))) {
      ++pi;
      ++ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// Resource patterns without policy variables: the first five ARN fields are globbed one by
// one (a wildcard stays inside its field), the sixth spans `:` and `/`. Patterns this does not
// cover (fewer fields, a `*` ending an early field) go to the automaton; nullopt says so.
static std::optional<bool> plainArnMatch(std::string_view pattern, std::string_view arn) {
  if (pattern.find("${") != std::string_view::npos) return std::nullopt;
  std::string_view pf[6], af[6];
  std::string_view p = pattern, a = arn;
  for (int i = 0; i < 5; ++i) {
    size_t pc = p.find(':');
    if (pc == std::string_view::npos) return std::nullopt;
    pf[i] = p.substr(0, pc);
    p.remove_prefix(pc + 1);
    size_t ac = a.find(':');
    if (ac == std::string_view::npos) return false;
    af[i] = a.substr(0, ac);
    a.remove_prefix(ac + 1);
  }
  pf[5] = p;
  af[5] = a;
  for (int i = 0; i < 6; ++i)
    if (!plainGlob(pf[i], af[i], false)) return false;
  return true;
}

bool globMatch(std::string_view pattern, std::string_view text, bool ignoreCase) {
  if (pattern.find("${") == std::string_view::npos) return plainGlob(pattern, text, ignoreCase);
  return run(compile(pattern, {true, false, false}, nullptr), text, ignoreCase);
}

bool actionMatches(std::string_view pattern, std::string_view action) {
  return globMatch(pattern, action, true);
}

bool arnMatches(std::string_view pattern, std::string_view arn, const Context& context) {
  if (pattern == "*") return true;
  if (auto fast = plainArnMatch(pattern, arn)) return *fast;
  return run(compile(pattern, {true, true, true}, &context), arn, false);
}

// Splits an ARN at its first five colons; false when it has fewer than six fields.
static bool splitArn(std::string_view s, std::string_view (&fields)[6]) {
  for (int i = 0; i < 5; ++i) {
    size_t colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    fields[i] = s.substr(0, colon);
    s.remove_prefix(colon + 1);
  }
  fields[5] = s;
  return true;
}

bool arnLikeMatches(std::string_view pattern, std::string_view arn, const Context& context) {
  // Variables are substituted first (they may only appear in the resource field), then each
  // of the six fields is matched on its own, as the ArnLike documentation describes.
  Pattern whole = compile(pattern, {false, true, false}, &context);
  if (whole.never) return false;
  std::string substituted;
  for (const Token& t : whole.tokens) substituted += t.kind == Token::Hole ? kHoleMark : t.c;
  std::string_view pf[6], af[6];
  if (!splitArn(substituted, pf) || !splitArn(arn, af)) return false;
  for (int i = 0; i < 6; ++i) {
    if (!run(compile(pf[i], {true, false, false}, nullptr), af[i], false)) return false;
  }
  return true;
}

Tri matchResolved(const Resolved& value, MatchKind kind, std::string_view text, const Context& context,
                  const EvalOptions& options, std::vector<std::string>* notes) {
  if (value.holes.empty()) {
    if (kind == MatchKind::Action) return plainGlob(value.text, text, true) ? Tri::Yes : Tri::No;
    if (value.text == "*") return Tri::Yes;
    if (auto fast = plainArnMatch(value.text, text)) return *fast ? Tri::Yes : Tri::No;
  }
  std::vector<std::string> local;
  std::string bound = bindHoles(value, options, &local);
  Tri result;
  if (kind == MatchKind::Action) {
    result = runTri(compile(bound, {true, false, false}, nullptr), text, true);
  } else if (bound == "*") {
    result = Tri::Yes;
  } else {
    result = runTri(compile(bound, {true, true, true}, &context), text, false);
  }
  // A hole only matters when the answer depends on it; bindings are always worth stating.
  for (std::string& n : local) {
    if (result == Tri::Maybe || n.rfind("assumes", 0) == 0) addNote(notes, std::move(n));
  }
  return result;
}

Tri matchValue(const Value& value, MatchKind kind, std::string_view text, const Context& context,
               const EvalOptions& options, std::vector<std::string>* notes) {
  // The usual value: one alternative, under no CloudFormation condition. Its answer is the
  // alternative's, with no note about alternatives or guards to add.
  if (value.alts.size() == 1 && value.alts[0].guard.terms.empty())
    return matchResolved(value.alts[0], kind, text, context, options, notes);
  return overAlternatives(value, options, notes, [&](const Resolved& alt) {
    return matchResolved(alt, kind, text, context, options, notes);
  });
}

}  // namespace iamlint
