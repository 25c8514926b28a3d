#include "analyzer/iamdata/arn_template.h"

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "analyzer/iamdata/text_match.h"
#include "analyzer/iamdata/text_memo.h"

namespace iamlint::iamdata {
namespace {

// The visited set of a search over (pattern position, format position, flag) states, kept per
// thread and cleared by a new stamp rather than by writing every entry: a policy's ARNs are
// matched against many formats in a row, and most searches visit few of their states.
class Visited {
 public:
  void reset(size_t states) {
    if (stamps_.size() < states) stamps_.assign(states, 0), stamp_ = 0;
    if (++stamp_ == 0) std::fill(stamps_.begin(), stamps_.end(), 0), stamp_ = 1;
  }
  // True the first time `id` is seen since the last reset.
  bool visit(size_t id) {
    if (stamps_[id] == stamp_) return false;
    stamps_[id] = stamp_;
    return true;
  }

 private:
  std::vector<uint32_t> stamps_;
  uint32_t stamp_ = 0;
};

}  // namespace

ArnPattern::ArnPattern(std::string_view p) {
  tokens_.reserve(p.size());
  int colons = 0;
  bool wildBefore = false;
  size_t prefixStart = std::string_view::npos, prefixEnd = std::string_view::npos;
  size_t afterStart = std::string_view::npos, afterEnd = std::string_view::npos;
  for (size_t i = 0; i < p.size(); ++i) {
    const size_t start = i;
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
    if (t.kind == Kind::Literal && p[i] == ':' && ++literalColons_ == 5) afterStart = i + 1;
    if (t.kind != Kind::Literal && afterStart != std::string_view::npos && afterEnd == std::string_view::npos)
      afterEnd = start;
    if (t.kind != Kind::Literal) {
      if (colons < 5) wildBefore = true;
      if (prefixStart != std::string_view::npos && prefixEnd == std::string_view::npos) prefixEnd = start;
      if (t.kind == Kind::AnyRun && !tokens_.empty() && tokens_.back().kind == Kind::AnyRun) continue;
    } else if (p[i] == ':' && colons < 5 && ++colons == 5) {
      prefixStart = i + 1;
    }
    tokens_.push_back(t);
  }
  if (afterStart != std::string_view::npos)
    afterFifthColon_ = p.substr(afterStart, afterEnd == std::string_view::npos ? std::string_view::npos : afterEnd - afterStart);
  if (!wildBefore && prefixStart != std::string_view::npos) {
    prefixKnown_ = true;
    resourcePrefix_ = p.substr(prefixStart, prefixEnd == std::string_view::npos ? std::string_view::npos : prefixEnd - prefixStart);
  }
}


ArnTemplate::ArnTemplate(std::string_view format, bool bitSets) {
  static std::atomic<uint64_t> formats{0};
  id_ = ++formats;
  tokens_.reserve(format.size());
  int colons = 0;
  size_t lastVar = SIZE_MAX;
  size_t serviceStart = 0, serviceEnd = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    const bool resource = colons >= 5;
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        lastVar = tokens_.size();
        Field field = colons == 1 ? Field::Partition : colons == 3 ? Field::Region : colons == 4 ? Field::Account : Field::Other;
        tokens_.push_back({'\0', resource, false, field});
        i = close;
        continue;
      }
    }
    if (format[i] == ':') {
      ++colons;
      ++colons_;
      if (colons == 2) serviceStart = i + 1;
      if (colons == 3) serviceEnd = i;
    }
    if (format[i] == '/' && resource) resourceHasSlash_ = true;
    tokens_.push_back({format[i], resource, false});
  }
  if (lastVar != SIZE_MAX) tokens_[lastVar].last = true;
  size_t first = 0;
  while (first < tokens_.size() && !tokens_[first].resourcePart) ++first;
  size_t last = first;
  while (last < tokens_.size() && tokens_[last].literal != '\0') ++last;
  resourcePrefix_.reserve(last - first);
  for (size_t j = first; j < last; ++j) resourcePrefix_ += tokens_[j].literal;
  if (serviceEnd > serviceStart) service_ = format.substr(serviceStart, serviceEnd - serviceStart);
  if (bitSets && tokens_.size() <= 127) {
    bitParallel_ = true;
    bits_.byChar.reserve(32);
    for (size_t j = 0; j < tokens_.size(); ++j) {
      const Token& t = tokens_[j];
      const Wide bit = Wide{1} << j;
      if (t.literal == '\0') {
        bits_.variables |= bit;
        if (t.resourcePart) bits_.slashLoose |= bit;
        if (t.resourcePart && t.last && resourceHasSlash_) bits_.slashStrict |= bit;
        if (t.resourcePart && t.last) bits_.colonLoose |= bit;
        continue;
      }
      bits_.literals |= bit;
      const unsigned char c = static_cast<unsigned char>(t.literal);
      if (c >= 128) {  // no format has one; such a literal only takes part in the search
        bitParallel_ = false;
        break;
      }
      if (bits_.charSlot[c] == 0) {
        bits_.byChar.push_back(0);
        bits_.charSlot[c] = static_cast<unsigned char>(bits_.byChar.size());
      }
      bits_.byChar[bits_.charSlot[c] - 1] |= bit;
    }
  }
}

bool ArnTemplate::prefixesAgree(const ArnPattern& pattern, bool loose) const {
  // Both texts' resource parts open with literal characters at a fixed place: where those
  // disagree, no ARN fits both (most formats of a service differ there: `job/`, `accesspoint/`).
  if (pattern.prefixKnown_) {
    std::string_view a = resourcePrefix_, b = pattern.resourcePrefix_;
    size_t n = a.size() < b.size() ? a.size() : b.size();
    if (a.substr(0, n) != b.substr(0, n)) return false;
  }
  // In the strict reading no variable takes a colon, so the pattern's five literal colons are
  // the format's five, and what follows the fifth opens both resource parts.
  if (!loose && pattern.literalColons_ == 5 && colons_ == 5) {
    std::string_view a = resourcePrefix_, b = pattern.afterFifthColon_;
    size_t n = a.size() < b.size() ? a.size() : b.size();
    if (a.substr(0, n) != b.substr(0, n)) return false;
  }
  return true;
}

bool ArnTemplate::matches(const ArnPattern& pattern, bool loose) const {
  if (!prefixesAgree(pattern, loose)) return false;
  if (!bitParallel_) return matchesBySearch(pattern, loose);
  return tokens_.size() <= 63 ? matchesByBits<uint64_t>(pattern, loose) : matchesByBits<Wide>(pattern, loose);
}

// The set of format states reachable after each pattern token, as two words of bits: `at` holds
// position j when j tokens of the format are consumed (j == size() is the end), `in` holds a
// variable's position when it has taken one character or more and may take more or end. A
// variable that has taken a character may end: its `in` bit also sets `at` one position on.
template <typename Word>
bool ArnTemplate::matchesByBits(const ArnPattern& pattern, bool loose) const {
  using PatKind = ArnPattern::Kind;
  const size_t T = tokens_.size();
  const Word all = T == sizeof(Word) * 8 - 1 ? ~Word{0} : (Word{1} << (T + 1)) - 1;
  const Word literals = static_cast<Word>(bits_.literals), variables = static_cast<Word>(bits_.variables);
  const Word slash = static_cast<Word>(loose ? bits_.slashLoose : bits_.slashStrict);
  const Word colon = static_cast<Word>(loose ? bits_.colonLoose : 0);
  Word at = 1, in = 0;
  for (const ArnPattern::Token& pt : pattern.tokens_) {
    if (pt.kind == PatKind::AnyRun) {
      // Any text: every later position, and inside every later variable.
      const Word from = at | (in << 1), inFrom = at | in;
      at = all & ~((from & -from) - 1);
      in = variables & ~((inFrom & -inFrom) - 1);
      continue;
    }
    Word step, into;
    if (pt.kind == PatKind::AnyOne) {
      step = at & literals;
      into = (at | in) & variables;
    } else {
      const unsigned char c = static_cast<unsigned char>(pt.c);
      const unsigned char slot = c < 128 ? bits_.charSlot[c] : 0;
      step = slot ? at & static_cast<Word>(bits_.byChar[slot - 1]) : 0;
      into = (at | in) & (c == '/' ? slash : c == ':' ? colon : variables);
    }
    in = into;
    at = (step << 1) | (into << 1);
    if ((at | in) == 0) return false;
  }
  return (at >> T) & 1;
}

bool ArnTemplate::matchesBySearch(const ArnPattern& pattern, bool loose) const {
  if (!prefixesAgree(pattern, loose)) return false;
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
  thread_local Visited seen;
  thread_local std::vector<uint32_t> work;
  seen.reset((P + 1) * stride);
  work.clear();
  auto push = [&](size_t i, size_t j, bool inVar) {
    size_t id = i * stride + j * 2 + (inVar ? 1 : 0);
    if (seen.visit(id)) work.push_back(static_cast<uint32_t>(id));
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

namespace {

void reachTokens(std::string_view p, std::vector<ReachToken>& out) {
  out.clear();
  out.reserve(p.size());
  int colons = 0;
  size_t fieldStart = 0;
  // Folds the field that opened at `fieldStart` (field `index` of the ARN).
  auto closeField = [&](int index) {
    const ReachKind kind = index == 1 ? ReachKind::Partition : index == 3 ? ReachKind::Region
                           : index == 4 ? ReachKind::Account : ReachKind::Opaque;
    const size_t n = out.size() - fieldStart;
    bool literal = n > 0;
    for (size_t k = fieldStart; k < out.size(); ++k) literal = literal && out[k].kind == ReachKind::Literal;
    if (kind != ReachKind::Opaque && literal) {
      out.resize(fieldStart);
      out.push_back({kind, 0});
      return;
    }
    if (kind != ReachKind::Opaque && n == 1 && out[fieldStart].kind == kind) return;
    // A pseudo parameter anywhere else (`${AWS::AccountId}` in a bucket name) is one value.
    for (size_t k = fieldStart; k < out.size(); ++k)
      if (out[k].kind == ReachKind::Partition || out[k].kind == ReachKind::Region || out[k].kind == ReachKind::Account)
        out[k].kind = ReachKind::Opaque;
  };
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '$' && i + 1 < p.size() && p[i + 1] == '{') {
      size_t close = p.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = p.substr(i + 2, close - i - 2);
        out.push_back({name == "AWS::Partition" ? ReachKind::Partition
                       : name == "AWS::Region"  ? ReachKind::Region
                       : name == "AWS::AccountId" ? ReachKind::Account
                                                  : ReachKind::Opaque,
                       0});
        i = close;
        continue;
      }
    }
    if (p[i] == '*') {
      if (out.empty() || out.back().kind != ReachKind::AnyRun) out.push_back({ReachKind::AnyRun, 0});
    } else if (p[i] == '?') {
      out.push_back({ReachKind::AnyOne, 0});
    } else if (p[i] == ':' && colons < 5) {
      closeField(colons);
      out.push_back({ReachKind::Literal, ':'});
      fieldStart = out.size();
      ++colons;
    } else {
      out.push_back({ReachKind::Literal, p[i]});
    }
  }
  closeField(colons < 5 ? colons : 5);
}

}  // namespace

// Does every ARN of this format match the pattern? A variable stands for values nobody can
// list, so only a `*` covers it; a literal partition covers the partition (a policy acts in its
// own partition), and with `scoped` a written region or account covers those fields too. Some
// `*` must cover part of the resource part: a format without a name or id there
// (`arn:${Partition}:apigateway:${Region}::/restapis`) is one resource per region, and a
// pattern that writes it out names that resource.
bool ArnTemplate::covers(const std::vector<ReachToken>& pat, bool scoped) const {
  const size_t P = pat.size(), T = tokens_.size();
  // States (i, j, wide): pattern position, format position, a `*` has covered resource text.
  thread_local Visited seen;
  thread_local std::vector<uint32_t> work;
  seen.reset((P + 1) * (T + 1) * 2);
  work.clear();
  auto push = [&](size_t i, size_t j, bool wide) {
    size_t id = (i * (T + 1) + j) * 2 + (wide ? 1 : 0);
    if (seen.visit(id)) work.push_back(static_cast<uint32_t>(id));
  };
  push(0, 0, false);
  while (!work.empty()) {
    const size_t id = work.back();
    work.pop_back();
    const bool wide = id % 2;
    const size_t i = id / 2 / (T + 1), j = id / 2 % (T + 1);
    if (i == P && j == T && wide) return true;
    if (i == P) continue;
    const ReachToken& pt = pat[i];
    if (pt.kind == ReachKind::AnyRun) {
      push(i + 1, j, wide);
      if (j < T) push(i, j + 1, wide || tokens_[j].resourcePart);
      continue;
    }
    if (j == T) continue;
    const Token& tt = tokens_[j];
    bool step = false;
    if (tt.literal != '\0') {
      step = (pt.kind == ReachKind::Literal && pt.c == tt.literal) || pt.kind == ReachKind::AnyOne;
    } else {
      step = (pt.kind == ReachKind::Partition && tt.field == Field::Partition) ||
             (scoped && pt.kind == ReachKind::Region && tt.field == Field::Region) ||
             (scoped && pt.kind == ReachKind::Account && tt.field == Field::Account);
    }
    if (step) push(i + 1, j + 1, wide);
  }
  return false;
}

// What `covers` needs of any path, checked without a search: each literal character of the
// pattern steps on an equal literal of the format and each `?` on some literal, in order (a `*`
// may take anything between), and no token is one value nobody knows (it steps on nothing).
// Most patterns that name a resource (`log-group:/aws/lambda/*` against `${LogGroupName}`)
// fail here.
bool ArnTemplate::mayCover(const std::vector<ReachToken>& pat) const {
  if (bitParallel_) {
    // The same walk over the bits of the literal positions: the next one at or after `from`
    // that holds the character.
    Wide from = ~Wide{0};
    for (const ReachToken& pt : pat) {
      if (pt.kind == ReachKind::Opaque) return false;
      if (pt.kind != ReachKind::Literal && pt.kind != ReachKind::AnyOne) continue;
      Wide candidates = bits_.literals;
      if (pt.kind == ReachKind::Literal) {
        const unsigned char c = static_cast<unsigned char>(pt.c);
        const unsigned char slot = c < 128 ? bits_.charSlot[c] : 0;
        if (slot == 0) return false;
        candidates = bits_.byChar[slot - 1];
      }
      const Wide next = candidates & from;
      if (next == 0) return false;
      const Wide lowest = next & (~next + 1);
      from = ~((lowest << 1) - 1);  // the positions after it
    }
    return true;
  }
  size_t j = 0;
  for (const ReachToken& pt : pat) {
    if (pt.kind == ReachKind::Opaque) return false;
    if (pt.kind != ReachKind::Literal && pt.kind != ReachKind::AnyOne) continue;
    while (j < tokens_.size() && (tokens_[j].literal == '\0' || (pt.kind == ReachKind::Literal && tokens_[j].literal != pt.c))) ++j;
    if (j == tokens_.size()) return false;
    ++j;
  }
  return true;
}

ResourcePattern::ResourcePattern(std::string_view text)
    : text_(text), matching_(text), field_(arnServiceField(text)), star_(text.find('*') != std::string_view::npos) {
  if (star_) reachTokens(text, reach_);
}

ArnReach ArnTemplate::reach(const ResourcePattern& pattern) const {
  // A written service field other than the format's reaches nothing of it.
  const ArnServiceField& field = pattern.field_;
  if (field.isArn && !field.wild && !equalsIgnoreCase(field.service, service_)) return ArnReach::Partial;
  // Some `*` must cover part of the resource part (see `covers`).
  if (!pattern.star_) return ArnReach::Partial;
  const std::vector<ReachToken>& tokens = pattern.reach_;
  if (!mayCover(tokens)) return ArnReach::Partial;
  // The searches are remembered per thread by format and text: the same Resource text comes
  // back in other statements and files, and is asked of the same types.
  thread_local TextMemo<ArnReach> memo(1u << 14);
  const std::string_view self(reinterpret_cast<const char*>(&id_), sizeof id_);
  const uint64_t hash = hashText(pattern.text_, hashText(self));
  if (const ArnReach* known = memo.find(self, pattern.text_, hash)) return *known;
  // The scoped reading only adds steps: where it fails, so does the other.
  const ArnReach r = !covers(tokens, true) ? ArnReach::Partial : covers(tokens, false) ? ArnReach::Every : ArnReach::Scoped;
  memo.insert(self, pattern.text_, hash, r);
  return r;
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
    if (iamdata::findAny(before, "*$") != std::string_view::npos && field == 1) {
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
      out.wild = iamdata::findAny(before, "*?$") != std::string_view::npos;
      return out;
    }
    pos = next + 1;
  }
  return out;
}

}  // namespace iamlint::iamdata
