// Rule selectors (`--select`, `--ignore`, `select:`/`ignore:` in .iamlint.yaml): a rule id, an id
// prefix such as IAM2, a rule name, or ALL. A selector that matches no rule is a usage error, so a
// typo never turns every rule off.
#pragma once

#include <string>
#include <string_view>

namespace iamlint {

// Empty when `selector` matches at least one rule; otherwise why not, with a did-you-mean when
// one rule id, prefix or name is close.
std::string ruleSelectorError(std::string_view selector);

}  // namespace iamlint
