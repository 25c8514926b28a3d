#include "analyzer/cli/options.h"

namespace iamlint {

bool loadProfiles(CheckSettings& settings, std::string& error) {
  if (settings.profiles.empty()) return true;
  error = "requirement profiles are not available in this build";
  return false;
}

}  // namespace iamlint
