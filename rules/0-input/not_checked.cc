#include "rules/lib/helpers.h"

namespace iamlint {

static void checkNotChecked(RuleContext& context) { reportNotes(context, NoteKind::NotChecked); }

extern const Rule kNotChecked{
    {"IAM010", "not-checked", Level::Note,
     "IAM content iamlint does not read: a macro Transform, a SAM feature, a policy property of an unsupported type, a Terraform value known only after apply",
     R"md(## What it does
Notes each place where the file holds IAM content that iamlint does not check, naming it: a
macro `Transform` (anything but `AWS::Serverless-2016-10-31`) or `Fn::ForEach`, whose resources
are not seen; what SAM generates and iamlint does not expand (a Connector's resource policies, a
GraphQLApi's roles, a nested Application, the statements of an Api's `Auth.ResourcePolicy` other
than `CustomStatements`, the roles of event sources); `Policies` of a SAM function that has
`Role`; a policy property computed by an intrinsic (`!Ref PolicyJson`); a property that looks like
a policy on a type iamlint has no row for (docs/resource-types.md); in a Terraform plan, a policy,
inline policy, permissions boundary or attached policy ARN known only after apply, and a JSON
policy in an attribute iamlint has no row for (docs/terraform.md).

## Why is this bad?
It is not wrong. But a run that skipped IAM content must not look clean: the note says what
to review by hand (or with `sam build` and a check of the generated template).

## Example
```yaml
Transform: MyCompanyMacro
```

## Use instead
Check the processed template (`aws cloudformation get-template --template-stage Processed`, or
`sam validate --debug`), which has no macro left.

## References
- Transforms: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-reference.html
)md",
     "completeness"},
    checkNotChecked};

}  // namespace iamlint
