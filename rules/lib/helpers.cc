#include "rules/lib/helpers.h"

namespace iamlint {

void reportNotes(RuleContext& context, NoteKind kind) {
  for (const ModelNote& note : context.analysis().notes) {
    if (note.kind != kind) continue;
    FindingBuilder b = context.report(note.node, note.message);
    if (!note.resource.empty()) b.resource(note.resource);
  }
}

}  // namespace iamlint
