// Everything iamlint learned about one input file; what rules look at.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "iamlint/node.h"
#include "iamlint/policy.h"
#include "iamlint/template.h"

namespace iamlint {

// A `ManagedPolicyArns` entry (or a PermissionsBoundary) as referenced by a principal.
struct ManagedPolicyRef {
  Value arn;
  std::string awsName;          // name of an AWS managed policy (`AmazonS3ReadOnlyAccess`), if it is one
  std::string templatePolicy;   // logical id of an `AWS::IAM::ManagedPolicy` in the template, if it is one
  const Policy* policy = nullptr;  // the expanded document, when known
};

// A role, user or group with its effective policy set.
struct IamPrincipal {
  std::string logicalId;
  std::string type;  // `AWS::IAM::Role`, `AWS::IAM::User`, `AWS::IAM::Group`, or `policy file`
  const TemplateResource* resource = nullptr;
  const Policy* trust = nullptr;
  std::vector<const Policy*> policies;  // inline, attached in the template, AWS managed
  std::vector<ManagedPolicyRef> managedPolicies;
  std::vector<const Policy*> boundary;
  std::vector<std::string> instanceProfiles;
  std::vector<std::string> groups;  // for users: groups whose policies also apply
  // Sources whose content is not known (an unknown managed policy, an imported ARN):
  // answers about this principal that need them say so.
  std::vector<std::string> unknownSources;
};

// A diagnostic from resolution or extraction that a rule in category 0 turns into a finding.
struct ModelNote {
  std::string rule;  // the rule id that reports it
  const Node* node = nullptr;
  std::string message;
  std::string resource;
  std::string origin;  // extra detail
};

// The input format a file was read as; each is one front end (analyzer/frontend/<format>/).
enum class InputFormat : uint8_t { Unknown, CloudFormation, PolicyFile };

struct Analysis {
  Document document;
  InputFormat input = InputFormat::Unknown;
  Template tmpl;  // CloudFormation only
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

  const IamPrincipal* principal(std::string_view logicalId) const;
};

struct AnalysisOptions {
  std::map<std::string, std::string, std::less<>> parameters;  // overrides of template parameters
  enum class PolicyFileKind : uint8_t { Detect, Identity, Trust, Resource } policyKind =
      PolicyFileKind::Detect;
};

}  // namespace iamlint
