// IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`) written in the
// literal text of a resolved value: where they are, what they name, and what is wrong with
// their syntax. CloudFormation holes (`${AWS::Region}` of an `Fn::Sub`) are never read as
// policy variables; `${!aws:username}` in an `Fn::Sub` writes the literal `${aws:username}`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iamlint/value.h"

namespace iamlint {

enum class VariableProblem : uint8_t {
  None,
  MissingBrace,  // `${aws:username` with no `}` before the end or the next `${`
  MissingQuote,  // `${aws:PrincipalTag/team, none}`: the default is not in single quotes
  Space,         // `${aws: username}`: white space in the key
  Empty,         // `${}`
};

struct PolicyVariable {
  size_t begin = 0, end = 0;  // `${` .. past `}` (past the key when the brace is missing)
  std::string key;            // as written, without the default: `aws:username`
  std::string written;        // the variable's text as written: `${aws:username}`
  bool hasDefault = false;
  VariableProblem problem = VariableProblem::None;
  // `${*}`, `${?}`, `${$}`: the escapes for a literal `*`, `?` and `$`.
  bool special() const { return key == "*" || key == "?" || key == "$"; }
};

// Does a variable's key start with `aws:` or another IAM service prefix (`s3:`, `sts:`)?
// Other tools' placeholders share the `${...}` form (`${self:custom.x}` of the Serverless
// Framework, `${account}` of org-formation); IAM variables always name a condition key.
bool namesIamKey(std::string_view key);

// The policy variables in the literal text of `alt`, in order; those overlapping a hole are
// left out (the text there is not known).
std::vector<PolicyVariable> policyVariables(const Resolved& alt);

// Does the literal text of `alt` hold a policy variable (other than the three escapes)?
bool hasPolicyVariable(const Resolved& alt);

}  // namespace iamlint
