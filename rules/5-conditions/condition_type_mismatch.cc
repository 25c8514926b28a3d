#include <strings.h>
#include <re2/re2.h>

#include <ctime>
#include <set>

#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"
#include "rules/lib/regions.h"
#include "analyzer/iamdata/text_match.h"

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

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (tolower(static_cast<unsigned char>(a[i])) != tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool isEpochSeconds(std::string_view v) {
  static const RE2 epoch("[0-9]+");
  return matches(v, epoch);
}

bool isBase64(std::string_view v) {
  static const RE2 re("([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
  return !v.empty() && matches(v, re);
}

// `1767225600` as `2026-01-01T00:00:00Z`, or empty when out of range.
std::string epochToIso(std::string_view v) {
  if (v.size() > 11) return {};
  long long seconds = std::stoll(std::string(v));
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return {};
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const char* jsonTypeName(ScalarStyle s) {
  switch (s) {
    case ScalarStyle::JsonNumber: return "number";
    case ScalarStyle::JsonBool: return "boolean";
    default: return "string";
  }
}

// The written shape of the values: IAM takes a string, number or boolean, or a list of them all
// of one JSON type. CloudFormation turns every scalar into a string, so mixed scalar types
// matter only in a policy file; a mapping that is not an intrinsic reaches IAM in any input.
void checkDataTypes(RuleContext& context, const Policy& p, const ConditionEntry& c) {
  const Node* value = conditionValueNode(c);
  if (!value || value->isIntrinsic()) return;
  auto badShape = [&](const Node& n, const char* where) {
    if (n.isMapping() && !n.isIntrinsic()) {
      context.report(&n, std::string(where) + " of " + quoted(c.key) + " under " + quoted(c.op) +
                             " is a mapping; IAM takes a string, number or boolean, or a list of them")
          .level(Level::Error);
      return true;
    }
    if (n.isSequence() && n.tag.empty() && &n != value) {
      context.report(&n, std::string(where) + " of " + quoted(c.key) + " under " + quoted(c.op) +
                             " is a list inside the list; IAM takes a flat list of values")
          .level(Level::Error);
      return true;
    }
    return false;
  };
  if (!value->isSequence() || !value->tag.empty()) {
    badShape(*value, "the value");
    return;
  }
  bool policyFile = p.resource.empty() && p.resourceType.empty();
  const Node* first = nullptr;
  for (const Node& item : value->items) {
    if (badShape(item, "a value")) continue;
    if (!policyFile || !item.isScalar()) continue;
    bool typed = item.style == ScalarStyle::JsonNumber || item.style == ScalarStyle::JsonBool ||
                 item.style == ScalarStyle::JsonString;
    if (!typed) continue;
    if (!first) {
      first = &item;
    } else if (jsonTypeName(item.style) != std::string_view(jsonTypeName(first->style))) {
      context.report(&item, "the values of " + quoted(c.key) + " under " + quoted(c.op) + " mix JSON types: " +
                                quoted(item.text) + " is a " + jsonTypeName(item.style) + ", " + quoted(first->text) +
                                " a " + jsonTypeName(first->style) + "; policy validation rejects a list of mixed types")
          .related(first, "the first value, a " + std::string(jsonTypeName(first->style)));
      return;
    }
  }
}

void checkTypes(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  // The variants of a statement (one per `Fn::If` branch of its Condition) share key nodes:
  // each written key is judged once.
  std::set<const Node*> seenKeys;
  forEachStatement(context.analysis(), [&](const Policy& p, const Statement& st) {
    std::set<const Node*> reportedKeys;
    for (const ConditionEntry& c : st.conditions) {
      if (c.keyNode && !seenKeys.insert(c.keyNode).second) continue;
      if (c.keyNode) checkDataTypes(context, p, c);
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
      // A boolean key holds one value: IAM rejects a list of booleans under `Bool`.
      if (op.family == OperatorFamily::Bool && c.values.size() > 1) {
        const Node* node = at(c.values[1], c.keyNode);
        context.report(node, quoted(c.op) + " takes one `true` or `false` for " + quoted(c.key) + ", but it has " +
                                 std::to_string(c.values.size()) +
                                 " values; policy validation rejects a list of booleans, and with both values "
                                 "the condition only tests that the key is present");
        continue;
      }
      // `aws:RequestedRegion` against the regions AWS has launched.
      if (op.family == OperatorFamily::String && c.key.size() == 19 &&
          strncasecmp(c.key.c_str(), "aws:RequestedRegion", 19) == 0) {
        for (const Value& v : c.values)
          for (const Resolved* alt : distinctAlternatives(v)) {
            const std::string& r = alt->text;
            if (!alt->exact() || iamdata::findAny(r, "*?$") != std::string::npos || knownRegion(r)) continue;
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
      for (const Value& v : c.values)
        for (const Resolved* alt : distinctAlternatives(v)) {
          if (!alt->exact() || alt->text.find("${") != std::string::npos) continue;  // opaque
          const Node* node = at(v, c.keyNode);
          if (op.family == OperatorFamily::Binary) {
            if (isBase64(alt->text)) continue;
            FindingBuilder b = context.report(node, quoted(alt->text) + " is not a base64 value: " + quoted(c.op) +
                                                        " compares binary data written in base64" + branchNote(*alt));
            relateOrigin(b, *alt, node);
            continue;
          }
          if (expected.empty()) continue;
          if (valueFits(op.family, alt->text)) {
            // Epoch seconds compare correctly, but ISO 8601 says which moment is meant.
            if (op.family == OperatorFamily::Date && isEpochSeconds(alt->text) && !iequals(c.key, "aws:EpochTime")) {
              FindingBuilder b = context.report(
                  node, quoted(alt->text) + " is a date in epoch seconds; IAM accepts it for " + quoted(c.op) +
                            ", but an ISO 8601 date states the moment plainly" + branchNote(*alt));
              b.level(Level::Note);
              if (std::string iso = epochToIso(alt->text); !iso.empty()) b.suggest(iso);
              relateOrigin(b, *alt, node);
            }
            continue;
          }
          FindingBuilder b = context.report(node, quoted(alt->text) + " is not a valid value for " + quoted(c.op) +
                                                      ": it takes " + std::string(expected) + branchNote(*alt));
          // IAM rejects an IP value that is no address or CIDR block; other misfits it accepts.
          if (op.family == OperatorFamily::IpAddress) b.level(Level::Error);
          relateOrigin(b, *alt, node);
        }
    }
  });
}

}  // namespace

extern const Rule kConditionTypeMismatch{
    {"IAM503", "condition-type-mismatch", Level::Warning,
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
  values that are not an address or CIDR block (an error: IAM rejects them), `Arn*` values
  that are not ARNs, `BinaryEquals` values that are not base64;
- an `aws:RequestedRegion` value that is not a region AWS has launched (`us-eest-1`, with a
  did-you-mean; the list comes from cfn-lint's region table, `tools/gen-regions`);
- a mapping as a value or a list inside the value list (errors: IAM rejects them); values
  of mixed JSON types in a policy file (`[3600, "7200"]`; CloudFormation makes every scalar
  a string, so templates never have them) and more than one value under `Bool`, which
  policy validation (Access Analyzer) rejects as invalid;
- as a note, `Date*` values in epoch seconds (but for `aws:EpochTime`, which is epoch seconds): IAM accepts them, an ISO 8601 date is
  clearer (the suggestion is the same moment in ISO 8601).

`...IfExists` and `ForAllValues:`/`ForAnyValue:` variants are judged like their base
operator. Values only known at deploy time and policy variables are not judged.

Access Analyzer reports these as `TYPE_MISMATCH` (operator and key), `TYPE_MISMATCH_BOOLEAN`,
`TYPE_MISMATCH_NUMBER`, `TYPE_MISMATCH_DATE`, `TYPE_MISMATCH_IP_RANGE`,
`TYPE_MISMATCH_STRING` (base64), `INVALID_CONDITION_DATA_TYPE`,
`INVALID_CONDITION_MULTIPLE_BOOLEAN`, `INVALID_DATE_VALUE` and `INVALID_REGION`.

## Why is this bad?
IAM compares the request's value and the policy's value by the operator's type. When
the types do not fit, nothing matches: the condition is never true (or, with
`IfExists`, true only when the key is absent), so an Allow grants nothing and a Deny
protects nothing, with no error at deploy time. The values IAM rejects outright (an
invalid IP address, a mapping as a value) fail the deployment instead.

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
Keys the catalog does not know (IAM502) and keys of unknown type are not checked against
the operator; their values are still checked against the operator. A region
launched after the bundled list is reported until the list is regenerated; `aws:RequestedRegion`
values with wildcards are not checked.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
- https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints
)md",
     "correctness"},
    checkTypes,
    "INVALID_CONDITION_DATA_TYPE INVALID_CONDITION_MULTIPLE_BOOLEAN INVALID_DATE_VALUE INVALID_REGION TYPE_MISMATCH "
    "TYPE_MISMATCH_BOOLEAN TYPE_MISMATCH_DATE TYPE_MISMATCH_IP_RANGE TYPE_MISMATCH_NUMBER TYPE_MISMATCH_STRING"};

}  // namespace iamlint
