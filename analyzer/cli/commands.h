// Subcommands: each has its own file and one entry in the table in main.cc.
#pragma once

#include <string>
#include <vector>

namespace iamlint {

using Args = std::vector<std::string>;

int runCheck(const Args& args);
int runRules(const Args& args);
int runExplain(const Args& args);
int runProfiles(const Args& args);
int runQuery(const Args& args);
int runPolicies(const Args& args);
int runVersion(const Args& args);
int runLsp(const Args& args);
int runData(const Args& args);

// Exit codes (SPEC §3).
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

}  // namespace iamlint
