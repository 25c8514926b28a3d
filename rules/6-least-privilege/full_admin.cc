#include <algorithm>
#include <set>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static std::string grantText(const FullAdmin& admin) {
  // `arn:aws:*:*:*:*` is named: it is every resource, though it does not read as `*`.
  std::string resource = admin.resource.text() == "*" ? "" : " (`" + admin.resource.text() + "` matches every resource)";
  if (admin.viaNotAction)
    return "every action except the few its `NotAction` excludes, every IAM permissions-management action "
           "among them, on every resource" + resource + ": enough to grant itself the rest";
  return "every action on every resource" + resource;
}

// Actions of several services and access levels: a principal whose permissions boundary
// allows one of them on no resource is not an administrator, whatever its policies say
// (AdministratorAccess under a ReadOnlyAccess boundary reads and lists only).
static bool boundedBelowAdmin(const IamPrincipal& principal) {
  for (const char* action : {"iam:PutRolePolicy", "iam:CreateUser", "s3:DeleteBucket", "ec2:TerminateInstances"})
    if (boundaryNeverAllows(principal, action)) return true;
  return false;
}

static bool boundedEverywhere(const Analysis& a, const Policy& p) {
  const std::vector<const IamPrincipal*>& holders = a.holders(p);
  for (const IamPrincipal* pr : holders)
    if (!boundedBelowAdmin(*pr)) return false;
  return !holders.empty();
}

static void checkFullAdmin(RuleContext& context) {
  const Analysis& a = context.analysis();
  // Policies the user wrote: report at the statement's `*`.
  for (const Policy& p : a.policies) {
    if (p.kind != PolicyKind::Identity || boundedEverywhere(a, p)) continue;
    for (const Statement& st : p.statements) {
      std::optional<FullAdmin> admin = fullAdmin(st);
      if (!admin) continue;
      std::string who = attachedSuffix(p);
      std::string from = originOf(*admin->action.alt);
      if (from.empty()) from = originOf(*admin->resource.alt);
      auto f = context.report(admin->action.node(st.node),
                              st.label() + " of the " + p.label() + who + " allows " + grantText(*admin) +
                                  (from.empty() ? "" : "; the `*` comes from " + from));
      if (!st.guard.empty()) f.help("the statement exists only when " + describeGuard(st.guard));
      if (st.conditionNode) f.help("it applies when its `Condition` holds; that limits when, not what");
      if (admin->resource.alt->origin.node) f.related(admin->resource.alt->origin.node, "the `*` resource comes from here");
      if (admin->action.alt->origin.node) f.related(admin->action.alt->origin.node, "the `*` action comes from here");
      f.help("grant the actions the workload calls, on the resources it uses; keep administrator access "
             "for break-glass roles outside application templates");
    }
  }
  // AWS managed policies: report at the ManagedPolicyArns entry that attaches them.
  std::set<std::pair<const IamPrincipal*, const Policy*>> seen;
  for (const ManagedUse& use : awsManagedUses(a)) {
    const Policy& p = *use.ref->policy;
    if (!seen.insert({use.principal, &p}).second || boundedBelowAdmin(*use.principal)) continue;
    for (const Statement& st : p.statements) {
      std::optional<FullAdmin> admin = fullAdmin(st);
      if (!admin) continue;
      const Resolved* alt = managedAlt(*use.ref);
      std::string from = alt ? provenance(*alt) : "";
      context
          .report(use.ref->arn.node,
                  "`" + use.principal->logicalId + "` is allowed " + grantText(*admin) + " by the " + p.label() +
                      " attached here" + from + " (its " + st.label() + ")")
          .help("attach the AWS managed policies for the services the role uses, or write a policy "
                "for the actions it calls");
      break;
    }
  }
}

extern const Rule kFullAdmin{
    {"IAM601", "full-admin", Level::Error,
     "An Allow grants every action on every resource (`*` on `*`, or a NotAction that leaves IAM)",
     R"md(## What it does
Reports an `Allow` statement that grants every action on every resource: `Action: "*"` or
`"*:*"` with `Resource: "*"` (or `arn:*:*:*:*:*`, or `arn:aws:*:*:*:*`: a policy acts in its
own partition, so a written one narrows nothing; the message names such an ARN), and also
`NotAction` lists that exclude none of IAM's
permissions-management actions (a principal that can attach policies to itself can grant
itself everything else). Values are read after resolution, so it also finds the wildcard when
it is the default of a parameter, an allowed value, or one branch of an `Fn::If` (the message
says which), and when it comes from an AWS managed policy such as `AdministratorAccess`
attached through `ManagedPolicyArns` (reported at that entry).

A value that is an unknown parameter (no default) is never taken to be `*`. A principal whose
permissions boundary (known to iamlint) allows one of `iam:PutRolePolicy`, `iam:CreateUser`,
`s3:DeleteBucket` or `ec2:TerminateInstances` on no resource is not an administrator, whatever
its policies say: `AdministratorAccess` under a `ReadOnlyAccess` boundary is not reported (a
policy attached to several principals is reported unless every one is so bounded).

## Why is this bad?
A role with administrator access turns any compromise of the workload that uses it — a
vulnerable dependency, a leaked session, an SSRF to the metadata service — into a compromise of
the whole account. Peers match `Action: "*"` as a string and miss the same grant through
`NotAction`, a managed policy, a parameter default or the other `Fn::If` branch.

## Example
```yaml
Policies:
  - PolicyName: deploy
    PolicyDocument:
      Statement:
        - Effect: Allow
          NotAction: s3:DeleteBucket
          Resource: "*"
```

## Use instead
```yaml
        - Effect: Allow
          Action: [s3:GetObject, s3:PutObject]
          Resource: !Sub "${Bucket.Arn}/*"
```

## Known limitations
A `Condition` on the statement (MFA, source IP) does not stop the finding: it limits when the
grant applies, not what it grants. NotAction lists are judged by IAM only; a list that excludes
IAM but leaves, say, `organizations:*` is reported by IAM602, not here.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
- https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
- cfn_nag F2–F5, checkov CKV_AWS_62/63
)md",
     "security,least-privilege", 9.1},
    checkFullAdmin};

}  // namespace iamlint
