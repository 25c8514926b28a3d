#include "rules/lib/helpers.h"

namespace iamlint {

void reportNotes(RuleContext& context, NoteKind kind) {
  for (const ModelNote& note : context.analysis().notes) {
    if (note.kind != kind) continue;
    FindingBuilder b = context.report(note.node, note.message);
    if (!note.resource.empty()) b.resource(note.resource);
  }
}

OrganizationPolicy organizationPolicyKind(const Analysis& analysis, const Policy& p) {
  for (const Policy& q : analysis.serviceControlPolicies)
    if (&q == &p) return OrganizationPolicy::ServiceControl;
  for (const Policy& q : analysis.resourceControlPolicies)
    if (&q == &p) return OrganizationPolicy::ResourceControl;
  return OrganizationPolicy::None;
}

}  // namespace iamlint
