// The IAM catalog: services, actions, resource types, condition keys and AWS managed
// policies, from the data bundled in the binary (see docs/iam-data.md).
//
// The catalog is packed at build time into fixed-size records read in place (no parsing at
// run time); a service's structs are filled from them on its first use, once. Returned pointers and views stay valid for the life
// of the process; the catalog is safe to use from several threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iamlint {

namespace iamdata {
class ResourcePattern;  // a Resource text read once for many ARN-format questions
}

// One level per action. AWS flags some actions as both "Write" and "Tagging" or
// "Permissions management"; the catalog keeps the more security-relevant one.
enum class AccessLevel { List, Read, Write, PermissionsManagement, Tagging };
std::string_view accessLevelName(AccessLevel level);  // "List", "Read", "Write", "Permissions management", "Tagging"

enum class ConditionKeyType {
  String, ArrayOfString, ARN, ArrayOfARN, Bool, ArrayOfBool, Numeric, ArrayOfNumeric,
  Date, ArrayOfDate, IPAddress, ArrayOfIPAddress, Binary, ArrayOfBinary, Unknown
};
std::string_view conditionKeyTypeName(ConditionKeyType type);
bool isArrayType(ConditionKeyType type);

struct ActionResourceType {
  std::string_view name;  // a resource type of the same service, e.g. "object"
  bool required = false;  // the "*" marker of the Service Authorization Reference
  std::span<const std::string_view> conditionKeys;
};

struct ActionInfo {
  std::string_view service;  // prefix as AWS spells it, lower case: "s3"
  std::string_view name;     // proper case: "GetObject"
  AccessLevel accessLevel = AccessLevel::Read;
  std::span<const ActionResourceType> resourceTypes;
  std::span<const std::string_view> conditionKeys;

  // Such an action cannot be scoped by Resource; only "*" is meaningful for it.
  bool wildcardOnly() const { return resourceTypes.empty(); }
  std::string fullName() const;  // "s3:GetObject"
};

struct ResourceTypeInfo {
  std::string_view service;
  std::string_view name;       // "bucket"
  std::string_view arnFormat;  // "arn:${Partition}:s3:::${BucketName}"
  std::span<const std::string_view> conditionKeys;
};

struct ConditionKeyInfo {
  std::string_view name;     // as defined, possibly templated: "aws:RequestTag/${TagKey}"
  ConditionKeyType type = ConditionKeyType::Unknown;
  std::string_view service;  // defining service prefix; "aws" for global keys
  bool global = false;       // an aws:* key from the global table
  bool templated = false;    // name has a ${...} or <...> part standing for a caller-chosen suffix
};

struct ServiceInfo {
  std::string_view prefix;
  std::string_view name;  // display name: "Amazon S3"
  std::span<const ActionInfo> actions;              // sorted case-insensitively by name
  std::span<const ResourceTypeInfo> resourceTypes;  // sorted case-insensitively by name
  std::span<const ConditionKeyInfo> conditionKeys;  // keys the service documents, aws:* ones included
};

struct ManagedPolicyInfo {
  std::string_view name;
  std::string_view path;  // "/service-role/"; empty when unknown (some deprecated policies)
  std::string arn;        // "arn:aws:iam::aws:policy/service-role/Name" (path "/" when unknown)
  std::string_view versionId;  // default version of the bundled document, e.g. "v3"
  bool deprecated = false;
  std::string_view replacement;        // AWS-named successor, empty when none
  std::string_view deprecationSource;  // where the deprecation fact comes from
  std::optional<std::string_view> document;  // minified JSON; nullopt = unknown, never "empty"

  std::optional<std::string_view> documentJson() const { return document; }
};

struct DataVersions {
  std::string iamDataPackage, iamDataVersion, iamDataDate;
  std::string managedPoliciesPackage, managedPoliciesVersion, managedPoliciesDate;
  std::vector<std::pair<std::string, std::string>> entries;  // every line of data/VERSIONS
};

// How much of one resource type a Resource pattern of a policy covers.
enum class ArnReach : unsigned char {
  // Not every resource of the type: a name, a name prefix, a path, a policy variable, a value
  // only known at deploy time, or an ARN of another type.
  Partial,
  // Every resource of the type in the region or account the pattern names, written out
  // (`arn:aws:iam::111122223333:role/*`) or as `${AWS::Region}` / `${AWS::AccountId}`.
  Scoped,
  // Every resource of the type: each variable part of its ARN format is a wildcard here, bar
  // the partition (`arn:aws:s3:::*/*`, `arn:*:cloudtrail:*:*:trail/*`).
  Every,
};

// IAM rejects longer ARNs in policies.
inline constexpr size_t kMaxArnLength = 2048;

class Catalog {
 public:
  static const Catalog& instance();

  // Services. Prefix lookups ignore case.
  bool hasService(std::string_view prefix) const;
  const std::vector<std::string_view>& servicePrefixes() const;  // sorted
  std::optional<std::string_view> serviceName(std::string_view prefix) const;
  const ServiceInfo* service(std::string_view prefix) const;  // parses that service on first use
  std::vector<std::string> suggestServices(std::string_view unknown, size_t max = 3) const;

  // Actions. Names ignore case, as IAM does.
  const ActionInfo* findAction(std::string_view service, std::string_view name) const;
  const ActionInfo* findAction(std::string_view serviceColonName) const;
  // IAM action patterns with * and ? in either part ("ec2:*Volume", "s3:Get*", "*").
  // Sorted by service, then name; empty for a malformed pattern or no match.
  std::vector<const ActionInfo*> expandPattern(std::string_view pattern) const;
  // "Did you mean" for an action that does not exist, closest first, as "ec2:AttachVolume".
  std::vector<std::string> suggestActions(std::string_view unknown, size_t max = 3) const;

  // Resource types.
  std::span<const ResourceTypeInfo> resourceTypes(std::string_view service) const;
  const ResourceTypeInfo* findResourceType(std::string_view service, std::string_view name) const;
  // Which resource types an ARN from a policy could denote. The ARN may hold * and ?
  // wildcards and unresolved ${...} parts (both treated as "any text"). A wildcard
  // covering several types returns them all; empty when nothing fits or it is no ARN.
  std::vector<const ResourceTypeInfo*> matchResourceTypes(std::string_view arn) const;
  // Every resource type, of any service, whose ARN format has `arnService` as its service field
  // (`execute-api` is the field of several prefixes); empty when no format has it.
  std::vector<const ResourceTypeInfo*> resourceTypesOfArnService(std::string_view arnService) const;
  // How much of resource type `type` the Resource pattern `pattern` covers. In the pattern, `*`
  // and `?` are wildcards, `${AWS::Partition}`, `${AWS::Region}` and `${AWS::AccountId}` the
  // pseudo parameters, and any other `${...}` one unknown value (it covers no part).
  ArnReach arnReach(std::string_view pattern, const ResourceTypeInfo& type) const;
  // Could the pattern denote some resource of `type`, in the strict reading of
  // matchResourceTypes (each variable inside its path segment)?
  bool arnMayDenote(std::string_view pattern, const ResourceTypeInfo& type) const;
  // The same two questions for a pattern read once, to be asked of many types.
  ArnReach arnReach(const iamdata::ResourcePattern& pattern, const ResourceTypeInfo& type) const;
  bool arnMayDenote(const iamdata::ResourcePattern& pattern, const ResourceTypeInfo& type) const;

  // Condition keys, ignoring case; templated keys match any suffix
  // ("aws:RequestTag/CostCenter" finds "aws:RequestTag/${TagKey}").
  const ConditionKeyInfo* findConditionKey(std::string_view key) const;
  // Does this service document the key (its own keys and the aws:* keys it lists)?
  bool serviceDefinesConditionKey(std::string_view service, std::string_view key) const;
  std::span<const ConditionKeyInfo> globalConditionKeys() const;

  // AWS managed policies: a bare name or an ARN in any partition
  // ("arn:aws-cn:iam::aws:policy/service-role/AWSBatchServiceRole"). Names are exact.
  // An ARN whose path contradicts the known path finds nothing.
  const ManagedPolicyInfo* findManagedPolicy(std::string_view arnOrName) const;
  std::span<const ManagedPolicyInfo> managedPolicies() const;  // sorted by name, ignoring case
  std::vector<std::string> suggestManagedPolicies(std::string_view unknown, size_t max = 3) const;

  DataVersions dataVersions() const;

  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  struct Impl;

 private:
  Catalog();
  std::vector<const ActionInfo*> expandUncached(std::string_view pattern) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iamlint
