// IAM condition operators: the list IAM accepts, their families, and did-you-mean.
// Shared by IAM501 (unknown operator) and IAM503 (type mismatch).
#pragma once

#include <string>
#include <string_view>

#include "iamlint/catalog.h"
#include "iamlint/policy.h"

namespace iamlint {

enum class OperatorFamily : uint8_t { String, Numeric, Date, Bool, Binary, IpAddress, Arn, Null };

struct ConditionOperator {
  std::string_view setPrefix;   // "ForAllValues:", "ForAnyValue:" or empty
  std::string_view base;        // "StringEquals", as IAM spells it
  bool ifExists = false;
  OperatorFamily family = OperatorFamily::String;
};

// Parses an operator exactly as IAM does (case matters). False when IAM rejects it.
// `ForAllValues:Null` and `ForAnyValue:Null` parse: IAM accepts them and reads them as `Null`.
bool parseConditionOperator(std::string_view text, ConditionOperator& out);

// The closest valid spelling, or empty.
std::string suggestConditionOperator(std::string_view text);

// The family that compares values of a key type; String for types any operator family
// could be meant for.
OperatorFamily familyForKeyType(ConditionKeyType type);
std::string_view familyName(OperatorFamily family);  // "String", "Numeric", ... "IpAddress"

// `op` rewritten for another family, keeping the comparison, set prefix and IfExists
// where that family has them ("NumericLessThan" on a Date key → "DateLessThan").
std::string operatorForFamily(const ConditionOperator& op, OperatorFamily family);

// The value node written under a condition entry's key (a scalar, list or mapping), or null.
const Node* conditionValueNode(const ConditionEntry& entry);

// Edit distance, for did-you-mean.
size_t editDistance(std::string_view a, std::string_view b, bool ignoreCase);

}  // namespace iamlint
