// Which CloudFormation resource properties hold an IAM policy, and of which kind: the table
// data/policy-properties.tsv, generated from the CloudFormation resource schemas by
// tools/update-policyprops (docs/resource-types.md lists it).
#pragma once

#include <string>
#include <vector>

#include "iamlint/policy.h"
#include "iamlint/template.h"

namespace iamlint {

struct PolicyPropertyRow {
  // Views into the embedded table, which lives as long as the process.
  std::string_view type;      // `AWS::ApiGateway::RestApi`
  std::string_view property;  // `Policy`, `ResourcePolicy/PolicyDocument`, `Replicas/*/ResourcePolicy/PolicyDocument`
  PolicyKind kind = PolicyKind::Resource;
  std::string_view form;  // `json`, `json-or-string`, `string`, `statement`, `permission`
  GuardedResource guarded = GuardedResource::Other;  // the `guards` column
};

const std::vector<PolicyPropertyRow>& policyPropertyTable();
bool hasPolicyProperties(std::string_view type);
// What a resource policy of this CloudFormation type guards, by the table; the one place each
// input front end (CloudFormation, Terraform through the type it maps to) learns it.
GuardedResource guardedResourceOfType(std::string_view type);

struct FoundPolicyProperty {
  std::string path;  // the property path with list positions: `Replicas/0/ResourcePolicy/PolicyDocument`
  const Node* node = nullptr;
  const PolicyPropertyRow* row = nullptr;
};

// The policy-holding values of one resource, by its type's rows, in table order.
std::vector<FoundPolicyProperty> findPolicyProperties(const TemplateResource& r);

}  // namespace iamlint
