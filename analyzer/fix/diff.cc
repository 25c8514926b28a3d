// Unified diffs of fix edits: hunks around the edited lines, lines matched by a longest common
// subsequence within each hunk (hunks are a few lines, so the quadratic table stays tiny).
#include <algorithm>
#include <string_view>

#include "analyzer/fix/fix.h"

namespace iamlint::fix {
namespace {

std::vector<std::string_view> splitLines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    out.push_back(s.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

void emit(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unifiedDiff(const std::string& path, const std::string& text, const std::vector<Edit>& edits) {
  if (edits.empty()) return {};
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  auto lineOf = [&](size_t offset) {
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin());
  };
  auto lineEnd = [&](size_t line) { return line < starts.size() ? starts[line] : text.size(); };
  const size_t context = 3, lineCount = starts.size();
  std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
  long delta = 0;
  for (size_t i = 0; i < edits.size();) {
    size_t first = lineOf(edits[i].offset), last = lineOf(edits[i].offset + edits[i].length);
    size_t j = i + 1;
    while (j < edits.size() && lineOf(edits[j].offset) <= last + 2 * context) {
      last = std::max(last, lineOf(edits[j].offset + edits[j].length));
      ++j;
    }
    last = std::min(last, lineCount);
    size_t from = first > context ? first - context : 1, to = std::min(lineCount, last + context);
    size_t begin = starts[from - 1], end = lineEnd(to);
    std::string before = text.substr(begin, end - begin), after;
    size_t pos = begin;
    for (size_t k = i; k < j; ++k) {
      after.append(text, pos, edits[k].offset - pos);
      after += edits[k].replacement;
      pos = edits[k].offset + edits[k].length;
    }
    after.append(text, pos, end - pos);
    std::vector<std::string_view> a = splitLines(before), b = splitLines(after);
    std::vector<std::vector<unsigned>> lcs(a.size() + 1, std::vector<unsigned>(b.size() + 1, 0));
    for (size_t x = a.size(); x-- > 0;)
      for (size_t y = b.size(); y-- > 0;)
        lcs[x][y] = a[x] == b[y] ? lcs[x + 1][y + 1] + 1 : std::max(lcs[x + 1][y], lcs[x][y + 1]);
    out += "@@ -" + std::to_string(from) + "," + std::to_string(a.size()) + " +" +
           std::to_string(static_cast<long>(from) + delta) + "," + std::to_string(b.size()) + " @@\n";
    size_t x = 0, y = 0;
    while (x < a.size() || y < b.size()) {
      if (x < a.size() && y < b.size() && a[x] == b[y]) emit(out, ' ', a[x++]), ++y;
      else if (x < a.size() && (y == b.size() || lcs[x + 1][y] >= lcs[x][y + 1])) emit(out, '-', a[x++]);
      else emit(out, '+', b[y++]);
    }
    delta += static_cast<long>(b.size()) - static_cast<long>(a.size());
    i = j;
  }
  return out;
}

}  // namespace iamlint::fix
