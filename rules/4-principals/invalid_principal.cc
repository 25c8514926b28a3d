#include <algorithm>
#include <cctype>

#include "analyzer/iamdata/text_match.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"
#include "rules/lib/values.h"

namespace iamlint {

using namespace security;

namespace {

// The principal types IAM knows in a `Principal` mapping.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
constexpr std::string_view kPrincipalTypes[] = {"AWS", "CanonicalUser", "Federated", "Service"};

// The identity providers a `Federated` principal may name without an ARN (web identity
// federation): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity
constexpr std::string_view kWebIdentityProviders[] = {"accounts.google.com", "cognito-identity.amazonaws.com",
                                                      "graph.facebook.com", "www.amazon.com"};

bool knownType(std::string_view t) {
  return std::find(std::begin(kPrincipalTypes), std::end(kPrincipalTypes), t) != std::end(kPrincipalTypes);
}

// The known principal type a mistyped key stands for (`AWSS`, `aws`, `Services`), or empty.
std::string nearestType(std::string_view key) {
  std::string best;
  size_t bestDistance = 3;
  for (std::string_view t : kPrincipalTypes)
    if (size_t d = iamdata::editDistance(key, t, 2); d < bestDistance) bestDistance = d, best = t;
  return best;
}

// The first `*` or `?` of the written text of `r` outside its holes, or npos.
size_t literalWildcard(const Resolved& r) {
  for (size_t at = iamdata::findAny(r.text, "*?"); at != std::string::npos; at = r.text.find_first_of("*?", at + 1))
    if (!touchesHole(r, at, at + 1)) return at;
  return std::string::npos;
}

bool validFederated(const std::string& text) {
  if (std::find(std::begin(kWebIdentityProviders), std::end(kWebIdentityProviders), text) !=
      std::end(kWebIdentityProviders))
    return true;
  if (text.rfind("arn:", 0) != 0) return false;
  for (std::string_view kind : {":saml-provider/", ":oidc-provider/"}) {
    size_t at = text.find(kind);
    if (at != std::string::npos && at + kind.size() < text.size() && text.find(":iam::") != std::string::npos) return true;
  }
  return false;
}

void checkStatement(RuleContext& context, const Policy& p, const Statement& st) {
  const Node* principal = st.principalNode;
  if (!principal || principal->isIntrinsic()) return;
  const std::string element = st.notPrincipal ? "NotPrincipal" : "Principal";
  const std::string where = st.label() + " of the " + p.label();
  if (principal->isNull()) {
    context.report(principal, "`" + element + "` of " + where + " has no value; IAM expects `\"*\"` or a mapping of "
                                                                  "principal types to their values");
    return;
  }
  if (principal->isScalar()) {
    if (principal->text != "*")
      context
          .report(principal, "`" + element + "` of " + where + " is the string " + quoted(principal->text) +
                                 "; only `\"*\"` may stand alone, every other principal is written under its type")
          .help("write `" + element + ": {AWS: " + principal->text + "}` (or `Service`, `Federated`)");
    return;
  }
  if (principal->isSequence()) {
    context
        .report(principal, "`" + element + "` of " + where +
                               " is a list; IAM expects `\"*\"` or a mapping of principal types (`AWS`, `Service`, "
                               "`Federated`, `CanonicalUser`) to their values")
        .help("write the list under its type: `" + element + ": {AWS: [...]}`");
    return;
  }
  if (!principal->isMapping()) return;
  if (principal->keys.empty()) {
    context.report(principal, "`" + element + "` of " + where + " is an empty mapping `{}`: it names no principal")
        .level(Level::Note)
        .help("name the principals, or remove the statement");
    return;
  }
  for (size_t i = 0; i < principal->keys.size(); ++i) {
    const Node& key = principal->keys[i];
    const Node& value = principal->items[i];
    if (!key.isScalar()) continue;
    if (!knownType(key.text)) {
      std::string near = nearestType(key.text);
      FindingBuilder b = context.report(&key, quoted(key.text) + " in `" + element + "` of " + where +
                                                  " is not a principal type; IAM accepts `AWS`, `Service`, "
                                                  "`Federated` and `CanonicalUser`");
      if (!near.empty()) b.suggest(near);
      continue;
    }
    if (value.isIntrinsic()) continue;
    if (value.isNull()) {
      context.report(&key, "`" + key.text + "` in `" + element + "` of " + where +
                               " has no value; IAM expects a string or a list of strings");
      continue;
    }
    if (value.isSequence() && value.items.empty()) {
      context.report(&value, "`" + key.text + "` in `" + element + "` of " + where + " is an empty list: it names no principal")
          .level(Level::Note)
          .help("name the principals, or remove the `" + key.text + "` key");
      continue;
    }
    const Node* bad = value.isMapping() ? &value : nullptr;
    if (value.isSequence())
      for (const Node& item : value.items)
        if ((item.isMapping() || item.isSequence()) && !item.isIntrinsic()) bad = &item;
    if (bad)
      context.report(bad, "a value of `" + key.text + "` in `" + element + "` of " + where + " is a " +
                              (bad->isMapping() ? "mapping" : "list") + "; IAM expects a string or a list of strings");
  }
  for (const PrincipalEntry& e : st.principals) {
    if (e.type == "AWS") {
      for (const Value& v : e.values)
        for (const Resolved* r : distinctAlternatives(v)) {
          if (r->text == "*" || r->text.find("${") == 0) continue;
          size_t at = literalWildcard(*r);
          if (at == std::string::npos) continue;
          context
              .report(iamlint::at(v, e.typeNode),
                      quoted(r->text) + provenance(*r) + " in " + where +
                          " has a wildcard inside a principal; IAM accepts `*` only as the whole value (everyone)")
              .help("name the accounts or roles, or write `" + element +
                    ": {AWS: \"*\"}` with `Condition: {ArnLike: {aws:PrincipalArn: \"" + r->text +
                    "\"}}` (and `aws:PrincipalAccount` or `aws:PrincipalOrgID`)");
        }
    } else if (e.type == "Federated") {
      if (p.kind == PolicyKind::Resource || p.kind == PolicyKind::Endpoint) {
        for (const Value& v : e.values)
          for (const Resolved* r : distinctAlternatives(v))
            context
                .report(iamlint::at(v, e.typeNode),
                        "`Federated` principal " + quoted(r->text) + " in " + where +
                            ": only a role trust policy can name an identity provider; a resource policy "
                            "names the role the federated users assume" + provenance(*r))
                .help("put the provider in the trust policy of a role, and name that role (`AWS: "
                      "arn:aws:iam::<account>:role/<name>`) here");
      } else if (p.kind == PolicyKind::Trust) {
        for (const Value& v : e.values)
          for (const Resolved* r : distinctAlternatives(v)) {
            if (!r->exact() || validFederated(r->text)) continue;
            context
                .report(iamlint::at(v, e.typeNode),
                        "`Federated` principal " + quoted(r->text) + " in " + where +
                            " is neither the ARN of a SAML or OIDC provider (`arn:aws:iam::<account>:saml-provider/"
                            "<name>`, `...:oidc-provider/<host>`) nor a web identity provider (`cognito-identity."
                            "amazonaws.com`, `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`)" +
                            provenance(*r))
                .help("for GitHub Actions: `arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com`");
          }
      }
    }
  }
}

void checkPrincipals(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.synthesized || p.kind == PolicyKind::Identity) continue;
    for (const Statement& st : p.statements) checkStatement(context, p, st);
  }
}

}  // namespace

extern const Rule kInvalidPrincipal{
    {"IAM408", "invalid-principal", Level::Error,
     "The `Principal` element does not have the grammar IAM accepts",
     R"md(## What it does
Checks the grammar of `Principal` and `NotPrincipal` in trust and resource policies:

- a key that is not a principal type (`AWSS`, `aws`, `Services`), with a did-you-mean;
- a list or a plain string other than `"*"` where IAM expects a mapping of types to values
  (`Principal: [arn:aws:iam::111122223333:root]`), and a mapping nested in a value;
- a wildcard inside an `AWS` principal (`arn:aws:iam::*:root`, `arn:aws:iam::111122223333:role/*`,
  `1111*`): `*` is accepted only as the whole value;
- a `Federated` principal in a resource policy (only role trust policies trust identity
  providers), and in a trust policy a `Federated` value that is neither a SAML or OIDC provider
  ARN nor a web identity provider (`cognito-identity.amazonaws.com`, `accounts.google.com`,
  `graph.facebook.com`, `www.amazon.com`);
- as notes, an empty `Principal: {}` and an empty list (`{AWS: []}`), which name no one.

## Why is this bad?
IAM rejects such a policy (`MalformedPolicyDocument: Invalid principal in policy`), so the
stack fails to deploy. A wildcard ARN written to mean "every role of the account" would, if
accepted, mean something else than intended; IAM asks for `*` and a condition instead.

## Example
```json
{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/*"},
 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}
```

## Use instead
```json
{"Effect": "Allow", "Principal": {"AWS": "*"},
 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*",
 "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}
```

## Known limitations
A `Principal` written as an intrinsic function (`!If`, `!Ref`) is checked only in its
resolved values. `Federated` values built from parameters are not judged. Service principals
are checked by IAM403, ARNs of `AWS` principals by IAM301, unique ids (`AROA...`) by IAM409.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
)md",
     "correctness,principals"},
    checkPrincipals,
    "EMPTY_ARRAY_PRINCIPAL EMPTY_OBJECT_PRINCIPAL FEDERATED_PRINCIPAL_NOT_SUPPORTED "
    "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY INVALID_PRINCIPAL_FORMAT INVALID_PRINCIPAL_KEY "
    "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"};

}  // namespace iamlint
