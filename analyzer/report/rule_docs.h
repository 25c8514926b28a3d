// Views of a rule's documentation for reporters, `explain` and the generated docs/rules/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iamlint/rule.h"

namespace iamlint {

inline constexpr const char* kProjectUri = "https://github.com/iamlint/iamlint";

// The first paragraph of "What it does", as one line.
std::string ruleDescription(const RuleInfo& rule);
// The docs without Markdown decoration, for plain-text readers.
std::string ruleHelpText(const RuleInfo& rule);
std::string ruleHelpUri(const RuleInfo& rule);
std::vector<std::string> ruleTags(const RuleInfo& rule);
// The full Markdown page of a rule, as docs/rules/<ID>.md holds it.
std::string ruleMarkdownPage(const Rule& rule);
// The Access Analyzer codes of a rule, in order.
std::vector<std::string_view> ruleAccessAnalyzerCodes(const Rule& rule);

}  // namespace iamlint
