#include "analyzer/iamdata/embedded_data.h"

#define IAMLINT_DECLARE_BLOB(sym) extern "C" const char sym[], sym##_end[];
IAMLINT_DECLARE_BLOB(iamlint_blob_catalog)
IAMLINT_DECLARE_BLOB(iamlint_blob_catalog_index)
IAMLINT_DECLARE_BLOB(iamlint_blob_catalog_pack)
IAMLINT_DECLARE_BLOB(iamlint_blob_policies)
IAMLINT_DECLARE_BLOB(iamlint_blob_policies_index)
IAMLINT_DECLARE_BLOB(iamlint_blob_deprecated)
IAMLINT_DECLARE_BLOB(iamlint_blob_global_keys)
IAMLINT_DECLARE_BLOB(iamlint_blob_versions)
IAMLINT_DECLARE_BLOB(iamlint_blob_escalation_methods)
IAMLINT_DECLARE_BLOB(iamlint_blob_service_principals)
IAMLINT_DECLARE_BLOB(iamlint_blob_sensitive_actions)
IAMLINT_DECLARE_BLOB(iamlint_blob_oidc_providers)
IAMLINT_DECLARE_BLOB(iamlint_blob_sam_policy_templates)
IAMLINT_DECLARE_BLOB(iamlint_blob_policy_properties)
IAMLINT_DECLARE_BLOB(iamlint_blob_sam_connector_profiles)
IAMLINT_DECLARE_BLOB(iamlint_blob_policy_trees)
#undef IAMLINT_DECLARE_BLOB

namespace iamlint::iamdata {
namespace {
std::string_view blob(const char* begin, const char* end) {
  return {begin, static_cast<size_t>(end - begin)};
}
const EmbeddedData* overridden = nullptr;
}  // namespace

const EmbeddedData& embeddedData() { return overridden ? *overridden : builtinData(); }

void overrideEmbeddedData(const EmbeddedData* data) { overridden = data; }

const EmbeddedData& builtinData() {
  static const EmbeddedData data{
      blob(iamlint_blob_catalog, iamlint_blob_catalog_end),
      blob(iamlint_blob_catalog_index, iamlint_blob_catalog_index_end),
      blob(iamlint_blob_catalog_pack, iamlint_blob_catalog_pack_end),
      blob(iamlint_blob_policies, iamlint_blob_policies_end),
      blob(iamlint_blob_policies_index, iamlint_blob_policies_index_end),
      blob(iamlint_blob_deprecated, iamlint_blob_deprecated_end),
      blob(iamlint_blob_global_keys, iamlint_blob_global_keys_end),
      blob(iamlint_blob_versions, iamlint_blob_versions_end),
      blob(iamlint_blob_escalation_methods, iamlint_blob_escalation_methods_end),
      blob(iamlint_blob_service_principals, iamlint_blob_service_principals_end),
      blob(iamlint_blob_sensitive_actions, iamlint_blob_sensitive_actions_end),
      blob(iamlint_blob_oidc_providers, iamlint_blob_oidc_providers_end),
      blob(iamlint_blob_sam_policy_templates, iamlint_blob_sam_policy_templates_end),
      blob(iamlint_blob_policy_properties, iamlint_blob_policy_properties_end),
      blob(iamlint_blob_sam_connector_profiles, iamlint_blob_sam_connector_profiles_end),
      blob(iamlint_blob_policy_trees, iamlint_blob_policy_trees_end),
  };
  return data;
}

}  // namespace iamlint::iamdata
