#include "rules/8-attachments/managed_policy_arns.h"

#include <deque>

#include "rules/lib/values.h"

namespace iamlint {

namespace {

// `PermissionsBoundary` is kept by the principal model as expanded policies only; its
// written value is read here: a string, or a `Fn::Sub` string whose `${...}` are holes.
bool boundaryValue(const Node* n, Value& out) {
  out.node = n;
  const Node* text = n;
  if (n->isIntrinsic() && n->intrinsicName() == "Fn::Sub") text = n->intrinsicArg();
  if (!text || !text->isScalar()) return false;
  Resolved r;
  r.text = text->text;
  if (text != n)
    for (size_t at = r.text.find("${"); at != std::string::npos; at = r.text.find("${", at + 1)) {
      size_t close = r.text.find('}', at);
      if (close == std::string::npos) break;
      r.holes.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(close + 1), r.text.substr(at + 2, close - at - 2)});
    }
  out.alts.push_back(std::move(r));
  return true;
}

void visit(const IamPrincipal& pr, const char* property, const Value& v,
           const std::function<void(const ManagedPolicyArn&)>& f) {
  static constexpr std::string_view kMarker = ":iam::aws:policy/";
  for (const Resolved* alt : distinctAlternatives(v)) {
    size_t at = alt->text.find(kMarker);
    if (at == std::string::npos || touchesHole(*alt, at, alt->text.size())) continue;
    ManagedPolicyArn m;
    m.principal = &pr;
    m.property = property;
    m.value = &v;
    m.alt = alt;
    m.node = v.node;
    m.lookup = "arn:aws" + alt->text.substr(at);
    m.head = alt->text.substr(0, at);
    f(m);
  }
}

}  // namespace

void forEachManagedPolicyArn(const Analysis& analysis, const std::function<void(const ManagedPolicyArn&)>& f) {
  for (const IamPrincipal& pr : analysis.principals) {
    for (const ManagedPolicyRef& ref : pr.managedPolicies) visit(pr, "ManagedPolicyArns", ref.arn, f);
    const Node* props = pr.resource ? pr.resource->properties : nullptr;
    const Node* boundary = props && props->isMapping() ? props->get("PermissionsBoundary") : nullptr;
    Value v;
    if (boundary && boundaryValue(boundary, v)) visit(pr, "PermissionsBoundary", v, f);
  }
}

}  // namespace iamlint
