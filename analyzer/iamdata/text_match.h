// Case-insensitive text helpers shared by the catalog lookups.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint::iamdata {

// Inline: the catalog's sorted lookups and its load compare names through these millions of times.
inline char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string toLower(std::string_view s);
// Eight bytes with each ASCII capital made small, the others as they are.
inline uint64_t asciiLower8(uint64_t x) {
  constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  const uint64_t low7 = x & ~high;
  const uint64_t atLeastA = low7 + (0x80 - 'A') * ones;  // high bit: the byte's low seven bits >= 'A'
  const uint64_t overZ = low7 + (0x80 - 'Z' - 1) * ones;  // high bit: they are > 'Z'
  const uint64_t capital = atLeastA & ~overZ & ~x & high;  // and the byte itself is ASCII
  return x | (capital >> 2);                                // 0x80 >> 2 is the case bit, 0x20
}
inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char *x = a.data(), *y = b.data();
  if (n >= 8) {
    // Whole words, then the last eight bytes (overlapping the words before when n is no
    // multiple of eight).
    for (size_t i = 0; i + 8 <= n; i += 8) {
      uint64_t u, v;
      std::memcpy(&u, x + i, 8);
      std::memcpy(&v, y + i, 8);
      if (u != v && asciiLower8(u) != asciiLower8(v)) return false;
    }
    uint64_t u, v;
    std::memcpy(&u, x + n - 8, 8);
    std::memcpy(&v, y + n - 8, 8);
    return u == v || asciiLower8(u) == asciiLower8(v);
  }
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i] && asciiLower(x[i]) != asciiLower(y[i])) return false;
  return true;
}
inline bool lessIgnoreCase(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i) {
    char x = asciiLower(a[i]), y = asciiLower(b[i]);
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}
// The first character of `s` that is one of `set`, or npos: find_first_of without a library
// call per character, for the few-character sets (`*?`, `/:`) the checks ask about.
inline size_t findAny(std::string_view s, std::string_view set) {
  for (size_t i = 0; i < s.size(); ++i)
    for (char c : set)
      if (s[i] == c) return i;
  return std::string_view::npos;
}
// Hashing and equality that ignore ASCII case, for tables keyed by names IAM compares so.
struct IgnoreCaseHash {
  size_t operator()(std::string_view s) const {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ asciiLower8(w)) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    uint64_t tail = 0;
    for (; i < s.size(); ++i) tail = (tail << 8) | static_cast<unsigned char>(asciiLower(s[i]));
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
  }
};
struct IgnoreCaseEqual {
  bool operator()(std::string_view a, std::string_view b) const { return equalsIgnoreCase(a, b); }
};
inline bool hasWildcard(std::string_view s) { return findAny(s, "*?") != std::string_view::npos; }  // * or ?

// IAM's action glob: * is any run of characters, ? one character, case ignored.
bool wildcardMatch(std::string_view pattern, std::string_view text);

// Optimal-string-alignment distance over lower-cased text; gives up (returns limit + 1)
// once the distance must exceed limit, which keeps "did you mean" scans cheap.
size_t editDistance(std::string_view a, std::string_view b, size_t limit);

// A condition key name with a ${...} or <...> part, standing for a caller-chosen suffix.
bool isTemplatedKey(std::string_view name);

// Splits `line` at tabs into its first N fields (or fewer) without allocating; returns how
// many it found.
template <size_t N>
size_t fields(std::string_view line, std::array<std::string_view, N>& out) {
  size_t n = 0;
  while (n < N) {
    size_t tab = line.find('\t');
    out[n++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return n;
}

// Calls `f` with each line of `text` that is neither empty nor a `#` comment.
template <typename F>
void forEachLine(std::string_view text, F&& f) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line[0] != '#') f(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

// Splits on a separator; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char sep);

}  // namespace iamlint::iamdata
