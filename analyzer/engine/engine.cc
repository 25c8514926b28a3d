#include "analyzer/engine/engine.h"

#include <algorithm>

#include "analyzer/engine/suppressions.h"
#include "analyzer/frontend/cloudformation/cloudformation.h"
#include "analyzer/frontend/policy_file/policy_file.h"
#include "analyzer/load/loader.h"

namespace iamlint {
namespace {

// The input formats, tried in order: the first whose `detect` accepts the document's root
// turns it into policies and principals. A new format is one folder under analyzer/frontend/
// and one row here.
struct Frontend {
  std::string_view name;
  InputFormat input;
  bool (*detect)(const Node& root);
  void (*analyze)(Analysis& analysis, const AnalysisOptions& options);
};

constexpr Frontend kFrontends[] = {
    {"cloudformation", InputFormat::CloudFormation, looksLikeTemplate, analyzeCloudFormation},
    {"policy-file", InputFormat::PolicyFile, looksLikePolicyFile, analyzePolicyFile},
};

const Frontend* detectFrontend(const Node& root) {
  for (const Frontend& f : kFrontends)
    if (f.detect(root)) return &f;
  return nullptr;
}

}  // namespace

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

// Text that says it is a template or a policy: `AWSTemplateFormatVersion`, a top-level
// `Resources` key (YAML at column 1, or JSON `"Resources":`), or a `Statement` key.
bool looksLikeIamText(std::string_view text) {
  if (text.find("AWSTemplateFormatVersion") != std::string_view::npos) return true;
  auto keyAt = [&](size_t at, std::string_view key) {
    size_t end = at + key.size();
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
    return end < text.size() && text[end] == ':';
  };
  for (size_t at = text.find("Resources"); at != std::string_view::npos; at = text.find("Resources", at + 1)) {
    bool lineStart = at == 0 || text[at - 1] == '\n';
    bool jsonKey = at > 0 && text[at - 1] == '"' && at + 9 < text.size() && text[at + 9] == '"';
    if ((lineStart && keyAt(at, "Resources")) || (jsonKey && keyAt(at, "Resources\""))) return true;
  }
  for (size_t at = text.find("Statement"); at != std::string_view::npos; at = text.find("Statement", at + 1)) {
    bool quoted = at > 0 && text[at - 1] == '"' && at + 9 < text.size() && text[at + 9] == '"';
    if (keyAt(at, quoted ? "Statement\"" : "Statement")) return true;
  }
  return false;
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
    if (!options.rules.enabled(kParseError.info)) return;
    Finding f = makeFinding(kParseError, path, range, message);
    f.fingerprint = fingerprintOf(f, message);
    result.findings.push_back(std::move(f));
    keepLines(result, analysis->document.source);
  };
  // A file found by walking a directory (or passed by a hook with --skip-other-files) that
  // does not parse is reported only when cheap evidence says it is meant as a template or a
  // policy; a tsconfig.json with comments or another JSONC or YAML file is not ours.
  bool evidence = named || looksLikeIamText(text);
  if (!loadDocument(path, std::move(text), analysis->document, error)) {
    if (evidence) fail(error.message, error.range);
    else result.skipped = true;
    return result;
  }
  const Frontend* frontend = detectFrontend(analysis->document.root);
  if (!frontend) {
    if (named)
      fail("neither a CloudFormation template (no `Resources`) nor an IAM policy (no `Statement`)",
           Range{1, 1, 1, 1});
    else
      result.skipped = true;
    return result;
  }
  analysis->input = frontend->input;
  frontend->analyze(*analysis, options.analysis);
  std::vector<Finding> findings;
  for (const Rule* rule : allRules()) {
    if (!rule->check || !options.rules.enabled(rule->info)) continue;
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
  result.findings = std::move(findings);
  keepLines(result, analysis->document.source);
  if (keepAnalysis) result.analysis = std::move(analysis);
  return result;
}

}  // namespace iamlint
