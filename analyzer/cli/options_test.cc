#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "analyzer/cli/options.h"

using namespace iamlint;

namespace {
// The paths and --fail-on that `check ARGS` reads, or the usage error.
struct Parsed {
  int code;
  std::vector<std::string> paths;
  FailOn failOn;
  std::string format, error;
};
Parsed parse(std::vector<std::string> args) {
  CheckSettings s;
  std::string error;
  args.insert(args.begin(), "--no-config");
  int code = parseCheckSettings(args, s, error);
  return {code, s.paths, s.failOn, s.format, error};
}
}  // namespace

TEST_CASE("check's paths, whether before, between or after the options, and in their order") {
  // Paths after the last option skip the option parser; they must read as the parser reads them.
  Parsed p = parse({"a.yaml", "--fail-on", "none", "b.yaml", "c.yaml", "-"});
  CHECK(p.code == -1);
  CHECK(p.paths == std::vector<std::string>{"a.yaml", "b.yaml", "c.yaml", "-"});
  CHECK(p.failOn == FailOn::None);
  // A flag without a value: the token after it is a path.
  p = parse({"-q", "x.json", "y.json"});
  CHECK(p.paths == std::vector<std::string>{"x.json", "y.json"});
  // The value of the last option is the option's, not a path.
  p = parse({"-f", "json", "t.yaml"});
  CHECK(p.format == "json");
  CHECK(p.paths == std::vector<std::string>{"t.yaml"});
  p = parse({"--format=sarif", "t.yaml", "u.yaml"});
  CHECK(p.format == "sarif");
  CHECK(p.paths == std::vector<std::string>{"t.yaml", "u.yaml"});
  // After `--`, a token that looks like an option is a path.
  p = parse({"--", "-odd.yaml", "t.yaml"});
  CHECK(p.paths == std::vector<std::string>{"-odd.yaml", "t.yaml"});
  // A missing value is still the parser's error.
  p = parse({"t.yaml", "--fail-on"});
  CHECK(p.code == 2);
  CHECK(p.error == "the required argument for option '--fail-on' is missing (see iamlint check --help)");
  // Thousands of paths read as they are given.
  std::vector<std::string> many{"-q"};
  for (int i = 0; i < 3000; ++i) many.push_back("f" + std::to_string(i) + ".json");
  p = parse(many);
  REQUIRE(p.paths.size() == 3000);
  CHECK(p.paths.front() == "f0.json");
  CHECK(p.paths.back() == "f2999.json");
}
