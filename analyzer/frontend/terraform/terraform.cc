#include "analyzer/frontend/terraform/terraform.h"

namespace iamlint {

bool looksLikeTerraformPlan(const Node& root) {
  if (!root.isMapping() || !root.get("format_version")) return false;
  for (const char* key : {"planned_values", "values", "resource_changes", "terraform_version"})
    if (root.get(key)) return true;
  return false;
}

void analyzeTerraformPlan(Analysis& analysis, const AnalysisOptions&) {
  const Node& root = analysis.document.root;
  const Node* at = root.keyNode("format_version");
  analysis.notes.push_back(ModelNote{NoteKind::NotChecked, at ? at : &root,
                                     "this is Terraform JSON output (a plan or state); iamlint does not read Terraform "
                                     "yet, so none of the IAM in it is checked",
                                     {}, {}});
}

}  // namespace iamlint
