#include <doctest/doctest.h>

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
