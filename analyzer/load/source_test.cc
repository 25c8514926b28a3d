#include <doctest/doctest.h>

#include <random>
#include <string>

#include "iamlint/source.h"

using namespace iamlint;

namespace {

// Text of `\n`, `\r`, `\r\n` and other bytes, with the YAML-only breaks (NEL, LS) among them.
std::string randomText(std::mt19937& rng, size_t size) {
  static const char* const kPieces[] = {"a", "b", "\n", "\r", "\r\n", "{", " ", "\xC2\x85", "\xE2\x80\xA8"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string out;
  while (out.size() < size) out += kPieces[pick(rng)];
  return out;
}

// Line starts the slow way: after each break the mode knows.
std::vector<size_t> lineStarts(const std::string& text, LineBreaks breaks) {
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size();) {
    size_t n = lineBreakAt(text, i, breaks);
    if (n == 0) {
      ++i;
      continue;
    }
    i += n;
    starts.push_back(i);
  }
  return starts;
}

}  // namespace

TEST_CASE("SourceFile splits JSON lines at \\n, \\r and \\r\\n only, and YAML lines at its breaks too") {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    const std::string text = randomText(rng, 1 + round % 97);
    for (LineBreaks breaks : {LineBreaks::Json, LineBreaks::Yaml}) {
      SourceFile source("x", text, breaks);
      const std::vector<size_t> starts = lineStarts(text, breaks);
      REQUIRE(source.lineCount() == starts.size());
      for (size_t k = 0; k < starts.size(); ++k) CHECK(source.offset(static_cast<uint32_t>(k + 1), 1) == starts[k]);
    }
  }
}

TEST_CASE("rangeOf with a line hint gives the ranges rangeOf gives, in any order asked") {
  std::mt19937 rng(5);
  const std::string text = randomText(rng, 4000);
  SourceFile source("x", text, LineBreaks::Json);
  std::uniform_int_distribution<size_t> offset(0, text.size() + 3), width(0, 40);
  size_t hint = 0;
  for (int round = 0; round < 5000; ++round) {
    // Mostly forward, as a reader asks, now and then back or far ahead.
    size_t begin = round % 7 == 0 ? offset(rng) : std::min(text.size(), static_cast<size_t>(round) * text.size() / 5000);
    size_t end = begin + width(rng);
    Range plain = source.rangeOf(begin, end);
    Range hinted = source.rangeOf(begin, end, hint);
    INFO("offsets " << begin << "-" << end);
    CHECK(hinted.line == plain.line);
    CHECK(hinted.column == plain.column);
    CHECK(hinted.endLine == plain.endLine);
    CHECK(hinted.endColumn == plain.endColumn);
  }
}
