#include "rules/lib/helpers.h"

namespace iamlint {

static void checkUnresolvedValues(RuleContext& context) { reportNotes(context, NoteKind::UnresolvedValue); }

extern const Rule kUnresolvedValue{
    {"IAM006", "unresolved-value", Level::Note,
     "A policy value is only known at deploy time (dynamic reference, import)",
     R"md(## What it does
Notes, once per value, a policy element that comes from a dynamic reference
(`{{resolve:ssm:...}}`) or `Fn::ImportValue`. iamlint does not guess such values: it treats them
as unknown, and answers that depend on them say so.

## Why is this bad?
It is not wrong. But the policy cannot be checked fully before deployment; a wrong parameter in
Parameter Store changes what the role may do without a change to the template.

## Example
```yaml
Resource: !Sub "arn:aws:s3:::{{resolve:ssm:/app/bucket:1}}/*"
```

## Use instead
Where the value is known when the template is written, pass it as a template parameter, which
iamlint can resolve with `--parameter`.

## References
- Dynamic references: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
)md",
     "completeness"},
    checkUnresolvedValues};

}  // namespace iamlint
