#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

static void checkNotPrincipal(RuleContext& context) {
  for (const Policy& p : context.analysis().policies)
    for (const Statement& st : p.statements) {
      // A trust policy rejects NotPrincipal altogether: IAM410 reports it there.
      if (st.effect != Effect::Allow || !st.notPrincipal || p.kind == PolicyKind::Trust) continue;
      context
          .report(st.principalNode ? st.principalNode : st.node,
                  st.label() + " of the " + p.label() +
                      " allows everyone except the principals its `NotPrincipal` names, anonymous callers included")
          .help("use `Principal` with the principals to allow; to exclude some, use `Principal: \"*\"` with "
                "`Condition: {ArnNotEquals: {aws:PrincipalArn: [...]}}` in a Deny");
    }
}

extern const Rule kAllowWithNotPrincipal{
    {"IAM404", "allow-with-not-principal", Level::Error, "An Allow statement uses `NotPrincipal`",
     R"md(## What it does
Reports `Effect: Allow` with `NotPrincipal` in resource policies (in a role trust policy IAM
rejects `NotPrincipal` altogether, which IAM410 reports).

## Why is this bad?
`Allow` + `NotPrincipal` grants access to every principal except the listed ones: every other
account, and anonymous callers. IAM forbids `NotPrincipal` in trust policies, and most resource
policy types reject it with `Allow`.

## Example
```yaml
- Effect: Allow
  NotPrincipal: {AWS: arn:aws:iam::111122223333:root}
  Action: s3:GetObject
  Resource: arn:aws:s3:::b/*
```

## Use instead
```yaml
- Effect: Allow
  Principal: {AWS: arn:aws:iam::444455556666:root}
  Action: s3:GetObject
  Resource: arn:aws:s3:::b/*
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
- Access Analyzer ALLOW_WITH_NOT_PRINCIPAL, Parliament NOTPRINCIPAL_WITH_ALLOW
)md",
     "security,principals", 7.5},
    checkNotPrincipal,
    "ALLOW_WITH_NOT_PRINCIPAL"};

}  // namespace iamlint
