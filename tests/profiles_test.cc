// Requirement profiles: the built-in ones load, schema errors are located in the profile, a
// template written exactly as a page documents passes that page's profile, and removing any
// one requirement or widening the scope makes exactly the right finding appear.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "analyzer/engine/engine.h"
#include "iamlint/profile.h"

using namespace iamlint;

namespace {

std::string readText(const std::string& path) {
  std::ifstream in(std::string(IAMLINT_SOURCE_DIR) + "/" + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Finding> check(const std::string& text, const std::string& profileName) {
  std::vector<ProfileError> errors;
  auto profile = loadProfile(profileName, errors);
  REQUIRE(profile);
  EngineOptions options;
  options.rules.select = {"IAM7"};
  options.check.profiles = {profile.get()};
  std::vector<Finding> out;
  for (Finding& f : lintText("t.yaml", text, options).findings)
    if (f.id().rfind("IAM7", 0) == 0) out.push_back(std::move(f));
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture lacks " << from);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("profiles: every built-in profile parses and names its sources") {
  std::vector<std::string> names = builtinProfileNames();
  for (const char* want : {"aws-batch-genomics", "aws-batch-genomics-2019", "cromwell-server", "nextflow-job-role",
                           "step-functions-execution-role"})
    CHECK(std::find(names.begin(), names.end(), want) != names.end());
  for (const std::string& name : names) {
    INFO(name);
    std::vector<ProfileError> errors;
    std::string text = readText("rules/profiles/" + name + ".yaml");
    auto p = parseProfile(name + ".yaml", text, errors);
    for (const ProfileError& e : errors) FAIL_CHECK(e.render());
    REQUIRE(p);
    CHECK(p->name == name);
    CHECK(!p->sources.empty());
    CHECK(builtinProfile(name));
  }
}

TEST_CASE("profiles: schema errors carry the profile's file:line:col") {
  std::vector<ProfileError> errors;
  auto p = loadProfile(std::string(IAMLINT_SOURCE_DIR) + "/testdata/profiles/bad-profile.yaml", errors);
  CHECK_FALSE(p);
  std::vector<std::string> got;
  for (const ProfileError& e : errors) {
    std::string r = e.render();
    got.push_back(r.substr(r.find("bad-profile.yaml")));
  }
  std::vector<std::string> want = {
      "bad-profile.yaml:3:1: unknown key `colour` in a profile; known: name, title, page, sources, parameters, roles",
      "bad-profile.yaml:8:11: `need` is required, optional or conditional, not `sometimes`",
      "bad-profile.yaml:10:21: `logical-id` is not a valid regular expression: missing ): Role(",
      "bad-profile.yaml:12:19: unknown action `ec2:CreateVolum` in `actions`; did you mean `ec2:CreateVolume`?",
      "bad-profile.yaml:13:21: `${bukket}` in `arn:aws:s3:::${bukket}` is not a parameter of this profile",
      "bad-profile.yaml:13:47: `not-an-arn` is not an ARN (arn:partition:service:region:account:resource) or `*`",
      "bad-profile.yaml:14:25: `AmazonNoSuchPolicy` is not an AWS managed policy the catalog knows",
      "bad-profile.yaml:18:9: unknown key `because` in a `scope` entry; known: actions, resources, allow-also, quote",
      "bad-profile.yaml:17:21: `arn:aws:nosuchsvc:::x` names the service `nosuchsvc`, which the catalog does not know",
  };
  for (const std::string& w : want)
    CHECK_MESSAGE(std::find(got.begin(), got.end(), w) != got.end(), "missing: " << w);
  CHECK(got.size() == want.size());
}

TEST_CASE("profiles: an unknown profile name lists the built-in ones") {
  std::vector<ProfileError> errors;
  CHECK_FALSE(loadProfile("aws-batch-genomix", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("aws-batch-genomics-2019") != std::string::npos);
}

TEST_CASE("profiles: the templates written as the pages document pass their profiles") {
  CHECK(check(readText("testdata/profiles/genomics-2019-documented.yaml"), "aws-batch-genomics-2019").empty());
  CHECK(check(readText("testdata/profiles/genomics-2020-documented.yaml"), "aws-batch-genomics").empty());
  // The 2020 page's account-wide read for public data sets is not beyond its scope ...
  std::string t2020 = readText("testdata/profiles/genomics-2020-documented.yaml");
  // ... but AmazonEC2RoleforSSM's writes to every bucket are.
  auto f = check(replaced(t2020, "        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n",
                          "        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n"
                          "        - arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM\n"),
                 "aws-batch-genomics");
  REQUIRE(f.size() == 1);
  CHECK(f[0].id() == "IAM703");
  CHECK(f[0].message.find("`AmazonEC2RoleforSSM` allows `s3:PutObject`") != std::string::npos);
}

TEST_CASE("profiles: removing any one documented action from the 2019 template is reported, and only that") {
  const std::string text = readText("testdata/profiles/genomics-2019-documented.yaml");
  // The page writes `ec2:createVolume`; the message uses the catalog's spelling.
  for (auto [action, spelling] : {std::pair{"ec2:createVolume", "ec2:CreateVolume"}, {"ec2:attachVolume", "ec2:AttachVolume"},
                                  {"ec2:deleteVolume", "ec2:DeleteVolume"},
                                  {"ec2:modifyInstanceAttribute", "ec2:ModifyInstanceAttribute"},
                                  {"ec2:describeVolumes", "ec2:DescribeVolumes"}}) {
    INFO(action);
    auto f = check(replaced(text, std::string("                - ") + action + "\n", ""), "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM702");
    CHECK(f[0].resource == "BatchInstanceRole");
    CHECK(f[0].message == std::string("profile `aws-batch-genomics-2019` (the 2019 Genomics Workflows page) requires `") + spelling +
                              "` on `*` for the Batch instance role `BatchInstanceRole` (\"allows the job instance "
                              "to attach EBS volumes to create extra scratch space\"); no statement allows it");
  }
  SUBCASE("the bucket ARN") {
    auto f = check(replaced(text, "                - !Sub arn:aws:s3:::${S3BucketName}\n", ""), "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM702");
    CHECK(f[0].message.find("requires `s3:*` on `arn:aws:s3:::${bucket}` for the Batch instance role") != std::string::npos);
    CHECK(f[0].message.find("`s3:ListBucket`") == std::string::npos);  // listed only up to three
  }
  SUBCASE("a required managed policy") {
    auto f = check(replaced(text, "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                   "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM702");
    CHECK(f[0].resource == "BatchServiceRole");
  }
  SUBCASE("a required role") {
    std::string noService = replaced(text, "Principal: {Service: batch.amazonaws.com}", "Principal: {Service: ecs.amazonaws.com}");
    noService = replaced(noService, "  BatchServiceRole:", "  ComputeRole:");
    auto f = check(noService, "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM701");
  }
  SUBCASE("an explicit deny says which statement") {
    auto f = check(replaced(text, "              Resource: \"*\"\n",
                            "              Resource: \"*\"\n"
                            "        - PolicyName: NoDeletes\n"
                            "          PolicyDocument:\n"
                            "            Statement:\n"
                            "              - Sid: KeepVolumes\n"
                            "                Effect: Deny\n"
                            "                Action: ec2:DeleteVolume\n"
                            "                Resource: \"*\"\n"),
                   "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.find("explicitly denied by statement `KeepVolumes` of the inline policy `NoDeletes`") != std::string::npos);
  }
}

TEST_CASE("profiles: widening the bucket scope is reported with a concrete request") {
  const std::string text = readText("testdata/profiles/genomics-2019-documented.yaml");
  SUBCASE("every bucket") {
    auto f = check(replaced(text, "!Sub arn:aws:s3:::${S3BucketName}/*", "arn:aws:s3:::*"), "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM703");
    CHECK(f[0].message.find("allows `s3:PutObject` beyond it, for example on `arn:aws:s3:::another-bucket/any-key`") != std::string::npos);
  }
  SUBCASE("a bucket-name prefix") {
    auto f = check(replaced(text, "!Sub arn:aws:s3:::${S3BucketName}/*", "!Sub arn:aws:s3:::${S3BucketName}*"),
                   "aws-batch-genomics-2019");
    // `${S3BucketName}*` still covers the bucket's objects, and also every bucket whose name
    // starts with it.
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM703");
    CHECK(f[0].message.find("allows `s3:PutObject` beyond it, for example on `arn:aws:s3:::${bucket}another-bucket/any-key`") != std::string::npos);
  }
  SUBCASE("AmazonS3ReadOnlyAccess") {
    auto f = check(replaced(text, "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role\n",
                            "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role\n"
                            "        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n"),
                   "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.find("`AmazonS3ReadOnlyAccess` allows `s3:GetObject`") != std::string::npos);
  }
  SUBCASE("a grant inside the bucket is not beyond scope") {
    auto f = check(replaced(text, "!Sub arn:aws:s3:::${S3BucketName}/*", "!Sub arn:aws:s3:::${S3BucketName}/data/*"),
                   "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM702");  // the rest of the bucket's objects are missing, nothing is extra
  }
}

TEST_CASE("profiles: a trust mismatch names the principal") {
  const std::string text = readText("testdata/profiles/genomics-2019-documented.yaml");
  auto f = check(replaced(text, "Principal: {Service: spotfleet.amazonaws.com}", "Principal: {Service: ec2.amazonaws.com}"),
                 "aws-batch-genomics-2019");
  REQUIRE(f.size() == 2);
  CHECK(f[0].id() == "IAM704");
  CHECK(f[0].message.find("requires that `spotfleet.amazonaws.com` can assume") != std::string::npos);
  CHECK(f[1].message.find("but `ec2.amazonaws.com` can assume it too") != std::string::npos);
}

TEST_CASE("profiles: a regional service principal is that service, and not an account") {
  const std::string role = R"(
Resources:
  StatesExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: !Join [".", [states, !Ref "AWS::Region", amazonaws.com]]
            Action: sts:AssumeRole
      Policies:
        - PolicyName: batch
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [batch:SubmitJob, batch:DescribeJobs, batch:TerminateJob]
                Resource: "*"
              - Effect: Allow
                Action: [events:PutTargets, events:PutRule, events:DescribeRule]
                Resource: !Sub arn:aws:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForBatchJobsRule
)";
  std::vector<Finding> findings = check(role, "step-functions-execution-role");
  for (const Finding& f : findings) CHECK_MESSAGE(f.id() != "IAM704", f.message);
  // Another service in the same place is still a mismatch.
  std::vector<Finding> other = check(replaced(role, "[states,", "[lambda,"), "step-functions-execution-role");
  bool mismatch = false;
  for (const Finding& f : other) mismatch = mismatch || f.id() == "IAM704";
  CHECK(mismatch);
}

// The template's resource policies take part as in `iamlint query`: a bucket policy's Deny
// makes a required permission explicitly denied (IAM702), and a bucket policy's grant to the
// role on a bucket outside the scope is beyond it (IAM703).
TEST_CASE("profiles: resource policies of the template count") {
  const std::string text = readText("testdata/profiles/genomics-2019-documented.yaml");
  auto withBucket = [&](const std::string& bucketName, const std::string& statement) {
    return text + "  DataBucket:\n"
                  "    Type: AWS::S3::Bucket\n" +
           (bucketName.empty() ? std::string() : "    Properties:\n      BucketName: " + bucketName + "\n") +
           "  DataBucketPolicy:\n"
           "    Type: AWS::S3::BucketPolicy\n"
           "    Properties:\n"
           "      Bucket: !Ref DataBucket\n"
           "      PolicyDocument:\n"
           "        Version: \"2012-10-17\"\n"
           "        Statement:\n" +
           statement;
  };
  const std::string denyDeletes =
      "          - Sid: KeepObjects\n"
      "            Effect: Deny\n"
      "            Principal: {AWS: !GetAtt BatchInstanceRole.Arn}\n"
      "            Action: s3:DeleteObject\n"
      "            Resource: !Sub arn:aws:s3:::${DataBucket}/*\n";
  SUBCASE("a bucket policy's Deny of a required action on the profile's bucket") {
    auto f = check(withBucket("!Ref S3BucketName", denyDeletes), "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM702");
    CHECK(f[0].resource == "BatchInstanceRole");
    CHECK(f[0].message ==
          "profile `aws-batch-genomics-2019` (the 2019 Genomics Workflows page) requires `s3:*` on "
          "`arn:aws:s3:::${bucket}/*` for the Batch instance role `BatchInstanceRole` (\"this inline policy specifies access "
          "to a single S3 bucket\"); `s3:DeleteObject` is explicitly denied by statement `KeepObjects` of the bucket "
          "policy `DataBucketPolicy`, line 90");
  }
  SUBCASE("near miss: the Deny under a condition, or for another principal, or on another bucket") {
    std::string conditional = denyDeletes + "            Condition: {Bool: {aws:SecureTransport: \"false\"}}\n";
    CHECK(check(withBucket("!Ref S3BucketName", conditional), "aws-batch-genomics-2019").empty());
    std::string other = replaced(denyDeletes, "!GetAtt BatchInstanceRole.Arn", "!GetAtt BatchJobRole.Arn");
    CHECK(check(withBucket("!Ref S3BucketName", other), "aws-batch-genomics-2019").empty());
    CHECK(check(withBucket("", denyDeletes), "aws-batch-genomics-2019").empty());
  }
  const std::string grantWrites =
      "          - Sid: InstanceWrites\n"
      "            Effect: Allow\n"
      "            Principal: {AWS: !GetAtt BatchInstanceRole.Arn}\n"
      "            Action: s3:PutObject\n"
      "            Resource: !Sub arn:aws:s3:::${DataBucket}/*\n";
  SUBCASE("a bucket policy granting the role writes to another bucket of the template") {
    auto f = check(withBucket("", grantWrites), "aws-batch-genomics-2019");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id() == "IAM703");
    CHECK(f[0].resource == "BatchInstanceRole");
    CHECK(f[0].message ==
          "profile `aws-batch-genomics-2019` (the 2019 Genomics Workflows page) limits the Batch instance role "
          "`BatchInstanceRole` to `s3:*` only on `arn:aws:s3:::${bucket}` and `arn:aws:s3:::${bucket}/*` (\"access to a "
          "single S3 bucket\"), but statement "
          "`InstanceWrites` of the bucket policy `DataBucketPolicy` allows it `s3:PutObject` beyond it, on "
          "`arn:aws:s3:::${DataBucket}/example-key`");
  }
  SUBCASE("near miss: the grant on the profile's own bucket, to another role, or denied by the role") {
    CHECK(check(withBucket("!Ref S3BucketName", grantWrites), "aws-batch-genomics-2019").empty());
    std::string other = replaced(grantWrites, "!GetAtt BatchInstanceRole.Arn", "!GetAtt BatchJobRole.Arn");
    CHECK(check(withBucket("", other), "aws-batch-genomics-2019").empty());
    std::string denied = replaced(text, "  BatchInstanceProfile:\n",
                                  "        - PolicyName: NoOtherWrites\n"
                                  "          PolicyDocument:\n"
                                  "            Statement:\n"
                                  "              - Effect: Deny\n"
                                  "                Action: s3:PutObject\n"
                                  "                NotResource: !Sub arn:aws:s3:::${S3BucketName}/*\n"
                                  "  BatchInstanceProfile:\n");
    auto f = check(denied + withBucket("", grantWrites).substr(text.size()), "aws-batch-genomics-2019");
    CHECK(f.empty());
  }
}
