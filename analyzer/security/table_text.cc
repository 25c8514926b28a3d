// Reading the hand-written fact tables' TSV text (tables.h). Used by the build step that turns
// them into constant arrays (gen_tables_main.cc), and by tests.
#include <algorithm>

#include "analyzer/security/tables.h"

namespace iamlint::security {

std::vector<std::string> splitFields(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::vector<std::string>> parseTable(std::string_view text,
                                                 const std::vector<std::string_view>& columns) {
  std::vector<std::vector<std::string>> rows;
  std::vector<int> index;  // position of each wanted column in the header
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = splitFields(line, '\t');
    if (index.empty()) {
      for (std::string_view c : columns) {
        auto it = std::find(fields.begin(), fields.end(), c);
        index.push_back(it == fields.end() ? -1 : static_cast<int>(it - fields.begin()));
      }
      continue;
    }
    std::vector<std::string> row;
    for (int i : index) row.push_back(i >= 0 && static_cast<size_t>(i) < fields.size() ? fields[i] : std::string());
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace iamlint::security
