// `Metadata: {iamlint: {ignore: [{rule, reason}]}}` at template and resource level.
#pragma once

#include <vector>

#include "analyzer/engine/engine.h"

namespace iamlint {

// Marks matching findings suppressed, and adds findings for suppressions that are malformed
// (IAM009) or that matched nothing (IAM008).
void applySuppressions(const Analysis& analysis, std::vector<Finding>& findings,
                       const RuleSelection& selection);

}  // namespace iamlint
