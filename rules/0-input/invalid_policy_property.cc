#include "rules/lib/helpers.h"

namespace iamlint {

static void checkInvalidPolicyProperties(RuleContext& context) { reportNotes(context, NoteKind::InvalidPolicyProperty); }

extern const Rule kInvalidPolicyProperty{
    {"IAM007", "invalid-policy-property", Level::Error,
     "A policy-bearing property does not have the shape CloudFormation requires",
     R"md(## What it does
Reports a policy-bearing property that iamlint (and CloudFormation) cannot read as a policy:
`Policies` written as a mapping instead of a list, an entry without `PolicyDocument`, a
`PolicyDocument` that is a list or a string, a document without `Statement`.

## Why is this bad?
CloudFormation rejects the resource, and the policy it was meant to hold is not checked by any
other rule until the shape is fixed.

## Example
```yaml
Policies:
  PolicyName: s3-access
  PolicyDocument: {...}
```

## Use instead
```yaml
Policies:
  - PolicyName: s3-access
    PolicyDocument: {...}
```

## References
- AWS::IAM::Role: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
)md",
     "correctness"},
    checkInvalidPolicyProperties,
    "MISSING_STATEMENT"};

}  // namespace iamlint
