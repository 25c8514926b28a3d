// The policy AST. Elements keep the node they were read from, and their resolved values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iamlint/node.h"
#include "iamlint/value.h"

namespace iamlint {

// Endpoint: a VPC endpoint policy (a Principal, usually `*`, limited to calls through the endpoint).
enum class PolicyKind : uint8_t { Identity, Trust, Resource, Endpoint };
const char* policyKindName(PolicyKind kind);

enum class Effect : uint8_t { Allow, Deny, Invalid };

// What a resource policy guards, where a rule depends on it (a quota, the one service whose
// actions it may grant). Each input front end sets it from data/policy-properties.tsv (its
// `guards` column), by the CloudFormation type of the resource, so a Terraform plan's
// `aws_s3_bucket_policy` is a Bucket policy as an `AWS::S3::BucketPolicy` is. Other: any
// policy the table names no guarded resource for (identity and trust policies among them).
enum class GuardedResource : uint8_t { Other, Bucket, Key, Topic, Queue, Secret, Function, SearchDomain };
struct GuardedResourceInfo {
  std::string_view name;     // as the table writes it: `bucket`, `key`, `search-domain`
  std::string_view service;  // IAM service prefix, also the ARN service field: `s3`, `kms`, `es`
  std::string_view policy;   // what the policy is called: `bucket policy`, `key policy`
};
const GuardedResourceInfo& guardedResourceInfo(GuardedResource resource);
// The resource a table name stands for; Other for an empty or unknown one.
GuardedResource guardedResourceNamed(std::string_view name);

struct PrincipalEntry {
  std::string type;  // `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the bare form
  const Node* typeNode = nullptr;
  std::vector<Value> values;
};

struct ConditionEntry {
  std::string op;  // as written: `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`
  const Node* opNode = nullptr;
  std::string key;
  const Node* keyNode = nullptr;
  std::vector<Value> values;
};

struct Statement {
  const Node* node = nullptr;
  const Node* sid = nullptr;
  Effect effect = Effect::Invalid;
  const Node* effectNode = nullptr;
  bool notAction = false;
  const Node* actionNode = nullptr;  // the Action or NotAction value
  std::vector<Value> actions;
  bool notResource = false;
  const Node* resourceNode = nullptr;
  std::vector<Value> resources;
  bool notPrincipal = false;
  const Node* principalNode = nullptr;
  std::vector<PrincipalEntry> principals;
  const Node* conditionNode = nullptr;
  std::vector<ConditionEntry> conditions;
  Guard guard;  // CloudFormation conditions under which the statement exists

  std::string label() const;  // `Sid "X"` or `statement 3`
  uint32_t index = 0;
};

struct Policy {
  PolicyKind kind = PolicyKind::Identity;
  std::string name;          // PolicyName, managed policy name, or the property name
  const Node* document = nullptr;
  const Node* version = nullptr;
  std::vector<Statement> statements;
  // Where it lives: the template resource (empty for a policy file) and property path.
  std::string resource;
  std::string resourceType;
  GuardedResource guarded = GuardedResource::Other;
  std::string property;
  bool awsManaged = false;  // expanded from the bundled AWS managed policy data
  bool transformWritten = false;  // written by a transform (SAM), located at what the user wrote
  // A standalone customer managed policy (`AWS::IAM::ManagedPolicy`), with its own size quota.
  bool customerManaged = false;
  // Made from resource properties, not written as a policy document (a Lambda permission):
  // there is no document grammar to check, and its Resource is a function name.
  bool synthesized = false;
  // For a resource policy: the IAM service prefix of the resource it guards (`s3`, `sqs`,
  // `lambda`), when the input says.
  std::string service;
  // For a resource or trust policy: the ARNs of the resources it guards (the bucket of a
  // bucket policy, the key of a key policy, the function of a Lambda permission, the role of a
  // trust policy), as resolved. Empty when the input does not say which.
  std::vector<Resolved> guards;
  std::string awsManagedArn;
  // Logical ids (or names) of the principals an identity policy applies to.
  std::vector<std::string> attachedTo;

  std::string label() const;  // `inline policy "X" of BatchInstanceRole`, `AWS managed policy X`
};

}  // namespace iamlint
