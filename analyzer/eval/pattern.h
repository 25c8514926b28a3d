// Compiled IAM patterns: the text of a resolved policy value with its policy variables
// substituted from the request, its template parameters bound or left open, and its
// wildcards turned into tokens a small matcher can run. Shared by the matcher, the
// condition operators and the scope check.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/eval.h"

namespace iamlint::evalimpl {

// Marks an unbound template parameter inside compiled text: it may stand for anything.
constexpr char kHoleMark = '\x01';

struct Token {
  enum Kind : uint8_t { Lit, Star, One, Hole } kind = Lit;
  char c = 0;
  bool noColon = false;  // a wildcard inside one of the first five ARN fields
};

struct Pattern {
  std::vector<Token> tokens;
  bool never = false;  // a policy variable without a value: matches nothing
  bool holes = false;  // has unbound template parameters
};

struct CompileMode {
  bool wildcards = true;  // `*` and `?` are wildcards (Like, Resource) or literal (Equals)
  bool variables = true;  // `${key}` policy variables are substituted
  bool arnFields = false;  // wildcards keep to their ARN field (Resource matching)
};

// Applies `bindings` to the holes of `value`; unbound holes become kHoleMark. Records what it
// assumed in `notes`.
std::string bindHoles(const Resolved& value, const EvalOptions& options,
                      std::vector<std::string>* notes);

// Tokenises policy text (after bindHoles). `context` may be null when variables are off.
Pattern compile(std::string_view text, CompileMode mode, const Context* context);

// Marks the wildcards that must stay inside one of the first five ARN fields.
void markArnFields(Pattern& pattern);

// Runs a compiled pattern over concrete text; unbound holes match any run of characters,
// so with holes a true answer only means "possibly".
bool run(const Pattern& pattern, std::string_view text, bool ignoreCase);

// Three-valued match: No, Yes, or Maybe when only a hole makes it possibly match.
Tri runTri(const Pattern& pattern, std::string_view text, bool ignoreCase);

// Adds `note` to `notes` unless it is already there.
void addNote(std::vector<std::string>* notes, std::string note);

// ASCII lower-casing, for case-insensitive keys and actions.
std::string lower(std::string_view s);

// Truth of a CloudFormation condition name (`C` or `!C`) under `options`, Maybe if unknown.
Tri conditionTruth(const Guard& guard, const EvalOptions& options);
// "depends on condition C" for each condition of the guard the options leave unknown.
void noteGuard(std::vector<std::string>* notes, const Guard& guard, const EvalOptions& options);

// Runs `test` on each alternative of `value` whose guard may hold: Yes when all possible
// alternatives say Yes and the element is always present, No when all say No or none can
// exist, Maybe otherwise (noting the CloudFormation conditions it depends on).
Tri overAlternatives(const Value& value, const EvalOptions& options, std::vector<std::string>* notes,
                     const std::function<Tri(const Resolved&)>& test);

}  // namespace iamlint::evalimpl
