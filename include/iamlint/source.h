// Source text and positions. Every node, policy element and finding points back here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint {

// 1-based line and column; the end is exclusive. Columns count bytes internally and are
// converted to Unicode code points only when a reporter prints them.
struct Range {
  uint32_t line = 0, column = 0, endLine = 0, endColumn = 0;
  bool valid() const { return line != 0; }
};

// Column in Unicode code points of a 1-based byte column on one line of text.
uint32_t codePointColumn(std::string_view line, uint32_t byteColumn);

// What ends a line. Both formats know LF, CR and CRLF; YAML 1.1 (and libyaml, whose marks
// count lines) also NEL (U+0085), LS (U+2028) and PS (U+2029). Lines, columns and every
// reporter use the one index built from this.
enum class LineBreaks { Json, Yaml };

// Length of the line break at `offset` of `text` (CRLF is one break of 2 bytes), 0 if none.
size_t lineBreakAt(std::string_view text, size_t offset, LineBreaks breaks = LineBreaks::Yaml);

class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text, LineBreaks breaks = LineBreaks::Yaml);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The text of a 1-based line without its line terminator.
  std::string_view line(uint32_t n) const;
  uint32_t lineCount() const { return static_cast<uint32_t>(lineStarts_.size()); }
  // Byte offset of a 1-based line/column, and back.
  size_t offset(uint32_t line, uint32_t column) const;
  Range rangeOf(size_t begin, size_t end) const;
  void position(size_t offset, uint32_t& line, uint32_t& column) const;
  // The same for a reader that asks in order: `hint` is the line index it last got, tried (and
  // the few after it) before a search.
  Range rangeOf(size_t begin, size_t end, size_t& hint) const;
  // Column in Unicode code points for a byte column on a line (for SARIF and text output).
  uint32_t codePointColumn(uint32_t line, uint32_t byteColumn) const;
  LineBreaks lineBreaks() const { return breaks_; }

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> lineStarts_;
  std::vector<size_t> lineEnds_;  // where each line's text ends (its break starts)
  LineBreaks breaks_ = LineBreaks::Yaml;
};

}  // namespace iamlint
