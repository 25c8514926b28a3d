#include <doctest/doctest.h>

#include "rules/lib/statements.h"

using namespace iamlint::security;

TEST_CASE("listOf: at most `max` parts, never `and 1 more`") {
  std::vector<std::string> four{"a", "b", "c", "d"}, five{"a", "b", "c", "d", "e"};
  CHECK(listOf({"a"}) == "`a`");
  CHECK(listOf({"a", "b"}) == "`a` and `b`");
  CHECK(listOf(four) == "`a`, `b`, `c` and `d`");
  CHECK(listOf(five) == "`a`, `b`, `c` and 2 more");
  CHECK(listOf(four, 3) == "`a`, `b` and 2 more");
  CHECK(listOf({"a", "b", "c"}, 3) == "`a`, `b` and `c`");
}
