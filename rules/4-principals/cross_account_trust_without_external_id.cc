#include <algorithm>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

// The literal account of an AWS principal (`123456789012` or `arn:aws:iam::123456789012:...`);
// empty for `*`, the template's own account (`${AWS::AccountId}`) or an unknown parameter.
static std::string literalAccount(const Resolved& r) {
  if (!r.exact()) return {};
  std::string_view t = r.text;
  auto digits = [](std::string_view s) {
    return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (digits(t)) return std::string(t);
  if (t.rfind("arn:", 0) != 0) return {};
  size_t at = 0;
  for (int i = 0; i < 4; ++i) {
    at = t.find(':', at);
    if (at == std::string_view::npos) return {};
    ++at;
  }
  size_t end = t.find(':', at);
  if (end == std::string_view::npos) return {};
  std::string_view account = t.substr(at, end - at);
  return digits(account) ? std::string(account) : std::string();
}

static void checkCrossAccount(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind != PolicyKind::Trust) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || st.notPrincipal) continue;
      if (positiveCondition(st, "sts:ExternalId") || positiveCondition(st, "aws:PrincipalOrgID") ||
          positiveCondition(st, "aws:PrincipalOrgPaths"))
        continue;
      for (const PrincipalEntry& e : st.principals) {
        if (e.type != "AWS") continue;
        for (const Value& v : e.values)
          for (const Resolved& r : v.alts) {
            std::string account = literalAccount(r);
            if (account.empty()) continue;
            context
                .report(v.node ? v.node : st.principalNode,
                        st.label() + " of the " + p.label() + " lets account " + account +
                            " assume the role" + provenance(r) +
                            " without an `sts:ExternalId` or AWS Organizations condition")
                .help("for a third party, add `Condition: {StringEquals: {sts:ExternalId: <id they give you>}}`; "
                      "for your own accounts, `aws:PrincipalOrgID`; `${AWS::AccountId}` means this account");
          }
      }
    }
  }
}

extern const Rule kCrossAccountTrustWithoutExternalId{
    {"IAM402", "cross-account-trust-without-external-id", Level::Warning,
     "A trust policy trusts another account without `sts:ExternalId` or an AWS Organizations condition",
     R"md(## What it does
Reports an `AWS` principal in a role trust policy that names a literal account
(`123456789012`, `arn:aws:iam::123456789012:root`, a role or user of that account) when the
statement has no `sts:ExternalId` condition and no `aws:PrincipalOrgID`/`aws:PrincipalOrgPaths`
condition. `${AWS::AccountId}` is the template's own account and is not reported; an account
that is an unknown parameter is not claimed (one with a default is, and the message says so).

## Why is this bad?
A third party that assumes roles in many customers' accounts can be tricked into using its
access to your role for someone else (the confused-deputy problem). The external id ties each
assumption to your agreement with it.

## Example
```yaml
Principal: {AWS: arn:aws:iam::111122223333:root}
Action: sts:AssumeRole
```

## Use instead
```yaml
Principal: {AWS: arn:aws:iam::111122223333:root}
Action: sts:AssumeRole
Condition:
  StringEquals: {sts:ExternalId: 7f1c9e2a-vendor-id}
```

## Known limitations
iamlint cannot know the account the template is deployed to; a literal account id equal to it
is reported too.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
- Access Analyzer ROLE_TRUST_POLICY_* checks
)md",
     "security,principals", 6.5},
    checkCrossAccount};

}  // namespace iamlint
