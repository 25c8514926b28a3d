#include "analyzer/report/rule_docs.h"

#include <algorithm>
#include <sstream>

namespace iamlint {

std::string ruleDescription(const RuleInfo& rule) {
  std::string docs(rule.docs);
  size_t start = docs.find("## What it does");
  if (start == std::string::npos) return std::string(rule.summary);
  start = docs.find('\n', start) + 1;
  size_t end = docs.find("\n\n", start);
  std::string para = docs.substr(start, end == std::string::npos ? std::string::npos : end - start);
  for (char& c : para)
    if (c == '\n') c = ' ';
  return para;
}

std::string ruleHelpText(const RuleInfo& rule) {
  std::string out;
  std::istringstream in{std::string(rule.docs)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) line = line.substr(3) + ":";
    out += line + '\n';
  }
  return out;
}

std::string ruleHelpUri(const RuleInfo& rule) {
  return std::string(kProjectUri) + "/blob/main/docs/rules/" + std::string(rule.id) + ".md";
}

std::vector<std::string> ruleTags(const RuleInfo& rule) {
  std::vector<std::string> tags;
  std::string t(rule.tags);
  size_t pos = 0;
  while (pos < t.size()) {
    size_t comma = t.find(',', pos);
    std::string tag = t.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (!tag.empty()) tags.push_back(tag);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  if (rule.securitySeverity > 0) tags.push_back("security");
  tags.push_back("iam");
  // SARIF requires unique tags, and a rule may already list `security` itself.
  std::vector<std::string> unique;
  for (std::string& tag : tags)
    if (std::find(unique.begin(), unique.end(), tag) == unique.end()) unique.push_back(std::move(tag));
  return unique;
}

std::vector<std::string_view> ruleAccessAnalyzerCodes(const Rule& r) {
  std::vector<std::string_view> codes;
  std::string_view rest = r.accessAnalyzer;
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    std::string_view code = rest.substr(0, space);
    if (!code.empty()) codes.push_back(code);
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return codes;
}

std::string ruleMarkdownPage(const Rule& r) {
  const RuleInfo& rule = r.info;
  std::string out = "# " + std::string(rule.id) + " " + std::string(rule.name) + "\n\n";
  out += "*" + std::string(rule.summary) + "*\n\n";
  out += "Default level: `" + std::string(levelName(rule.level)) + "`";
  if (rule.securitySeverity > 0) {
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", rule.securitySeverity);
    out += " · security severity: " + std::string(buf);
  }
  out += "\n\n";
  std::vector<std::string_view> codes = ruleAccessAnalyzerCodes(r);
  if (!codes.empty()) {
    out += "IAM Access Analyzer codes it reports:";
    for (size_t i = 0; i < codes.size(); ++i) out += std::string(i ? ", `" : " `") + std::string(codes[i]) + "`";
    out += "\n\n";
  }
  out += rule.docs;
  if (out.back() != '\n') out += '\n';
  return out;
}

}  // namespace iamlint
