#include "analyzer/eval/session.h"

#include <algorithm>

namespace iamlint {

namespace {

int permissiveness(Decision d) {
  switch (d) {
    case Decision::Allow: return 2;
    case Decision::ImplicitDeny: return 1;
    case Decision::ExplicitDeny: return 0;
  }
  return 0;
}

void addAll(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const std::string& s : from)
    if (std::find(into.begin(), into.end(), s) == into.end()) into.push_back(s);
}

}  // namespace

EvalResult evaluateSession(const PolicySet& policies, const std::vector<const Policy*>& session, const Request& request,
                           const EvalOptions& options) {
  EvalResult full = evaluate(policies, request, options);
  // The session policies alone, read like identity policies: does the session allow it?
  PolicySet limitSet;
  limitSet.identity = session;
  // Asked as of the principal's own account: only whether a session statement allows it.
  Request own = request;
  own.principal.clear();
  own.resourceAccount.clear();
  EvalResult limit = evaluate(limitSet, own, options);
  bool fullDenies = full.decision == Decision::ExplicitDeny && full.certain;
  bool limitDenies = limit.decision == Decision::ExplicitDeny && limit.certain;
  if (fullDenies) return full;
  if (limitDenies) return limit;
  EvalResult out;
  // The most permissive outcome both allow: Allow needs both, a Deny of either wins.
  out.decision = permissiveness(full.decision) <= permissiveness(limit.decision) ? full.decision : limit.decision;
  out.certain = full.certain && limit.certain;
  addAll(out.assumptions, full.assumptions);
  addAll(out.assumptions, limit.assumptions);
  if (out.decision == Decision::Allow) {
    out.deciding = full.deciding;
    out.deciding.insert(out.deciding.end(), limit.deciding.begin(), limit.deciding.end());
  } else {
    for (const EvalResult* r : {&full, &limit})
      if (r->decision == out.decision) out.deciding.insert(out.deciding.end(), r->deciding.begin(), r->deciding.end());
    out.missing = full.missing;
    if (full.mayAllow() && !limit.mayAllow()) out.missing.push_back("no session policy allows it");
  }
  return out;
}

}  // namespace iamlint
