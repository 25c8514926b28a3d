// The Terraform front end: `terraform show -json` plans and state files. Their IAM is not read
// yet; the file is recognised so that a run says so (IAM010) instead of skipping it in silence.
#pragma once

#include "iamlint/analysis.h"

namespace iamlint {

// True when a document's root looks like Terraform's JSON output (`format_version` with
// `planned_values`, `values`, `resource_changes` or `terraform_version`).
bool looksLikeTerraformPlan(const Node& root);

// The front end's entry point (a row of the engine's front-end table).
void analyzeTerraformPlan(Analysis& analysis, const AnalysisOptions& options);

}  // namespace iamlint
