// Session policies: the policies passed to AssumeRole (Policy, PolicyArns) or
// GetFederationToken, which limit what the session may do (docs/evaluation.md).
#pragma once

#include <vector>

#include "iamlint/eval.h"

namespace iamlint {

// The decision for a session whose principal has `policies` and whose session policies are
// `session`: allowed only where `evaluate(policies, ...)` allows and the session policies
// allow too (a resource policy naming the role or user is limited like the identity
// policies); a Deny in a session policy wins.
EvalResult evaluateSession(const PolicySet& policies, const std::vector<const Policy*>& session, const Request& request,
                           const EvalOptions& options = {});

}  // namespace iamlint
