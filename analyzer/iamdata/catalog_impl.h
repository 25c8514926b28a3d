// Internal state of the Catalog: the parsed indexes and the lazily parsed services.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/iamdata/arn_template.h"
#include "iamlint/catalog.h"

namespace iamlint {

namespace iamdata {

// A parsed service. Its strings are views into the embedded data itself (the generated
// lines have no escapes), so parsing copies no text.
struct LoadedService {
  ServiceInfo info;
  std::vector<ArnTemplate> arnTemplates;  // parallel to info.resourceTypes
};

struct ServiceSlot {
  std::string_view prefix;
  std::string_view json;  // the service's line in the embedded catalog
  std::once_flag once;
  std::unique_ptr<LoadedService> loaded;
};

std::unique_ptr<LoadedService> parseService(std::string_view prefix, std::string_view json);

struct PolicyTables {
  std::vector<ManagedPolicyInfo> policies;  // sorted by name
  std::unordered_map<std::string_view, size_t> byName;
};
PolicyTables loadManagedPolicies();

std::vector<ConditionKeyInfo> loadGlobalConditionKeys();

// Case-insensitive match of a key against a possibly templated key name, where a
// ${...} or <...> part stands for one or more characters.
bool conditionKeyMatches(std::string_view definedName, std::string_view key);
bool isTemplatedKey(std::string_view definedName);

}  // namespace iamdata

struct Catalog::Impl {
  Impl();
  const iamdata::LoadedService* load(size_t slot) const;
  const iamdata::LoadedService* load(std::string_view prefix) const;
  size_t slotOf(std::string_view prefix) const;  // npos when unknown
  static constexpr size_t npos = static_cast<size_t>(-1);

  mutable std::vector<std::unique_ptr<iamdata::ServiceSlot>> slots;  // sorted by prefix
  std::vector<std::string_view> prefixes;
  std::unordered_map<std::string, std::vector<size_t>> slotsByArnService;
  // Condition-key prefixes that are not services ("saml", "accounts.google.com").
  std::unordered_map<std::string, std::vector<size_t>> slotsByKeyPrefix;
  std::vector<ConditionKeyInfo> globalKeys;

  mutable std::once_flag policiesOnce;
  mutable iamdata::PolicyTables policyTables;
  const iamdata::PolicyTables& policies() const;
  // One policy by exact name without building the whole table: most runs look up a handful.
  const ManagedPolicyInfo* onePolicy(std::string_view name) const;
  mutable std::mutex singlesMutex;
  mutable std::once_flag policyLinesOnce;
  mutable std::vector<std::string_view> policyLines;  // index lines, sorted ignoring case
  mutable std::unordered_map<std::string, std::unique_ptr<ManagedPolicyInfo>> singles;
};

}  // namespace iamlint
