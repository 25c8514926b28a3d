#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "analyzer/iamdata/text_match.h"

using namespace iamlint::iamdata;

TEST_CASE("wildcardMatch follows IAM's action globbing") {
  CHECK(wildcardMatch("*", ""));
  CHECK(wildcardMatch("Get*", "GetObject"));
  CHECK(wildcardMatch("get*", "GetObject"));
  CHECK(wildcardMatch("*Volume", "AttachVolume"));
  CHECK_FALSE(wildcardMatch("*Volume", "AttachVolumes"));
  CHECK(wildcardMatch("Get?bject", "GetObject"));
  CHECK_FALSE(wildcardMatch("Get?", "Get"));
  CHECK(wildcardMatch("*a*b*c*", "xxaxxbxxcxx"));
}

TEST_CASE("editDistance counts a transposition as one edit and stops at the limit") {
  CHECK(editDistance("ec2", "EC2", 3) == 0);
  CHECK(editDistance("attacheVolume", "AttachVolume", 3) == 1);
  CHECK(editDistance("ab", "ba", 3) == 1);
  CHECK(editDistance("abcdef", "uvwxyz", 2) == 3);
}

namespace {

// The whole optimal-string-alignment table, for comparison with the banded one.
size_t fullDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      const bool same = asciiLower(a[i - 1]) == asciiLower(b[j - 1]);
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && asciiLower(a[i - 1]) == asciiLower(b[j - 2]) && asciiLower(a[i - 2]) == asciiLower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

}  // namespace

TEST_CASE("editDistance agrees with the whole table within the limit, and says over it beyond") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> len(0, 24), letter(0, 3), limitOf(0, 6);
  for (int round = 0; round < 20000; ++round) {
    std::string a, b;
    for (int i = len(rng); i > 0; --i) a += "abAB"[letter(rng)];
    for (int i = len(rng); i > 0; --i) b += "abAB"[letter(rng)];
    const size_t limit = static_cast<size_t>(limitOf(rng));
    const size_t want = std::min(fullDistance(a, b), limit + 1);
    INFO(a << " / " << b << " limit " << limit);
    REQUIRE(editDistance(a, b, limit) == want);
  }
}
