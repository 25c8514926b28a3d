// Case-insensitive text helpers shared by the catalog lookups.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint::iamdata {

char asciiLower(char c);
std::string toLower(std::string_view s);
bool equalsIgnoreCase(std::string_view a, std::string_view b);
bool lessIgnoreCase(std::string_view a, std::string_view b);
bool hasWildcard(std::string_view s);  // * or ?

// IAM's action glob: * is any run of characters, ? one character, case ignored.
bool wildcardMatch(std::string_view pattern, std::string_view text);

// Optimal-string-alignment distance over lower-cased text; gives up (returns limit + 1)
// once the distance must exceed limit, which keeps "did you mean" scans cheap.
size_t editDistance(std::string_view a, std::string_view b, size_t limit);

// Splits on a separator; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char sep);

}  // namespace iamlint::iamdata
