// Internal state of the Catalog: the packed catalog (catalog_pack.h) read in place, and the
// services materialized from it on first use.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/iamdata/arn_template.h"
#include "analyzer/iamdata/catalog_pack.h"
#include "iamlint/catalog.h"

namespace iamlint {

namespace iamdata {

// A service of the packed catalog, made into the API's structs. All of it is filled from the
// pack's fixed-size records with no parsing: the strings are views into the pack, and the
// spans of ServiceInfo point into these arrays.
struct LoadedService {
  ServiceInfo info;
  std::vector<ActionInfo> actions;
  std::vector<ActionResourceType> actionResourceTypes;
  std::vector<std::string_view> keyNames;
  std::vector<ResourceTypeInfo> resourceTypes;
  std::vector<ConditionKeyInfo> conditionKeys;
  // Compiled on the first ARN match against this service: most services looked up never are.
  mutable std::once_flag arnOnce;
  mutable std::vector<ArnTemplate> arnTemplates;  // parallel to info.resourceTypes
  const std::vector<ArnTemplate>& templates() const;
};

struct ServiceSlot {
  std::once_flag once;
  std::unique_ptr<LoadedService> loaded;
};

struct PolicyTables {
  std::vector<ManagedPolicyInfo> policies;  // sorted by name
  std::unordered_map<std::string_view, size_t> byName;
};
PolicyTables loadManagedPolicies();

std::vector<ConditionKeyInfo> loadGlobalConditionKeys();

// Case-insensitive match of a key against a possibly templated key name, where a
// ${...} or <...> part stands for one or more characters.
bool conditionKeyMatches(std::string_view definedName, std::string_view key);

// The line of a managed-policy index (`#` lines first, then one line a policy, sorted by name
// ignoring case and then exactly) whose first field is `name`; empty when there is none.
std::string_view findIndexLine(std::string_view index, std::string_view name);

}  // namespace iamdata

struct Catalog::Impl {
  Impl();
  const iamdata::LoadedService* load(size_t slot) const;
  const iamdata::LoadedService* load(std::string_view prefix) const;
  size_t slotOf(std::string_view prefix) const;  // npos when unknown
  static constexpr size_t npos = static_cast<size_t>(-1);
  // The services with a resource type whose ARN has this service field (lower case), in order.
  std::vector<uint32_t> servicesOfArnField(std::string_view lowerField) const;

  iamdata::PackView pack;
  mutable std::vector<iamdata::ServiceSlot> slots;  // parallel to the pack's services
  std::vector<std::string_view> prefixes;           // sorted, as the pack's services
  // The prefixes by a hash of their lower-case text: 1 + the slot, 0 for none; a power of two
  // at least four times their number, probed in turn.
  std::vector<uint32_t> prefixTable;
  std::vector<ConditionKeyInfo> globalKeys;

  mutable std::once_flag policiesOnce;
  mutable iamdata::PolicyTables policyTables;
  const iamdata::PolicyTables& policies() const;
  // One policy by exact name without building the whole table: most runs look up a handful.
  const ManagedPolicyInfo* onePolicy(std::string_view name) const;
  mutable std::mutex singlesMutex;
  mutable std::unordered_map<std::string, std::unique_ptr<ManagedPolicyInfo>> singles;
  // deprecated-managed-policies.tsv's lines by policy name (under singlesMutex, on first use).
  mutable std::vector<std::pair<std::string_view, std::string_view>> deprecatedIndex;

  // Answers of matchResourceTypes by the ARN's text: the same Resource text recurs across
  // statements, policies and files, and each answer is a search over the service's formats.
  // Bounded: a table whose keys reach kArnMemoBytes starts again empty (a language server runs
  // for days; an ARN may be 2,048 characters).
  struct ArnMemo {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<const ResourceTypeInfo*>> types;  // matchResourceTypes
    size_t typesBytes = 0;                                                         // of its keys
  };
  static constexpr size_t kArnMemoBytes = size_t{4} << 20;
  mutable ArnMemo arnMemo;
};

}  // namespace iamlint
