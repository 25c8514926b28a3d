// IAM011: part of the input was not read — a budget was exceeded or a second YAML document was
// left out. Reported whatever the rule selection, like IAM001: a run must not look clean when
// iamlint did not look at everything.
#include "rules/lib/helpers.h"

namespace iamlint {

static void checkInputNotFullyRead(RuleContext& context) {
  for (const LoadNote& note : context.analysis().document.notes) {
    if (note.kind != LoadNote::ExtraDocument) continue;
    context.report(note.range, nullptr, "", "this file holds a second YAML document; iamlint reads only the first");
  }
  reportNotes(context, NoteKind::InputNotFullyRead);
}

extern const Rule kInputNotFullyRead{
    {"IAM011", "input-not-fully-read", Level::Warning,
     "Part of the file was not read: a budget was exceeded or a second YAML document follows",
     R"md(## What it does
Reports the place where iamlint stopped reading part of a file, so that a run never looks clean
for text iamlint did not check:

- a YAML file with a second document after `---` (CloudFormation reads one document per file;
  iamlint reads the first);
- a value past one of the budgets in [docs/limits.md](../limits.md): a resolved string longer than
  64 KiB, a `Fn::Split` or list parameter of more than 1,000 elements, resource names that refer to
  each other more than 64 deep (the rest is read as one unknown value), or more than 10,000
  findings in one file (the rest are not reported).

IAM011 is reported whatever `--select`, `--ignore` or the configuration say; its level can be
changed with `levels:`.

## Why is this bad?
A linter that silently stops reading lets the part it did not read through unchecked: an
administrator policy in a second document, or a statement behind an expansion that was cut.

## Example
```yaml
Statement:
  - Effect: Allow
    Action: s3:GetObject
    Resource: "*"
---
Statement:
  - Effect: Allow
    Action: "*"
    Resource: "*"
```

## Use instead
Put each policy or template in its own file; keep values within the budgets.

## References
- YAML 1.2 documents: https://yaml.org/spec/1.2.2/#91-documents
)md",
     "correctness"},
    checkInputNotFullyRead};

}  // namespace iamlint
