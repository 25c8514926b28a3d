#include "iamlint/policy.h"

namespace iamlint {

void Guard::add(GuardTerm term) {
  for (const GuardTerm& t : terms)
    if (t == term) return;
  terms.push_back(std::move(term));
}

Guard Guard::both(const Guard& outer, const Guard& inner) {
  Guard g = outer;
  for (const GuardTerm& t : inner.terms) g.add(t);
  return g;
}

std::string guardExpression(const Guard& guard) {
  std::string out;
  for (const GuardTerm& t : guard.terms) out += (out.empty() ? "" : " && ") + std::string(t.negated ? "!" : "") + t.condition;
  return out;
}

std::string describeGuard(const Guard& guard) {
  if (guard.empty()) return {};
  if (guard.terms.size() == 1) {
    const GuardTerm& t = guard.terms[0];
    return "condition `" + t.condition + (t.negated ? "` is false" : "` holds");
  }
  return "conditions `" + guardExpression(guard) + "` hold";
}

const char* policyKindName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::Identity: return "identity";
    case PolicyKind::Trust: return "trust";
    case PolicyKind::Resource: return "resource";
  }
  return "?";
}

std::string Statement::label() const {
  if (sid && sid->isScalar() && !sid->text.empty()) return "statement `" + sid->text + "`";
  return "statement " + std::to_string(index + 1);
}

std::string Policy::label() const {
  if (awsManaged) return "AWS managed policy `" + name + "`";
  if (resource.empty()) return "policy `" + name + "`";
  if (resourceType == "AWS::IAM::Role" || resourceType == "AWS::IAM::User" || resourceType == "AWS::IAM::Group") {
    if (kind == PolicyKind::Trust) return "trust policy of `" + resource + "`";
    return "inline policy `" + name + "` of `" + resource + "`";
  }
  return "`" + resource + "` (" + resourceType + ")";
}

}  // namespace iamlint
