// `.iamlint.yaml`: the project's settings, read once, every bad key or value an error with
// the file's line.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/engine.h"

namespace iamlint {

enum class FailOn : uint8_t { Error, Warning, Note, None };
bool parseFailOn(std::string_view text, FailOn& out);
const char* failOnName(FailOn f);

struct Config {
  std::string path;  // empty when no file was found
  std::vector<std::string> select, ignore;
  std::map<std::string, Level, std::less<>> levels;
  std::vector<std::string> profiles;
  std::map<std::string, std::string, std::less<>> parameters;
  std::vector<std::string> excludes;
  std::optional<FailOn> failOn;
};

// Reads a config file; on error returns false with `error` as `path:line:col: message`.
bool loadConfig(const std::string& path, Config& config, std::string& error);
// The nearest `.iamlint.yaml` from `start` upward, if any.
std::optional<std::string> findConfig(const std::string& start);

}  // namespace iamlint
