// Glob patterns as finite automata, for questions about whole sets of strings: is one
// pattern's language inside the union of others, and which string shows that it is not.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/eval/pattern.h"

namespace iamlint::evalimpl {

// A string matched by every pattern of `all` and by none of `none`, or nothing. With
// `ignoreCase` the patterns are compared lower-cased. Exact unless the search exceeds its
// state budget, in which case `*exhausted` is set and nothing is returned.
std::optional<std::string> findString(const std::vector<Pattern>& all, const std::vector<Pattern>& none,
                                      bool ignoreCase, bool* exhausted = nullptr);

// Tokens of a scope or instantiated statement pattern: `${Name}` (no colon) is a template
// parameter standing for one opaque value, `${aws:key}` a policy variable that may be
// anything, `${*}` `${?}` `${$}` literals. `arn` keeps wildcards inside ARN fields.
Pattern scopePattern(std::string_view text, bool arn);

// The opaque value `${Name}` stands for in scope reasoning, and back.
std::string parameterMarker(std::string_view name);
std::string showMarkers(std::string text);

}  // namespace iamlint::evalimpl
