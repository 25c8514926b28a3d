// Runs the rules over one file: load, analyse, check, suppress, fingerprint.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "iamlint/analysis.h"
#include "iamlint/finding.h"
#include "iamlint/rule.h"

namespace iamlint {

struct RuleSelection {
  std::vector<std::string> select;  // id prefixes or names; empty = all
  std::vector<std::string> ignore;
  std::map<std::string, Level, std::less<>> levels;  // per-rule level overrides
  bool enabled(const RuleInfo& rule) const;
};

struct EngineOptions {
  RuleSelection rules;
  AnalysisOptions analysis;
  CheckOptions check;
  // A one-shot run (`iamlint check`) may keep the analyses of its first files until the
  // process exits instead of freeing them node by node: the operating system takes the memory
  // back at once. Up to this many bytes of source text; 0 frees each analysis when its file is
  // done (the language server, tests).
  size_t retainUntilExit = 0;
};

struct FileResult {
  std::string path;  // as the user gave it
  bool ok = true;        // parsed and understood
  bool skipped = false;  // neither a template nor a policy: not ours, found by a directory walk
  std::string error;     // why not
  std::vector<Finding> findings;
  // The source lines findings start on, for the text report's snippet; the file itself is not
  // kept. Columns are converted by the engine (Finding::display), not from these.
  std::map<uint32_t, std::string> lines;
  // For a kept line longer than kLineBlock bytes: the code-point column at the start of each
  // block of it, so a column far into a long line (a one-line plan) is counted from the nearest
  // block, not from the line start.
  static constexpr uint32_t kLineBlock = 4096;
  std::map<uint32_t, std::vector<uint32_t>> lineBlocks;
  std::unique_ptr<Analysis> analysis;  // kept only when asked for
};

// Does unparsed text say it is a CloudFormation template or an IAM policy?
bool looksLikeIamText(std::string_view text);

// The model of one file's text, no rule run: for commands that ask the model a question
// (`query`). A file that does not parse, or is neither a template nor a policy, is not `ok`;
// `analysis` always holds the document as far as it was read.
struct AnalyzedText {
  bool ok = false;
  bool skipped = false;  // not `named`, and nothing says it is ours (as in lintText)
  std::string error;
  Range errorRange;
  std::unique_ptr<Analysis> analysis;
};
AnalyzedText analyzeText(const std::string& path, std::string text, const AnalysisOptions& options,
                         bool named = true);

// A file's two names: as the user gave it, which reports show, and its key, which fingerprints
// hash (relative to the repository and normalised, so `./t.yaml` and `t.yaml` are one file).
struct InputName {
  std::string display, key;
  InputName(std::string path) : display(path), key(std::move(path)) {}
  InputName(const char* path) : InputName(std::string(path)) {}
  InputName(std::string displayPath, std::string keyPath) : display(std::move(displayPath)), key(std::move(keyPath)) {}
};

// Lints one file's text. Never throws for bad input: a file that cannot be read is an IAM001.
// `named` says the user named this file; a named file that is not a template or policy is an
// IAM001, a file found by walking a directory is skipped — and so is one that does not parse,
// unless its text says it is a template or a policy (looksLikeIamText).
FileResult lintText(const InputName& name, std::string text, const EngineOptions& options,
                    bool named = true, bool keepAnalysis = false);

// Stable identity of a finding for SARIF partialFingerprints and baselines: it does not change
// when lines move, only when the rule, file, place in the document or offending text does.
std::string fingerprintOf(const Finding& finding, std::string_view offendingText);

}  // namespace iamlint
