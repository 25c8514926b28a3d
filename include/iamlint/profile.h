// Requirement profiles: what a documentation page says an environment's roles must allow,
// as data (rules/profiles/*.yaml, docs/profiles.md). The IAM7xx rules check a template
// against them with the evaluation engine.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "iamlint/source.h"

namespace iamlint {

// Where a profile value was written, for messages and schema errors.
struct ProfileLocation {
  std::string path;
  Range range;
};

struct ProfileSource {
  std::string url, commit, date, note;
};

// `bucket` in `${bucket}`: the value of a template parameter (overridable by `--parameter`).
struct ProfileParameter {
  std::string name;
  std::string templateParameter;  // `S3BucketName`
  std::string description;
};

// One way to recognise the role in a template: every field given must hold.
struct RoleMatcher {
  std::string logicalIdPattern;  // an ECMAScript regex over the whole logical id
  std::string trustsService;     // the trust policy names this service principal
  bool inInstanceProfile = false;
};

// Something the role must allow: AWS managed policy, or actions on resources.
struct Requirement {
  std::string managedPolicy;          // `AmazonEC2ContainerServiceforEC2Role`
  std::vector<std::string> actions;   // `ec2:CreateVolume`, `s3:*`
  std::vector<std::string> resources; // `arn:aws:s3:::${bucket}`; `*` when omitted
  std::map<std::string, std::string> context;  // request condition keys the use sets
  std::string quote;                  // what the page says, for messages
  ProfileLocation where;
};

// Actions that may also reach further resources than the role's scope.
struct ScopeAllowance {
  std::vector<std::string> actions;
  std::vector<std::string> resources;
  std::string reason;
};

// The role must not allow `actions` outside `resources`, except what `allowances` add.
struct ScopeLimit {
  std::vector<std::string> actions;
  std::vector<std::string> resources;
  std::vector<ScopeAllowance> allowances;
  std::string quote;
  ProfileLocation where;
};

struct TrustRequirement {
  std::string service;     // `ec2.amazonaws.com`
  bool exclusive = true;   // nobody else may assume the role
  ProfileLocation where;
};

enum class RoleNeed : uint8_t { Required, Optional, Conditional };

struct ProfileRole {
  std::string id;     // `batch-instance-role`
  std::string title;  // `Batch instance role`
  RoleNeed need = RoleNeed::Required;
  std::string when;   // for conditional roles: when the page requires it
  std::vector<RoleMatcher> match;  // any of them
  std::vector<Requirement> allow;
  std::vector<ScopeLimit> scope;
  std::optional<TrustRequirement> trust;
  ProfileLocation where;
};

struct Profile {
  std::string name;   // `aws-batch-genomics`
  std::string title;
  std::string page;   // how messages name the source: "the 2019 page"
  std::vector<ProfileSource> sources;
  std::vector<ProfileParameter> parameters;
  std::vector<ProfileRole> roles;
  std::string path;   // file it was read from (`builtin:NAME` for built-in ones)
  bool builtin = false;
  // Parameter values fixed for this run (`--parameter bucket=x` or `S3BucketName=x`), by
  // profile parameter name; the others come from the template being checked.
  std::map<std::string, std::string> values;
};

struct ProfileError {
  ProfileLocation where;
  std::string message;
  std::string render() const;  // `path:line:col: message`
};

// Parses and schema-checks a profile; on failure returns nullptr and fills `errors`.
std::shared_ptr<const Profile> parseProfile(const std::string& path, std::string text,
                                            std::vector<ProfileError>& errors, bool builtin = false);
// A built-in profile by name, or nullptr.
std::shared_ptr<const Profile> builtinProfile(std::string_view name);
std::vector<std::string> builtinProfileNames();
// A built-in name or a file path.
std::shared_ptr<const Profile> loadProfile(const std::string& nameOrPath, std::vector<ProfileError>& errors);

}  // namespace iamlint
