// The codes of IAM Access Analyzer's policy validation, so that rules can say which they report.
#pragma once

#include <string_view>
#include <vector>

namespace iamlint {

struct AccessAnalyzerCode {
  enum Kind { Any, ScpOnly, RcpOnly };  // which policies it applies to
  std::string_view code;                // `INVALID_ACTION`
  std::string_view severity;            // ERROR, SECURITY_WARNING, WARNING or SUGGESTION
  Kind kind;
};

// Sorted by code.
const std::vector<AccessAnalyzerCode>& accessAnalyzerCodes();
const AccessAnalyzerCode* findAccessAnalyzerCode(std::string_view code);

}  // namespace iamlint
