#include "iamlint/policy.h"

namespace iamlint {

const char* policyKindName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::Identity: return "identity";
    case PolicyKind::Trust: return "trust";
    case PolicyKind::Resource: return "resource";
    case PolicyKind::Endpoint: return "endpoint";
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
