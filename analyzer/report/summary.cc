#include "analyzer/report/report.h"

namespace iamlint {

Summary summarize(const RunResult& run) {
  Summary s;
  for (const FileResult& f : run.files) {
    if (f.skipped) continue;
    ++s.files;
    for (const Finding& x : f.findings) {
      if (x.suppressed) {
        ++s.suppressed;
        continue;
      }
      if (x.level == Level::Error) ++s.errors;
      else if (x.level == Level::Warning) ++s.warnings;
      else ++s.notes;
    }
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
  if (it == file.lines.end()) return byteColumn;
  const std::string& text = it->second;
  uint32_t column = 1;
  for (size_t i = 0; i + 1 < byteColumn && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  if (byteColumn > text.size() + 1) column += byteColumn - static_cast<uint32_t>(text.size()) - 1;
  return column;
}

}  // namespace iamlint
