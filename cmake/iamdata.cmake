# The bundled IAM data and the catalog API (docs/iam-data.md).
# Included from the top-level CMakeLists.txt after the iamlint_core target exists.
#
# The data files are linked in with the assembler's .incbin: the build copies bytes and
# compiles nothing, so a data update costs no compile time (only the packing step below).

enable_language(ASM)

set(IAMLINT_DATA_DIR "${PROJECT_SOURCE_DIR}/data")
set(IAMLINT_DATA_FILES
  "${IAMLINT_DATA_DIR}/iam-catalog.jsonl"
  "${IAMLINT_DATA_DIR}/iam-catalog.jsonl.index"
  "${IAMLINT_DATA_DIR}/managed-policies.jsonl"
  "${IAMLINT_DATA_DIR}/managed-policies.jsonl.index"
  "${IAMLINT_DATA_DIR}/deprecated-managed-policies.tsv"
  "${IAMLINT_DATA_DIR}/global-condition-keys.tsv"
  "${IAMLINT_DATA_DIR}/VERSIONS"
  "${IAMLINT_DATA_DIR}/sam-policy-templates.jsonl"
  "${IAMLINT_DATA_DIR}/sam-connector-profiles.json"
  "${IAMLINT_DATA_DIR}/policy-properties.tsv"
  # Hand-written fact tables read by the security rules (analyzer/security/tables.cc).
  "${IAMLINT_DATA_DIR}/escalation-methods.tsv"
  "${IAMLINT_DATA_DIR}/service-principals.tsv"
  "${IAMLINT_DATA_DIR}/sensitive-actions.tsv"
  "${IAMLINT_DATA_DIR}/oidc-providers.tsv")

# The catalog packed for reading in place (analyzer/iamdata/catalog_pack.h): made from
# iam-catalog.jsonl and its index by a small tool built first from the same reader code, so
# data/ stays the only source. Packing takes 0.03 s of CPU time; nothing is compiled from the data.
add_executable(iamlint_pack_catalog
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/pack_catalog_main.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/catalog_pack.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/service_loader.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/text_match.cc")
target_include_directories(iamlint_pack_catalog PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/include")
set(IAMLINT_GENERATED_DATA_DIR "${PROJECT_BINARY_DIR}/generated-data")
set(IAMLINT_CATALOG_PACK "${IAMLINT_GENERATED_DATA_DIR}/iam-catalog.pack")
add_custom_command(
  OUTPUT "${IAMLINT_CATALOG_PACK}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${IAMLINT_GENERATED_DATA_DIR}"
  COMMAND iamlint_pack_catalog "${IAMLINT_DATA_DIR}/iam-catalog.jsonl" "${IAMLINT_DATA_DIR}/iam-catalog.jsonl.index"
          "${IAMLINT_CATALOG_PACK}"
  DEPENDS iamlint_pack_catalog "${IAMLINT_DATA_DIR}/iam-catalog.jsonl" "${IAMLINT_DATA_DIR}/iam-catalog.jsonl.index"
  COMMENT "Packing the IAM catalog"
  VERBATIM)

# The bundled managed policies' documents as loaded trees (analyzer/load/node_tree.h), made by a
# small tool built from the loader's own sources: attaching a policy then reads no JSON.
add_executable(iamlint_pack_policies
  "${PROJECT_SOURCE_DIR}/analyzer/load/pack_policies_main.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/load/node_tree.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/load/loader.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/load/json_loader.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/load/yaml_loader.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/load/source.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/load/node.cc")
target_include_directories(iamlint_pack_policies PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/include")
target_link_libraries(iamlint_pack_policies PRIVATE PkgConfig::LIBYAML)
set(IAMLINT_POLICY_TREES "${IAMLINT_GENERATED_DATA_DIR}/managed-policies.trees")
add_custom_command(
  OUTPUT "${IAMLINT_POLICY_TREES}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${IAMLINT_GENERATED_DATA_DIR}"
  COMMAND iamlint_pack_policies "${IAMLINT_DATA_DIR}/managed-policies.jsonl"
          "${IAMLINT_DATA_DIR}/managed-policies.jsonl.index" "${IAMLINT_POLICY_TREES}"
  DEPENDS iamlint_pack_policies "${IAMLINT_DATA_DIR}/managed-policies.jsonl"
          "${IAMLINT_DATA_DIR}/managed-policies.jsonl.index"
  COMMENT "Packing the managed policies' trees"
  VERBATIM)

# Three of the hand-written fact tables as constant arrays (analyzer/security/tables.cc), made by
# a small tool from data/*.tsv with the same TSV reader: a few hundred rows, compiled in seconds.
add_executable(iamlint_gen_tables
  "${PROJECT_SOURCE_DIR}/analyzer/security/gen_tables_main.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/security/table_text.cc")
target_include_directories(iamlint_gen_tables PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/include")
set(IAMLINT_FACT_TABLES "${PROJECT_BINARY_DIR}/generated/iamlint_fact_tables.inc")
set(IAMLINT_FACT_TABLE_FILES "${IAMLINT_DATA_DIR}/escalation-methods.tsv" "${IAMLINT_DATA_DIR}/service-principals.tsv"
  "${IAMLINT_DATA_DIR}/sensitive-actions.tsv")
add_custom_command(
  OUTPUT "${IAMLINT_FACT_TABLES}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/generated"
  COMMAND iamlint_gen_tables ${IAMLINT_FACT_TABLE_FILES} "${IAMLINT_FACT_TABLES}"
  DEPENDS iamlint_gen_tables ${IAMLINT_FACT_TABLE_FILES}
  COMMENT "Generating the fact tables"
  VERBATIM)
set_source_files_properties("${PROJECT_SOURCE_DIR}/analyzer/security/tables.cc" PROPERTIES
  OBJECT_DEPENDS "${IAMLINT_FACT_TABLES}")

set(IAMLINT_IAMDATA_EMBED "${PROJECT_SOURCE_DIR}/analyzer/iamdata/embedded_data.S")
set_source_files_properties("${IAMLINT_IAMDATA_EMBED}" PROPERTIES
  LANGUAGE ASM
  COMPILE_OPTIONS "-Wa,-I${IAMLINT_DATA_DIR};-Wa,-I${IAMLINT_GENERATED_DATA_DIR}"
  OBJECT_DEPENDS "${IAMLINT_DATA_FILES};${IAMLINT_CATALOG_PACK};${IAMLINT_POLICY_TREES}")

target_sources(iamlint_core PRIVATE
  "${IAMLINT_CATALOG_PACK}"
  "${IAMLINT_POLICY_TREES}"
  "${IAMLINT_FACT_TABLES}"
  "${IAMLINT_IAMDATA_EMBED}"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/catalog_pack.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/embedded_data.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/text_match.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/arn_template.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/service_loader.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/catalog.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/actions.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/resource_types.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/condition_keys.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/managed_policies.cc"
  "${PROJECT_SOURCE_DIR}/analyzer/iamdata/data_versions.cc")

# rapidjson is header-only; Debian puts it in /usr/include. Prefer its CMake package.
find_package(RapidJSON QUIET)
if(RapidJSON_FOUND AND RAPIDJSON_INCLUDE_DIRS)
  target_include_directories(iamlint_core PRIVATE ${RAPIDJSON_INCLUDE_DIRS})
endif()
target_include_directories(iamlint_core PUBLIC "${PROJECT_SOURCE_DIR}/include")
target_include_directories(iamlint_core PRIVATE "${PROJECT_SOURCE_DIR}")
