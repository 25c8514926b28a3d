#include "rules/lib/helpers.h"

namespace iamlint {

static void checkUndefinedReferences(RuleContext& context) { reportNotes(context, NoteKind::UndefinedReference); }

extern const Rule kUndefinedReference{
    {"IAM004", "undefined-reference", Level::Error,
     "`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::If` or `Fn::FindInMap` names something that does not exist",
     R"md(## What it does
Reports a reference, used in a policy or in a value a policy depends on, to a parameter,
resource, pseudo parameter, condition or mapping that the template does not define — including
an undefined `${Var}` inside `Fn::Sub`, and an IAM policy variable written as `${aws:username}`
inside `Fn::Sub` (which CloudFormation tries to resolve; it must be written `${!aws:username}`).

## Why is this bad?
CloudFormation rejects the template at deploy time, and until then iamlint cannot know what the
policy grants: the value is treated as unknown.

## Example
```yaml
Resource: !Sub arn:aws:s3:::${BucketName}/*    # the parameter is called S3BucketName
```

## Use instead
```yaml
Resource: !Sub arn:aws:s3:::${S3BucketName}/*
```

## References
- Fn::Sub: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
- Ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html
)md",
     "correctness"},
    checkUndefinedReferences};

}  // namespace iamlint
