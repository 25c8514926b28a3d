// Everything iamlint learned about one input file; what rules look at.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "iamlint/eval.h"
#include "iamlint/node.h"
#include "iamlint/policy.h"
#include "iamlint/template.h"

namespace iamlint {

// A managed policy a principal references: a `ManagedPolicyArns` entry, an attachment, or
// its permissions boundary.
struct ManagedPolicyRef {
  Value arn;
  // Where the input names it, as the input spells it: `ManagedPolicyArns`,
  // `PermissionsBoundary`, `managed_policy_arns`, `policy_arn`, `permissions_boundary`.
  std::string property;
  std::string awsName;          // name of an AWS managed policy (`AmazonS3ReadOnlyAccess`), if it is one
  std::string templatePolicy;   // logical id of an `AWS::IAM::ManagedPolicy` in the template, if it is one
  const Policy* policy = nullptr;  // the expanded document, when known
};

enum class PrincipalKind : uint8_t { Role, User, Group, PolicyFile };

// A role, user or group with what applies to it; `effectivePolicies` makes the policy set.
struct IamPrincipal {
  std::string logicalId;
  PrincipalKind kind = PrincipalKind::Role;
  std::string type;  // as the input names it: `AWS::IAM::Role`, ..., or `policy file`
  const TemplateResource* resource = nullptr;
  const Policy* trust = nullptr;
  std::vector<const Policy*> policies;  // inline, attached in the template, AWS managed
  std::vector<ManagedPolicyRef> managedPolicies;
  // The permissions boundary, when the principal declares one: the policies known of it, and
  // what is not known (`permissions boundary ${BoundaryArn}`). A declared boundary with no
  // known policy and nothing unknown allows nothing.
  bool declaresBoundary = false;
  std::vector<const Policy*> boundary;
  std::vector<ManagedPolicyRef> boundaryRefs;  // the boundary as written, one per resolved value
  std::vector<std::string> unknownBoundary;
  std::vector<std::string> instanceProfiles;
  std::vector<std::string> groups;  // for users: groups whose policies also apply
  // Identity policies whose content is not known (an unknown managed policy, an imported
  // ARN), as `managed policy NAME`: answers about this principal that need them say so.
  std::vector<std::string> unknownSources;
};

// The principal's effective policy set, the one every rule and command evaluates: identity
// policies (inline, attached, managed, its groups'), the permissions boundary, and the parts
// whose content is unknown, so that `evaluate` answers "not certain" instead of guessing.
PolicySet effectivePolicies(const IamPrincipal& principal);

// What a model note is about; each kind is reported by one rule of rules/0-input/.
enum class NoteKind : uint8_t {
  UndefinedReference,     // a Ref, GetAtt, Sub variable, condition or mapping that does not exist
  CircularReference,      // a resource name that depends on itself
  UnresolvedValue,        // a value known only at deploy time
  InvalidPolicyProperty,  // a policy-bearing property that is not a policy document
  NotChecked,             // IAM content in the input that iamlint does not read
  InputNotFullyRead,      // a budget cut the input short (string size, list length, name depth)
};

// A diagnostic from resolution or extraction that a rule in category 0 turns into a finding.
struct ModelNote {
  NoteKind kind;
  const Node* node = nullptr;
  std::string message;
  std::string resource;
  std::string origin;  // extra detail
};

// The input format a file was read as; each is one front end (analyzer/frontend/<format>/).
enum class InputFormat : uint8_t { Unknown, CloudFormation, PolicyFile, TerraformPlan };

struct Analysis {
  Document document;
  InputFormat input = InputFormat::Unknown;
  // The resources of the input: a CloudFormation template's model, or a Terraform plan's
  // resources by address (with no parameters, conditions or mappings).
  Template tmpl;
  std::deque<Policy> policies;       // every policy found in the file, in document order
  std::deque<Policy> awsManaged;     // AWS managed policies referenced, expanded from the data
  std::deque<Document> awsManagedDocuments;
  // Policies written as a JSON string inside the template (`RepositoryPolicyText: |`): parsed
  // on their own, with ranges moved to where the string sits in the file.
  std::deque<Document> embeddedDocuments;
  // Policy documents a transform writes (SAM's trust policies and expanded policy templates),
  // which the user does not edit.
  std::vector<const Node*> transformWritten;
  std::vector<IamPrincipal> principals;
  std::vector<ModelNote> notes;
  // `AWS::Organizations::Policy` resources of the template: service control policies (read
  // like identity policies) and resource control policies (read like resource policies).
  // `query` applies them; the grammar rules (IAM1xx) check them. A policy file read with
  // `--policy-kind scp|rcp` is one of them.
  std::deque<Policy> serviceControlPolicies, resourceControlPolicies;
  // The ARNs of the template's resources whose ARN iamlint can write (`Fn::GetAtt X.Arn`, or
  // the `Ref` of a type whose Ref is its ARN), by logical id; alternatives for `Fn::If` names.
  std::map<std::string, std::vector<Resolved>, std::less<>> arns;

  const IamPrincipal* principal(std::string_view logicalId) const;
  // The principals whose policies include `policy`, from an index built on the first call (so
  // only once the model is complete: the rules' view).
  const std::vector<const IamPrincipal*>& holders(const Policy& policy) const;

 private:
  mutable std::unique_ptr<const std::unordered_map<const Policy*, std::vector<const IamPrincipal*>>> holders_;
};

// One request asked of an analysed input (`iamlint query`): who, what, on which resource.
struct AccessQuery {
  const IamPrincipal* principal = nullptr;  // a principal of the input, or
  std::string caller;                       // a caller outside it: an ARN, an account, a service, `*`
  std::string action;
  // An ARN, `*`, or a logical id of the input standing for its ARN, optionally followed by
  // `/` and more (`DataBucket/reports/x` for an object of the bucket).
  std::string resource = "*";
  Context context;
  // The stack's account when given (`-p AWS::AccountId=...`); unknown otherwise.
  std::string stackAccount;
  // Organisation policies of the account (service and resource control policies).
  std::optional<std::vector<const Policy*>> scp;
  std::vector<const Policy*> rcp;
};

// The query made ready for `evaluate`: the policies that decide it (the principal's effective
// policies, the resource policies of the input guarding the resource, organisation policies),
// the request with ARNs resolved, and what the preparation assumed.
struct PreparedQuery {
  PolicySet policies;
  Request request;
  EvalOptions options;
  std::string principalShown;  // `arn:aws:iam::${AWS::AccountId}:role/${AppRole}`, or the caller
  std::string resourceShown;
  std::vector<std::string> assumptions;
};
PreparedQuery prepareQuery(const Analysis& analysis, const AccessQuery& query);

struct AnalysisOptions {
  std::map<std::string, std::string, std::less<>> parameters;  // overrides of template parameters
  // Scp and Rcp read a policy file as an organisation policy (`Analysis::serviceControlPolicies`,
  // `resourceControlPolicies`) instead of a policy of `Analysis::policies`.
  enum class PolicyFileKind : uint8_t { Detect, Identity, Trust, Resource, Scp, Rcp } policyKind =
      PolicyFileKind::Detect;
};

}  // namespace iamlint
