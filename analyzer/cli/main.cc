// iamlint: read the command, run it. Each subcommand lives in its own file.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>

#include <unistd.h>

#include "analyzer/cli/commands.h"
#include "analyzer/iamdata/data_dir.h"
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
    {"data", iamlint::runData},
};

// `--data-dir DIR` (anywhere before `--`, for every command but `data`, which writes the
// directory), else IAMLINT_DATA_DIR: the IAM data to use instead of the built-in data.
// Returns -1 to go on, or the exit code of a usage error.
int applyDataDir(iamlint::Args& args) {
  if (!args.empty() && args[0] == "data") return -1;
  std::string dir, source;
  bool given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") break;
    if (args[i] == "--data-dir" || args[i].rfind("--data-dir=", 0) == 0) {
      bool joined = args[i] != "--data-dir";
      if (!joined && i + 1 >= args.size()) {
        std::fprintf(stderr, "iamlint: --data-dir needs a directory\n");
        return iamlint::kExitUsage;
      }
      dir = joined ? args[i].substr(11) : args[i + 1];
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + (joined ? 1 : 2)));
      --i;
      given = true;
      if (dir.empty()) {
        std::fprintf(stderr, "iamlint: --data-dir needs a directory\n");
        return iamlint::kExitUsage;
      }
      source = "--data-dir";
    }
  }
  if (!given) {
    const char* env = std::getenv("IAMLINT_DATA_DIR");
    if (!env || !*env) return -1;
    dir = env;
    source = "IAMLINT_DATA_DIR";
  }
  std::string why = iamlint::iamdata::useDataDirectory(dir, source);
  if (!why.empty()) {
    std::fprintf(stderr, "iamlint: %s (the data directory named by %s)\n", why.c_str(), source.c_str());
    return iamlint::kExitUsage;
  }
  return -1;
}

int realMain(int argc, char** argv) {
  iamlint::Args args(argv + 1, argv + argc);
  if (int rc = applyDataDir(args); rc >= 0) return rc;
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
