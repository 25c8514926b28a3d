#include <cctype>

#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/8-attachments/managed_policy_arns.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

void checkManagedPolicies(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachManagedPolicyArn(context.analysis(), [&](const ManagedPolicyArn& m) {
    if (catalog.findManagedPolicy(m.lookup)) return;
    std::string name = m.lookup.substr(m.lookup.rfind('/') + 1);
    auto arnFor = [&](const ManagedPolicyInfo& info) { return m.head + info.arn.substr(std::string_view("arn:aws").size()); };
    if (const ManagedPolicyInfo* byName = name.empty() ? nullptr : catalog.findManagedPolicy(name)) {
      FindingBuilder b = context.report(m.node, "the AWS managed policy " + quoted(name) + " is at " +
                                                    quoted(arnFor(*byName)) + ", not " + quoted(m.alt->text) +
                                                    branchNote(*m.alt));
      relateOrigin(b, *m.alt, m.node);
      b.suggest(arnFor(*byName));
      return;
    }
    // IAM names are case-insensitive: a name that differs only in case is the same policy,
    // written differently from AWS.
    std::string lowered = name;
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string& candidate : catalog.suggestManagedPolicies(name, 5)) {
      std::string other = candidate;
      for (char& c : other) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (other != lowered) continue;
      const ManagedPolicyInfo* info = catalog.findManagedPolicy(candidate);
      if (!info) break;
      FindingBuilder b = context.report(m.node, quoted(m.alt->text) + " in `" + m.property + "` of " +
                                                    quoted(m.principal->logicalId) + " differs only in case from " +
                                                    quoted(arnFor(*info)) + branchNote(*m.alt));
      relateOrigin(b, *m.alt, m.node);
      b.level(Level::Warning);
      b.suggest(arnFor(*info));
      b.help("IAM matches policy names without regard to case, so this works; write it as AWS does so that "
             "searches and other tools find it");
      return;
    }
    FindingBuilder b = context.report(m.node, quoted(m.alt->text) + " in `" + m.property + "` of " +
                                                  quoted(m.principal->logicalId) +
                                                  " names no AWS managed policy" + branchNote(*m.alt));
    relateOrigin(b, *m.alt, m.node);
    auto s = catalog.suggestManagedPolicies(name, 1);
    if (!s.empty())
      if (const ManagedPolicyInfo* info = catalog.findManagedPolicy(s.front())) b.suggest(arnFor(*info));
    std::string date = catalog.dataVersions().managedPoliciesDate.substr(0, 10);
    b.help("the bundled list of AWS managed policies is from " + date +
           "; a policy AWS published after that is not in it (see `iamlint version`)");
  });
}

}  // namespace

extern const Rule kUnknownManagedPolicy{
    {"IAM801", "unknown-managed-policy", Level::Error,
     "`ManagedPolicyArns` or `PermissionsBoundary` names an AWS managed policy that does not exist",
     R"md(## What it does
Looks up every `arn:<partition>:iam::aws:policy/...` in `ManagedPolicyArns` and
`PermissionsBoundary` of roles, users and groups in the bundled list of AWS managed
policies. A name that does not exist is reported with the closest real one; a real
name under the wrong path (`arn:aws:iam::aws:policy/AWSBatchServiceRole`, which lives
under `service-role/`) is reported with the right ARN. Every resolved alternative is
checked, so a policy chosen by `Fn::If` or a parameter default is found too. In a Terraform
plan the same is done for `managed_policy_arns`, attachments' `policy_arn` and
`permissions_boundary`.

## Why is this bad?
CloudFormation fails the stack (`Policy arn:aws:iam::aws:policy/... does not exist or is
not attachable`) and rolls back, often minutes into a deployment; with a path mistake the
name looks right, which makes the failure hard to see.

## Example
```yaml
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/AWSBatchServiceRole
```

## Use instead
```yaml
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole
```

## Known limitations
The list of managed policies is a snapshot (`iamlint version` prints its date): a policy
AWS published after it is reported. ARNs whose name is only known at deploy time are not
checked. Customer managed policies (an account id instead of `aws`) are not checked.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
- https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
)md",
     "correctness"},
    checkManagedPolicies};

}  // namespace iamlint
