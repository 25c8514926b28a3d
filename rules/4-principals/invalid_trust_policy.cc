#include <strings.h>

#include <algorithm>

#include "iamlint/eval.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"
#include "rules/lib/values.h"

namespace iamlint {

using namespace security;

namespace {

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// What kind of caller a principal value is, for the AssumeRole* action it may use.
enum class Caller { Aws, Saml, WebIdentity, Unknown };

Caller callerOf(const PrincipalEntry& e, const Resolved& r) {
  if (e.type == "AWS" || e.type == "Service" || e.type == "*" || e.type == "CanonicalUser") return Caller::Aws;
  if (e.type != "Federated") return Caller::Unknown;
  if (r.text.find(":saml-provider/") != std::string::npos) return Caller::Saml;
  if (r.text.find(":oidc-provider/") != std::string::npos) return Caller::WebIdentity;
  for (std::string_view idp : {"cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"})
    if (r.text == idp) return Caller::WebIdentity;
  return Caller::Unknown;
}

// The three actions IAM Roles Anywhere calls on the role it vends credentials for.
// https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy
constexpr std::string_view kRolesAnywhereActions[] = {"sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"};

void checkMismatch(RuleContext& context, const Policy& p, const Statement& st, const std::string& where) {
  if (st.effect != Effect::Allow || st.notAction || st.notPrincipal) return;
  bool saml = false, web = false, aws = false;
  std::vector<std::string> federated;
  for (const PrincipalEntry& e : st.principals)
    for (const Value& v : e.values)
      for (const Resolved& r : v.alts) {
        Caller c = callerOf(e, r);
        if (c == Caller::Unknown) return;  // a parameter, or a value IAM408 reports
        saml |= c == Caller::Saml;
        web |= c == Caller::WebIdentity;
        aws |= c == Caller::Aws;
        if (c != Caller::Aws) federated.push_back(r.text);
      }
  for (const Value& v : st.actions)
    for (const Resolved* r : distinctAlternatives(v)) {
      if (!r->exact()) continue;
      std::string need;
      if (iequal(r->text, "sts:AssumeRoleWithSAML") && !saml)
        need = "only a SAML provider (`Federated: arn:aws:iam::<account>:saml-provider/<name>`) can use it";
      else if (iequal(r->text, "sts:AssumeRoleWithWebIdentity") && !web)
        need = "only an OIDC or web identity provider (`Federated: arn:aws:iam::<account>:oidc-provider/<host>`) can use it";
      else if (iequal(r->text, "sts:AssumeRole") && !aws && (saml || web))
        need = std::string("a federated principal assumes a role with `") +
               (saml ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity") + "`";
      if (need.empty()) continue;
      std::vector<std::string> who;
      for (const PrincipalEntry& e : st.principals)
        for (const Value& pv : e.values)
          for (const Resolved& pr : pv.alts) who.push_back(pr.text);
      FindingBuilder b = context.report(at(v, st.actionNode), quoted(r->text) + " in " + where +
                                                                  " does not fit its principals (" + listOf(who, 3) +
                                                                  "): " + need + provenance(*r));
      b.level(Level::Warning);
      if (saml && !web && !aws) b.suggest("sts:AssumeRoleWithSAML");
      else if (web && !saml && !aws) b.suggest("sts:AssumeRoleWithWebIdentity");
    }
}

void checkRolesAnywhere(RuleContext& context, const Statement& st, const std::string& where) {
  if (st.effect != Effect::Allow || st.notAction || st.notPrincipal) return;
  std::optional<Alt> service;
  for (const PrincipalEntry& e : st.principals)
    if (e.type == "Service")
      if (auto a = findAlt(e.values, [](const std::string& t) { return t == "rolesanywhere.amazonaws.com"; })) service = a;
  if (!service) return;
  bool unknown = false;
  std::vector<Alt> actions = exactAlts(st.actions, &unknown);
  if (unknown) return;
  std::vector<std::string> missing;
  for (std::string_view need : kRolesAnywhereActions) {
    bool granted = false;
    for (const Alt& a : actions)
      if (actionMatches(a.text(), need)) granted = true;
    if (!granted) missing.emplace_back(need);
  }
  if (missing.empty()) return;
  context
      .report(service->node(st.principalNode),
              where + " trusts `rolesanywhere.amazonaws.com` without " + listOf(missing) +
                  ": IAM Roles Anywhere needs `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession` "
                  "to vend credentials for the role")
      .level(Level::Warning)
      .help("set `Action: [sts:AssumeRole, sts:SetSourceIdentity, sts:TagSession]`");
}

// `Action: "*"` (or `sts:*`) and `NotAction` in a trust Allow: the principals may call every
// STS action on the role (tag sessions, set a source identity), not only the assume action.
void checkBroadAction(RuleContext& context, const Statement& st, const std::string& where) {
  if (st.effect != Effect::Allow || st.notPrincipal || !st.actionNode) return;
  std::string what;
  const Node* node = st.actionNode;
  if (st.notAction) {
    what = "uses `NotAction`, so it allows every action it does not list";
  } else if (auto a = findAlt(st.actions, [](const std::string& t) { return t == "*" || iequal(t, "sts:*"); })) {
    what = "allows " + quoted(a->text());
    node = a->node(st.actionNode);
  } else {
    return;
  }
  context
      .report(node, where + " " + what + ": its principals may call every STS action on the role, not only the "
                            "one that assumes it")
      .level(Level::Warning)
      .help("name the assume action the principals use (`sts:AssumeRole`, `sts:AssumeRoleWithSAML` or "
            "`sts:AssumeRoleWithWebIdentity`), with `sts:TagSession`/`sts:SetSourceIdentity` if they need them");
}

void checkTrust(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind != PolicyKind::Trust || p.synthesized) continue;
    for (const Statement& st : p.statements) {
      const std::string where = st.label() + " of the " + p.label();
      if (st.resourceNode && st.node && st.node->isMapping())
        context
            .report(st.node->keyNode(st.notResource ? "NotResource" : "Resource"),
                    where + " has a `" + (st.notResource ? "NotResource" : "Resource") +
                        "`; a role trust policy applies to its role, and IAM rejects the element there")
            .help("remove it; to limit which roles a principal may assume, use `Resource` in the principal's own "
                  "identity policy");
      if (st.notPrincipal && st.node && st.node->isMapping())
        context
            .report(st.node->keyNode("NotPrincipal"),
                    where + " uses `NotPrincipal`; IAM rejects `NotPrincipal` in a role trust policy" +
                        (st.effect == Effect::Allow ? " (as an Allow it would trust everyone else, anonymous callers included)"
                                                    : ""))
            .help("name the principals in `Principal`; to exclude some, add a Deny with `Principal: \"*\"` and "
                  "`Condition: {ArnEquals: {aws:PrincipalArn: [...]}}`");
      checkMismatch(context, p, st, where);
      checkRolesAnywhere(context, st, where);
      checkBroadAction(context, st, where);
    }
  }
}

}  // namespace

extern const Rule kInvalidTrustPolicy{
    {"IAM410", "invalid-trust-policy", Level::Error,
     "A role trust policy has an element or action that does not belong in it",
     R"md(## What it does
Checks what only role trust policies require:

- no `Resource` or `NotResource` (error): the trust policy applies to its role;
- no `NotPrincipal`, with `Allow` or `Deny` (error);
- the assume action fits the principal (warning): `sts:AssumeRoleWithSAML` for a SAML provider,
  `sts:AssumeRoleWithWebIdentity` for an OIDC or web identity provider, `sts:AssumeRole` for
  AWS accounts, roles, users and services;
- a statement that trusts IAM Roles Anywhere (`rolesanywhere.amazonaws.com`) allows
  `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession` (warning);
- an `Allow` of `Action: "*"` (or `sts:*`), or with `NotAction` (warning).

## Why is this bad?
IAM rejects a trust policy with `Resource` or `NotPrincipal` (`MalformedPolicyDocument`), so
the stack fails to deploy. A mismatched action, or a Roles Anywhere trust without the session
actions, deploys but the federated users or the workload can never assume the role.

## Example
```yaml
AssumeRolePolicyDocument:
  Statement:
    - Effect: Allow
      Principal: {Federated: !Sub "arn:aws:iam::${AWS::AccountId}:saml-provider/Corp"}
      Action: sts:AssumeRoleWithWebIdentity
      Resource: "*"
```

## Use instead
```yaml
    - Effect: Allow
      Principal: {Federated: !Sub "arn:aws:iam::${AWS::AccountId}:saml-provider/Corp"}
      Action: sts:AssumeRoleWithSAML
      Condition:
        StringEquals: {SAML:aud: https://signin.aws.amazon.com/saml}
```

## Known limitations
A statement whose principals come from parameters without a known value is not checked for
the action. `Allow` with `NotPrincipal` in a resource policy is IAM404.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp.html
- https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html
- cfn_nag (wildcard action and Allow+NotAction in a role trust policy)
)md",
     "correctness,principals"},
    checkTrust,
    "MISMATCHED_ACTION_FOR_PRINCIPAL MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY "
    "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"};

}  // namespace iamlint
