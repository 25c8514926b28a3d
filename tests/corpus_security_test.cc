// The security rules (IAM4xx, IAM6xx) on the shared genomics and cfn-lint corpora, read in place:
// the exact set of findings (file, line, rule) must match testdata/corpus/security.expected,
// which was reviewed by hand. IAMLINT_UPDATE_FIXTURES=1 rewrites it (review with `git diff`).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"

namespace fs = std::filesystem;
using namespace iamlint;

TEST_CASE("corpus: security findings on the genomics and cfn-lint templates are exactly the reviewed ones") {
  fs::path corpus = fs::path(IAMLINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::exists(corpus / "genomics") || !fs::exists(corpus / "cfn-lint")) {
    MESSAGE("skipped: ../shared/corpus/genomics and cfn-lint are not beside this checkout");
    return;
  }
  std::vector<fs::path> files;
  for (const char* dir : {"genomics", "cfn-lint"})
    for (const auto& e : fs::recursive_directory_iterator(corpus / dir)) {
      std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template"))
        files.push_back(e.path());
    }
  std::sort(files.begin(), files.end());
  std::set<std::string> got;
  for (const fs::path& path : files) {
    std::string error;
    bool tooLarge = false;
    auto text = readFile(path.string(), error, 64 << 20, tooLarge);
    REQUIRE(text);
    std::string rel = fs::relative(path, corpus).generic_string();
    FileResult r = lintText(rel, std::move(*text), EngineOptions{}, false);
    for (const Finding& f : r.findings)
      if (f.id().rfind("IAM4", 0) == 0 || f.id().rfind("IAM6", 0) == 0)
        got.insert(rel + ":" + std::to_string(f.range.line) + ": " + std::string(f.id()));
  }
  fs::path expectedPath = fs::path(IAMLINT_SOURCE_DIR) / "testdata" / "corpus" / "security.expected";
  if (std::getenv("IAMLINT_UPDATE_FIXTURES")) {
    std::ofstream out(expectedPath);
    out << "# IAM4xx/IAM6xx findings on ../shared/corpus/{genomics,cfn-lint}: file:line: rule (reviewed)\n";
    for (const std::string& g : got) out << g << "\n";
    return;
  }
  std::ifstream in(expectedPath);
  REQUIRE_MESSAGE(in.good(), "missing testdata/corpus/security.expected");
  std::set<std::string> want;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') want.insert(line);
  for (const std::string& w : want) CHECK_MESSAGE(got.count(w), "expected but not found: " << w);
  for (const std::string& g : got) CHECK_MESSAGE(want.count(g), "found but not expected: " << g);
}
