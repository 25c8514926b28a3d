#include <deque>
#include <set>

#include "rules/lib/profiles.h"
#include "iamlint/catalog.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

using namespace profilecheck;

// Actions of a scope grouped by the resources they may reach: the scope's own, plus those of
// every allowance naming the action (`s3:Get*` also on `*` for public data sets).
std::map<std::vector<std::string>, std::vector<std::string>> groups(const ScopeLimit& scope, const Binding& binding) {
  std::vector<std::string> base;
  for (const std::string& r : scope.resources) base.push_back(substitute(r, binding));
  std::map<std::vector<std::string>, std::vector<std::string>> out;
  std::set<std::string> seen;
  for (const std::string& pattern : scope.actions)
    for (const ActionInfo* a : Catalog::instance().expandPattern(pattern)) {
      std::string name = a->fullName();
      if (!seen.insert(name).second) continue;
      std::vector<std::string> reach = base;
      for (const ScopeAllowance& al : scope.allowances)
        for (const std::string& ap : al.actions)
          if (actionMatches(ap, name)) {
            for (const std::string& r : al.resources) reach.push_back(substitute(r, binding));
            break;
          }
      std::sort(reach.begin(), reach.end());
      reach.erase(std::unique(reach.begin(), reach.end()), reach.end());
      if (std::find(reach.begin(), reach.end(), "*") != reach.end()) continue;  // unlimited
      out[reach].push_back(name);
    }
  return out;
}

// Every Deny of the role's policies, so that one policy's allows can be asked about alone.
std::deque<Policy> denials(const std::vector<const Policy*>& policies) {
  std::deque<Policy> out;
  for (const Policy* p : policies) {
    Policy d = *p;
    d.statements.clear();
    for (const Statement& s : p->statements)
      if (s.effect == Effect::Deny) d.statements.push_back(s);
    if (!d.statements.empty()) out.push_back(std::move(d));
  }
  return out;
}

std::string scopeText(const ScopeLimit& scope) {
  std::string acts, res;
  for (const std::string& a : scope.actions) acts += (acts.empty() ? "`" : ", `") + a + "`";
  for (const std::string& r : scope.resources) res += (res.empty() ? "`" : " and `") + r + "`";
  return acts + " only on " + res;
}

}  // namespace

static void checkScope(RuleContext& context) {
  const Analysis& analysis = context.analysis();
  for (const Profile* profile : context.options().profiles) {
    Binding binding = bind(analysis, *profile);
    for (const ProfileRole& role : profile->roles)
      for (const IamPrincipal* p : findRoles(analysis, role, binding.eval))
        for (const ScopeLimit& scope : role.scope) {
          auto byReach = groups(scope, binding);
          std::deque<Policy> denies = denials(p->policies);
          // One finding per policy that reaches outside: each is its own fix.
          for (const Policy* allowing : p->policies) {
            bool hasAllow = false;
            for (const Statement& s : allowing->statements) hasAllow = hasAllow || s.effect == Effect::Allow;
            if (!hasAllow) continue;
            PolicySet set = effectivePolicies(*p);
            set.identity = {allowing};
            for (const Policy& d : denies) set.identity.push_back(&d);
            std::optional<ScopeWitness> witness;
            for (const auto& [reach, actions] : byReach) {
              witness = findBeyondScope(set, ScopeQuery{actions, reach}, binding.eval);
              if (witness) break;
            }
            if (!witness) continue;
            std::string what = allowing->awsManaged ? "the AWS managed policy `" + allowing->name + "`"
                                                    : witness->allowedBy.statement->label() + " of the " + allowing->label();
            // The evaluator fills a wildcard with a placeholder word; show it as what it is, an
            // example of a resource outside the scope, not a name that looks like a real one.
            std::string resource = witness->resource;
            for (auto [from, to] : {std::pair<std::string, std::string>{"iamlint-example/iamlint-example", "another-bucket/any-key"},
                                    {"iamlint-example", "another-name"}})
              for (size_t i; (i = resource.find(from)) != std::string::npos;) resource.replace(i, from.size(), to);
            std::string example = "`" + witness->action + "` beyond it, for example on `" + resource + "`";
            for (const auto& [name, value] : binding.text)
              for (size_t i; (i = example.find(value)) != std::string::npos;) example.replace(i, value.size(), "${" + name + "}");
            const Node* at = statementNode(*p, witness->allowedBy);
            context.report(at ? at : roleNode(*p),
                           profile->page + " limits the " + role.title + " `" + p->logicalId + "` to " + scopeText(scope) +
                               (scope.quote.empty() ? "" : " (\"" + scope.quote + "\")") + ", but " + what + " " +
                               (witness->result.certain ? "allows" : "may allow") + " " + example)
                .resource(p->logicalId);
          }
        }
  }
}

extern const Rule kPermissionBeyondScope{
    {"IAM703", "permission-beyond-scope", Level::Warning,
     "A profile role can reach resources outside the scope its documentation gives it",
     R"md(## What it does
With a requirement profile, asks the evaluation engine (`findBeyondScope`) whether a role can
perform a scoped action (`s3:*`) on a resource outside the profile's scope (the one bucket and
its objects), and reports one concrete request that is allowed, with the statement or AWS
managed policy that allows it. Each policy of the role is asked on its own (with every Deny of
the role still applying), so each over-broad grant is its own finding. A profile can widen
the scope for some actions (`allow-also`: account-wide S3 read for public data sets).

## Why is this bad?
The documentation promises access to a single bucket. `AmazonS3ReadOnlyAccess`,
`AmazonEC2RoleforSSM` (`s3:PutObject` on `*`) or a `Resource: arn:aws:s3:::*` give every
container on the instance access to every bucket in the account.

## Example
```yaml
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM
```

## Use instead
```yaml
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
```

## Known limitations
Only the actions a profile scopes are asked about; undocumented permissions for other services
are left to the security rules.

## References
- docs/profiles.md
)md",
     "requirements,security", 6.5},
    checkScope};

}  // namespace iamlint
