#include "rules/lib/variables.h"

#include <strings.h>

#include "iamlint/catalog.h"
#include "rules/lib/values.h"

namespace iamlint {

static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<PolicyVariable> policyVariables(const Resolved& alt) {
  std::vector<PolicyVariable> out;
  const std::string& t = alt.text;
  size_t i = t.find("${");
  while (i != std::string::npos) {
    size_t close = t.find('}', i + 2);
    size_t next = t.find("${", i + 2);
    PolicyVariable v;
    v.begin = i;
    if (close == std::string::npos || (next != std::string::npos && next < close)) {
      v.end = next == std::string::npos ? t.size() : next;
      v.problem = VariableProblem::MissingBrace;
      v.key = std::string(trim(std::string_view(t).substr(i + 2, v.end - i - 2)));
    } else {
      v.end = close + 1;
      std::string_view inside = std::string_view(t).substr(i + 2, close - i - 2);
      size_t comma = inside.find(',');
      std::string_view key = inside.substr(0, comma);
      v.key = std::string(trim(key));
      if (trim(inside).empty()) {
        v.problem = VariableProblem::Empty;
      } else if (key.find_first_of(" \t\r\n") != std::string_view::npos) {
        v.problem = VariableProblem::Space;
      } else if (comma != std::string_view::npos) {
        v.hasDefault = true;
        std::string_view def = trim(inside.substr(comma + 1));
        if (def.size() < 2 || def.front() != '\'' || def.back() != '\'') v.problem = VariableProblem::MissingQuote;
      }
    }
    v.written = t.substr(i, v.end - i);
    if (!touchesHole(alt, v.begin, v.end)) out.push_back(std::move(v));
    i = next;
  }
  return out;
}

bool namesIamKey(std::string_view key) {
  size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view prefix = key.substr(0, colon);
  while (!prefix.empty() && isSpace(prefix.front())) prefix.remove_prefix(1);
  if (prefix.size() == 3 && strncasecmp(prefix.data(), "aws", 3) == 0) return true;
  return Catalog::instance().hasService(prefix);
}

bool hasPolicyVariable(const Resolved& alt) {
  for (const PolicyVariable& v : policyVariables(alt))
    if (!v.special()) return true;
  return false;
}

}  // namespace iamlint
