#include "analyzer/report/report.h"

#include <algorithm>

namespace iamlint {

Summary summarize(const RunResult& run) {
  Summary s;
  for (const FileResult& f : run.files) {
    if (f.skipped) {
      ++s.skipped;
      continue;
    }
    ++s.files;
    size_t reported = s.errors + s.warnings + s.notes;
    for (const Finding& x : f.findings) {
      if (x.baseline == Finding::Baseline::Unchanged) {
        ++s.baselined;
        continue;
      }
      if (x.suppressed) {
        ++s.suppressed;
        continue;
      }
      if (x.level == Level::Error) ++s.errors;
      else if (x.level == Level::Warning) ++s.warnings;
      else ++s.notes;
    }
    if (s.errors + s.warnings + s.notes > reported) ++s.filesWithFindings;
  }
  return s;
}

const std::vector<OutputFormat>& outputFormats() {
  static const std::vector<OutputFormat> kFormats = {
      {"text", [](const RunResult& run, std::ostream& out, const ReportStyle& s) { renderText(run, out, s.color, s.quiet); }},
      {"json", [](const RunResult& run, std::ostream& out, const ReportStyle&) { renderJson(run, out); }},
      {"sarif", [](const RunResult& run, std::ostream& out, const ReportStyle&) { renderSarif(run, out); }},
      {"junit", [](const RunResult& run, std::ostream& out, const ReportStyle&) { renderJunit(run, out); }},
      {"github", [](const RunResult& run, std::ostream& out, const ReportStyle&) { renderGithub(run, out); }},
  };
  return kFormats;
}

const OutputFormat* findOutputFormat(std::string_view name) {
  for (const OutputFormat& f : outputFormats())
    if (f.name == name) return &f;
  return nullptr;
}

std::string outputFormatNames() {
  const std::vector<OutputFormat>& formats = outputFormats();
  std::string out;
  for (size_t i = 0; i < formats.size(); ++i)
    out += (i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ") + std::string(formats[i].name);
  return out;
}

std::string ruleTitle(const Finding& f) { return std::string(f.id()) + " " + std::string(f.name()); }

std::string withSuggestion(const Finding& f) {
  if (f.suggestion.empty()) return {};
  char last = f.message.empty() ? '.' : f.message.back();
  return std::string(last == '.' || last == '?' || last == '!' ? " " : ". ") + "Did you mean `" + f.suggestion + "`?";
}

uint32_t displayColumn(const FileResult& file, uint32_t line, uint32_t byteColumn) {
  auto it = file.lines.find(line);
  if (it == file.lines.end()) return byteColumn;
  auto blocks = file.lineBlocks.find(line);
  if (blocks == file.lineBlocks.end() || byteColumn <= FileResult::kLineBlock)
    return codePointColumn(it->second, byteColumn);
  // Counted from the block the byte is in (byte offset byteColumn - 1).
  size_t block = std::min<size_t>((byteColumn - 1) / FileResult::kLineBlock, blocks->second.size() - 1);
  size_t from = block * FileResult::kLineBlock;
  std::string_view rest = std::string_view(it->second).substr(from);
  return blocks->second[block] + codePointColumn(rest, static_cast<uint32_t>(byteColumn - from)) - 1;
}

}  // namespace iamlint
