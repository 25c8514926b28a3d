#include <strings.h>

#include "rules/lib/statements.h"
#include "analyzer/security/tables.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

// A condition on `key` that pins the claim: a positive operator whose values are not all
// wildcards (`*`, `repo:*`).
static bool claimRestricted(const Statement& st, const std::string& key) {
  for (const ConditionEntry& c : st.conditions) {
    if (c.key.size() != key.size() || strncasecmp(c.key.c_str(), key.c_str(), key.size()) != 0) continue;
    if (!isPositiveOperator(c.op) || c.values.empty()) continue;
    bool pinned = true;
    for (const Value& v : c.values)
      for (const Resolved& r : v.alts) {
        std::string_view t = r.text;
        if (t.rfind("repo:", 0) == 0) t.remove_prefix(5);
        if (r.exact() && (t.empty() || t.find_first_not_of("*?") == std::string_view::npos)) pinned = false;
      }
    if (pinned) return true;
  }
  return false;
}

static void checkOidc(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind != PolicyKind::Trust) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow) continue;
      for (const PrincipalEntry& e : st.principals) {
        if (e.type != "Federated") continue;
        for (const Value& v : e.values)
          for (const Resolved& r : v.alts) {
            // The account part may be `${AWS::AccountId}`; the provider host must be literal.
            std::string text = r.text;
            size_t at = text.find(":oidc-provider/");
            std::string provider = at == std::string::npos ? text : text.substr(at + 15);
            if (provider.find("${") != std::string::npos) continue;
            for (const OidcProvider& op : oidcProviders()) {
              bool saml = op.pattern.rfind("arn:", 0) == 0;
              if (!globMatch(op.pattern, saml ? text : provider, true)) continue;
              std::vector<std::string> missing;
              for (const std::string& k : op.requiredKeys) {
                std::string key = k[0] == ':' ? provider + k : k;
                if (!claimRestricted(st, key)) missing.push_back(key);
              }
              if (missing.empty()) break;
              context
                  .report(v.node ? v.node : st.principalNode,
                          st.label() + " of the " + p.label() + " trusts the identity provider `" + provider +
                              "` without pinning " + listOf(missing) + provenance(r) +
                              ": any token the provider issues can assume the role")
                  .help(op.note);
              break;
            }
          }
      }
    }
  }
}

extern const Rule kOidcTrustWithoutClaimConditions{
    {"IAM405", "oidc-trust-without-claim-conditions", Level::Error,
     "A federated trust (GitHub Actions, EKS, Cognito, SAML...) does not pin the audience and subject",
     R"md(## What it does
Reports a role trust statement whose `Federated` principal is a well-known OIDC, web-identity or
SAML provider (`data/oidc-providers.tsv`: GitHub Actions, EKS service accounts, Cognito
identity pools, Google, GitLab, Terraform Cloud, Bitbucket, CircleCI, Buildkite, SAML
providers) when the statement does not test the keys the provider needs — for GitHub
`token.actions.githubusercontent.com:aud` and `:sub`, for EKS `oidc.eks.<region>.amazonaws.com/id/<id>:aud`
and `:sub`, for Cognito `cognito-identity.amazonaws.com:aud` and `:amr` — with a positive
operator and a value that is not only wildcards (`*`, `repo:*`).

## Why is this bad?
Without `sub`, every GitHub repository in the world (or every service account of the cluster,
every identity of every pool) can exchange its token for this role's credentials.

## Example
```yaml
Principal:
  Federated: !Sub arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com
Action: sts:AssumeRoleWithWebIdentity
Condition:
  StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}
```

## Use instead
```yaml
Condition:
  StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}
  StringLike: {token.actions.githubusercontent.com:sub: "repo:my-org/my-repo:ref:refs/heads/main"}
```

## Known limitations
A provider given as a `!Ref` to an `AWS::IAM::OIDCProvider` is not resolved to its URL yet.
Self-hosted GitLab and other custom issuers are not recognised.

## References
- https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
- https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
- Access Analyzer MISSING_GITHUB_REPO_CONDITION_KEY, MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL
)md",
     "security,principals", 9.1},
    checkOidc,
    "MISSING_GITHUB_REPO_CONDITION_KEY"};

}  // namespace iamlint
