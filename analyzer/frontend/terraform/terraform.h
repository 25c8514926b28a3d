// The Terraform front end: `terraform show -json` plans and state files. The AWS resources
// that carry IAM (roles, users, groups, their policies and attachments, policy documents and
// resource policies) become policies and principals; findings name resource addresses.
#pragma once

#include "iamlint/analysis.h"

namespace iamlint {

// True when a document's root looks like Terraform's JSON output (`format_version` with
// `planned_values`, `values`, `resource_changes` or `terraform_version`).
bool looksLikeTerraformPlan(const Node& root);

// The front end's entry point (a row of the engine's front-end table). Values known only
// after apply are holes: what depends on them is not checked, and an IAM010 note says so.
void analyzeTerraformPlan(Analysis& analysis, const AnalysisOptions& options);

}  // namespace iamlint
