#include "rules/5-conditions/operators.h"

#include <algorithm>
#include <vector>

namespace iamlint {

namespace {

struct Base {
  std::string_view name;
  OperatorFamily family;
};

constexpr Base kBases[] = {
    {"StringEquals", OperatorFamily::String},
    {"StringNotEquals", OperatorFamily::String},
    {"StringEqualsIgnoreCase", OperatorFamily::String},
    {"StringNotEqualsIgnoreCase", OperatorFamily::String},
    {"StringLike", OperatorFamily::String},
    {"StringNotLike", OperatorFamily::String},
    {"NumericEquals", OperatorFamily::Numeric},
    {"NumericNotEquals", OperatorFamily::Numeric},
    {"NumericLessThan", OperatorFamily::Numeric},
    {"NumericLessThanEquals", OperatorFamily::Numeric},
    {"NumericGreaterThan", OperatorFamily::Numeric},
    {"NumericGreaterThanEquals", OperatorFamily::Numeric},
    {"DateEquals", OperatorFamily::Date},
    {"DateNotEquals", OperatorFamily::Date},
    {"DateLessThan", OperatorFamily::Date},
    {"DateLessThanEquals", OperatorFamily::Date},
    {"DateGreaterThan", OperatorFamily::Date},
    {"DateGreaterThanEquals", OperatorFamily::Date},
    {"Bool", OperatorFamily::Bool},
    {"BinaryEquals", OperatorFamily::Binary},
    {"IpAddress", OperatorFamily::IpAddress},
    {"NotIpAddress", OperatorFamily::IpAddress},
    {"ArnEquals", OperatorFamily::Arn},
    {"ArnLike", OperatorFamily::Arn},
    {"ArnNotEquals", OperatorFamily::Arn},
    {"ArnNotLike", OperatorFamily::Arn},
    {"Null", OperatorFamily::Null},
};

constexpr std::string_view kPrefixes[] = {"", "ForAllValues:", "ForAnyValue:"};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

const Node* conditionValueNode(const ConditionEntry& entry) {
  const Node* key = entry.keyNode;
  if (!key || !key->parent || !key->parent->isMapping()) return nullptr;
  const Node& block = *key->parent;
  // The key is an element of the block's key vector: its index is its offset (constant time,
  // so long blocks stay linear).
  if (block.keys.empty() || key < block.keys.data() || key >= block.keys.data() + block.keys.size()) return nullptr;
  size_t i = static_cast<size_t>(key - block.keys.data());
  return i < block.items.size() ? &block.items[i] : nullptr;
}

size_t editDistance(std::string_view a, std::string_view b, bool ignoreCase) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      bool same = ignoreCase ? lower(a[i - 1]) == lower(b[j - 1]) : a[i - 1] == b[j - 1];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool parseConditionOperator(std::string_view text, ConditionOperator& out) {
  out = {};
  for (std::string_view prefix : kPrefixes) {
    if (prefix.empty() || text.substr(0, prefix.size()) != prefix) continue;
    out.setPrefix = prefix;
    text.remove_prefix(prefix.size());
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (text.size() > kIfExists.size() && text.ends_with(kIfExists)) {
    out.ifExists = true;
    text.remove_suffix(kIfExists.size());
  }
  for (const Base& b : kBases) {
    if (b.name != text) continue;
    // `Null` already tests presence: IAM rejects `NullIfExists`. It accepts a set prefix
    // (`ForAllValues:Null`), which changes nothing; IAM501 reports that as a note.
    if (b.family == OperatorFamily::Null && out.ifExists) return false;
    out.base = b.name;
    out.family = b.family;
    return true;
  }
  return false;
}

std::string suggestConditionOperator(std::string_view text) {
  std::string best;
  size_t bestDistance = SIZE_MAX;
  for (std::string_view prefix : kPrefixes)
    for (const Base& b : kBases)
      for (bool ifExists : {false, true}) {
        if (b.family == OperatorFamily::Null && (ifExists || !prefix.empty())) continue;
        std::string candidate = std::string(prefix) + std::string(b.name) + (ifExists ? "IfExists" : "");
        // Case slips cost a little, so `stringEquals` finds `StringEquals` first.
        size_t d = editDistance(text, candidate, true) * 2 + (editDistance(text, candidate, false) > 0 ? 1 : 0);
        if (d < bestDistance) bestDistance = d, best = std::move(candidate);
      }
  if (bestDistance > 2 * std::max<size_t>(2, text.size() / 4) + 1) return {};
  return best;
}

OperatorFamily familyForKeyType(ConditionKeyType type) {
  switch (type) {
    case ConditionKeyType::Numeric:
    case ConditionKeyType::ArrayOfNumeric: return OperatorFamily::Numeric;
    case ConditionKeyType::Date:
    case ConditionKeyType::ArrayOfDate: return OperatorFamily::Date;
    case ConditionKeyType::Bool:
    case ConditionKeyType::ArrayOfBool: return OperatorFamily::Bool;
    case ConditionKeyType::Binary:
    case ConditionKeyType::ArrayOfBinary: return OperatorFamily::Binary;
    case ConditionKeyType::IPAddress:
    case ConditionKeyType::ArrayOfIPAddress: return OperatorFamily::IpAddress;
    case ConditionKeyType::ARN:
    case ConditionKeyType::ArrayOfARN: return OperatorFamily::Arn;
    default: return OperatorFamily::String;
  }
}

std::string_view familyName(OperatorFamily family) {
  switch (family) {
    case OperatorFamily::String: return "String";
    case OperatorFamily::Numeric: return "Numeric";
    case OperatorFamily::Date: return "Date";
    case OperatorFamily::Bool: return "Bool";
    case OperatorFamily::Binary: return "Binary";
    case OperatorFamily::IpAddress: return "IpAddress";
    case OperatorFamily::Arn: return "Arn";
    case OperatorFamily::Null: return "Null";
  }
  return "String";
}

std::string operatorForFamily(const ConditionOperator& op, OperatorFamily family) {
  // The comparison: what follows the family name ("LessThan", "NotEquals", "Like").
  std::string_view comparison = op.base;
  for (std::string_view f : {"String", "Numeric", "Date", "Arn", "Binary"})
    if (comparison.starts_with(f)) comparison.remove_prefix(f.size());
  if (op.base == "NotIpAddress") comparison = "NotEquals";
  if (op.base == "IpAddress" || op.base == "Bool") comparison = "Equals";
  std::string base;
  switch (family) {
    case OperatorFamily::String:
      base = "String" + std::string(comparison == "LessThan" || comparison.find("Than") != std::string_view::npos
                                        ? "Equals"
                                        : comparison);
      break;
    case OperatorFamily::Numeric:
    case OperatorFamily::Date:
      base = std::string(familyName(family)) +
             std::string(comparison == "Like" ? "Equals" : comparison == "NotLike" ? "NotEquals" : comparison);
      break;
    case OperatorFamily::Arn:
      base = comparison.find("Not") != std::string_view::npos ? "ArnNotLike" : "ArnLike";
      break;
    case OperatorFamily::IpAddress: base = comparison.find("Not") != std::string_view::npos ? "NotIpAddress" : "IpAddress"; break;
    case OperatorFamily::Bool: base = "Bool"; break;
    case OperatorFamily::Binary: base = "BinaryEquals"; break;
    case OperatorFamily::Null: base = "Null"; break;
  }
  ConditionOperator check;
  if (!parseConditionOperator(base, check)) return {};
  return std::string(op.setPrefix) + base + (op.ifExists ? "IfExists" : "");
}

}  // namespace iamlint
