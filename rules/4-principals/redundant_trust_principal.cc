#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"
#include "rules/lib/values.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

using namespace security;

namespace {

struct RoleArn {
  std::string partition, account, name;
};

// `arn:<p>:iam::<a>:role/<path/>name` or `arn:<p>:sts::<a>:assumed-role/<name>/<session>`.
bool parse(const std::string& text, std::string_view service, std::string_view kind, RoleArn& out) {
  if (text.rfind("arn:", 0) != 0) return false;
  size_t p = text.find(':', 4);
  if (p == std::string::npos) return false;
  std::string rest = text.substr(p + 1);
  std::string head = std::string(service) + "::";
  if (rest.rfind(head, 0) != 0) return false;
  size_t acct = rest.find(':', head.size());
  if (acct == std::string::npos) return false;
  out.partition = text.substr(4, p - 4);
  out.account = rest.substr(head.size(), acct - head.size());
  std::string resource = rest.substr(acct + 1);
  if (resource.rfind(std::string(kind) + "/", 0) != 0) return false;
  std::string tail = resource.substr(kind.size() + 1);
  if (kind == "role") {
    out.name = tail.substr(tail.rfind('/') + 1);
  } else {
    size_t slash = tail.find('/');
    if (slash == std::string::npos) return false;
    out.name = tail.substr(0, slash);
  }
  return !out.name.empty() && !out.account.empty() && iamdata::findAny(out.name, "*?") == std::string::npos;
}

void checkRedundant(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind != PolicyKind::Trust) continue;
    // The roles every Allow of the policy trusts, unconditionally.
    std::vector<std::pair<RoleArn, std::string>> roles;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || st.notPrincipal || !st.conditions.empty()) continue;
      for (const PrincipalEntry& e : st.principals)
        if (e.type == "AWS")
          for (const Value& v : e.values)
            for (const Resolved& r : v.alts) {
              RoleArn role;
              if (r.exact() && parse(r.text, "iam", "role", role)) roles.emplace_back(role, r.text);
            }
    }
    if (roles.empty()) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || st.notPrincipal) continue;
      for (const PrincipalEntry& e : st.principals)
        if (e.type == "AWS")
          for (const Value& v : e.values)
            for (const Resolved* r : distinctAlternatives(v)) {
              RoleArn session;
              if (!r->exact() || !parse(r->text, "sts", "assumed-role", session)) continue;
              for (const auto& [role, text] : roles)
                if (role.partition == session.partition && role.account == session.account &&
                    role.name == session.name) {
                  context
                      .report(at(v, e.typeNode), quoted(r->text) + " in " + st.label() + " of the " + p.label() +
                                                     " is redundant: the policy also trusts its role " + quoted(text) +
                                                     ", which covers every session of the role")
                      .help("remove the session principal");
                  break;
                }
            }
    }
  }
}

}  // namespace

extern const Rule kRedundantTrustPrincipal{
    {"IAM411", "redundant-trust-principal", Level::Note,
     "A trust policy names a role session as well as the role it belongs to",
     R"md(## What it does
Reports an assumed-role session principal (`arn:aws:sts::111122223333:assumed-role/Deployer/ci`)
in a role trust policy that, in an unconditional `Allow`, also trusts the role itself
(`arn:aws:iam::111122223333:role/Deployer`, with any path).

## Why is this bad?
Trusting the role already trusts every session of it; the session principal adds nothing
and suggests the trust is narrower than it is.

## Example
```json
"Principal": {"AWS": ["arn:aws:iam::111122223333:role/Deployer",
                      "arn:aws:sts::111122223333:assumed-role/Deployer/ci"]}
```

## Use instead
```json
"Principal": {"AWS": "arn:aws:iam::111122223333:role/Deployer"}
```

## Known limitations
Only literal ARNs are compared; values built from parameters are not.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#sts-session-principals
)md",
     "style,principals"},
    checkRedundant,
    "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY"};

}  // namespace iamlint
