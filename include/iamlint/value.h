// Values after CloudFormation intrinsics are resolved.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "iamlint/node.h"

namespace iamlint {

// A part of a resolved string known only symbolically: a pseudo parameter, a parameter
// without a usable default, a dynamic reference, an import. The text holds `${symbol}`
// at [begin, end) so that messages read naturally.
struct Hole {
  uint32_t begin = 0, end = 0;
  std::string symbol;  // `AWS::AccountId`, `S3BucketName`, `{{resolve:ssm:...}}`
};

// One CloudFormation condition a branch was taken on: `IsProd` holds, or (negated) is false.
struct GuardTerm {
  std::string condition;
  bool negated = false;
  bool operator==(const GuardTerm&) const = default;
};

// The conditions under which a value or statement exists, all of which must hold: one term
// per enclosing `Fn::If`, outermost first. Empty means always. The resolver produces guards;
// nothing parses them, and `describeGuard` is the one way to put one into words.
struct Guard {
  std::vector<GuardTerm> terms;
  bool empty() const { return terms.empty(); }
  // Adds a term unless it is already there.
  void add(GuardTerm term);
  // Both guards: `outer`'s terms first.
  static Guard both(const Guard& outer, const Guard& inner);
  bool operator==(const Guard&) const = default;
};

// "condition `IsProd` holds", "condition `IsProd` is false", or for several terms
// "conditions `!IsProd && UseX` hold".
std::string describeGuard(const Guard& guard);
// `!IsProd && UseX`, the guard as an expression.
std::string guardExpression(const Guard& guard);

// What a resolved value's text was read from when it is not written at the use site. The
// resolver sets it; rules phrase it ("the default of parameter `P`") without reading pointers.
enum class OriginKind : uint8_t {
  None,
  ParameterDefault,       // a parameter's `Default` (or each element of a list parameter's)
  ParameterAllowedValue,  // one of a parameter's `AllowedValues`
  Parameter,              // a parameter whose value is not known here (no usable default)
  MappingEntry,           // a `Fn::FindInMap` entry of `Mappings`
  ResourceName,           // a resource's name property (`RoleName`), read through `Ref`
};

struct ValueOrigin {
  OriginKind kind = OriginKind::None;
  const Node* node = nullptr;  // where the text is written
  std::string name;            // the parameter, the mapping, or the resource's logical id
};

// One possible value of a node. A `Fn::If` gives one alternative per branch, an
// `AllowedValues` parameter one per allowed value.
struct Resolved {
  std::string text;
  std::vector<Hole> holes;
  // The CloudFormation conditions guarding this alternative (`Fn::If` branches taken).
  Guard guard;
  ValueOrigin origin;  // where the text came from when that is not the use site
  bool exact() const { return holes.empty(); }
};

// An element of a policy (an action, a resource, a principal, a condition value) as written
// and as resolved. `alts` is empty when the value is removed (`AWS::NoValue`) in every branch.
struct Value {
  const Node* node = nullptr;
  std::vector<Resolved> alts;
  // The single literal text when there is exactly one exact alternative.
  const std::string* literal() const {
    return alts.size() == 1 && alts[0].exact() ? &alts[0].text : nullptr;
  }
};

}  // namespace iamlint
