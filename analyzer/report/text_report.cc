// Compiler-style text: `path:line:col: level: message [ID name]`, the source line, a caret
// underline, then help lines.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "analyzer/report/report.h"

namespace iamlint {
namespace {

struct Style {
  bool on;
  const char* operator()(const char* code) const { return on ? code : ""; }
};

const char* levelColor(Level level) {
  switch (level) {
    case Level::Error: return "\033[1;31m";
    case Level::Warning: return "\033[1;33m";
    case Level::Note: return "\033[1;36m";
  }
  return "";
}

// Control characters from the input (an escaped `\r` or ESC in a JSON string, DEL, C1 codes)
// are shown as escapes: printed raw, they could move the cursor, erase a finding or fake a
// "No findings" line on a terminal. Tabs are kept where `keepTabs` (source lines).
std::string printable(std::string_view text, bool keepTabs = false) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;  // bytes before this are in `out`: plain runs are copied whole
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    const bool control = (c < 0x20 && !(keepTabs && c == '\t')) || c == 0x7F;
    const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (!control && !c1) continue;
    out.append(text.data() + copied, i - copied);
    char buf[12];
    if (control) {
      snprintf(buf, sizeof buf, "\\x%02X", c);
    } else {
      snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(text[i + 1]));
      ++i;
    }
    out += buf;
    copied = i + 1;
  }
  out.append(text.data() + copied, text.size() - copied);
  return out;
}

// Columns of a source line shown under a finding; a longer line (minified JSON, a Terraform plan
// on one line) is shown as a window of this width around the finding, cut ends marked `…`.
constexpr uint32_t kSnippetWidth = 120;
constexpr uint32_t kSnippetLead = 40;  // columns shown before the finding's start in a window

void renderSnippet(const FileResult& file, const Finding& f, std::ostream& out, Style style) {
  auto it = file.lines.find(f.range.line);
  if (it == file.lines.end()) return;
  const std::string& line = it->second;
  std::string number = std::to_string(f.range.line);
  std::string gutter(number.size(), ' ');
  // Columns are counted only in a stretch of bytes around the finding: a one-line plan of
  // megabytes is not walked whole for every finding on it.
  auto continuation = [&](size_t i) { return (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80; };
  const size_t at = std::min<size_t>(f.range.column ? f.range.column - 1 : 0, line.size());
  size_t lo = at > 1024 ? at - 1024 : 0, hi = std::min(line.size(), at + 2048);
  while (lo < line.size() && continuation(lo)) ++lo;
  while (hi < line.size() && continuation(hi)) ++hi;
  std::vector<size_t> columns;  // byte offset of each column (code point) in [lo, hi)
  for (size_t i = lo; i < hi; ++i)
    if (!continuation(i)) columns.push_back(i);
  const uint32_t base = displayColumn(file, f.range.line, static_cast<uint32_t>(lo + 1));  // column at `lo`
  const uint32_t width = displayColumn(file, f.range.line, static_cast<uint32_t>(line.size() + 1)) - 1;
  uint32_t start = displayColumn(file, f.range.line, f.range.column);
  uint32_t end = f.range.endLine == f.range.line ? displayColumn(file, f.range.line, f.range.endColumn) : width + 1;
  // The window [from, to) of 1-based columns shown.
  uint32_t from = 1, to = width + 1;
  if (width > kSnippetWidth) {
    from = start > kSnippetLead ? start - kSnippetLead : 1;
    to = std::min(width + 1, from + kSnippetWidth);
    if (to - from < kSnippetWidth) from = to - kSnippetWidth;
  }
  from = std::max(from, base);
  to = std::min<uint32_t>(to, base + static_cast<uint32_t>(columns.size()));
  auto byteAt = [&](uint32_t column) {
    size_t k = column - base;
    return k < columns.size() ? columns[k] : (hi < line.size() ? hi : line.size());
  };
  const bool cutBefore = from > 1, cutAfter = to <= width;
  start = std::max(start, from);
  std::string_view shown = std::string_view(line).substr(byteAt(from), byteAt(to) - byteAt(from));
  out << style("\033[34m") << ' ' << number << " | " << style("\033[0m") << (cutBefore ? "…" : "")
      << printable(shown, true) << (cutAfter ? "…" : "") << '\n';
  std::string pad = cutBefore ? " " : "";
  // Keep tabs so the caret lines up under tabbed text.
  start = std::min(start, to);
  for (uint32_t col = from; col < start; ++col) pad += line[byteAt(col)] == '\t' ? '\t' : ' ';
  // The caret line is never wider than the text shown above it.
  end = std::clamp(end, start, to);
  std::string marks = "^";
  if (end > start + 1) marks += std::string(end - start - 1, '~');
  out << style("\033[34m") << ' ' << gutter << " | " << style("\033[0m") << pad << style(levelColor(f.level))
      << marks << style("\033[0m") << '\n';
}

}  // namespace

void renderText(const RunResult& run, std::ostream& out, bool color, bool quiet) {
  Style style{color};
  for (const FileResult& file : run.files) {
    for (const Finding& f : file.findings) {
      if (!f.reported()) continue;
      out << style("\033[1m") << printable(f.path);
      if (f.range.valid())
        out << ':' << f.display.line << ':' << f.display.column;
      out << ':' << style("\033[0m") << ' ' << style(levelColor(f.level)) << levelName(f.level) << style("\033[0m")
          << ": " << style("\033[1m") << printable(f.message) << style("\033[0m") << " [" << ruleTitle(f) << "]\n";
      if (!quiet) renderSnippet(file, f, out, style);
      if (!f.suggestion.empty()) out << "  = help: did you mean `" << printable(f.suggestion) << "`?\n";
      for (const std::string& h : f.help) out << "  = help: " << printable(h) << '\n';
      for (const RelatedLocation& r : f.related) {
        out << "  = note: " << printable(r.message);
        if (r.range.valid())
          out << " (" << printable(r.path) << ':' << r.display.line << ':' << r.display.column << ')';
        out << '\n';
      }
    }
  }
  Summary s = summarize(run);
  if (quiet && s.errors + s.warnings + s.notes == 0) return;
  // "in 3 of 4 files": the findings are in 3 files, 4 were linted.
  if (s.files == 0) {
    out << "No files linted";
  } else if (s.errors + s.warnings + s.notes == 0) {
    out << "No findings in " << s.files << (s.files == 1 ? " file" : " files");
  } else {
    out << "Found " << s.errors << (s.errors == 1 ? " error, " : " errors, ") << s.warnings
        << (s.warnings == 1 ? " warning, " : " warnings, ") << s.notes << (s.notes == 1 ? " note" : " notes")
        << " in ";
    if (s.filesWithFindings != s.files) out << s.filesWithFindings << " of ";
    out << s.files << (s.files == 1 ? " file" : " files");
  }
  if (s.suppressed) out << " (" << s.suppressed << " suppressed)";
  if (s.baselined) out << " (" << s.baselined << " in the baseline)";
  if (s.skipped)
    out << " (" << s.skipped << (s.skipped == 1 ? " other file" : " other files")
        << " skipped: neither a template nor a policy)";
  out << ".\n";
}

}  // namespace iamlint
