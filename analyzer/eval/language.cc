#include "analyzer/eval/language.h"

#include <algorithm>
#include <deque>
#include <set>

namespace iamlint::evalimpl {

namespace {

constexpr char kMarker = '\x02';
constexpr size_t kStateBudget = 20000;

// The NFA of a pattern has one state per token position; a wildcard loops on itself.
struct Nfa {
  const Pattern* p;
  size_t size() const { return p->tokens.size() + 1; }
};

void closure(const Pattern& p, std::vector<char>& set) {
  for (size_t i = 0; i < p.tokens.size(); ++i) {
    auto k = p.tokens[i].kind;
    if (set[i] && (k == Token::Star || k == Token::Hole)) set[i + 1] = 1;
  }
}

std::vector<char> step(const Pattern& p, const std::vector<char>& from, char c, bool ignoreCase) {
  std::vector<char> to(from.size(), 0);
  for (size_t i = 0; i < p.tokens.size(); ++i) {
    if (!from[i]) continue;
    const Token& t = p.tokens[i];
    bool colonBlocked = t.noColon && c == ':';
    switch (t.kind) {
      case Token::Star:
      case Token::Hole:
        if (!colonBlocked) to[i] = 1;
        break;
      case Token::One:
        if (!colonBlocked) to[i + 1] = 1;
        break;
      case Token::Lit:
        if (t.c == c || (ignoreCase && lower(std::string(1, t.c)) == std::string(1, c))) to[i + 1] = 1;
        break;
    }
  }
  closure(p, to);
  return to;
}

}  // namespace

std::optional<std::string> findString(const std::vector<Pattern>& all, const std::vector<Pattern>& none,
                                      bool ignoreCase, bool* exhausted) {
  std::vector<const Pattern*> ps;
  for (const Pattern& p : all) {
    if (p.never) return std::nullopt;
    ps.push_back(&p);
  }
  for (const Pattern& p : none) ps.push_back(&p);
  // Every character outside the patterns' literals behaves alike; one stands for them all.
  // It goes first and the parameter marker last, so witnesses read well.
  std::set<char> literals = {':', '/'};
  for (const Pattern* p : ps)
    for (const Token& t : p->tokens)
      if (t.kind == Token::Lit) literals.insert(ignoreCase ? lower(std::string(1, t.c))[0] : t.c);
  std::vector<char> alphabet;
  for (char c : std::string("xqzjkw0123456789")) {
    if (!literals.count(c)) {
      alphabet.push_back(c);
      break;
    }
  }
  for (char c : literals)
    if (c != kMarker) alphabet.push_back(c);
  if (literals.count(kMarker)) alphabet.push_back(kMarker);
  using State = std::vector<std::vector<char>>;
  State start;
  for (const Pattern* p : ps) {
    std::vector<char> s(p->tokens.size() + 1, 0);
    s[0] = 1;
    closure(*p, s);
    start.push_back(std::move(s));
  }
  auto accepting = [&](const State& s) {
    for (size_t i = 0; i < ps.size(); ++i) {
      bool acc = s[i].back() && !ps[i]->never;
      if (i < all.size() ? !acc : acc) return false;
    }
    return true;
  };
  auto dead = [&](const State& s) {
    for (size_t i = 0; i < all.size(); ++i)
      if (std::find(s[i].begin(), s[i].end(), 1) == s[i].end()) return true;
    return false;
  };
  std::set<State> seen = {start};
  std::deque<std::pair<State, std::string>> queue = {{start, ""}};
  while (!queue.empty()) {
    auto [state, text] = std::move(queue.front());
    queue.pop_front();
    if (accepting(state)) return text;
    for (char c : alphabet) {
      State next;
      for (size_t i = 0; i < ps.size(); ++i) next.push_back(step(*ps[i], state[i], c, ignoreCase));
      if (dead(next) || !seen.insert(next).second) continue;
      if (seen.size() > kStateBudget) {
        if (exhausted) *exhausted = true;
        return std::nullopt;
      }
      queue.emplace_back(std::move(next), text + c);
    }
  }
  return std::nullopt;
}

std::string parameterMarker(std::string_view name) {
  return std::string(1, kMarker) + std::string(name) + kMarker;
}

std::string showMarkers(std::string text) {
  size_t at;
  while ((at = text.find(kMarker)) != std::string::npos) {
    size_t end = text.find(kMarker, at + 1);
    if (end == std::string::npos) break;
    // A dynamic reference shows as written; a parameter as the `${Name}` the template uses.
    bool dynamic = text.compare(at + 1, 2, "{{") == 0;
    text.replace(end, 1, dynamic ? "" : "}");
    text.replace(at, 1, dynamic ? "" : "${");
  }
  return text;
}

Pattern scopePattern(std::string_view text, bool arn) {
  Pattern out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    size_t close = c == '$' && i + 1 < text.size() && text[i + 1] == '{' ? text.find('}', i + 2) : std::string_view::npos;
    if (close != std::string_view::npos) {
      std::string_view body = text.substr(i + 2, close - i - 2);
      if (body == "*" || body == "?" || body == "$") {
        out.tokens.push_back({Token::Lit, body[0], false});
      } else if (body.find(':') != std::string_view::npos && body.find("::") == std::string_view::npos) {
        out.tokens.push_back({Token::Hole, 0, false});  // a policy variable: any value
        out.holes = true;
      } else {
        for (char m : parameterMarker(body)) out.tokens.push_back({Token::Lit, m, false});
      }
      i = close;
    } else if (c == kHoleMark) {
      out.tokens.push_back({Token::Hole, 0, false});
      out.holes = true;
    } else if (c == '*') {
      out.tokens.push_back({Token::Star, 0, false});
    } else if (c == '?') {
      out.tokens.push_back({Token::One, 0, false});
    } else {
      out.tokens.push_back({Token::Lit, c, false});
    }
  }
  if (arn) markArnFields(out);
  return out;
}

}  // namespace iamlint::evalimpl
