// The AWS managed policies (../shared/corpus/managed-policies, 1,645 files, read in place):
// every finding of the correctness rules is one reviewed in
// testdata/corpus/managed-policies.expected, with its reason, and nothing else fires.
// Least-privilege and profile rules (categories 6 and 7) are left out: AWS's policies are
// broad by design, and tests/corpus_security_test.cc judges them.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"

namespace fs = std::filesystem;
using namespace iamlint;

TEST_CASE("managed policies: exactly the reviewed correctness findings") {
  fs::path corpus = fs::path(IAMLINT_SOURCE_DIR "/../shared/corpus") / "managed-policies";
  if (!fs::exists(corpus)) {
    MESSAGE("skipped: ../shared/corpus/managed-policies is not beside this checkout");
    return;
  }
  // Expected: `file:line:col RULE `value` -- reason`, keyed by everything before the value.
  std::map<std::string, std::string> expected;
  std::ifstream in(fs::path(IAMLINT_SOURCE_DIR) / "testdata" / "corpus" / "managed-policies.expected");
  REQUIRE(in.good());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t rule = line.find(' '), value = line.find(' ', rule + 1), reason = line.find(" -- ");
    INFO(line);
    REQUIRE(value != std::string::npos);
    bool hasReason = reason != std::string::npos && reason + 4 < line.size();
    REQUIRE_MESSAGE(hasReason, "every entry needs a reason");
    expected[line.substr(0, value)] = line.substr(reason + 4);
  }

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  CHECK(files.size() == 1645);

  std::set<std::string> found;
  std::map<std::string, size_t> byRule;
  for (const fs::path& file : files) {
    std::string error;
    bool tooLarge = false;
    auto text = readFile(file.string(), error, 64 << 20, tooLarge);
    REQUIRE(text);
    std::string name = file.filename().string();
    FileResult r = lintText(name, std::move(*text), EngineOptions{});
    for (const Finding& f : r.findings) {
      if (f.id().rfind("IAM6", 0) == 0 || f.id().rfind("IAM7", 0) == 0) continue;
      std::string key = name + ":" + std::to_string(f.range.line) + ":" + std::to_string(f.range.column) + " " + std::string(f.id());
      found.insert(key);
      ++byRule[std::string(f.id())];
      bool reviewed = expected.count(key) > 0;
      CHECK_MESSAGE(reviewed, "not reviewed: " << key << " " << f.message);
    }
  }
  for (const auto& [key, reason] : expected) {
    bool stillFound = found.count(key) > 0;
    CHECK_MESSAGE(stillFound, "reviewed but no longer found: " << key << " (" << reason << ")");
  }
  std::string summary;
  for (const auto& [rule, n] : byRule) summary += " " + rule + "=" + std::to_string(n);
  MESSAGE(found.size() << " findings on " << files.size() << " AWS managed policies:" << summary);
}
