#include "rules/lib/helpers.h"

namespace iamlint {

static void checkDuplicateKeys(RuleContext& context) {
  const Document& doc = context.analysis().document;
  for (const LoadNote& note : doc.notes) {
    if (note.kind != LoadNote::DuplicateKey) continue;
    context
        .report(note.range, note.at, note.pointer + "/" + note.key,
                "duplicate key " + quoted(note.key) + "; only one of the values is used, and which one "
                "depends on the parser")
        .related(doc.source.path(), note.firstRange, "first " + quoted(note.key) + " is here")
        .help("merge the two values under one " + quoted(note.key) + " key");
  }
}

extern const Rule kDuplicateKey{
    {"IAM002", "duplicate-key", Level::Error, "A mapping key appears twice",
     R"md(## What it does
Reports a key that appears twice in the same YAML or JSON mapping, with the location of both.

## Why is this bad?
YAML forbids duplicate keys, but most parsers keep the last value silently; IAM's JSON parser
does the same for policy documents. Half of what was written is thrown away without a word: a
role with two `ManagedPolicyArns` keys gets only the second list.

## Example
```yaml
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
```

## Use instead
```yaml
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
  - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
```

## References
- YAML 1.2 §3.2.1.1, mapping keys are unique: https://yaml.org/spec/1.2.2/#3211-nodes
)md",
     "correctness"},
    checkDuplicateKeys};

}  // namespace iamlint
