#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "iamlint/catalog.h"

using iamlint::AccessLevel;
using iamlint::Catalog;

namespace {
std::vector<std::string> names(const std::vector<const iamlint::ActionInfo*>& actions) {
  std::vector<std::string> out;
  for (const auto* a : actions) out.push_back(a->fullName());
  return out;
}
}  // namespace

TEST_CASE("services are found by prefix, ignoring case") {
  const Catalog& c = Catalog::instance();
  CHECK(c.hasService("s3"));
  CHECK(c.hasService("EC2"));
  CHECK_FALSE(c.hasService("ec3"));
  CHECK(c.servicePrefixes().size() == 456);
  CHECK(std::is_sorted(c.servicePrefixes().begin(), c.servicePrefixes().end()));
  CHECK(std::string(c.serviceName("s3").value_or("")) == "Amazon S3");
  CHECK(c.suggestServices("ec3", 3).front() == "ec2");
}

TEST_CASE("s3:GetObject is a Read action on objects") {
  const auto* a = Catalog::instance().findAction("S3", "getobject");
  REQUIRE(a != nullptr);
  CHECK(std::string(a->service) == "s3");
  CHECK(std::string(a->name) == "GetObject");
  CHECK(a->fullName() == "s3:GetObject");
  CHECK(a->accessLevel == AccessLevel::Read);
  CHECK_FALSE(a->wildcardOnly());
  CHECK(std::any_of(a->resourceTypes.begin(), a->resourceTypes.end(),
                    [](const auto& rt) { return rt.name == "object"; }));
  CHECK(std::find(a->conditionKeys.begin(), a->conditionKeys.end(), "s3:ExistingObjectTag/<key>") !=
        a->conditionKeys.end());
}

TEST_CASE("access levels keep the most security-relevant of AWS's flags") {
  const Catalog& c = Catalog::instance();
  CHECK(c.findAction("s3:ListBucket")->accessLevel == AccessLevel::List);
  CHECK(c.findAction("s3:PutBucketPolicy")->accessLevel == AccessLevel::PermissionsManagement);
  CHECK(c.findAction("s3:PutBucketTagging")->accessLevel == AccessLevel::Tagging);
  CHECK(c.findAction("ec2:CreateVolume")->accessLevel == AccessLevel::Write);
  CHECK(std::string(iamlint::accessLevelName(AccessLevel::PermissionsManagement)) == "Permissions management");
}

TEST_CASE("wildcard-only actions have no resource types") {
  const auto* a = Catalog::instance().findAction("ec2:DescribeVolumes");
  REQUIRE(a != nullptr);
  CHECK(a->wildcardOnly());
  CHECK(Catalog::instance().findAction("ec2:Describevolumez") == nullptr);
  CHECK(Catalog::instance().findAction("nosuchservice:Foo") == nullptr);
  CHECK(Catalog::instance().findAction("s3GetObject") == nullptr);
}

TEST_CASE("ec2:*Volume expands to exactly the actions the data has") {
  CHECK(names(Catalog::instance().expandPattern("ec2:*Volume")) ==
        std::vector<std::string>{"ec2:AttachVolume", "ec2:CreateVolume", "ec2:DeleteVolume",
                                 "ec2:DetachVolume", "ec2:ImportVolume", "ec2:ModifyVolume"});
}

TEST_CASE("action patterns") {
  const Catalog& c = Catalog::instance();
  CHECK(names(c.expandPattern("iam:Pass*")) == std::vector<std::string>{"iam:PassRole"});
  CHECK(names(c.expandPattern("IAM:passrole")) == std::vector<std::string>{"iam:PassRole"});
  CHECK(names(c.expandPattern("s3:GetObjec?")) == std::vector<std::string>{"s3:GetObject"});
  CHECK(c.expandPattern("*").size() == 22091);
  CHECK(c.expandPattern("*:*").size() == 22091);
  auto get = c.expandPattern("s3:Get*");
  CHECK(get.size() > 50);
  CHECK(std::all_of(get.begin(), get.end(), [](const auto* a) { return a->name.starts_with("Get"); }));
  // A wildcard in the service part reaches every matching service.
  auto ec = names(c.expandPattern("ec?:DescribeRepositories"));
  CHECK(ec == std::vector<std::string>{"ecr:DescribeRepositories"});
  CHECK(c.expandPattern("s3").empty());
  CHECK(c.expandPattern("s3:Get:Object").empty());
  CHECK(c.expandPattern("nosuch:*").empty());
}

TEST_CASE("did-you-mean for actions covers typos in the service and the name") {
  const Catalog& c = Catalog::instance();
  CHECK(c.suggestActions("ecs:describeVolumes", 3).front() == "ec2:DescribeVolumes");
  CHECK(c.suggestActions("ec3:modifyInstanceAttribute", 3).front() == "ec2:ModifyInstanceAttribute");
  CHECK(c.suggestActions("ec2:attacheVolume", 3).front() == "ec2:AttachVolume");
  CHECK(c.suggestActions("s3:GetObjekt", 1) == std::vector<std::string>{"s3:GetObject"});
  CHECK(c.suggestActions("zzzzzz:qqqqqqqqqqqq", 3).empty());
}
