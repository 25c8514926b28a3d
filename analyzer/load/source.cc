#include "iamlint/source.h"

#include <algorithm>

namespace iamlint {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);
}

std::string_view SourceFile::line(uint32_t n) const {
  if (n == 0 || n > lineStarts_.size()) return {};
  size_t begin = lineStarts_[n - 1];
  size_t end = n < lineStarts_.size() ? lineStarts_[n] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

size_t SourceFile::offset(uint32_t line, uint32_t column) const {
  if (line == 0 || line > lineStarts_.size()) return text_.size();
  return std::min(text_.size(), lineStarts_[line - 1] + (column ? column - 1 : 0));
}

void SourceFile::position(size_t offset, uint32_t& line, uint32_t& column) const {
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  size_t index = static_cast<size_t>(it - lineStarts_.begin()) - 1;
  line = static_cast<uint32_t>(index + 1);
  column = static_cast<uint32_t>(offset - lineStarts_[index] + 1);
}

Range SourceFile::rangeOf(size_t begin, size_t end) const {
  Range r;
  position(begin, r.line, r.column);
  position(end, r.endLine, r.endColumn);
  return r;
}

uint32_t codePointColumn(std::string_view text, uint32_t byteColumn) {
  uint32_t column = 1;
  for (size_t i = 0; i + 1 < byteColumn && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  if (byteColumn > text.size() + 1) column += byteColumn - static_cast<uint32_t>(text.size()) - 1;
  return column;
}

uint32_t SourceFile::codePointColumn(uint32_t line, uint32_t byteColumn) const {
  return iamlint::codePointColumn(this->line(line), byteColumn);
}

}  // namespace iamlint
