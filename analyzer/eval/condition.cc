// Condition operators (semantics.md §2.5): every family, IfExists, the set operators,
// multivalued keys and the documented behaviour for missing keys.
#include <algorithm>

#include "analyzer/eval/pattern.h"
#include "analyzer/eval/scalar.h"

namespace iamlint {

using namespace evalimpl;

namespace {

enum class Family : uint8_t { String, StringIgnoreCase, StringLike, Numeric, Date, Bool, Binary, Ip, Arn, Null, Unknown };
enum class Compare : uint8_t { Eq, Lt, Le, Gt, Ge };
enum class SetOp : uint8_t { None, AnyValue, AllValues };

struct Operator {
  Family family = Family::Unknown;
  Compare compare = Compare::Eq;
  bool negated = false;
  bool ifExists = false;
  SetOp set = SetOp::None;
};

struct Known {
  const char* name;
  Family family;
  Compare compare;
  bool negated;
};

// Operator names are matched case-insensitively, as IAM reads them.
constexpr Known kOperators[] = {
    {"stringequals", Family::String, Compare::Eq, false},
    {"stringnotequals", Family::String, Compare::Eq, true},
    {"stringequalsignorecase", Family::StringIgnoreCase, Compare::Eq, false},
    {"stringnotequalsignorecase", Family::StringIgnoreCase, Compare::Eq, true},
    {"stringlike", Family::StringLike, Compare::Eq, false},
    {"stringnotlike", Family::StringLike, Compare::Eq, true},
    {"numericequals", Family::Numeric, Compare::Eq, false},
    {"numericnotequals", Family::Numeric, Compare::Eq, true},
    {"numericlessthan", Family::Numeric, Compare::Lt, false},
    {"numericlessthanequals", Family::Numeric, Compare::Le, false},
    {"numericgreaterthan", Family::Numeric, Compare::Gt, false},
    {"numericgreaterthanequals", Family::Numeric, Compare::Ge, false},
    {"dateequals", Family::Date, Compare::Eq, false},
    {"datenotequals", Family::Date, Compare::Eq, true},
    {"datelessthan", Family::Date, Compare::Lt, false},
    {"datelessthanequals", Family::Date, Compare::Le, false},
    {"dategreaterthan", Family::Date, Compare::Gt, false},
    {"dategreaterthanequals", Family::Date, Compare::Ge, false},
    {"bool", Family::Bool, Compare::Eq, false},
    {"binaryequals", Family::Binary, Compare::Eq, false},
    {"ipaddress", Family::Ip, Compare::Eq, false},
    {"notipaddress", Family::Ip, Compare::Eq, true},
    {"arnequals", Family::Arn, Compare::Eq, false},
    {"arnlike", Family::Arn, Compare::Eq, false},
    {"arnnotequals", Family::Arn, Compare::Eq, true},
    {"arnnotlike", Family::Arn, Compare::Eq, true},
    {"null", Family::Null, Compare::Eq, false},
};

Operator parseOperator(std::string_view written) {
  Operator op;
  std::string name = lower(written);
  if (name.rfind("forallvalues:", 0) == 0) op.set = SetOp::AllValues, name.erase(0, 13);
  else if (name.rfind("foranyvalue:", 0) == 0) op.set = SetOp::AnyValue, name.erase(0, 12);
  if (name.size() > 8 && name.compare(name.size() - 8, 8, "ifexists") == 0 && name != "null") {
    op.ifExists = true;
    name.erase(name.size() - 8);
  }
  for (const Known& k : kOperators) {
    if (name == k.name) {
      op.family = k.family, op.compare = k.compare, op.negated = k.negated;
      if (op.family == Family::Null && op.ifExists) op.family = Family::Unknown;  // NullIfExists is not a thing
      return op;
    }
  }
  return op;
}

bool compareValues(long double a, long double b, Compare c) {
  switch (c) {
    case Compare::Eq: return a == b;
    case Compare::Lt: return a < b;
    case Compare::Le: return a <= b;
    case Compare::Gt: return a > b;
    case Compare::Ge: return a >= b;
  }
  return false;
}

// The positive form of the operator: does request value `r` match policy value `v`?
Tri matchOne(const Operator& op, std::string_view r, const Resolved& v, const Context& context,
             const EvalOptions& options, std::vector<std::string>* notes) {
  std::string text = bindHoles(v, options, notes);
  bool holes = text.find(kHoleMark) != std::string::npos;
  switch (op.family) {
    case Family::String:
      return runTri(compile(text, {false, true, false}, &context), r, false);
    case Family::StringIgnoreCase:
      return runTri(compile(text, {false, true, false}, &context), r, true);
    case Family::StringLike:
      return runTri(compile(text, {true, true, false}, &context), r, false);
    case Family::Bool:
      // The Boolean section of the operator page allows variables (semantics.md §2.4).
      return runTri(compile(text, {false, true, false}, &context), r, true);
    case Family::Binary:
      if (holes) return Tri::Maybe;
      return r == text ? Tri::Yes : Tri::No;
    case Family::Numeric:
    case Family::Date: {
      if (holes) return Tri::Maybe;
      auto parse = op.family == Family::Numeric ? parseNumber : parseDate;
      auto a = parse(r), b = parse(text);
      return a && b && compareValues(*a, *b, op.compare) ? Tri::Yes : Tri::No;
    }
    case Family::Ip: {
      if (holes) return Tri::Maybe;
      auto a = parseCidr(r), b = parseCidr(text);
      return a && b && ipInBlock(*a, *b) ? Tri::Yes : Tri::No;
    }
    case Family::Arn:
      if (holes) {
        // A hole may hold colons; matching the whole text with free wildcards over-approximates.
        return run(compile(text, {true, true, false}, &context), r, false) ? Tri::Maybe : Tri::No;
      }
      return arnLikeMatches(text, r, context) ? Tri::Yes : Tri::No;
    case Family::Null:
    case Family::Unknown:
      break;
  }
  return Tri::Maybe;
}

// The operator over all policy values for one request value: any match for a positive
// operator, no match for a negated one ("like a logical AND", semantics.md §2.5).
Tri matchValues(const Operator& op, std::string_view r, const std::vector<Value>& values, const Context& context,
                const EvalOptions& options, std::vector<std::string>* notes) {
  Tri any = Tri::No;
  for (const Value& value : values) {
    any = triOr(any, overAlternatives(value, options, notes, [&](const Resolved& alt) {
                return matchOne(op, r, alt, context, options, notes);
              }));
    if (any == Tri::Yes) break;
  }
  return op.negated ? triNot(any) : any;
}

}  // namespace

Tri conditionHolds(const ConditionEntry& entry, const Context& context, const EvalOptions& options,
                   std::vector<std::string>* notes) {
  Operator op = parseOperator(entry.op);
  const Context::Entry* found = context.find(entry.key);
  if (op.family == Family::Unknown) {
    addNote(notes, "does not know condition operator " + entry.op);
    return Tri::Maybe;
  }
  if (!found && context.open()) {
    addNote(notes, "depends on the request's " + entry.key);
    return Tri::Maybe;
  }
  if (op.family == Family::Null) {
    // `true` asks for an absent key, `false` for a present one.
    std::string goal = found ? "false" : "true";
    Tri any = Tri::No;
    for (const Value& value : entry.values) {
      any = triOr(any, overAlternatives(value, options, notes, [&](const Resolved& alt) {
                    std::string text = bindHoles(alt, options, notes);
                    if (text.find(kHoleMark) != std::string::npos) return Tri::Maybe;
                    return lower(text) == goal ? Tri::Yes : Tri::No;
                  }));
    }
    return any;
  }
  if (!found) {
    // The documented missing-key table: IfExists and ForAllValues hold, negated operators
    // hold, ForAnyValue and positive operators do not.
    if (op.ifExists || op.set == SetOp::AllValues) return Tri::Yes;
    if (op.set == SetOp::AnyValue) return Tri::No;
    return op.negated ? Tri::Yes : Tri::No;
  }
  if (op.set == SetOp::None) {
    // A plain operator needs a single value; a list needs a set operator ("Set operator is
    // required for a multi-value key", as iam-simulate confirmed with AWS).
    if (found->multi || found->values.size() != 1) return Tri::No;
    return matchValues(op, found->values[0], entry.values, context, options, notes);
  }
  Tri result = op.set == SetOp::AllValues ? Tri::Yes : Tri::No;
  for (const std::string& r : found->values) {
    Tri one = matchValues(op, r, entry.values, context, options, notes);
    result = op.set == SetOp::AllValues ? triAnd(result, one) : triOr(result, one);
  }
  return result;
}

}  // namespace iamlint
