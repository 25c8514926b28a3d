#include <doctest/doctest.h>

#include "iamlint/catalog.h"

using iamlint::Catalog;
using iamlint::ConditionKeyType;

TEST_CASE("global condition keys come from the project's table") {
  const Catalog& c = Catalog::instance();
  CHECK(c.globalConditionKeys().size() >= 50);
  const auto* k = c.findConditionKey("aws:sourcearn");
  REQUIRE(k != nullptr);
  CHECK(std::string(k->name) == "aws:SourceArn");
  CHECK(k->type == ConditionKeyType::ARN);
  CHECK(k->global);
  CHECK(c.findConditionKey("aws:SecureTransport")->type == ConditionKeyType::Bool);
  CHECK(c.findConditionKey("aws:SourceIp")->type == ConditionKeyType::IPAddress);
  CHECK(c.findConditionKey("aws:CurrentTime")->type == ConditionKeyType::Date);
  CHECK(c.findConditionKey("aws:TagKeys")->type == ConditionKeyType::ArrayOfString);
  CHECK(c.findConditionKey("aws:PrincipalOrgID") != nullptr);
  CHECK(c.findConditionKey("aws:NoSuchKey") == nullptr);
}

TEST_CASE("templated keys match any suffix") {
  const Catalog& c = Catalog::instance();
  const auto* tag = c.findConditionKey("aws:RequestTag/CostCenter");
  REQUIRE(tag != nullptr);
  CHECK(std::string(tag->name) == "aws:RequestTag/${TagKey}");
  CHECK(tag->templated);
  CHECK(c.findConditionKey("aws:RequestTag/") == nullptr);
  const auto* s3tag = c.findConditionKey("s3:ExistingObjectTag/owner");
  REQUIRE(s3tag != nullptr);
  CHECK(std::string(s3tag->name) == "s3:ExistingObjectTag/<key>");
  CHECK(std::string(s3tag->service) == "s3");
  CHECK(c.findConditionKey("ec2:ResourceTag/Name") != nullptr);
}

TEST_CASE("service condition keys and their types") {
  const Catalog& c = Catalog::instance();
  const auto* passed = c.findConditionKey("iam:PassedToService");
  REQUIRE(passed != nullptr);
  CHECK(passed->type == ConditionKeyType::String);
  CHECK(c.findConditionKey("s3:prefix") != nullptr);
  CHECK(c.findConditionKey("s3:NoSuchKey") == nullptr);
  CHECK(c.findConditionKey("nosuch:Key") == nullptr);
  CHECK(c.findConditionKey("saml:aud") != nullptr);  // an identity-provider key, evaluated by sts
  CHECK(c.serviceDefinesConditionKey("s3", "s3:x-amz-acl"));
  CHECK(c.serviceDefinesConditionKey("ec2", "aws:RequestTag/Name"));
  CHECK_FALSE(c.serviceDefinesConditionKey("s3", "iam:PassedToService"));
  CHECK(iamlint::isArrayType(ConditionKeyType::ArrayOfARN));
  CHECK_FALSE(iamlint::isArrayType(ConditionKeyType::ARN));
}
