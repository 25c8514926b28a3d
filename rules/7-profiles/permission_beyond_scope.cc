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

// The request shown in a message: the evaluator's markers for values the template leaves open
// (a generated bucket name) as `${Name}`.
std::string shown(std::string text) {
  for (size_t at; (at = text.find('\x02')) != std::string::npos;) {
    size_t end = text.find('\x02', at + 1);
    if (end == std::string::npos) break;
    std::string name = text.substr(at + 1, end - at - 1);
    for (char& c : name)
      if (c == '\x03') c = ':';
    text.replace(at, end - at + 1, "${" + name + "}");
  }
  return text;
}

// Grants through the template's resource policies: a bucket, queue, topic, secret or key
// policy that lets the role act on its resource, which lies outside the scope. The request is
// asked as `iamlint query` asks it (prepareForRole), with only the role's Denies on the
// identity side, so that the resource policy's own grant decides; its Denies count.
void checkResourcePolicies(RuleContext& context, const Profile& profile, const ProfileRole& role, const IamPrincipal& p,
                           const ScopeLimit& scope, const Binding& binding, const std::deque<Policy>& denies) {
  const Analysis& analysis = context.analysis();
  bool anyResourcePolicy = false;
  for (const Policy& pol : analysis.policies) anyResourcePolicy = anyResourcePolicy || (pol.kind == PolicyKind::Resource && !pol.guards.empty());
  if (!anyResourcePolicy) return;
  auto byReach = groups(scope, binding);
  std::map<std::string, const std::vector<std::string>*> reachOf;
  for (const auto& [reach, actions] : byReach)
    for (const std::string& a : actions) reachOf[a] = &reach;
  std::set<const Policy*> reported;
  for (const auto& [id, arns] : analysis.arns) {
    if (arns.empty()) continue;
    std::vector<std::string> asked{id};
    // A bucket policy also guards the bucket's objects.
    if (arns.front().text.rfind("arn:aws:s3:::", 0) == 0 && arns.front().text.find('/') == std::string::npos)
      asked.push_back(id + "/example-key");
    for (const std::string& resource : asked) {
      PreparedQuery q = prepareForRole(analysis, p, "", resource, binding.eval);
      if (q.policies.resource.empty()) continue;
      bool fresh = false;
      for (const Policy* rp : q.policies.resource) fresh = fresh || (rp->kind == PolicyKind::Resource && !reported.count(rp));
      if (!fresh) continue;
      PolicySet set = q.policies;
      set.identity.clear();
      for (const Policy& d : denies) set.identity.push_back(&d);
      std::optional<std::pair<std::string, EvalResult>> found;
      for (const std::string& pattern : scope.actions)
        for (const std::string& action : actionsFor(pattern, q.request.resource)) {
          auto r = reachOf.find(action);
          if (r == reachOf.end() || resourcePatternWithin(q.request.resource, *r->second)) continue;
          Request request = q.request;
          request.action = action;
          EvalResult result = evaluate(set, request, q.options);
          if (result.decision != Decision::Allow) continue;
          bool byResource = false;
          for (const StatementRef& d : result.deciding)
            byResource = byResource || std::find(set.resource.begin(), set.resource.end(), d.policy) != set.resource.end();
          if (!byResource) continue;
          if (!found || (result.certain && !found->second.certain)) found = std::make_pair(action, std::move(result));
          if (found->second.certain) break;
        }
      if (!found) continue;
      const StatementRef* by = nullptr;
      for (const StatementRef& d : found->second.deciding)
        if (!by && std::find(set.resource.begin(), set.resource.end(), d.policy) != set.resource.end()) by = &d;
      reported.insert(by->policy);
      std::string example = "`" + found->first + "` beyond it, on `" + shown(q.request.resource) + "`";
      for (const auto& [name, value] : binding.text)
        for (size_t i; (i = example.find(value)) != std::string::npos;) example.replace(i, value.size(), "${" + name + "}");
      const Node* at = by->statement ? by->statement->node : nullptr;
      context.report(at ? at : roleNode(p),
                     profile.page + " limits the " + role.title + " `" + p.logicalId + "` to " + scopeText(scope) +
                         (scope.quote.empty() ? "" : " (\"" + scope.quote + "\")") + ", but " +
                         (by->statement ? by->statement->label() + " of the " : "") + by->policy->label() + " " +
                         (found->second.certain ? "allows" : "may allow") + " it " + example)
          .resource(p.logicalId);
    }
  }
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
          checkResourcePolicies(context, *profile, role, *p, scope, binding, denies);
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

The template's resource policies are asked too, as `iamlint query` asks them: a bucket, queue,
topic, secret or key policy of the template that lets the role perform a scoped action on its
resource outside the scope is reported at its statement (with the role's Denies and the
resource policy's own Denies applying, and a key policy trusting only the account leaving the
decision to the role's policies, which are asked above).

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
are left to the security rules. A grant of the role's own policies is reported with an example
resource outside the scope; a Deny in a resource policy of the template does not remove it,
since resources outside the template have no such policy.

## References
- docs/profiles.md
)md",
     "requirements,security", 6.5},
    checkScope};

}  // namespace iamlint
