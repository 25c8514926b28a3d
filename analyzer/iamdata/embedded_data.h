// Views of the data files embedded by embedded_data.S.
#pragma once

#include <string_view>

namespace iamlint::iamdata {

struct EmbeddedData {
  std::string_view catalog, catalogIndex;    // iam-catalog.jsonl and its index
  std::string_view catalogPack;              // the two packed (catalog_pack.h): what the catalog reads
  std::string_view policies, policiesIndex;  // managed-policies.jsonl and its index
  std::string_view deprecatedPolicies;       // deprecated-managed-policies.tsv
  std::string_view globalConditionKeys;      // global-condition-keys.tsv
  std::string_view versions;                 // VERSIONS
  // Hand-written fact tables (docs/data-tables.md), parsed by analyzer/security/tables.cc.
  std::string_view escalationMethods, servicePrincipals, sensitiveActions, oidcProviders;
  std::string_view samPolicyTemplates;  // sam-policy-templates.jsonl (tools/update-samdata)
  std::string_view policyProperties;    // policy-properties.tsv (tools/update-policyprops)
  std::string_view samConnectorProfiles;  // sam-connector-profiles.json (tools/update-samdata)
  // The managed policies' documents as loaded trees (analyzer/load/node_tree.h), written by the
  // build from `policies`; built in only, never in a data directory.
  std::string_view policyTrees;
};

// The data in use: the built-in bytes, or those of a data directory (data_dir.h).
const EmbeddedData& embeddedData();
// The bytes built into the binary, whatever is in use.
const EmbeddedData& builtinData();
// Makes embeddedData() return `data` from now on (data_dir.cc, before any use of the data).
void overrideEmbeddedData(const EmbeddedData* data);

}  // namespace iamlint::iamdata
