#include <iterator>
#include <string_view>
#include <utility>

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
    case PolicyKind::Endpoint: return "endpoint";
  }
  return "?";
}

namespace {
// https://docs.aws.amazon.com/service-authorization/latest/reference/ (each service's prefix).
constexpr GuardedResourceInfo kGuardedResources[] = {
    {"", "", ""},
    {"bucket", "s3", "bucket policy"},
    {"key", "kms", "key policy"},
    {"topic", "sns", "topic policy"},
    {"queue", "sqs", "queue policy"},
    {"secret", "secretsmanager", "secret's resource policy"},
    {"function", "lambda", "Lambda permission"},
    {"search-domain", "es", "domain access policy"},
};
}  // namespace

const GuardedResourceInfo& guardedResourceInfo(GuardedResource resource) {
  return kGuardedResources[static_cast<size_t>(resource)];
}

GuardedResource guardedResourceNamed(std::string_view name) {
  for (size_t i = 1; i < std::size(kGuardedResources); ++i)
    if (kGuardedResources[i].name == name) return static_cast<GuardedResource>(i);
  return GuardedResource::Other;
}

std::string Statement::label() const {
  if (sid && sid->isScalar() && !sid->text.empty()) return "statement `" + sid->text + "`";
  return "statement " + std::to_string(index + 1);
}

std::string Policy::label() const {
  if (awsManaged) return "AWS managed policy `" + name + "`";
  if (resource.empty()) return "policy in this file";
  if (resourceType.empty()) return "policy document `" + resource + "`";  // a Terraform data source
  if (resourceType == "AWS::IAM::Role" || resourceType == "AWS::IAM::User" || resourceType == "AWS::IAM::Group") {
    if (kind == PolicyKind::Trust) return "trust policy of `" + resource + "`";
    return "inline policy `" + name + "` of `" + resource + "`";
  }
  // A noun for what the resource is, then its logical id: "bucket policy `SitePolicy`".
  static const std::pair<std::string_view, std::string_view> kNouns[] = {
      {"AWS::IAM::Policy", "policy `"},
      {"AWS::IAM::ManagedPolicy", "managed policy `"},
      {"AWS::IAM::RolePolicy", "role policy `"},
      {"AWS::IAM::UserPolicy", "user policy `"},
      {"AWS::IAM::GroupPolicy", "group policy `"},
      {"AWS::S3::BucketPolicy", "bucket policy `"},
      {"AWS::SQS::QueuePolicy", "queue policy `"},
      {"AWS::SNS::TopicPolicy", "topic policy `"},
      {"AWS::Lambda::Permission", "Lambda permission `"},
      {"AWS::SecretsManager::ResourcePolicy", "secret policy `"},
      {"AWS::KMS::Key", "key policy of `"},
      {"AWS::ECR::Repository", "repository policy of `"},
      {"AWS::OpenSearchService::Domain", "access policy of `"},
      {"AWS::Elasticsearch::Domain", "access policy of `"},
      {"AWS::Organizations::Policy", "organisation policy `"},
  };
  for (const auto& [type, noun] : kNouns)
    if (resourceType == type) return std::string(noun) + resource + "`";
  return "policy of `" + resource + "` (" + resourceType + ")";
}

}  // namespace iamlint
