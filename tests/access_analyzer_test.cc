// IAM Access Analyzer parity: every policy-validation code a rule claims (`Rule::accessAnalyzer`)
// is a real code, and the rule's fixture folder shows it: `aa-<CODE>.<ext>` gets at least one
// finding of the rule in `expected.txt`, `aa-<CODE>-near.<ext>` (a near miss) gets none. The rule
// fixtures test checks that `expected.txt` is exactly what the rule reports, so together they
// prove each claimed code fires with its message and stays quiet next to it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "analyzer/report/access_analyzer.h"
#include "analyzer/report/rule_docs.h"
#include "iamlint/rule.h"

namespace fs = std::filesystem;
using namespace iamlint;

namespace {

// The codes that apply to identity, trust and resource policies must stay covered at least this
// far; raise it with the coverage (docs/rules/README.md shows the figure).
constexpr int kApplicableCovered = 139;

fs::path fixtureDir(const Rule& r) {
  return fs::path("testdata/rules") / (std::string(r.info.id) + "-" + std::string(r.info.name));
}

// The input file of the folder whose name without extension is `stem`.
std::string inputNamed(const fs::path& dir, const std::string& stem) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().stem().string() == stem && e.path().extension() != ".txt") return e.path().filename().string();
  return "";
}

// The files named by the findings in `expected.txt`.
std::set<std::string> filesWithFindings(const fs::path& dir) {
  std::set<std::string> out;
  std::ifstream in(dir / "expected.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.insert(line.substr(0, line.find(':')));
  return out;
}

}  // namespace

TEST_CASE("Access Analyzer: each code a rule reports is real and has a firing fixture and a near miss") {
  for (const Rule* r : allRules()) {
    std::vector<std::string_view> codes = ruleAccessAnalyzerCodes(*r);
    if (codes.empty()) continue;
    fs::path dir = fixtureDir(*r);
    std::set<std::string> fired = filesWithFindings(dir);
    for (std::string_view code : codes) {
      INFO(r->info.id << " claims " << code);
      CHECK_MESSAGE(findAccessAnalyzerCode(code), "not an Access Analyzer code");
      std::string hit = inputNamed(dir, "aa-" + std::string(code));
      std::string near = inputNamed(dir, "aa-" + std::string(code) + "-near");
      CHECK_MESSAGE(!hit.empty(), "no fixture aa-" << code << ".* in " << dir.string());
      CHECK_MESSAGE(!near.empty(), "no near miss aa-" << code << "-near.* in " << dir.string());
      if (!hit.empty()) CHECK_MESSAGE(fired.count(hit), hit << " gets no " << r->info.id << " finding");
      if (!near.empty()) CHECK_MESSAGE(!fired.count(near), near << " gets a " << r->info.id << " finding");
    }
  }
}

TEST_CASE("Access Analyzer: coverage of the codes that apply to templates and policy files") {
  std::set<std::string_view> claimed;
  for (const Rule* r : allRules())
    for (std::string_view code : ruleAccessAnalyzerCodes(*r)) claimed.insert(code);
  int applicable = 0, covered = 0;
  for (const AccessAnalyzerCode& c : accessAnalyzerCodes()) {
    if (c.kind != AccessAnalyzerCode::Any) continue;
    ++applicable;
    covered += claimed.count(c.code) ? 1 : 0;
  }
  MESSAGE("Access Analyzer codes reported: " << covered << " of " << applicable);
  CHECK(applicable == 142);
  CHECK(covered >= kApplicableCovered);
}
