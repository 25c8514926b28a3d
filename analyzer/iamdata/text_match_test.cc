#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "analyzer/iamdata/text_match.h"
#include "analyzer/iamdata/text_memo.h"

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

TEST_CASE("equalsIgnoreCase and IgnoreCaseHash agree with a character-by-character reading") {
  // Letters of both cases, the characters either side of A-Z and a-z, and bytes above 0x7F
  // (which no case folding touches), in texts of every length around the eight-byte words.
  const std::string alphabet = "aAzZ@[`{mM09:*\x80\xc1\xe1\xff";
  std::mt19937 rng(3);
  auto naive = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (iamlint::iamdata::asciiLower(a[i]) != iamlint::iamdata::asciiLower(b[i])) return false;
    return true;
  };
  size_t equal = 0;
  for (int round = 0; round < 20000; ++round) {
    const size_t n = rng() % 20;
    std::string a, b;
    for (size_t i = 0; i < n; ++i) {
      a += alphabet[rng() % alphabet.size()];
      // Mostly the same character, in either case; sometimes another one.
      char c = a.back();
      if (rng() % 8 == 0) c = alphabet[rng() % alphabet.size()];
      else if (rng() % 2) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      b += c;
    }
    const bool want = naive(a, b);
    CHECK(iamlint::iamdata::equalsIgnoreCase(a, b) == want);
    if (want) {
      ++equal;
      CHECK(iamlint::iamdata::IgnoreCaseHash()(a) == iamlint::iamdata::IgnoreCaseHash()(b));
    }
  }
  CHECK(equal > 2000);
  CHECK(equal < 18000);
  CHECK_FALSE(iamlint::iamdata::equalsIgnoreCase("\xc1", "\xe1"));  // no folding above ASCII
  CHECK(iamlint::iamdata::equalsIgnoreCase("AbCdEfGhIjK", "aBcDeFgHiJk"));
}

TEST_CASE("TextMemo tells texts apart by both parts, grows, and starts over at its limit") {
  TextMemo<int> memo(100);
  auto key = [](std::string_view a, std::string_view b) { return hashText(b, hashText(a)); };
  memo.insert("s3", "GetObject", key("s3", "GetObject"), 1);
  memo.insert("s", "3GetObject", key("s", "3GetObject"), 2);
  REQUIRE(memo.find("s3", "GetObject", key("s3", "GetObject")) != nullptr);
  CHECK(*memo.find("s3", "GetObject", key("s3", "GetObject")) == 1);
  CHECK(*memo.find("s", "3GetObject", key("s", "3GetObject")) == 2);
  CHECK(memo.find("s3", "getobject", key("s3", "getobject")) == nullptr);
  // The same text under a forced equal hash is still told apart by its split.
  memo.insert("ab", "c", 42, 3);
  CHECK(memo.find("a", "bc", 42) == nullptr);
  CHECK(*memo.find("ab", "c", 42) == 3);
  for (int i = 0; i < 97; ++i) memo.insert("k", std::to_string(i), key("k", std::to_string(i)), i);
  CHECK(*memo.find("k", "96", key("k", "96")) == 96);
  CHECK(*memo.find("s3", "GetObject", key("s3", "GetObject")) == 1);
  memo.insert("k", "last", key("k", "last"), 7);  // the 101st: the table starts over
  CHECK(memo.find("s3", "GetObject", key("s3", "GetObject")) == nullptr);
  CHECK(*memo.find("k", "last", key("k", "last")) == 7);
  // Hashes of texts of every length up to 24 differ from one another.
  std::vector<uint64_t> hashes;
  std::string text;
  for (int n = 0; n <= 24; ++n, text += static_cast<char>('a' + n)) hashes.push_back(hashText(text));
  std::sort(hashes.begin(), hashes.end());
  CHECK(std::adjacent_find(hashes.begin(), hashes.end()) == hashes.end());
}
