// Principals of a CloudFormation template: roles, users and groups, and what is attached to them.
#include <algorithm>
#include <map>

#include "analyzer/frontend/cloudformation/cloudformation.h"
#include "analyzer/policy/document.h"
#include "iamlint/catalog.h"

namespace iamlint {
namespace {

bool principalKind(const std::string& t, PrincipalKind& kind) {
  if (t == "AWS::IAM::Role") kind = PrincipalKind::Role;
  else if (t == "AWS::IAM::User") kind = PrincipalKind::User;
  else if (t == "AWS::IAM::Group") kind = PrincipalKind::Group;
  else return false;
  return true;
}

ManagedPolicyRef referenceManagedPolicy(Analysis& analysis, const Value& v, const char* property) {
  ManagedPolicyRef ref;
  ref.arn = v;
  ref.property = property;
  const Node* n = v.node;
  // `!Ref SomeManagedPolicy` in this template.
  if (n && n->isIntrinsic() && n->intrinsicName() == "Ref" && n->intrinsicArg()->isScalar()) {
    const TemplateResource* r = analysis.tmpl.resource(n->intrinsicArg()->text);
    if (r && r->type == "AWS::IAM::ManagedPolicy") {
      ref.templatePolicy = r->logicalId;
      for (const Policy& p : analysis.policies)
        if (p.resource == r->logicalId) ref.policy = &p;
      return ref;
    }
  }
  for (const Resolved& alt : v.alts) {
    size_t at = alt.text.find(":iam::aws:policy/");
    if (at == std::string::npos) continue;
    ref.awsName = alt.text.substr(alt.text.rfind('/') + 1);
    if (const ManagedPolicyInfo* info = Catalog::instance().findManagedPolicy(alt.text))
      ref.policy = awsManagedPolicy(analysis, *info);
    break;
  }
  return ref;
}

}  // namespace

void buildPrincipals(Analysis& analysis, Resolver& resolver) {
  for (const TemplateResource& r : analysis.tmpl.resources) {
    PrincipalKind kind;
    if (!principalKind(r.type, kind)) continue;
    // Not created when the --parameter values make its `Condition` false.
    if (!r.condition.empty() && resolver.conditionValue(r.condition, false) == false) continue;
    IamPrincipal& pr = analysis.principals.emplace_back();
    pr.logicalId = r.logicalId;
    pr.kind = kind;
    pr.type = r.type;
    pr.resource = &r;
  }
  std::map<std::string_view, IamPrincipal*> byId;
  for (IamPrincipal& p : analysis.principals) byId.emplace(p.logicalId, &p);
  auto find = [&](const std::string& id) -> IamPrincipal* {
    auto it = byId.find(id);
    return it == byId.end() ? nullptr : it->second;
  };
  for (const Policy& p : analysis.policies) {
    if (p.kind == PolicyKind::Trust) {
      if (IamPrincipal* pr = find(p.resource)) pr->trust = &p;
      continue;
    }
    if (p.kind != PolicyKind::Identity) continue;
    for (const std::string& target : p.attachedTo) {
      IamPrincipal* pr = find(target);
      if (!pr) {
        // Attached by name to a principal outside the template: nothing to add it to.
        continue;
      }
      if (std::find(pr->policies.begin(), pr->policies.end(), &p) == pr->policies.end())
        pr->policies.push_back(&p);
    }
  }
  for (IamPrincipal& pr : analysis.principals) {
    const Node* props = pr.resource->properties;
    if (!props || !props->isMapping()) continue;
    if (const Node* arns = props->get("ManagedPolicyArns")) {
      for (const Value& v : resolver.resolveList(*arns)) {
        ManagedPolicyRef ref = referenceManagedPolicy(analysis, v, "ManagedPolicyArns");
        if (ref.policy) {
          if (std::find(pr.policies.begin(), pr.policies.end(), ref.policy) == pr.policies.end())
            pr.policies.push_back(ref.policy);
        } else {
          std::string what = v.alts.empty() ? std::string("?") : v.alts[0].text;
          pr.unknownSources.push_back("managed policy " + what);
        }
        pr.managedPolicies.push_back(std::move(ref));
      }
    }
    if (const Node* boundary = props->get("PermissionsBoundary")) {
      for (const Value& v : resolver.resolveList(*boundary)) {
        ManagedPolicyRef ref = referenceManagedPolicy(analysis, v, "PermissionsBoundary");
        pr.declaresBoundary = true;
        if (ref.policy) pr.boundary.push_back(ref.policy);
        else pr.unknownBoundary.push_back("permissions boundary " + (v.alts.empty() ? std::string("?") : v.alts[0].text));
        pr.boundaryRefs.push_back(std::move(ref));
      }
    }
    if (pr.kind == PrincipalKind::User)
      if (const Node* groups = props->get("Groups"))
        for (const Value& v : resolver.resolveList(*groups))
          if (v.node && v.node->isIntrinsic() && v.node->intrinsicName() == "Ref" && v.node->intrinsicArg()->isScalar())
            pr.groups.push_back(v.node->intrinsicArg()->text);
  }
  // Users get their groups' policies.
  for (IamPrincipal& pr : analysis.principals)
    for (const std::string& g : pr.groups)
      if (IamPrincipal* group = find(g))
        for (const Policy* p : group->policies)
          if (std::find(pr.policies.begin(), pr.policies.end(), p) == pr.policies.end()) pr.policies.push_back(p);
  for (const TemplateResource& r : analysis.tmpl.resources) {
    if (r.type != "AWS::IAM::InstanceProfile" || !r.properties) continue;
    if (const Node* roles = r.properties->get("Roles"))
      for (const Value& v : resolver.resolveList(*roles)) {
        const Node* n = v.node;
        std::string id;
        if (n && n->isIntrinsic() && n->intrinsicName() == "Ref" && n->intrinsicArg()->isScalar())
          id = n->intrinsicArg()->text;
        if (IamPrincipal* pr = find(id)) pr->instanceProfiles.push_back(r.logicalId);
      }
  }
}

}  // namespace iamlint

