#include <strings.h>
#include <re2/re2.h>

#include <set>

#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"
#include "rules/lib/regions.h"

namespace iamlint {

namespace {

bool isBool(std::string_view v) {
  std::string l(v);
  for (char& c : l) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return l == "true" || l == "false";
}

// RE2, not std::regex: std::regex recurses per character and overflows the stack on a long value.
bool matches(std::string_view v, const RE2& re) { return RE2::FullMatch(re2::StringPiece(v.data(), v.size()), re); }

bool isNumber(std::string_view v) {
  static const RE2 re("-?[0-9]+(\\.[0-9]+)?");
  return matches(v, re);
}

bool isDate(std::string_view v) {
  static const RE2 iso(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?");
  static const RE2 epoch("[0-9]+");
  return matches(v, iso) || matches(v, epoch);
}

bool isIp(std::string_view v) {
  static const RE2 v4("(([0-9]{1,3})\\.){3}[0-9]{1,3}(/[0-9]{1,2})?");
  static const RE2 v6("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/[0-9]{1,3})?");
  if (matches(v, v6)) return true;
  if (!matches(v, v4)) return false;
  size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    size_t end = v.find_first_of("./", pos);
    if (std::stoi(std::string(v.substr(pos, end - pos))) > 255) return false;
    pos = end == std::string_view::npos ? end : end + 1;
    if (pos == std::string_view::npos) break;
  }
  if (size_t slash = v.find('/'); slash != std::string_view::npos && std::stoi(std::string(v.substr(slash + 1))) > 32)
    return false;
  return true;
}

// What values of a family look like, for messages; empty when anything goes.
std::string_view expectedValues(OperatorFamily f) {
  switch (f) {
    case OperatorFamily::Bool:
    case OperatorFamily::Null: return "`true` or `false`";
    case OperatorFamily::Numeric: return "a number";
    case OperatorFamily::Date: return "an ISO 8601 date (`2026-01-31T00:00:00Z`) or epoch seconds";
    case OperatorFamily::IpAddress: return "an IP address or CIDR block (`203.0.113.0/24`)";
    case OperatorFamily::Arn: return "an ARN";
    default: return "";
  }
}

bool valueFits(OperatorFamily f, std::string_view v) {
  switch (f) {
    case OperatorFamily::Bool:
    case OperatorFamily::Null: return isBool(v);
    case OperatorFamily::Numeric: return isNumber(v);
    case OperatorFamily::Date: return isDate(v);
    case OperatorFamily::IpAddress: return isIp(v);
    case OperatorFamily::Arn: return v == "*" || v.starts_with("arn:") || v.starts_with("ARN:");
    default: return true;
  }
}

void checkTypes(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    std::set<const Node*> reportedKeys;
    for (const ConditionEntry& c : st.conditions) {
      ConditionOperator op;
      if (!parseConditionOperator(c.op, op)) continue;  // IAM501
      // The operator against the key's type.
      const ConditionKeyInfo* info = c.key.empty() ? nullptr : catalog.findConditionKey(c.key);
      if (info && op.family != OperatorFamily::String && op.family != OperatorFamily::Null &&
          info->type != ConditionKeyType::Unknown) {
        OperatorFamily keyFamily = familyForKeyType(info->type);
        // AWS's own policies compare ARN-valued String keys (`kms:EncryptionContext:aws:s3:arn`,
        // tags holding ARNs) with `ArnLike`, and IAM honours that.
        bool arnOnString = op.family == OperatorFamily::Arn && keyFamily == OperatorFamily::String;
        if (keyFamily != op.family && !arnOnString &&
            reportedKeys.insert(c.keyNode).second) {
          FindingBuilder b = context.report(
              c.keyNode ? c.keyNode : c.opNode,
              quoted(c.op) + " compares " + std::string(familyName(op.family)) + " values, but " + quoted(c.key) +
                  (info->type == ConditionKeyType::ArrayOfString || info->type == ConditionKeyType::ArrayOfARN ||
                           info->type == ConditionKeyType::ArrayOfBool || info->type == ConditionKeyType::ArrayOfNumeric ||
                           info->type == ConditionKeyType::ArrayOfDate || info->type == ConditionKeyType::ArrayOfIPAddress ||
                           info->type == ConditionKeyType::ArrayOfBinary || info->type == ConditionKeyType::ARN ||
                           info->type == ConditionKeyType::IPAddress
                       ? " is an "
                       : " is a ") +
                  std::string(conditionKeyTypeName(info->type)) + " key, so the values cannot compare as intended");
          if (std::string s = operatorForFamily(op, keyFamily); !s.empty()) b.suggest(s);
          continue;
        }
      }
      // `aws:RequestedRegion` against the regions AWS has launched.
      if (op.family == OperatorFamily::String && c.key.size() == 19 &&
          strncasecmp(c.key.c_str(), "aws:RequestedRegion", 19) == 0) {
        for (const Value& v : c.values)
          for (const Resolved* alt : distinctAlternatives(v)) {
            const std::string& r = alt->text;
            if (!alt->exact() || r.find_first_of("*?$") != std::string::npos || knownRegion(r)) continue;
            std::string closest = closestKnownRegion(r);
            const Node* node = at(v, c.keyNode);
            FindingBuilder b = context.report(
                node, quoted(r) + " is not an AWS region, so `aws:RequestedRegion` never has this value" +
                          (closest.empty() ? std::string() : " (did you mean " + quoted(closest) + "?)") + branchNote(*alt));
            relateOrigin(b, *alt, node);
            if (!closest.empty()) b.suggest(closest);
            b.help("the known regions are from " + std::string(regionListSource()) +
                   "; a region launched after it is not in the list yet");
          }
        continue;
      }
      // The values against the operator.
      std::string_view expected = expectedValues(op.family);
      if (expected.empty()) continue;
      for (const Value& v : c.values)
        for (const Resolved* alt : distinctAlternatives(v)) {
          if (!alt->exact() || alt->text.find("${") != std::string::npos) continue;  // opaque
          if (valueFits(op.family, alt->text)) continue;
          const Node* node = at(v, c.keyNode);
          FindingBuilder b = context.report(node, quoted(alt->text) + " is not a valid value for " + quoted(c.op) +
                                                      ": it takes " + std::string(expected) + branchNote(*alt));
          relateOrigin(b, *alt, node);
        }
    }
  });
}

}  // namespace

extern const Rule kConditionTypeMismatch{
    {"IAM503", "condition-type-mismatch", Level::Error,
     "A condition operator does not fit its key's type, or a value does not fit its operator",
     R"md(## What it does
Compares each condition operator with the type the catalog gives its key, and each
value with what the operator compares:

- a `Bool` operator on a String key, a `Date*` operator on a Numeric key, `IpAddress` on
  a key that holds no IP address, an `Arn*` operator on a Numeric, Date, Bool or IP key
  (`String*` operators are accepted on every key, and `Arn*` operators on String keys,
  which often hold ARNs: AWS's own policies use `ArnLike` on `kms:EncryptionContext:aws:s3:arn`);
- `Bool` and `Null` values that are not `true`/`false`, `Numeric*` values that are not
  numbers, `Date*` values that are neither ISO 8601 nor epoch seconds, `IpAddress`
  values that are not an address or CIDR block, `Arn*` values that are not ARNs;
- an `aws:RequestedRegion` value that is not a region AWS has launched (`us-eest-1`, with a
  did-you-mean; the list comes from cfn-lint's region table, `tools/gen-regions`).

`...IfExists` and `ForAllValues:`/`ForAnyValue:` variants are judged like their base
operator. Values only known at deploy time and policy variables are not judged.

## Why is this bad?
IAM compares the request's value and the policy's value by the operator's type. When
the types do not fit, nothing matches: the condition is never true (or, with
`IfExists`, true only when the key is absent), so an Allow grants nothing and a Deny
protects nothing, with no error at deploy time.

## Example
```yaml
Condition:
  Bool:
    aws:SourceIp: 203.0.113.0/24
  NumericLessThan:
    aws:MultiFactorAuthAge: one-hour
```

## Use instead
```yaml
Condition:
  IpAddress:
    aws:SourceIp: 203.0.113.0/24
  NumericLessThan:
    aws:MultiFactorAuthAge: 3600
```

## Known limitations
Keys the catalog does not know (IAM502) and keys of unknown type are not checked. A region
launched after the bundled list is reported until the list is regenerated; `aws:RequestedRegion`
values with wildcards are not checked.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
- https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints
)md",
     "correctness"},
    checkTypes,
    "INVALID_REGION"};

}  // namespace iamlint
