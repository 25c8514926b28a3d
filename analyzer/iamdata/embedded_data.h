// Views of the data files embedded by embedded_data.S.
#pragma once

#include <string_view>

namespace iamlint::iamdata {

struct EmbeddedData {
  std::string_view catalog, catalogIndex;    // iam-catalog.jsonl and its index
  std::string_view policies, policiesIndex;  // managed-policies.jsonl and its index
  std::string_view deprecatedPolicies;       // deprecated-managed-policies.tsv
  std::string_view globalConditionKeys;      // global-condition-keys.tsv
  std::string_view versions;                 // VERSIONS
  // Hand-written fact tables (docs/data-tables.md), parsed by analyzer/security/tables.cc.
  std::string_view escalationMethods, servicePrincipals, sensitiveActions, oidcProviders;
  std::string_view samPolicyTemplates;  // sam-policy-templates.jsonl (tools/update-samdata)
  std::string_view policyProperties;    // policy-properties.tsv (tools/update-policyprops)
  std::string_view samConnectorProfiles;  // sam-connector-profiles.json (tools/update-samdata)
};

const EmbeddedData& embeddedData();

}  // namespace iamlint::iamdata
