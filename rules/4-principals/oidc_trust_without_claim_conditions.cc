#include <strings.h>

#include "rules/lib/statements.h"
#include "analyzer/security/tables.h"
#include "rules/lib/helpers.h"
#include "analyzer/iamdata/text_match.h"

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

static bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// GitHub `sub` values that are pinned but still have a wildcard: `repo:org/*` admits every
// repository of the organisation (warning), `repo:org/repo:*` every branch, tag, environment
// and pull request of one repository (note).
static void checkGithubSub(RuleContext& context, const Policy& p, const Statement& st, const std::string& key) {
  for (const ConditionEntry& c : st.conditions) {
    if (!iequal(c.key, key) || !isPositiveOperator(c.op)) continue;
    for (const Value& v : c.values)
      for (const Resolved& r : v.alts) {
        if (!r.exact() || iamdata::findAny(r.text, "*?") == std::string::npos) continue;
        std::string_view t = r.text;
        if (t.rfind("repo:", 0) != 0) continue;
        t.remove_prefix(5);
        if (t.empty() || t.find_first_not_of("*?") == std::string_view::npos) continue;  // reported as not pinned
        size_t colon = t.find(':');
        std::string_view repo = t.substr(0, colon);
        bool anyRepo = iamdata::findAny(repo, "*?") != std::string_view::npos;
        std::string what = anyRepo ? "every repository of `" + std::string(repo.substr(0, repo.find('/'))) + "`"
                                   : "every branch, tag, environment and pull request of `" + std::string(repo) + "`";
        FindingBuilder b = context.report(at(v, c.keyNode), "`" + c.key + "` value " + quoted(r.text) + " in " +
                                                                st.label() + " of the " + p.label() + " admits " + what +
                                                                provenance(r) + ": name the repository and the branch "
                                                                "or environment that deploys");
        b.level(anyRepo ? Level::Warning : Level::Note);
        b.help("for example `repo:my-org/my-repo:ref:refs/heads/main` or `repo:my-org/my-repo:environment:prod`");
      }
  }
}

// `ForAnyValue:` on an audience claim: the condition holds when any one of the token's
// audiences matches, so a token issued for another client that also lists this audience passes.
static void checkAudienceQualifier(RuleContext& context, const Policy& p, const Statement& st) {
  for (const ConditionEntry& c : st.conditions) {
    if (c.key.size() < 4 || !iequal(std::string_view(c.key).substr(c.key.size() - 4), ":aud")) continue;
    if (c.op.size() < 12 || !iequal(std::string_view(c.op).substr(0, 12), "ForAnyValue:")) continue;
    context
        .report(c.opNode ? c.opNode : c.keyNode,
                "`" + c.op + "` on the audience claim `" + c.key + "` in " + st.label() + " of the " + p.label() +
                    " holds when any one audience of the token matches: a token issued for another client that "
                    "also lists this audience can assume the role")
        .level(Level::Warning)
        .suggest(c.op.substr(12));
  }
}

// An OIDC provider iamlint has no row for: the statement must test at least one of its claims.
static void checkCustomIssuer(RuleContext& context, const Policy& p, const Statement& st, const Value& v,
                              const Resolved& r, const std::string& provider) {
  for (const ConditionEntry& c : st.conditions)
    if (c.key.size() > provider.size() && c.key[provider.size()] == ':' &&
        strncasecmp(c.key.c_str(), provider.c_str(), provider.size()) == 0)
      return;
  context
      .report(v.node ? v.node : st.principalNode,
              st.label() + " of the " + p.label() + " trusts the OIDC provider `" + provider +
                  "` with no condition on its claims (`" + provider + ":aud`, `" + provider + ":sub`)" +
                  provenance(r) + ": any identity the provider issues a token for can assume the role")
      .level(Level::Warning)
      .help("add `StringEquals` on `" + provider + ":aud` (the client id) and `" + provider +
            ":sub` (the identity that may assume the role)");
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
            bool known = false;
            for (const OidcProvider& op : oidcProviders()) {
              bool saml = op.pattern.rfind("arn:", 0) == 0;
              if (!globMatch(op.pattern, saml ? text : provider, true)) continue;
              known = true;
              std::vector<std::string> missing;
              for (const std::string& k : op.requiredKeys) {
                std::string key = k[0] == ':' ? provider + k : k;
                if (!claimRestricted(st, key)) missing.push_back(key);
              }
              if (missing.empty()) {
                if (op.pattern.rfind("token.actions.githubusercontent.com", 0) == 0)
                  checkGithubSub(context, p, st, provider + ":sub");
                break;
              }
              context
                  .report(v.node ? v.node : st.principalNode,
                          st.label() + " of the " + p.label() + " trusts the identity provider `" + provider +
                              "` without pinning " + listOf(missing) + provenance(r) +
                              ": any token the provider issues can assume the role")
                  .help(op.note);
              break;
            }
            if (!known && at != std::string::npos && !provider.empty()) checkCustomIssuer(context, p, st, v, r, provider);
          }
      }
      checkAudienceQualifier(context, p, st);
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

It also reports, as warnings: an OIDC provider iamlint has no row for (a self-hosted GitLab,
a custom issuer) when the statement tests none of its claims (`<host>:...`); a GitHub `sub`
that is pinned but admits every repository of an organisation (`repo:my-org/*`) — and, as a
note, every branch of one repository (`repo:my-org/my-repo:*`); and `ForAnyValue:` on an
audience claim (`...:aud`), which holds when any one of the token's audiences matches.

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
For a custom issuer, any condition on one of its claims counts: iamlint does not know which
claims the issuer sets.

## References
- https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
- https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
- Access Analyzer MISSING_GITHUB_REPO_CONDITION_KEY, MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL
)md",
     "security,principals", 9.1},
    checkOidc,
    "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL MISSING_GITHUB_REPO_CONDITION_KEY "
    "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED"};

}  // namespace iamlint
