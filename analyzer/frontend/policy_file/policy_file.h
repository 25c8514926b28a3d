// The policy-file front end: one IAM policy document (identity, trust or resource policy).
#pragma once

#include "iamlint/analysis.h"

namespace iamlint {

// True when a document's root looks like an IAM policy.
bool looksLikePolicyFile(const Node& root);

// The front end's entry point (a row of the engine's front-end table). The file is its own
// principal when it is an identity policy, so `query` and the security rules can look at it.
void analyzePolicyFile(Analysis& analysis, const AnalysisOptions& options);

}  // namespace iamlint
