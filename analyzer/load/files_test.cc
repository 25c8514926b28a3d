#include <doctest/doctest.h>

#include "analyzer/load/files.h"

using iamlint::pathMatches;

TEST_CASE("exclude globs mean what they mean in .gitignore") {
  // `**/` is any number of directories, also after a later `*` failed to match.
  CHECK(pathMatches("**/x/*.json", "a/x/b/x/c.json"));
  CHECK(pathMatches("**/x/*.json", "x/c.json"));
  CHECK_FALSE(pathMatches("**/x/*.json", "a/x/b/c.json"));
  // A trailing `/` and a leading `./` are a directory and the same path.
  CHECK(pathMatches("vendor/", "vendor/lib/l.yaml"));
  CHECK(pathMatches("./vendor", "vendor/v.yaml"));
  CHECK(pathMatches("vendor", "./vendor/v.yaml"));
  // No `/`: any depth. A `/`: anchored at the root.
  CHECK(pathMatches("*.json", "deep/down/p.json"));
  CHECK_FALSE(pathMatches("/*.json", "deep/p.json"));
  CHECK(pathMatches("/*.json", "p.json"));
  CHECK_FALSE(pathMatches("a/x", "b/a/x/c.json"));
  // `*` and `?` stay within one segment; `[...]` is a class, `[!...]` its complement.
  CHECK_FALSE(pathMatches("sub/*.json", "sub/deep/d.json"));
  CHECK(pathMatches("sub/?.json", "sub/d.json"));
  CHECK(pathMatches("[tv]*.yaml", "t.yaml"));
  CHECK_FALSE(pathMatches("[!tv]*.yaml", "t.yaml"));
  // Regular-expression characters are literal.
  CHECK(pathMatches("a+b (1).yaml", "a+b (1).yaml"));
  CHECK_FALSE(pathMatches("a.yaml", "axyaml"));
  CHECK(pathMatches("**", "anything/at/all.yaml"));
}
