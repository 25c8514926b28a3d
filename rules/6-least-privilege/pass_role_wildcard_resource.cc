#include <algorithm>
#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static constexpr std::string_view kAnyRole = "arn:aws:iam::123456789012:role/iamlint-any-role";

// The roles of the template, admins first named as such.
static std::string rolesInTemplate(const Analysis& a) {
  std::vector<std::string> admins, others;
  for (const IamPrincipal& pr : a.principals) {
    if (pr.kind != PrincipalKind::Role) continue;
    bool admin = false;
    for (const Policy* p : pr.policies)
      for (const Statement& st : p->statements)
        if (fullAdmin(st)) admin = true;
    (admin ? admins : others).push_back(pr.logicalId);
  }
  if (admins.empty() && others.empty()) return "";
  std::vector<std::string> all = admins;
  all.insert(all.end(), others.begin(), others.end());
  std::string out = std::string("; in this template ") + (all.size() == 1 ? "that is " : "those are ") + listOf(all, 3);
  if (!admins.empty()) out += " (" + listOf(admins) + (admins.size() == 1 ? " has" : " have") + " full admin)";
  return out;
}

static void checkPassRole(RuleContext& context) {
  const Analysis& a = context.analysis();
  for (const Policy& p : a.policies) {
    if (p.kind != PolicyKind::Identity) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || fullAdmin(st)) continue;
      std::optional<Alt> action = actionGranting(st, "iam:PassRole");
      if (!action) continue;
      // A role is passed in its own account only: every role of the account the ARN names
      // (`arn:aws:iam::111122223333:role/*`, `${AWS::AccountId}`) is any role it can pass.
      std::optional<Alt> resource;
      std::string where;
      if (st.notResource) {
        resource = resourceCovering(st, kAnyRole);
        where = "every role but the ones its `NotResource` lists";
      } else if (const ActionInfo* passRole = Catalog::instance().findAction("iam:PassRole")) {
        if (std::optional<AnyResource> any = anyResourceFor(st, *passRole, ArnReach::Scoped)) {
          resource = any->alt;
          where = "any role (" + (any->meaning.empty() ? quoted(any->alt.text()) : any->meaning) + ")";
        }
      }
      if (!resource) continue;
      // iam:PassedToService (or a tag condition) narrows which service or role: not "any role".
      if (resourceNarrowingCondition(st)) continue;
      if (deniedEverywhere(a, p, "iam:PassRole")) continue;
      std::string via = st.notAction ? " (through `NotAction`, which does not exclude it)"
                        : action->text() == "iam:PassRole" ? ""
                                                           : " (through " + quoted(action->text()) + ")";
      std::string from = originOf(*action->alt);
      if (from.empty()) from = originOf(*resource->alt);
      context
          .report(action->node(st.actionNode),
                  st.label() + " of the " + p.label() + attachedSuffix(p) + " allows `iam:PassRole`" + via +
                      " on " + where + (from.empty() ? "" : ", from " + from) +
                      ": whoever holds this policy can pass any role to a service it controls" + rolesInTemplate(a))
          .help("list the role ARNs it passes under `Resource`, and add `Condition: {StringEquals: "
                "{iam:PassedToService: <service>.amazonaws.com}}`");
    }
  }
}

extern const Rule kPassRoleWildcardResource{
    {"IAM604", "pass-role-wildcard-resource", Level::Error, "`iam:PassRole` is allowed on any role",
     R"md(## What it does
Reports an `Allow` that grants `iam:PassRole` — written out, or through `iam:*`, `iam:Pass*`,
`*` or a `NotAction` that does not exclude it — on every role: `Resource: "*"`, an ARN whose
every variable part of the role ARN format is a wildcard (`arn:aws:iam::*:role/*`,
`arn:aws:iam::*:*`), every role of a named account (`arn:aws:iam::111122223333:role/*`,
`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`: a role is passed in its own account, so
that is any role the principal can pass), or a `NotResource`. The message says which ARN was
taken as any role, and whether it is every role or every role of the account it names. The message lists the roles of the template the principal could pass, and which
of them have full admin. Statements that give every action on every resource are IAM601's.

An action that a `Deny` on every resource takes back again, or that the principal's
permissions boundary allows on no resource, for every principal the policy is attached to, is
not reported: the engine evaluates the principal's whole policy set.

## Why is this bad?
A principal that can pass any role can launch an EC2 instance, a Lambda function, a Glue job or
an ECS task with the most privileged role in the account, and then act with that role's
permissions: the classic privilege-escalation step (Rhino Security Labs methods 3, 15–19).

## Example
```yaml
- Effect: Allow
  Action: [iam:PassRole, ec2:RunInstances]
  Resource: "*"
```

## Use instead
```yaml
- Effect: Allow
  Action: iam:PassRole
  Resource: !GetAtt BatchInstanceRole.Arn
  Condition:
    StringEquals: {iam:PassedToService: ec2.amazonaws.com}
```

## Known limitations
A statement with `iam:PassedToService` (or another service or resource-tag condition) is not
reported: it still passes any role to that one service, which may be acceptable. Role paths
such as `role/service-role/*` and name patterns such as `role/*-deploy` are not "any role" and
are not reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
- https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
- cfn_nag F38/F39/F40, Access Analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE
)md",
     "security,privilege-escalation", 8.0},
    checkPassRole,
    "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE PASS_ROLE_WITH_NOT_RESOURCE PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE "
    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE PASS_ROLE_WITH_STAR_IN_RESOURCE PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"};

}  // namespace iamlint
