// Runs every fixture folder testdata/rules/<ID>-<name>/: each input file in it is linted with all
// rules, and the findings of rule <ID> must be exactly those in `expected.txt` (rule, location,
// message, and the level where it is not the rule's default). With IAMLINT_UPDATE_FIXTURES=1 the expected files are rewritten instead, for review
// with `git diff`.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"
#include "iamlint/profile.h"
#include "iamlint/rule.h"

namespace fs = std::filesystem;
using namespace iamlint;

namespace {

std::string render(const std::string& file, const Finding& f) {
  std::ostringstream out;
  out << file << ':' << f.range.line << ':' << f.range.column << ": " << f.id() << ' ' << f.message;
  // The level is shown where it is not the rule's default (a finding the rule lowers or raises).
  if (const Rule* rule = findRule(f.id()); rule && rule->info.level != f.level)
    out << " [" << levelName(f.level) << ']';
  if (!f.suggestion.empty()) out << " [suggest: " << f.suggestion << ']';
  if (f.suppressed) out << " [suppressed]";
  return out.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

EngineOptions optionsFor(const fs::path& dir) {
  EngineOptions options;
  // `parameters.txt` in a fixture folder holds KEY=VALUE overrides, one a line.
  std::ifstream in(dir / "parameters.txt");
  std::string line;
  while (std::getline(in, line))
    if (auto eq = line.find('='); eq != std::string::npos)
      options.analysis.parameters[line.substr(0, eq)] = line.substr(eq + 1);
  return options;
}

// `profiles.txt` in a fixture folder names requirement profiles, one a line: a built-in name
// or a profile file in that folder (which is then not linted itself).
std::vector<std::shared_ptr<const Profile>> profilesFor(const fs::path& dir, std::vector<std::string>& files) {
  std::vector<std::shared_ptr<const Profile>> out;
  std::ifstream in(dir / "profiles.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<ProfileError> errors;
    bool local = fs::exists(dir / line);
    auto p = loadProfile(local ? (dir / line).string() : line, errors);
    if (local) files.push_back(line);
    for (const ProfileError& e : errors) FAIL_CHECK(e.render());
    if (p) out.push_back(p);
  }
  return out;
}

}  // namespace

TEST_CASE("rule fixtures: every finding expected, every expected finding found") {
  fs::path root = fs::path(IAMLINT_SOURCE_DIR) / "testdata" / "rules";
  bool update = std::getenv("IAMLINT_UPDATE_FIXTURES") != nullptr;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(!dirs.empty());
  for (const fs::path& dir : dirs) {
    std::string name = dir.filename().string();
    std::string id = name.substr(0, name.find('-'));
    const Rule* rule = findRule(id);
    INFO("fixture folder " << name);
    REQUIRE_MESSAGE(rule != nullptr, "the folder must start with a rule id");
    CHECK_MESSAGE(name == id + "-" + std::string(rule->info.name), "folder must be named <ID>-<rule name>");
    std::vector<std::string> profileFiles = {"profiles.txt"};
    std::vector<std::shared_ptr<const Profile>> profiles = profilesFor(dir, profileFiles);
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string f = e.path().filename().string();
      if (f != "expected.txt" && f != "parameters.txt" && f != "README.md" &&
          std::find(profileFiles.begin(), profileFiles.end(), f) == profileFiles.end())
        inputs.push_back(e.path());
    }
    std::sort(inputs.begin(), inputs.end());
    EngineOptions options = optionsFor(dir);
    for (const auto& p : profiles) options.check.profiles.push_back(p.get());
    std::string actual;
    for (const fs::path& input : inputs) {
      std::string error;
      bool tooLarge = false;
      auto text = readFile(input.string(), error, 64 << 20, tooLarge);
      REQUIRE(text);
      FileResult result = lintText(input.filename().string(), std::move(*text), options);
      for (const Finding& f : result.findings)
        if (f.id() == id) actual += render(input.filename().string(), f) + "\n";
    }
    fs::path expectedPath = dir / "expected.txt";
    if (update) {
      std::ofstream(expectedPath) << "# " << id << " " << rule->info.name
                                  << ": file:line:col: rule message [suggest: ...]\n"
                                  << actual;
      continue;
    }
    std::ifstream in(expectedPath);
    REQUIRE_MESSAGE(in.good(), "missing expected.txt (run with IAMLINT_UPDATE_FIXTURES=1 and review)");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::vector<std::string> want = lines(buffer.str()), got = lines(actual);
    for (const std::string& w : want)
      CHECK_MESSAGE(std::find(got.begin(), got.end(), w) != got.end(), "expected but not found: " << w);
    for (const std::string& g : got)
      CHECK_MESSAGE(std::find(want.begin(), want.end(), g) != want.end(), "found but not expected: " << g);
    // Every rule with a check has positive cases: a fixture that expects nothing proves nothing.
    CHECK_MESSAGE(!want.empty(), "the fixture expects no finding at all");
  }
}

TEST_CASE("every rule has a fixture folder, docs with the required sections, and a kebab-case name") {
  fs::path root = fs::path(IAMLINT_SOURCE_DIR) / "testdata" / "rules";
  std::string previous;
  for (const Rule* rule : allRules()) {
    const RuleInfo& info = rule->info;
    INFO(info.id);
    CHECK(std::string(info.id) > previous);  // sorted, unique
    previous = std::string(info.id);
    CHECK(info.id.size() == 6);
    CHECK(info.id.substr(0, 3) == "IAM");
    CHECK(info.id.find_first_not_of("0123456789", 3) == std::string_view::npos);
    for (char c : info.name) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    // A name says what is flagged, not what to do about it.
    for (std::string_view banned : {"avoid-", "use-", "uses-", "no-", "prefer-", "consider-", "do-not-", "dont-",
                                    "disallow-", "rule-"})
      CHECK_MESSAGE(!info.name.starts_with(banned), "name starts with " << banned);
    for (std::string_view banned : {"-used", "-usage", "-rule"})
      CHECK_MESSAGE(!info.name.ends_with(banned), "name ends with " << banned);
    for (const char* section : {"## What it does", "## Why is this bad?", "## Example", "## Use instead", "## References"})
      CHECK_MESSAGE(info.docs.find(section) != std::string_view::npos, "docs lack " << section);
    CHECK(!info.summary.empty());
    // The rule's file is in the category folder its hundreds digit names (rules/6-least-privilege/).
    std::string folders;
    for (const auto& category : fs::directory_iterator(fs::path(IAMLINT_SOURCE_DIR) / "rules")) {
      if (!category.is_directory()) continue;
      for (const auto& file : fs::directory_iterator(category.path())) {
        std::ifstream in(file.path());
        std::stringstream text;
        text << in.rdbuf();
        if (text.str().find("{\"" + std::string(info.id) + "\",") != std::string::npos)
          folders += category.path().filename().string() + " ";
      }
    }
    CHECK_MESSAGE(folders.rfind(std::string(1, info.id[3]) + "-", 0) == 0, "defined in rules/" << folders);
    CHECK_MESSAGE(folders.find(' ') == folders.size() - 1, "defined in rules/" << folders);
    bool hasFixture = fs::exists(root / (std::string(info.id) + "-" + std::string(info.name)));
    CHECK_MESSAGE(hasFixture, "no fixture folder testdata/rules/" << info.id << "-" << info.name);
  }
}
