#include "rules/8-attachments/managed_policy_arns.h"

#include "rules/lib/values.h"

namespace iamlint {

namespace {

void visit(const IamPrincipal& pr, const ManagedPolicyRef& ref, const std::function<void(const ManagedPolicyArn&)>& f) {
  const Value& v = ref.arn;
  static constexpr std::string_view kMarker = ":iam::aws:policy/";
  for (const Resolved* alt : distinctAlternatives(v)) {
    size_t at = alt->text.find(kMarker);
    if (at == std::string::npos || touchesHole(*alt, at, alt->text.size())) continue;
    ManagedPolicyArn m;
    m.principal = &pr;
    m.property = ref.property;
    m.value = &v;
    m.alt = alt;
    m.node = v.node;
    m.lookup = "arn:aws" + alt->text.substr(at);
    m.head = alt->text.substr(0, at);
    // `!Sub "arn:${AWS::Partition}:iam::aws:policy/..."`: suggestions keep the head as written.
    const Node* n = v.node;
    const Node* written = n && n->isIntrinsic() && n->intrinsicName() == "Fn::Sub" ? n->intrinsicArg() : nullptr;
    if (written && written->isScalar())
      if (size_t w = written->text.find(kMarker);
          w != std::string::npos && std::string_view(written->text).substr(w) == std::string_view(alt->text).substr(at))
        m.head = written->text.substr(0, w);
    f(m);
  }
}

}  // namespace

void forEachManagedPolicyArn(const Analysis& analysis, const std::function<void(const ManagedPolicyArn&)>& f) {
  for (const IamPrincipal& pr : analysis.principals) {
    for (const ManagedPolicyRef& ref : pr.managedPolicies) visit(pr, ref, f);
    for (const ManagedPolicyRef& ref : pr.boundaryRefs) visit(pr, ref, f);
  }
}

}  // namespace iamlint
