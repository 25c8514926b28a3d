#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static void checkAllowWithNotResource(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind == PolicyKind::Trust) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || !st.notResource) continue;
      std::vector<std::string> excluded;
      for (const Alt& e : exactAlts(st.resources)) excluded.push_back(e.text() + provenance(*e.alt));
      for (const Value& v : st.resources)
        for (const Resolved& r : v.alts)
          if (!r.exact()) excluded.push_back(r.text);
      std::string what = excluded.empty() ? "the listed resources" : listOf(excluded, 4);
      context
          .report(st.resourceNode ? st.resourceNode : st.node,
                  st.label() + " of the " + p.label() + " allows its actions on every resource except " +
                      what + ", in every account, including resources created later")
          .help("list the resources under `Resource`; to carve out exceptions, add a `Deny` statement");
    }
  }
}

extern const Rule kAllowWithNotResource{
    {"IAM603", "allow-with-not-resource", Level::Warning, "An Allow statement uses `NotResource`",
     R"md(## What it does
Reports `Effect: Allow` with `NotResource` in identity and resource policies.

## Why is this bad?
`Allow` + `NotResource` grants the actions on everything except the listed ARNs: every other
bucket, key, table, in this account and in every other account whose resource policies allow
it, and every resource created later. It reads like a restriction but works as a wildcard.

## Example
```yaml
- Effect: Allow
  Action: s3:*
  NotResource: arn:aws:s3:::audit-logs/*
```

## Use instead
```yaml
- Effect: Allow
  Action: s3:*
  Resource: [!GetAtt Data.Arn, !Sub "${Data.Arn}/*"]
```

## Known limitations
`Deny` with `NotResource` ("deny everything outside these buckets") is a guard-rail pattern and
is not reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
- cfn_nag W22/W23, Parliament NOTRESOURCE_WITH_ALLOW
)md",
     "security,least-privilege", 6.0},
    checkAllowWithNotResource};

}  // namespace iamlint
