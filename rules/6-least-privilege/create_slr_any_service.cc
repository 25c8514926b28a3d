#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

// A service-linked role of a service no policy names, in the sample account.
static constexpr std::string_view kAnySlrPath =
    "role/aws-service-role/iamlint.amazonaws.com/AWSServiceRoleForIamlint";

static void checkCreateSlr(RuleContext& context) {
  const Analysis& a = context.analysis();
  const std::string anySlr = "arn:aws:iam::123456789012:" + std::string(kAnySlrPath);
  for (const Policy& p : a.policies) {
    if (p.kind != PolicyKind::Identity) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || fullAdmin(st)) continue;
      std::optional<Alt> action = actionGranting(st, "iam:CreateServiceLinkedRole");
      if (!action) continue;
      std::optional<Alt> resource = resourceCovering(st, anySlr);
      for (const std::string& probe : namedAccountProbes(st, kAnySlrPath)) {
        if (resource) break;
        resource = resourceCovering(st, probe);
      }
      if (!resource) continue;
      // iam:AWSServiceName names the services whose roles it may create.
      if (positiveCondition(st, "iam:AWSServiceName")) continue;
      if (deniedEverywhere(a, p, "iam:CreateServiceLinkedRole")) continue;
      std::string via = st.notAction ? " (through `NotAction`, which does not exclude it)"
                        : action->text() == "iam:CreateServiceLinkedRole" ? ""
                                                                          : " (through " + quoted(action->text()) + ")";
      std::string where = st.notResource ? "every role but the ones its `NotResource` lists"
                                         : "any service-linked role (" + quoted(resource->text()) + ")";
      std::string from = originOf(*action->alt);
      if (from.empty()) from = originOf(*resource->alt);
      context
          .report(action->node(st.actionNode),
                  st.label() + " of the " + p.label() + attachedSuffix(p) +
                      " allows `iam:CreateServiceLinkedRole`" + via + " on " + where +
                      (from.empty() ? "" : ", from " + from) +
                      " with no `iam:AWSServiceName` condition: whoever holds this policy can create the "
                      "service-linked role of any AWS service, with the permissions AWS gives that service")
          .help("name the service: `Condition: {StringEquals: {iam:AWSServiceName: <service>.amazonaws.com}}`, "
                "and its role under `Resource`: `arn:aws:iam::<account>:role/aws-service-role/<service>.amazonaws.com/*`");
    }
  }
}

extern const Rule kCreateSlrAnyService{
    {"IAM609", "create-slr-any-service", Level::Warning,
     "`iam:CreateServiceLinkedRole` is allowed for any service",
     R"md(## What it does
Reports an `Allow` that grants `iam:CreateServiceLinkedRole` — written out, or through `iam:*`,
`iam:Create*`, or a `NotAction` that does not exclude it — on every role (`Resource: "*"`,
`arn:aws:iam::*:role/*`, `arn:aws:iam::111122223333:role/aws-service-role/*`, or a
`NotResource`) without an `iam:AWSServiceName` condition that names the services. Statements
that give every action on every resource are IAM601's.

An action that a `Deny` on every resource takes back again, or that the principal's
permissions boundary allows on no resource, for every principal the policy is attached to, is
not reported.

## Why is this bad?
A service-linked role carries the permissions AWS defined for its service, and the service can
act with them in the account. A principal that may create the service-linked role of any
service can switch on services (and their access to the account's data) that nobody intended
to use. Access Analyzer reports this as the `CREATE_SLR_WITH_*` checks.

## Example
```yaml
- Effect: Allow
  Action: iam:CreateServiceLinkedRole
  Resource: "*"
```

## Use instead
```yaml
- Effect: Allow
  Action: iam:CreateServiceLinkedRole
  Resource: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/elasticbeanstalk.amazonaws.com/*"
  Condition:
    StringEquals:
      iam:AWSServiceName: elasticbeanstalk.amazonaws.com
```

## Known limitations
Any `iam:AWSServiceName` condition with a positive operator and fixed values counts as naming the
services, whatever they are. A role path that names a service (`aws-service-role/ecs.amazonaws.com/*`)
without the condition is not reported: the resource limits the service already.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create-service-linked-role.html#service-linked-role-permissions
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "security,least-privilege", 5.0},
    checkCreateSlr,
    "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE CREATE_SLR_WITH_NOT_RESOURCE CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE "
    "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE CREATE_SLR_WITH_STAR_IN_RESOURCE CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"};

}  // namespace iamlint
