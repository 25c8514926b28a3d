#include "rules/lib/helpers.h"

namespace iamlint {

static void checkNullKeys(RuleContext& context) {
  const Document& doc = context.analysis().document;
  for (const LoadNote& note : doc.notes) {
    if (note.kind != LoadNote::NullKey) continue;
    bool inCondition = note.pointer.find("/Condition") != std::string::npos;
    context
        .report(note.range, note.at, note.pointer + "/" + note.key,
                "unquoted key " + quoted(note.key) + " is read as YAML null, not the string \"" + note.key +
                    "\"" + (inCondition ? "; CloudFormation drops it, so the statement applies without this condition" : ""))
        .suggest("\"" + note.key + "\"");
  }
}

extern const Rule kYamlNullKey{
    {"IAM003", "yaml-null-key", Level::Error, "An unquoted `Null`/`null`/`~` key is read as YAML null",
     R"md(## What it does
Reports a mapping key written as plain `Null`, `null`, `NULL` or `~`. YAML reads these as the
null value, not as a string, before CloudFormation ever sees the template.

## Why is this bad?
The IAM condition operator `Null` is a common victim: `Null: {s3:x-amz-server-side-encryption: true}`
becomes a key that is not a string, and the condition is dropped. A Deny statement meant to
refuse unencrypted uploads then denies every upload, or an Allow meant to be conditional allows
everything.

## Example
```yaml
Condition:
  Null:
    s3:x-amz-server-side-encryption: true
```

## Use instead
```yaml
Condition:
  "Null":
    s3:x-amz-server-side-encryption: true
```

## References
- YAML 1.2 core schema, null: https://yaml.org/spec/1.2.2/#1032-tag-resolution
- IAM condition operator Null: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
)md",
     "correctness"},
    checkNullKeys};

}  // namespace iamlint
