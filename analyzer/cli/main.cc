// iamlint: read the command, run it. Each subcommand lives in its own file.
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include <unistd.h>

#include "analyzer/cli/commands.h"
#include "analyzer/iamdata/text_match.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const iamlint::Args&);
};

constexpr Command kCommands[] = {
    {"check", iamlint::runCheck},     {"rules", iamlint::runRules},
    {"explain", iamlint::runExplain}, {"profiles", iamlint::runProfiles},
    {"query", iamlint::runQuery},     {"version", iamlint::runVersion},
    {"lsp", iamlint::runLsp},
    {"policies", iamlint::runPolicies},
};

int realMain(int argc, char** argv) {
  iamlint::Args args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--version" || args[0] == "-V")) return iamlint::runVersion({});
  if (!args.empty() && args[0] == "help") return iamlint::runCheck({"--help"});
  if (!args.empty()) {
    for (const Command& c : kCommands) {
      if (args[0] == c.name) return c.run(iamlint::Args(args.begin() + 1, args.end()));
    }
  }
  // `iamlint explian X`: neither a command nor a path, but close to a command.
  if (!args.empty() && !args[0].empty() && args[0][0] != '-' && args[0].find('/') == std::string::npos &&
      access(args[0].c_str(), F_OK) != 0) {
    for (const Command& c : kCommands)
      if (iamlint::iamdata::editDistance(args[0], c.name, 2) <= 2) {
        std::fprintf(stderr, "iamlint: `%s` is not a command or a path; did you mean `%s`?\n", args[0].c_str(), c.name);
        return iamlint::kExitUsage;
      }
  }
  // `iamlint PATH...` is `iamlint check PATH...`.
  return iamlint::runCheck(args);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return realMain(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "iamlint: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "iamlint: internal error: %s\n", e.what());
  }
  return 3;
}
