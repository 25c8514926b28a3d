#include "iamlint/source.h"

#include <cstring>

#include <algorithm>
#include <array>

namespace iamlint {

size_t lineBreakAt(std::string_view text, size_t i, LineBreaks breaks) {
  if (i >= text.size()) return 0;
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == '\n') return 1;
  if (c == '\r') return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
  if (breaks != LineBreaks::Yaml) return 0;
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) return 2;
  if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9))
    return 3;
  return 0;
}

SourceFile::SourceFile(std::string path, std::string text, LineBreaks breaks)
    : path_(std::move(path)), text_(std::move(text)), breaks_(breaks) {
  // The bytes that may open a line break: the rest are stepped over through a table.
  static constexpr auto kMayBreak = [] {
    std::array<bool, 256> may{};
    may['\n'] = may['\r'] = may[0xC2] = may[0xE2] = true;
    return may;
  }();
  lineStarts_.push_back(0);
  if (breaks != LineBreaks::Yaml) {
    // Only `\n` and `\r` break a JSON line: memchr finds them.
    const char* s = text_.data();
    const size_t n = text_.size();
    auto next = [&](char c, size_t from) {
      const void* at = from < n ? std::memchr(s + from, c, n - from) : nullptr;
      return at ? static_cast<size_t>(static_cast<const char*>(at) - s) : n;
    };
    size_t nextCr = next('\r', 0);
    for (size_t i = 0;;) {
      const size_t at = std::min(next('\n', i), nextCr);
      if (at == n) break;
      lineEnds_.push_back(at);
      i = at + lineBreakAt(text_, at, breaks);
      lineStarts_.push_back(i);
      if (nextCr < i) nextCr = next('\r', i);
    }
    lineEnds_.push_back(n);
    return;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
  for (size_t i = 0; i < text_.size();) {
    while (i < text_.size() && !kMayBreak[bytes[i]]) ++i;
    if (i == text_.size()) break;
    size_t n = lineBreakAt(text_, i, breaks);
    if (n == 0) {
      ++i;
      continue;
    }
    lineEnds_.push_back(i);
    i += n;
    lineStarts_.push_back(i);
  }
  lineEnds_.push_back(text_.size());
}

std::string_view SourceFile::line(uint32_t n) const {
  if (n == 0 || n > lineStarts_.size()) return {};
  size_t begin = lineStarts_[n - 1];
  return std::string_view(text_).substr(begin, lineEnds_[n - 1] - begin);
}

size_t SourceFile::offset(uint32_t line, uint32_t column) const {
  if (line == 0 || line > lineStarts_.size()) return text_.size();
  return std::min(text_.size(), lineStarts_[line - 1] + (column ? column - 1 : 0));
}

void SourceFile::position(size_t offset, uint32_t& line, uint32_t& column) const {
  offset = std::min(offset, text_.size());
  if (lineStarts_.empty()) {
    line = 1, column = static_cast<uint32_t>(offset + 1);
    return;
  }
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  size_t index = static_cast<size_t>(it - lineStarts_.begin()) - 1;
  line = static_cast<uint32_t>(index + 1);
  column = static_cast<uint32_t>(offset - lineStarts_[index] + 1);
}

Range SourceFile::rangeOf(size_t begin, size_t end, size_t& hint) const {
  if (lineStarts_.empty()) return rangeOf(begin, end);
  auto at = [&](size_t offset, uint32_t& line, uint32_t& column) {
    offset = std::min(offset, text_.size());
    size_t index = hint < lineStarts_.size() && lineStarts_[hint] <= offset ? hint : 0;
    // A few lines on, by steps; further, by bisection.
    for (int steps = 0; index + 1 < lineStarts_.size() && lineStarts_[index + 1] <= offset; ++index)
      if (++steps > 8) {
        index = static_cast<size_t>(std::upper_bound(lineStarts_.begin() + static_cast<std::ptrdiff_t>(index), lineStarts_.end(), offset) -
                                    lineStarts_.begin()) - 1;
        break;
      }
    line = static_cast<uint32_t>(index + 1);
    column = static_cast<uint32_t>(offset - lineStarts_[index] + 1);
    return index;
  };
  Range r;
  hint = at(begin, r.line, r.column);
  at(end, r.endLine, r.endColumn);
  return r;
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
