// IAM001 is reported by the engine when a file cannot be read; this file holds its metadata.
#include "iamlint/rule.h"

namespace iamlint {

extern const Rule kParseError{
    {"IAM001", "parse-error", Level::Error,
     "The file is not valid YAML or JSON, or not a template or policy",
     R"md(## What it does
Reports a file that iamlint cannot read: invalid YAML or JSON, binary content, invalid UTF-8,
an empty file, nesting deeper than 256 levels, aliases that expand past two million values, or a
named file that is neither a CloudFormation template (no `Resources`) nor an IAM policy (no
`Statement`). The location is where the text stops making sense.

## Why is this bad?
CloudFormation and IAM reject such a file at deploy time, and no other rule can look at it. A
linter that skipped it silently would report a clean run for a file it never understood.

## Example
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
     Properties:        # indented one space too far
```

## Use instead
Fix the syntax at the reported line. Directories are walked for `*.yaml`, `*.yml`, `*.json`
and `*.template`; files there that parse but are neither templates nor policies are skipped.

## References
- YAML 1.2: https://yaml.org/spec/1.2.2/
- CloudFormation template anatomy: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
)md",
     "correctness"},
    nullptr,
    "JSON_SYNTAX_ERROR"};

}  // namespace iamlint
