#include "analyzer/iamdata/arn_template.h"

#include <cstdint>

#include "analyzer/iamdata/text_match.h"

namespace iamlint::iamdata {
ArnPattern::ArnPattern(std::string_view p) {
  int colons = 0;
  bool wildBefore = false;
  size_t prefixStart = std::string_view::npos, prefixEnd = std::string_view::npos;
  for (size_t i = 0; i < p.size(); ++i) {
    Token t{Kind::Literal, p[i]};
    if (p[i] == '*') {
      t = {Kind::AnyRun, 0};
    } else if (p[i] == '?') {
      t = {Kind::AnyOne, 0};
    } else if (p[i] == '$' && i + 1 < p.size() && p[i + 1] == '{') {
      // An unresolved ${...} (a parameter, or an IAM policy variable) could be anything.
      size_t close = p.find('}', i);
      if (close != std::string_view::npos) t = {Kind::AnyRun, 0}, i = close;
    }
    if (t.kind != Kind::Literal) {
      if (colons < 5) wildBefore = true;
      if (prefixStart != std::string_view::npos && prefixEnd == std::string_view::npos) prefixEnd = i;
      if (t.kind == Kind::AnyRun && !tokens_.empty() && tokens_.back().kind == Kind::AnyRun) continue;
    } else if (p[i] == ':' && colons < 5 && ++colons == 5) {
      prefixStart = i + 1;
    }
    tokens_.push_back(t);
  }
  if (!wildBefore && prefixStart != std::string_view::npos) {
    prefixKnown_ = true;
    resourcePrefix_ = p.substr(prefixStart, prefixEnd == std::string_view::npos ? std::string_view::npos : prefixEnd - prefixStart);
  }
}


ArnTemplate::ArnTemplate(std::string_view format) {
  int colons = 0;
  size_t lastVar = SIZE_MAX;
  size_t serviceStart = 0, serviceEnd = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    const bool resource = colons >= 5;
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        lastVar = tokens_.size();
        tokens_.push_back({'\0', resource, false});
        i = close;
        continue;
      }
    }
    if (format[i] == ':') {
      ++colons;
      if (colons == 2) serviceStart = i + 1;
      if (colons == 3) serviceEnd = i;
    }
    if (format[i] == '/' && resource) resourceHasSlash_ = true;
    tokens_.push_back({format[i], resource, false});
  }
  if (lastVar != SIZE_MAX) tokens_[lastVar].last = true;
  for (const Token& t : tokens_) {
    if (!t.resourcePart) continue;
    if (t.literal == '\0') break;
    resourcePrefix_ += t.literal;
  }
  if (serviceEnd > serviceStart) service_ = format.substr(serviceStart, serviceEnd - serviceStart);
}

bool ArnTemplate::matches(const ArnPattern& pattern, bool loose) const {
  // Both texts' resource parts open with literal characters at a fixed place: where those
  // disagree, no ARN fits both (most formats of a service differ there: `job/`, `accesspoint/`).
  if (pattern.prefixKnown_) {
    std::string_view a = resourcePrefix_, b = pattern.resourcePrefix_;
    size_t n = a.size() < b.size() ? a.size() : b.size();
    if (a.substr(0, n) != b.substr(0, n)) return false;
  }
  using PatKind = ArnPattern::Kind;
  const std::vector<ArnPattern::Token>& pat = pattern.tokens_;
  const size_t P = pat.size(), T = tokens_.size();
  auto allows = [&](const Token& var, char c) {
    if (c == '/') return var.resourcePart && (loose || (var.last && resourceHasSlash_));
    if (c == ':') return loose && var.resourcePart && var.last;
    return true;
  };
  // Breadth-first search over (pattern position, format position, inside-variable)
  // states: the two languages intersect when the end of both is reachable.
  const size_t stride = (T + 1) * 2;
  // Scratch space kept per thread: a policy's ARNs are matched against many formats in a row.
  thread_local std::vector<uint8_t> seen;
  thread_local std::vector<uint32_t> work;
  seen.assign((P + 1) * stride, 0);
  work.clear();
  auto push = [&](size_t i, size_t j, bool inVar) {
    size_t id = i * stride + j * 2 + (inVar ? 1 : 0);
    if (!seen[id]) seen[id] = 1, work.push_back(static_cast<uint32_t>(id));
  };
  push(0, 0, false);
  while (!work.empty()) {
    const size_t id = work.back();
    work.pop_back();
    const size_t i = id / stride, j = (id % stride) / 2;
    const bool inVar = id % 2;
    if (i == P && j == T) return true;
    if (i < P && pat[i].kind == PatKind::AnyRun) push(i + 1, j, inVar);
    if (j < T && tokens_[j].literal == '\0' && inVar) push(i, j + 1, false);
    if (i == P || j == T) continue;
    const ArnPattern::Token& pt = pat[i];
    const Token& tt = tokens_[j];
    const size_t nextI = pt.kind == PatKind::AnyRun ? i : i + 1;
    if (tt.literal != '\0') {
      if (pt.kind != PatKind::Literal || pt.c == tt.literal) push(nextI, j + 1, false);
    } else if (pt.kind != PatKind::Literal) {
      // Some character the variable allows always exists.
      push(nextI, j, true);
    } else if (allows(tt, pt.c)) {
      push(nextI, j, true);
    }
  }
  return false;
}

ArnServiceField arnServiceField(std::string_view pattern) {
  ArnServiceField out;
  // "*" or a bare word names no resource type; only ARN-shaped text is matched.
  if (pattern.size() < 4 || !equalsIgnoreCase(pattern.substr(0, 4), "arn:")) return out;
  out.isArn = true;
  size_t pos = 4;
  for (int field = 1; field < 3; ++field) {
    size_t next = pattern.find(':', pos);
    std::string_view before = pattern.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (before.find_first_of("*$") != std::string_view::npos && field == 1) {
      // A wildcard in the partition may also swallow colons; the service is unknown.
      out.wild = true;
      return out;
    }
    if (next == std::string_view::npos) {
      out.wild = true;
      return out;
    }
    if (field == 2) {
      out.service = before;
      out.wild = before.find_first_of("*?$") != std::string_view::npos;
      return out;
    }
    pos = next + 1;
  }
  return out;
}

}  // namespace iamlint::iamdata
