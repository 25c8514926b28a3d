#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>

#include "analyzer/load/loader.h"

using namespace iamlint;

namespace {

// findInvalidText read one byte at a time, as a reference for the word-at-a-time scan.
std::optional<size_t> invalidByBytes(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) return i;
      ++i;
      continue;
    }
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > text.size() || c == 0xC0 || c == 0xC1 || c > 0xF4) return i;
    for (size_t k = 1; k < len; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return i;
    unsigned char d = s[i + 1];
    if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0) || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90))
      return i;
    i += len;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("findInvalidText finds the first byte that is not text, at any place in a word") {
  // Mostly printable text, with tabs and breaks, valid and broken UTF-8, control bytes and NUL
  // placed anywhere relative to the eight-byte words.
  const std::string pieces[] = {"a", "Resource: *", "\t", "\n", "\r\n", "\x7f", " ", "\xc3\xa9", "\xe2\x82\xac",
                                "\xf0\x9f\x98\x80", "\x01", std::string(1, '\0'), "\xc3", "\xed\xa0\x80", "\xff", "~"};
  std::mt19937 rng(5);
  size_t invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t parts = rng() % 30;
    for (size_t p = 0; p < parts; ++p) {
      // Rare trouble, so that the first bad byte falls anywhere, or nowhere.
      const size_t pick = rng() % 100;
      text += pick < 90 ? pieces[pick % 8] : pieces[8 + pick % 8];
    }
    const auto want = invalidByBytes(text);
    CHECK(findInvalidText(text) == want);
    invalid += want.has_value();
  }
  CHECK(invalid > 2000);
  CHECK(invalid < 18000);
  CHECK(findInvalidText("0123456789abcdef\x05") == std::optional<size_t>(16));
  CHECK(findInvalidText("0123456\x1f") == std::optional<size_t>(7));
  CHECK(findInvalidText("plain text, eight bytes and more\n") == std::nullopt);
}
