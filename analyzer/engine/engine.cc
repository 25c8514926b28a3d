#include "analyzer/engine/engine.h"

#include <algorithm>
#include <mutex>

#include "analyzer/engine/suppressions.h"
#include "analyzer/frontend/cloudformation/cloudformation.h"
#include "analyzer/frontend/policy_file/policy_file.h"
#include "analyzer/frontend/terraform/terraform.h"
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
    {"terraform-plan", InputFormat::TerraformPlan, looksLikeTerraformPlan, analyzeTerraformPlan},
};

const Frontend* detectFrontend(const Node& root) {
  for (const Frontend& f : kFrontends)
    if (f.detect(root)) return &f;
  return nullptr;
}

}  // namespace

// Budget (docs/limits.md): findings past it are not kept, and one IAM011 says so.
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
  mix(f.id());
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

// The lines findings point at, whole: reporters count code-point columns on them and the text
// report shows a window of a long line. Each line is kept once, so this stays within the size of
// the input.
static void keepLine(FileResult& result, const SourceFile& source, uint32_t line) {
  auto [it, added] = result.lines.try_emplace(line, source.line(line));
  const std::string& text = it->second;
  if (!added || text.size() <= FileResult::kLineBlock) return;
  std::vector<uint32_t>& blocks = result.lineBlocks[line];
  uint32_t column = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % FileResult::kLineBlock == 0) blocks.push_back(column);
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
}

// Code-point columns of byte columns on the lines of one source. A line longer than
// FileResult::kLineBlock bytes (a one-line plan) is indexed once, by block, so that many findings
// on it do not each count from its start.
class ColumnIndex {
 public:
  explicit ColumnIndex(const SourceFile& source) : source_(source) {}

  uint32_t column(uint32_t line, uint32_t byteColumn) {
    if (line == 0 || line > source_.lineCount()) return byteColumn;
    std::string_view text = source_.line(line);
    if (text.size() <= FileResult::kLineBlock || byteColumn <= FileResult::kLineBlock)
      return codePointColumn(text, byteColumn);
    std::vector<uint32_t>& blocks = blocks_[line];
    if (blocks.empty()) {
      uint32_t column = 1;
      for (size_t i = 0; i < text.size(); ++i) {
        if (i % FileResult::kLineBlock == 0) blocks.push_back(column);
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
      }
    }
    // Counted from the block the byte is in (byte offset byteColumn - 1).
    size_t block = std::min<size_t>((byteColumn - 1) / FileResult::kLineBlock, blocks.size() - 1);
    size_t from = block * FileResult::kLineBlock;
    return blocks[block] + codePointColumn(text.substr(from), static_cast<uint32_t>(byteColumn - from)) - 1;
  }

  // The end is counted on its own line (the start's when the range gives none).
  Range display(const Range& r) {
    if (!r.valid()) return r;
    Range d = r;
    d.column = column(r.line, r.column);
    d.endColumn = column(r.endLine ? r.endLine : r.line, r.endColumn);
    return d;
  }

 private:
  const SourceFile& source_;
  std::map<uint32_t, std::vector<uint32_t>> blocks_;
};

// Findings as every report prints them, made while the source is in hand: code-point columns
// (related locations in this file too) and the path as the user gave it, the key path having
// served the fingerprints. The lines findings start on are kept for the text snippet.
static void makeDisplayReady(FileResult& result, const SourceFile& source, const InputName& name) {
  ColumnIndex columns(source);
  result.path = name.display;
  for (Finding& f : result.findings) {
    f.display = columns.display(f.range);
    if (f.range.valid() && f.range.line <= source.lineCount()) keepLine(result, source, f.range.line);
    for (RelatedLocation& r : f.related) {
      r.display = r.path == name.key ? columns.display(r.range) : r.range;
      if (r.path == name.key) r.path = name.display;
    }
    if (f.path == name.key) f.path = name.display;
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

AnalyzedText analyzeText(const std::string& path, std::string text, const AnalysisOptions& options, bool named) {
  AnalyzedText out;
  out.analysis = std::make_unique<Analysis>();
  Analysis& analysis = *out.analysis;
  auto fail = [&](std::string message, Range range) {
    out.error = std::move(message);
    out.errorRange = range;
    return std::move(out);
  };
  // A file found by walking a directory (or passed by a hook with --skip-other-files) that
  // does not parse is reported only when cheap evidence says it is meant as a template or a
  // policy; a tsconfig.json with comments or another JSONC or YAML file is not ours.
  bool evidence = named || looksLikeIamText(text);
  LoadError error;
  if (!loadDocument(path, std::move(text), analysis.document, error)) {
    if (!evidence) out.skipped = true;
    return fail(error.message, error.range);
  }
  const Node& root = analysis.document.root;
  const Frontend* frontend = detectFrontend(root);
  if (!frontend) {
    std::string nearMiss = misspelledSection(root);
    if (!named && nearMiss.empty()) out.skipped = true;
    return fail("neither a CloudFormation template (no `Resources`) nor an IAM policy (no `Statement`)" + nearMiss,
                misspelledRange(root));
  }
  if (frontend->input == InputFormat::CloudFormation && !root.get("Resources"))
    return fail("the template has no `Resources` section, which CloudFormation requires" + misspelledSection(root),
                misspelledRange(root));
  analysis.input = frontend->input;
  frontend->analyze(analysis, options);
  out.ok = true;
  return out;
}

namespace {

// Keeps `analysis` until exit when the run's budget allows (EngineOptions::retainUntilExit).
// The list is reachable to the end, so leak checkers do not count it; it is never destroyed.
void retainOrFree(std::unique_ptr<Analysis> analysis, size_t budget) {
  if (!analysis || budget == 0) return;
  static std::mutex mutex;
  static size_t retained = 0;
  static auto* kept = new std::vector<std::unique_ptr<Analysis>>();
  const size_t bytes = analysis->document.source.text().size();
  std::lock_guard<std::mutex> lock(mutex);
  if (retained + bytes > budget) return;  // freed here, as without a budget
  retained += bytes;
  kept->push_back(std::move(analysis));
}

}  // namespace

FileResult lintText(const InputName& name, std::string text, const EngineOptions& options,
                    bool named, bool keepAnalysis) {
  FileResult result;
  result.path = name.display;
  // The document, and so every finding until makeDisplayReady, carries the key path.
  const std::string& path = name.key;
  AnalyzedText analyzed = analyzeText(path, std::move(text), options.analysis, named);
  Analysis& analysis = *analyzed.analysis;
  if (analyzed.skipped) {
    result.skipped = true;
    return result;
  }
  if (!analyzed.ok) {
    result.ok = false;
    result.error = analyzed.error;
    // Parse errors are reported whatever the selection: a file iamlint could not read is never clean.
    Finding f = makeFinding(kParseError, path, analyzed.errorRange, analyzed.error);
    f.fingerprint = fingerprintOf(f, analyzed.error);
    result.findings.push_back(std::move(f));
    makeDisplayReady(result, analysis.document.source, name);
    return result;
  }
  std::vector<Finding> findings;
  for (const Rule* rule : allRules()) {
    // IAM011 runs whatever the selection: a run must not look clean when input was cut short.
    if (!rule->check || !(options.rules.enabled(rule->info) || rule == &kInputNotFullyRead)) continue;
    RuleContext context(*rule, analysis, options.check, findings);
    rule->check(context);
  }
  for (Finding& f : findings) {
    if (auto it = options.rules.levels.find(f.id()); it != options.rules.levels.end()) f.level = it->second;
    f.fingerprint = fingerprintOf(f, textAt(analysis.document.source, f.range));
  }
  applySuppressions(analysis, findings, options.rules);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.range.line != b.range.line) return a.range.line < b.range.line;
    if (a.range.column != b.range.column) return a.range.column < b.range.column;
    return a.id() < b.id();
  });
  if (findings.size() > kMaxFindingsPerFile) {
    Finding cut = makeFinding(kInputNotFullyRead, path, findings[kMaxFindingsPerFile].range,
                              "more than " + std::to_string(kMaxFindingsPerFile) +
                                  " findings in this file; the rest are not reported");
    findings.resize(kMaxFindingsPerFile);
    cut.fingerprint = fingerprintOf(cut, cut.message);
    findings.push_back(std::move(cut));
  }
  result.findings = std::move(findings);
  makeDisplayReady(result, analysis.document.source, name);
  if (keepAnalysis) result.analysis = std::move(analyzed.analysis);
  else retainOrFree(std::move(analyzed.analysis), options.retainUntilExit);
  return result;
}

}  // namespace iamlint
