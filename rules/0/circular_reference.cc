#include "rules/helpers.h"

namespace iamlint {

static void checkCircularReferences(RuleContext& context) { reportNotes(context); }

extern const Rule kCircularReference{
    {"IAM005", "circular-reference", Level::Error, "A value a policy depends on refers back to itself",
     R"md(## What it does
Reports a cycle met while resolving a value a policy uses: for example a role whose `RoleName`
is built from its own ARN, or two resources whose names refer to each other.

## Why is this bad?
CloudFormation rejects circular dependencies; the stack cannot be created.

## Example
```yaml
Role:
  Type: AWS::IAM::Role
  Properties:
    RoleName: !Sub "${Role.Arn}-copy"
```

## Use instead
Build names from parameters or pseudo parameters (`${AWS::StackName}-role`), never from the
resource's own attributes.

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html#troubleshooting-errors-dependency-error
)md",
     "correctness"},
    checkCircularReferences};

}  // namespace iamlint
