// Settings of `check`: flags, merged over the config file, and what follows from them.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/cli/commands.h"
#include "analyzer/engine/baseline.h"
#include "analyzer/engine/config.h"
#include "analyzer/report/report.h"

namespace iamlint {

struct CheckSettings {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::vector<std::string> profiles;
  FailOn failOn = FailOn::Warning;
  std::vector<std::string> excludes;
  std::string baseline, writeBaseline;
  std::optional<Baseline> accepted;  // the --baseline file, read once
  unsigned jobs = 1;
  std::string stdinFilename;  // the path reported for `-`
  std::string colorMode = "auto";  // auto, always or never (after --no-color and NO_COLOR)
  bool color = true, quiet = false, printConfig = false;
  bool fix = false, diff = false;  // apply or show the safe fixes
  // For pre-commit, which passes every matching file by name: apply `exclude` to named files
  // too, and skip named files that are neither a template nor a policy instead of IAM001.
  bool forceExclude = false, skipOtherFiles = false;
  Config config;
  EngineOptions engine;
  std::vector<std::shared_ptr<const Profile>> loadedProfiles;
};

// Returns -1 to go on, or an exit code to stop with (help printed, or a usage error in `error`).
int parseCheckSettings(const Args& args, CheckSettings& settings, std::string& error);
// Resolves `profiles` (built-in names or files) into `loadedProfiles` and the engine options.
bool loadProfiles(CheckSettings& settings, std::string& error);
void printEffectiveConfig(const CheckSettings& settings, std::ostream& out);

int exitCodeFor(const RunResult& run, FailOn failOn);

// `KEY=VALUE` pairs and the `aws cloudformation deploy` parameter file formats.
bool parseParameterArgument(const std::string& arg, std::map<std::string, std::string, std::less<>>& out,
                            std::string& error);
bool loadParametersFile(const std::string& path, std::map<std::string, std::string, std::less<>>& out,
                        std::string& error);

}  // namespace iamlint
