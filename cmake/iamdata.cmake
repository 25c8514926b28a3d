# The bundled IAM data and the catalog API (docs/iam-data.md).
# Included from the top-level CMakeLists.txt after the iamlint_core target exists.
#
# The data files are linked in with the assembler's .incbin: the build copies bytes and
# compiles nothing, so a data update costs no compile time.

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

set(IAMLINT_IAMDATA_EMBED "${PROJECT_SOURCE_DIR}/analyzer/iamdata/embedded_data.S")
set_source_files_properties("${IAMLINT_IAMDATA_EMBED}" PROPERTIES
  LANGUAGE ASM
  COMPILE_OPTIONS "-Wa,-I${IAMLINT_DATA_DIR}"
  OBJECT_DEPENDS "${IAMLINT_DATA_FILES}")

target_sources(iamlint_core PRIVATE
  "${IAMLINT_IAMDATA_EMBED}"
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
