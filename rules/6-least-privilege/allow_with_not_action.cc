#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static void checkAllowWithNotAction(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind == PolicyKind::Trust) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || !st.notAction) continue;
      if (p.kind == PolicyKind::Identity && fullAdmin(st)) continue;  // IAM601 reports it
      // `NotAction: "*"` allows nothing at all.
      if (findAlt(st.actions, [](const std::string& t) { return isEveryAction(t); })) continue;
      std::vector<std::string> excluded;
      for (const Alt& e : exactAlts(st.actions)) excluded.push_back(e.text() + provenance(*e.alt));
      std::string what = excluded.empty() ? "the listed actions" : listOf(excluded, 5);
      auto f = context.report(st.actionNode ? st.actionNode : st.node,
                              st.label() + " of the " + p.label() +
                                  attachedSuffix(p) + " allows every action except " + what +
                                  ", including every action AWS adds later");
      if (!everyResource(st)) f.help("its `Resource` limits where; the set of actions is still open-ended");
      f.help("list the actions to allow under `Action`; to carve out exceptions, add a `Deny` statement");
    }
  }
}

extern const Rule kAllowWithNotAction{
    {"IAM602", "allow-with-not-action", Level::Warning, "An Allow statement uses `NotAction`",
     R"md(## What it does
Reports `Effect: Allow` with `NotAction` in identity and resource policies. When the statement
also covers every resource and leaves IAM's permissions-management actions, it is full admin
and IAM601 reports it instead.

## Why is this bad?
`Allow` + `NotAction` grants everything that is not listed, in every service, including
services and actions AWS adds after the policy is written. It is almost always broader than
intended: `NotAction: iam:*` still allows `organizations:LeaveOrganization`, `s3:*` and
`sts:AssumeRole`.

## Example
```yaml
- Effect: Allow
  NotAction: [iam:*, organizations:*]
  Resource: "*"
```

## Use instead
```yaml
- Effect: Allow
  Action: [s3:GetObject, sqs:SendMessage]
  Resource: [!Sub "${Bucket.Arn}/*", !GetAtt Queue.Arn]
```

## Known limitations
`Deny` with `NotAction` is a normal guard-rail pattern and is not reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
- cfn_nag W15/W17/W21, AWS Guard rules IAM_NO_ALLOW_PLUS_NOT_ACTION
)md",
     "security,least-privilege", 6.5},
    checkAllowWithNotAction};

}  // namespace iamlint
