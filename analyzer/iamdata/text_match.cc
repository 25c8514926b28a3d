#include "analyzer/iamdata/text_match.h"

#include <algorithm>

namespace iamlint::iamdata {

std::string toLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = asciiLower(c);
  return out;
}


bool wildcardMatch(std::string_view pattern, std::string_view text) {
  // Greedy matcher with one backtrack point: linear for patterns without nested stars.
  size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || asciiLower(pattern[p]) == asciiLower(text[t]))) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      starP = p++, starT = t;
    } else if (starP != std::string_view::npos) {
      p = starP + 1, t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

size_t editDistance(std::string_view a, std::string_view b, size_t limit) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  // Only cells within `limit` of the diagonal can hold a distance within the limit (a cell's
  // best path passes through cells of no greater distance), so each row computes that band and
  // every cell outside it reads as over the limit.
  const size_t over = limit + 1;
  // A bound first: an edit changes at most one character of each side and a transposition
  // none, so the characters one side has beyond the other's (counted ignoring case, folded
  // into 64 classes, which can only lower the count) are at most the distance. Most names a
  // "did you mean" scan meets fail here, in one pass over each.
  if (n + m > 2 * limit + 8) {
    int counts[64] = {};
    for (char c : a) ++counts[static_cast<unsigned char>(asciiLower(c)) & 63];
    for (char c : b) --counts[static_cast<unsigned char>(asciiLower(c)) & 63];
    size_t more = 0, fewer = 0;
    for (int k : counts) (k > 0 ? more : fewer) += static_cast<size_t>(k > 0 ? k : -k);
    if (std::max(more, fewer) > limit) return over;
  }
  thread_local std::vector<size_t> rows;
  rows.assign(3 * (m + 1), over);
  size_t* prev2 = rows.data();
  size_t* prev = prev2 + (m + 1);
  size_t* cur = prev + (m + 1);
  for (size_t j = 0; j <= m && j <= limit; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    const size_t lo = i > limit ? i - limit : 1, hi = std::min(m, i + limit);
    cur[lo - 1] = lo == 1 ? std::min(i, over) : over;
    size_t rowMin = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      const bool same = asciiLower(a[i - 1]) == asciiLower(b[j - 1]);
      size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && asciiLower(a[i - 1]) == asciiLower(b[j - 2]) &&
          asciiLower(a[i - 2]) == asciiLower(b[j - 1]))
        d = std::min(d, prev2[j - 2] + 1);
      cur[j] = std::min(d, over);
      rowMin = std::min(rowMin, cur[j]);
    }
    if (hi < m) cur[hi + 1] = over;
    if (rowMin > limit) return over;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], over);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

bool isTemplatedKey(std::string_view name) {
  return name.find("${") != std::string_view::npos || name.find('<') != std::string_view::npos;
}

}  // namespace iamlint::iamdata
