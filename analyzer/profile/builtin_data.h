// The built-in profiles' text, embedded by cmake/profiles.cmake.
#pragma once

#include <span>
#include <string_view>

namespace iamlint::profiledata {

struct BuiltinFile {
  std::string_view name;  // file stem: `aws-batch-genomics`
  std::string_view text;
};

std::span<const BuiltinFile> builtinFiles();

}  // namespace iamlint::profiledata
