// Principals and their effective policy sets: what a role, user or group is actually granted.
#include "iamlint/analysis.h"

namespace iamlint {

const IamPrincipal* Analysis::principal(std::string_view logicalId) const {
  for (const IamPrincipal& p : principals)
    if (p.logicalId == logicalId) return &p;
  return nullptr;
}

PolicySet effectivePolicies(const IamPrincipal& principal) {
  PolicySet set;
  set.identity = principal.policies;
  if (principal.declaresBoundary) set.boundary = principal.boundary;
  set.unknownIdentity = principal.unknownSources;
  set.unknownBoundary = principal.unknownBoundary;
  return set;
}

}  // namespace iamlint
