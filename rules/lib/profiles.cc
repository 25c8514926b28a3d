#include "rules/lib/profiles.h"

#include "analyzer/policy/query.h"

#include <re2/re2.h>

#include "iamlint/catalog.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint::profilecheck {

namespace {

// Stands for a template parameter with no value of its own, on both sides of a comparison.
std::string placeholder(const std::string& name) {
  std::string out = "example-";
  for (char c : name) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Binding bind(const Analysis& analysis, const Profile& profile) {
  Binding b;
  for (const ProfileParameter& p : profile.parameters) {
    std::string value;
    if (auto it = profile.values.find(p.name); it != profile.values.end()) {
      value = it->second;
    } else if (auto tp = analysis.tmpl.parameters.find(p.templateParameter);
               tp != analysis.tmpl.parameters.end() && tp->second.defaultValue &&
               tp->second.defaultValue->isScalar() && !tp->second.defaultValue->text.empty()) {
      value = tp->second.defaultValue->text;
    } else {
      value = placeholder(p.templateParameter.empty() ? p.name : p.templateParameter);
    }
    b.text[p.name] = value;
    if (!p.templateParameter.empty()) b.eval.bindings[p.templateParameter] = value;
  }
  return b;
}

std::string substitute(std::string_view text, const Binding& binding) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        auto it = binding.text.find(std::string(text.substr(i + 2, close - i - 2)));
        if (it != binding.text.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

PreparedQuery prepareForRole(const Analysis& analysis, const IamPrincipal& role, const std::string& action,
                             const std::string& resource, const EvalOptions& options) {
  AccessQuery q;
  q.principal = &role;
  q.action = action;
  q.resource = resource;
  PreparedQuery prepared = prepareQuery(analysis, q, options);
  if (prepared.request.principal.empty()) prepared.request.principal = "arn:aws:iam::123456789012:role/" + role.logicalId;
  prepared.request.context.setOpen(true);
  return prepared;
}

EvalResult canAssume(const IamPrincipal& role, const std::string& principal, const EvalOptions& options) {
  if (!role.trust) return {};
  // Whether the trust policy admits the principal; the principal's own policies are not in
  // question here.
  PolicySet set;
  set.resource = {role.trust};
  set.resourceMustAllow = true;
  set.identityAssumed = true;
  Request r;
  r.action = "sts:AssumeRole";
  r.resource = "arn:aws:iam::123456789012:role/" + role.logicalId;
  r.principal = principal;
  r.context.setOpen(true);
  EvalResult global = evaluate(set, r, options);
  // A trust policy may name the service's regional form (`states.${AWS::Region}.amazonaws.com`,
  // as older Step Functions templates do); the service assumes the role under that name then.
  const std::string suffix = ".amazonaws.com";
  if (global.mayAllow() || !principal.ends_with(suffix) || principal.find('.') + suffix.size() != principal.size())
    return global;
  r.principal = principal.substr(0, principal.size() - suffix.size()) + ".us-east-1" + suffix;
  EvalResult regional = evaluate(set, r, options);
  if (!regional.mayAllow()) return global;
  regional.certain = false;
  regional.assumptions.push_back("the trust policy names a regional form of `" + principal + "`");
  return regional;
}

std::vector<const IamPrincipal*> findRoles(const Analysis& analysis, const ProfileRole& role,
                                           const EvalOptions& options) {
  std::vector<const IamPrincipal*> out;
  for (const IamPrincipal& p : analysis.principals) {
    if (p.kind != PrincipalKind::Role) continue;
    for (const RoleMatcher& m : role.match) {
      // RE2: patterns come from profile files, and RE2 matches in linear time whatever they are.
      if (!m.logicalIdPattern.empty() && !RE2::FullMatch(p.logicalId, RE2(m.logicalIdPattern, RE2::Quiet))) continue;
      if (m.inInstanceProfile && p.instanceProfiles.empty()) continue;
      if (!m.trustsService.empty() && !canAssume(p, m.trustsService, options).mayAllow()) continue;
      out.push_back(&p);
      break;
    }
  }
  return out;
}

const Node* statementNode(const IamPrincipal& principal, const StatementRef& ref) {
  if (ref.policy && ref.policy->awsManaged) {
    for (const ManagedPolicyRef& m : principal.managedPolicies)
      if (m.policy == ref.policy) return m.arn.node;
    return nullptr;
  }
  return ref.statement ? ref.statement->node : nullptr;
}

std::string describe(const Analysis& analysis, const IamPrincipal& principal, const StatementRef& ref) {
  if (!ref.policy) return "an unknown statement";
  const Node* node = statementNode(principal, ref);
  // Findings are in the same file: the line is enough.
  std::string where = node ? "line " + std::to_string(node->range.line) : "";
  if (ref.policy->awsManaged)
    return "AWS managed policy `" + ref.policy->name + "`" + (where.empty() ? "" : ", attached at " + where);
  std::string s = ref.statement ? ref.statement->label() + " of the " : "";
  return s + ref.policy->label() + (where.empty() ? "" : ", " + where);
}

const Node* roleNode(const IamPrincipal& principal) {
  if (!principal.resource || !principal.resource->node) return nullptr;
  const Node* n = principal.resource->node;
  if (n->parent && n->parent->isMapping())
    for (size_t i = 0; i < n->parent->items.size(); ++i)
      if (&n->parent->items[i] == n) return &n->parent->keys[i];
  return n;
}

std::vector<std::string> actionsFor(std::string_view pattern, std::string_view resource) {
  std::vector<std::string> out;
  if (iamdata::findAny(pattern, "*?") == std::string_view::npos) {
    out.emplace_back(pattern);
    return out;
  }
  const Catalog& catalog = Catalog::instance();
  std::vector<const ResourceTypeInfo*> types;
  if (resource != "*") types = catalog.matchResourceTypes(resource);
  for (const ActionInfo* a : catalog.expandPattern(pattern)) {
    bool fits = resource == "*";
    for (const ActionResourceType& t : a->resourceTypes)
      for (const ResourceTypeInfo* rt : types) fits = fits || (rt->service == a->service && rt->name == t.name);
    if (fits) out.push_back(a->fullName());
  }
  return out;
}

}  // namespace iamlint::profilecheck
