#include "analyzer/report/report.h"

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

std::string withSuggestion(const Finding& f) {
  if (f.suggestion.empty()) return {};
  char last = f.message.empty() ? '.' : f.message.back();
  return std::string(last == '.' || last == '?' || last == '!' ? " " : ". ") + "Did you mean `" + f.suggestion + "`?";
}

uint32_t displayColumn(const FileResult& file, uint32_t line, uint32_t byteColumn) {
  auto it = file.lines.find(line);
  return it == file.lines.end() ? byteColumn : codePointColumn(it->second, byteColumn);
}

}  // namespace iamlint
