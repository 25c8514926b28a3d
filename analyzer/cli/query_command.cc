#include <iostream>

#include "analyzer/cli/commands.h"

namespace iamlint {

int runQuery(const Args&) {
  std::cerr << "iamlint: query is not available in this build\n";
  return kExitUsage;
}

int runProfiles(const Args&) {
  std::cerr << "iamlint: profiles are not available in this build\n";
  return kExitUsage;
}

bool loadProfiles(struct CheckSettings&, std::string&);

}  // namespace iamlint
