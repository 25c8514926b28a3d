// Reporters: one function per output format, all reading the same run result.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/engine/engine.h"
#include "analyzer/engine/query.h"

namespace iamlint {

struct RunResult {
  std::vector<FileResult> files;  // in the order given, then directory order (sorted)
  std::vector<const Rule*> rulesRun;
  std::string baseDirectory;  // SARIF uri base; paths are made relative to it when inside it
};

struct Summary {
  size_t files = 0, errors = 0, warnings = 0, notes = 0, suppressed = 0;
  size_t baselined = 0;  // recorded in the --baseline file, so not reported
  size_t skipped = 0;    // found by a directory walk, neither a template nor a policy
  size_t filesWithFindings = 0;  // of `files`, those with at least one reported finding
};
Summary summarize(const RunResult& run);

// Converts a byte column on a kept line into a code-point column: for the text snippet, which
// counts columns within its window; every report reads Finding::display for a finding's columns.
uint32_t displayColumn(const FileResult& file, uint32_t line, uint32_t byteColumn);

// `IAM201 unknown-action`: the rule of a finding as the reports name it.
std::string ruleTitle(const Finding& finding);

// ". Did you mean `x`?" to append to a finding's message, for formats with no help lines.
std::string withSuggestion(const Finding& finding);

// The output formats of `check`, in the order `--help` lists them. A new format is a render
// function and one row of kFormats (summary.cc).
struct ReportStyle {
  bool color = false;  // the text report only
  bool quiet = false;  // the text report only: no source lines, no summary when clean
};
struct OutputFormat {
  std::string_view name;
  void (*render)(const RunResult& run, std::ostream& out, const ReportStyle& style);
};
const std::vector<OutputFormat>& outputFormats();
const OutputFormat* findOutputFormat(std::string_view name);
std::string outputFormatNames();  // `text, json, sarif, junit or github`

void renderText(const RunResult& run, std::ostream& out, bool color, bool quiet);
void renderJson(const RunResult& run, std::ostream& out);
void renderSarif(const RunResult& run, std::ostream& out);
void renderJunit(const RunResult& run, std::ostream& out);
void renderGithub(const RunResult& run, std::ostream& out);

// `iamlint query`: text or json.
void renderQuery(const QueryAnswer& answer, std::string_view format, std::ostream& out);

}  // namespace iamlint
