#include <doctest/doctest.h>

#include "analyzer/engine/engine.h"

using namespace iamlint;

namespace {

std::unique_ptr<Analysis> analyse(const std::string& yaml) {
  EngineOptions options;
  options.rules.select = {"IAM001"};
  FileResult r = lintText("t.yaml", yaml, options, true, true);
  REQUIRE(r.ok);
  return std::move(r.analysis);
}

std::vector<std::string> labels(const IamPrincipal& p) {
  std::vector<std::string> out;
  for (const Policy* policy : p.policies) out.push_back(policy->label());
  return out;
}

const char* kTemplate = R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: inline
          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
        - !Ref Managed
        - arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetRole
        - !ImportValue SharedPolicyArn
      PermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]}
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      Roles: [!Ref Role]
      Users: [!Ref User]
      PolicyDocument: {Statement: [{Effect: Allow, Action: sns:Publish, Resource: "*"}]}
  Group:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: group-inline
          PolicyDocument: {Statement: [{Effect: Allow, Action: logs:PutLogEvents, Resource: "*"}]}
  User:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Group]
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role]
)";

}  // namespace

TEST_CASE("a role's effective policy set: inline, attached, template managed, AWS managed, boundary") {
  auto a = analyse(kTemplate);
  const IamPrincipal* role = a->principal("Role");
  REQUIRE(role);
  CHECK(labels(*role) == std::vector<std::string>{"inline policy `inline` of `Role`", "policy `Attached`",
                                                  "AWS managed policy `AmazonS3ReadOnlyAccess`",
                                                  "managed policy `Managed`"});
  REQUIRE(role->trust);
  CHECK(role->trust->label() == "trust policy of `Role`");
  REQUIRE(role->boundary.size() == 1);
  CHECK(role->boundary[0]->name == "PowerUserAccess");
  CHECK(role->instanceProfiles == std::vector<std::string>{"Profile"});
  // A deprecated policy whose document is not bundled, and an import, are unknown, never empty.
  CHECK(role->unknownSources == std::vector<std::string>{
                                    "managed policy arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetRole",
                                    "managed policy ${Fn::ImportValue SharedPolicyArn}"});
  REQUIRE(role->managedPolicies.size() == 4);
  CHECK(role->managedPolicies[0].awsName == "AmazonS3ReadOnlyAccess");
  CHECK(role->managedPolicies[1].templatePolicy == "Managed");
  CHECK(role->managedPolicies[2].awsName == "AmazonEC2SpotFleetRole");
  CHECK(role->managedPolicies[2].policy == nullptr);
}

TEST_CASE("a user gets its own attachments and its groups' policies") {
  auto a = analyse(kTemplate);
  const IamPrincipal* user = a->principal("User");
  REQUIRE(user);
  CHECK(labels(*user) == std::vector<std::string>{"policy `Attached`", "inline policy `group-inline` of `Group`"});
  CHECK(user->groups == std::vector<std::string>{"Group"});
}
