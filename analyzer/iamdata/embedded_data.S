/* The generated data files, linked into the binary as read-only bytes.
   .incbin keeps the build fast: the assembler copies the files, nothing is compiled.
   The data directory and the build's generated-data directory are on the assembler include
   path (see cmake/iamdata.cmake).
   Each blob is followed by a NUL so it can also be read as a C string. */

#define IAMLINT_BLOB(sym, file)      \
  .section .rodata.iamlint_data, "a"; \
  .balign 16;                        \
  .globl sym;                        \
  .type sym, @object;                \
sym:                                 \
  .incbin file;                      \
  .globl sym##_end;                  \
sym##_end:                           \
  .byte 0

IAMLINT_BLOB(iamlint_blob_catalog, "iam-catalog.jsonl")
IAMLINT_BLOB(iamlint_blob_catalog_index, "iam-catalog.jsonl.index")
/* Made from the two above by the build (iamlint_pack_catalog), in the build directory. */
IAMLINT_BLOB(iamlint_blob_catalog_pack, "iam-catalog.pack")
IAMLINT_BLOB(iamlint_blob_policies, "managed-policies.jsonl")
IAMLINT_BLOB(iamlint_blob_policies_index, "managed-policies.jsonl.index")
IAMLINT_BLOB(iamlint_blob_deprecated, "deprecated-managed-policies.tsv")
IAMLINT_BLOB(iamlint_blob_global_keys, "global-condition-keys.tsv")
IAMLINT_BLOB(iamlint_blob_versions, "VERSIONS")
IAMLINT_BLOB(iamlint_blob_escalation_methods, "escalation-methods.tsv")
IAMLINT_BLOB(iamlint_blob_service_principals, "service-principals.tsv")
IAMLINT_BLOB(iamlint_blob_sensitive_actions, "sensitive-actions.tsv")
IAMLINT_BLOB(iamlint_blob_oidc_providers, "oidc-providers.tsv")
IAMLINT_BLOB(iamlint_blob_sam_policy_templates, "sam-policy-templates.jsonl")
IAMLINT_BLOB(iamlint_blob_policy_properties, "policy-properties.tsv")
IAMLINT_BLOB(iamlint_blob_sam_connector_profiles, "sam-connector-profiles.json")
/* Made from managed-policies.jsonl and its index by the build (iamlint_pack_policies). */
IAMLINT_BLOB(iamlint_blob_policy_trees, "managed-policies.trees")

  .section .note.GNU-stack, "", @progbits
