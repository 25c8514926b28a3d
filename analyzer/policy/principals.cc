// Principals and their effective policy sets: what a role, user or group is actually granted.
#include "iamlint/analysis.h"

namespace iamlint {

const std::vector<const IamPrincipal*>& Analysis::holders(const Policy& policy) const {
  if (!holders_) {
    auto index = std::make_unique<std::unordered_map<const Policy*, std::vector<const IamPrincipal*>>>();
    for (const IamPrincipal& pr : principals)
      for (const Policy* q : pr.policies) {
        std::vector<const IamPrincipal*>& list = (*index)[q];
        if (list.empty() || list.back() != &pr) list.push_back(&pr);
      }
    holders_ = std::move(index);
  }
  static const std::vector<const IamPrincipal*> none;
  auto it = holders_->find(&policy);
  return it == holders_->end() ? none : it->second;
}

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
