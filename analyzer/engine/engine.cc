#include "analyzer/engine/engine.h"

#include <algorithm>

#include "analyzer/engine/suppressions.h"
#include "analyzer/load/loader.h"
#include "analyzer/policy/extract.h"

namespace iamlint {

// Budget (docs/limits.md): findings past it are not kept, and one IAM010 says so.
constexpr size_t kMaxFindingsPerFile = 10'000;

static bool matchesSelector(const RuleInfo& rule, const std::string& selector) {
  if (selector == "ALL") return true;
  return rule.id.substr(0, selector.size()) == selector || rule.name == selector;
}

bool RuleSelection::enabled(const RuleInfo& rule) const {
  bool on = select.empty();
  for (const std::string& s : select)
    if (matchesSelector(rule, s)) on = true;
  for (const std::string& s : ignore)
    if (matchesSelector(rule, s)) on = false;
  return on;
}

std::string fingerprintOf(const Finding& f, std::string_view offendingText) {
  // FNV-1a over what identifies the finding, never over line numbers.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  mix(f.rule);
  mix(f.path);
  mix(f.resource);
  mix(f.pointer);
  mix(offendingText);
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// A root key one or two letters away from `Resources` or `Statement` (`Resouces:`): the file
// was meant to be a template or policy, so it is not skipped in silence.
static const Node* misspelledKey(const Node& root, std::string& meant) {
  if (!root.isMapping()) return nullptr;
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diag = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    return row[b.size()];
  };
  for (const Node& key : root.keys) {
    if (key.kind != NodeKind::Scalar || key.text.size() > 12 || key.text.empty() || !isupper(static_cast<unsigned char>(key.text[0])))
      continue;
    for (const char* section : {"Resources", "Statement"}) {
      size_t d = distance(key.text, section);
      if (d > 0 && d <= 2) {
        meant = section;
        return &key;
      }
    }
  }
  return nullptr;
}

static std::string misspelledSection(const Node& root) {
  std::string meant;
  const Node* key = misspelledKey(root, meant);
  return key ? "; is `" + key->text + "` meant to be `" + meant + "`?" : std::string();
}

static Range misspelledRange(const Node& root) {
  std::string meant;
  const Node* key = misspelledKey(root, meant);
  return key ? key->range : Range{1, 1, 1, 1};
}

static std::string_view textAt(const SourceFile& source, const Range& r) {
  if (!r.valid()) return {};
  size_t b = source.offset(r.line, r.column), e = source.offset(r.endLine, r.endColumn);
  if (e < b) return {};
  return std::string_view(source.text()).substr(b, std::min<size_t>(e - b, 256));
}

static void keepLines(FileResult& result, const SourceFile& source) {
  for (const Finding& f : result.findings) {
    if (f.range.valid() && f.range.line <= source.lineCount())
      result.lines.emplace(f.range.line, std::string(source.line(f.range.line).substr(0, 4096)));
    for (const RelatedLocation& r : f.related)
      if (r.path == result.path && r.range.valid() && r.range.line <= source.lineCount())
        result.lines.emplace(r.range.line, std::string(source.line(r.range.line).substr(0, 4096)));
  }
}

FileResult lintText(const std::string& path, std::string text, const EngineOptions& options,
                    bool named, bool keepAnalysis) {
  FileResult result;
  result.path = path;
  auto analysis = std::make_unique<Analysis>();
  LoadError error;
  auto fail = [&](const std::string& message, Range range) {
    result.ok = false;
    result.error = message;
    // Parse errors are reported whatever the selection: a file iamlint could not read is never clean.
    const Rule* parseError = findRule("IAM001");
    if (!parseError) return;
    Finding f;
    f.rule = "IAM001";
    f.name = std::string(parseError->info.name);
    f.level = parseError->info.level;
    f.message = message;
    f.path = path;
    f.range = range;
    f.fingerprint = fingerprintOf(f, message);
    result.findings.push_back(std::move(f));
    keepLines(result, analysis->document.source);
  };
  if (!loadDocument(path, std::move(text), analysis->document, error)) {
    fail(error.message, error.range);
    return result;
  }
  const Node& root = analysis->document.root;
  if (!looksLikeTemplate(root) && !looksLikePolicy(root)) {
    std::string nearMiss = misspelledSection(root);
    if (named || !nearMiss.empty())
      fail("not a CloudFormation template (no `Resources`) or IAM policy (no `Statement`)" + nearMiss,
           misspelledRange(root));
    else
      result.skipped = true;
    return result;
  }
  if (looksLikeTemplate(root) && !root.get("Resources")) {
    fail("the template has no `Resources` section, which CloudFormation requires" + misspelledSection(root),
         misspelledRange(root));
    return result;
  }
  analyze(*analysis, options.analysis);
  std::vector<Finding> findings;
  for (const Rule* rule : allRules()) {
    if (!rule->check || !(options.rules.enabled(rule->info) || rule->info.id == "IAM010")) continue;
    RuleContext context(*rule, *analysis, options.check, findings);
    rule->check(context);
  }
  for (Finding& f : findings) {
    if (auto it = options.rules.levels.find(f.rule); it != options.rules.levels.end()) f.level = it->second;
    f.fingerprint = fingerprintOf(f, textAt(analysis->document.source, f.range));
  }
  applySuppressions(*analysis, findings, options.rules);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.range.line != b.range.line) return a.range.line < b.range.line;
    if (a.range.column != b.range.column) return a.range.column < b.range.column;
    return a.rule < b.rule;
  });
  if (findings.size() > kMaxFindingsPerFile) {
    Finding cut = findings[kMaxFindingsPerFile];
    findings.resize(kMaxFindingsPerFile);
    cut.rule = "IAM010";
    cut.name = "input-not-fully-read";
    cut.level = Level::Warning;
    cut.message = "more than " + std::to_string(kMaxFindingsPerFile) +
                  " findings in this file; the rest are not reported";
    cut.suggestion.clear(), cut.help.clear(), cut.related.clear();
    cut.suppressed = false;
    cut.fingerprint = fingerprintOf(cut, cut.message);
    findings.push_back(std::move(cut));
  }
  result.findings = std::move(findings);
  keepLines(result, analysis->document.source);
  if (keepAnalysis) result.analysis = std::move(analysis);
  return result;
}

}  // namespace iamlint
