#include "analyzer/eval/pattern.h"

#include <algorithm>

namespace iamlint::evalimpl {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void addNote(std::vector<std::string>* notes, std::string note) {
  if (!notes) return;
  if (std::find(notes->begin(), notes->end(), note) == notes->end()) notes->push_back(std::move(note));
}

static std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Tri conditionTruth(const Guard& guard, const EvalOptions& options) {
  Tri all = Tri::Yes;
  for (const GuardTerm& term : guard.terms) {
    auto it = options.conditions.find(term.condition);
    Tri t = it == options.conditions.end() ? Tri::Maybe : (it->second ? Tri::Yes : Tri::No);
    all = triAnd(all, term.negated ? triNot(t) : t);
  }
  return all;
}

void noteGuard(std::vector<std::string>* notes, const Guard& guard, const EvalOptions& options) {
  for (const GuardTerm& term : guard.terms)
    if (!options.conditions.count(term.condition)) addNote(notes, "depends on condition " + term.condition);
}

std::string bindHoles(const Resolved& value, const EvalOptions& options, std::vector<std::string>* notes) {
  if (value.holes.empty()) return value.text;
  std::string out;
  size_t at = 0;
  std::vector<Hole> holes = value.holes;
  std::sort(holes.begin(), holes.end(), [](const Hole& a, const Hole& b) { return a.begin < b.begin; });
  for (const Hole& hole : holes) {
    if (hole.begin < at || hole.end > value.text.size()) continue;  // overlapping or bad range
    out.append(value.text, at, hole.begin - at);
    auto bound = options.bindings.find(hole.symbol);
    if (bound != options.bindings.end()) {
      out += bound->second;
      // The scope check binds to private markers; only real values are worth stating.
      if (bound->second.find('\x02') == std::string::npos)
        addNote(notes, "assumes parameter " + hole.symbol + " is `" + bound->second + "`");
    } else {
      out += kHoleMark;
      // A dynamic reference is shown as written; other symbols as the `${Name}` the template uses.
      addNote(notes, "depends on the unknown value of " +
                         (hole.symbol.rfind("{{", 0) == 0 ? hole.symbol : "${" + hole.symbol + "}"));
    }
    at = hole.end;
  }
  out.append(value.text, at, std::string::npos);
  return out;
}

// Appends the value of policy variable `body` (the text between `${` and `}`), or marks the
// pattern as matching nothing when the request has no usable value.
static void substitute(std::string_view body, const Context* context, Pattern& out) {
  std::string_view name = body;
  std::optional<std::string_view> fallback;
  size_t comma = body.find(',');
  if (comma != std::string_view::npos) {
    name = body.substr(0, comma);
    std::string_view d = trim(body.substr(comma + 1));
    if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'') fallback = d.substr(1, d.size() - 2);
  }
  name = trim(name);
  const Context::Entry* entry = context ? context->find(name) : nullptr;
  std::optional<std::string_view> value;
  // Only single-valued keys can be variables; a list has no value to put in the text.
  if (entry && !entry->multi && entry->values.size() == 1) value = entry->values[0];
  if (!value && !entry && context && context->open()) {
    // Unknown request: the variable may hold anything (or be absent and use the default).
    out.tokens.push_back({Token::Hole, 0, false});
    out.holes = true;
    return;
  }
  if (!value) value = fallback;
  if (!value) {
    out.never = true;
    return;
  }
  for (char c : *value) out.tokens.push_back({Token::Lit, c, false});
}

Pattern compile(std::string_view text, CompileMode mode, const Context* context) {
  Pattern out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == kHoleMark) {
      out.tokens.push_back({Token::Hole, 0, false});
      out.holes = true;
    } else if (mode.wildcards && c == '*') {
      out.tokens.push_back({Token::Star, 0, false});
    } else if (mode.wildcards && c == '?') {
      out.tokens.push_back({Token::One, 0, false});
    } else if (mode.variables && c == '$' && i + 1 < text.size() && text[i + 1] == '{' &&
               text.find('}', i + 2) != std::string_view::npos) {
      size_t close = text.find('}', i + 2);
      std::string_view body = text.substr(i + 2, close - i - 2);
      if (body == "*" || body == "?" || body == "$") {
        out.tokens.push_back({Token::Lit, body[0], false});
      } else {
        substitute(body, context, out);
      }
      i = close;
    } else {
      out.tokens.push_back({Token::Lit, c, false});
    }
  }
  if (mode.arnFields) markArnFields(out);
  return out;
}

void markArnFields(Pattern& out) {
  {
    // A wildcard in the first five fields stays in its field, except a final `*`, which
    // "can expand to match beyond the colon boundaries" (semantics.md §2.3).
    int field = 0;
    for (size_t i = 0; i < out.tokens.size(); ++i) {
      Token& t = out.tokens[i];
      if (t.kind == Token::Lit && t.c == ':') ++field;
      bool last = i + 1 == out.tokens.size();
      if ((t.kind == Token::Star && !last && field < 5) || (t.kind == Token::One && field < 5))
        t.noColon = true;
    }
  }
}

static bool sameChar(char a, char b, bool ignoreCase) {
  if (a == b) return true;
  if (!ignoreCase) return false;
  auto low = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  return low(a) == low(b);
}

bool run(const Pattern& pattern, std::string_view text, bool ignoreCase) {
  if (pattern.never) return false;
  // reach[j]: the tokens so far can consume exactly text[0, j).
  std::vector<char> reach(text.size() + 1, 0), next(text.size() + 1, 0);
  reach[0] = 1;
  for (const Token& t : pattern.tokens) {
    std::fill(next.begin(), next.end(), 0);
    if (t.kind == Token::Star || t.kind == Token::Hole) {
      bool on = false;
      for (size_t j = 0; j <= text.size(); ++j) {
        if (reach[j]) on = true;
        else if (on && j > 0 && t.noColon && text[j - 1] == ':') on = false;
        next[j] = on;
      }
    } else {
      for (size_t j = 0; j < text.size(); ++j) {
        if (!reach[j]) continue;
        bool ok = t.kind == Token::One ? !(t.noColon && text[j] == ':') : sameChar(t.c, text[j], ignoreCase);
        if (ok) next[j + 1] = 1;
      }
    }
    reach.swap(next);
  }
  return reach[text.size()];
}

Tri runTri(const Pattern& pattern, std::string_view text, bool ignoreCase) {
  if (!run(pattern, text, ignoreCase)) return Tri::No;
  return pattern.holes ? Tri::Maybe : Tri::Yes;
}

}  // namespace iamlint::evalimpl
