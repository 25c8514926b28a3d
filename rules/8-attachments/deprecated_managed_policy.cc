#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/8-attachments/managed_policy_arns.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

void checkDeprecated(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachManagedPolicyArn(context.analysis(), [&](const ManagedPolicyArn& m) {
    const ManagedPolicyInfo* info = catalog.findManagedPolicy(m.lookup);
    if (!info || !info->deprecated) return;
    const ManagedPolicyInfo* replacement =
        info->replacement.empty() ? nullptr : catalog.findManagedPolicy(info->replacement);
    // AWS deprecates a policy, or first announces that it will: the latter still works and
    // still gets updates, so it is a note.
    bool announced = info->deprecationSource.rfind("announced", 0) == 0;
    std::string message = announced ? "AWS has announced that the AWS managed policy " + quoted(info->name) +
                                          " will be deprecated"
                                    : "the AWS managed policy " + quoted(info->name) + " is deprecated";
    std::string replacementName = replacement ? std::string(replacement->name) : std::string(info->replacement);
    if (!replacementName.empty()) message += "; AWS names " + quoted(replacementName) + " as its replacement";
    FindingBuilder b = context.report(m.node, message + branchNote(*m.alt));
    relateOrigin(b, *m.alt, m.node);
    if (replacement) b.suggest(m.head + replacement->arn.substr(std::string_view("arn:aws").size()));
    if (announced) {
      b.level(Level::Note);
      b.help("it still works and is still updated; moving to the replacement now avoids the change later");
    } else {
      b.help("a deprecated policy can no longer be attached to new principals and gets no updates for new features");
    }
  });
}

}  // namespace

extern const Rule kDeprecatedManagedPolicy{
    {"IAM802", "deprecated-managed-policy", Level::Warning,
     "`ManagedPolicyArns` or `PermissionsBoundary` names a deprecated AWS managed policy",
     R"md(## What it does
Reports an AWS managed policy in `ManagedPolicyArns` or `PermissionsBoundary` that AWS
has deprecated, with the replacement where AWS names one:
`AmazonEC2SpotFleetRole` → `AmazonEC2SpotFleetTaggingRole`,
`AWSLambdaFullAccess` → `AWSLambda_FullAccess`, and so on. A policy AWS has only announced
for deprecation (`AmazonEC2RoleforSSM` → `AmazonSSMManagedInstanceCore`) still works and is
reported as a note. In a Terraform plan the same is done for `managed_policy_arns`,
attachments' `policy_arn` and `permissions_boundary`.

## Why is this bad?
A deprecated policy cannot be attached to principals that do not already have it, so a
template that creates a new role with it fails; where it still attaches, it no longer
receives the permissions new features need (Spot Fleet tagging, for instance), and some
grant far more than their replacement.

## Example
```yaml
SpotFleetRole:
  Type: AWS::IAM::Role
  Properties:
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetRole
```

## Use instead
```yaml
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole
```

## Known limitations
Which policies are deprecated comes from the bundled fact table
(`data/deprecated-managed-policies.tsv`, with a source per row); a replacement is
suggested only where AWS documentation names one. The source of each row is in the table,
not in the message.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-deprecated.html
- https://docs.aws.amazon.com/batch/latest/userguide/spot_fleet_IAM_role.html
)md",
     "correctness"},
    checkDeprecated};

}  // namespace iamlint
