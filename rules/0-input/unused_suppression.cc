// Reported by the engine's suppression pass (analyzer/engine/suppressions.cc).
#include "iamlint/rule.h"

namespace iamlint {

extern const Rule kUnusedSuppression{
    {"IAM008", "unused-suppression", Level::Warning, "A `Metadata.iamlint.ignore` entry matches no finding",
     R"md(## What it does
Reports a suppression in `Metadata: {iamlint: {ignore: [...]}}` (template or resource level)
that did not suppress any finding in this run.

## Why is this bad?
Stale suppressions hide the next real finding of that rule on that resource, and mislead readers
about what the template does.

## Example
```yaml
Metadata:
  iamlint:
    ignore:
      - rule: IAM607
        reason: the instance needs to describe every volume
```
on a resource that no longer has an IAM607 finding.

## Use instead
Remove the entry.

## References
- docs/configuration.md in this project
)md",
     "maintainability"},
    nullptr};

extern const Rule kInvalidSuppression{
    {"IAM009", "invalid-suppression", Level::Error,
     "A `Metadata.iamlint` suppression is malformed or has no reason",
     R"md(## What it does
Reports a suppression that iamlint cannot use: no `rule`, an unknown rule, or no `reason`.
A suppression without a reason does not suppress anything.

## Why is this bad?
Suppressions are reviewed like code; a reason is what tells the reviewer the exception is safe.

## Example
```yaml
Metadata:
  iamlint:
    ignore:
      - rule: IAM607
```

## Use instead
```yaml
Metadata:
  iamlint:
    ignore:
      - rule: IAM607
        reason: ec2:DescribeVolumes cannot be scoped and the instance needs it
```

## References
- docs/configuration.md in this project
)md",
     "maintainability"},
    nullptr};

}  // namespace iamlint
