#include <doctest/doctest.h>

#include <deque>

#include "rules/lib/statements.h"

#include "analyzer/eval/policy_json_testutil.h"

using namespace iamlint::security;

TEST_CASE("listOf: at most `max` parts, never `and 1 more`") {
  std::vector<std::string> four{"a", "b", "c", "d"}, five{"a", "b", "c", "d", "e"};
  CHECK(listOf({"a"}) == "`a`");
  CHECK(listOf({"a", "b"}) == "`a` and `b`");
  CHECK(listOf(four) == "`a`, `b`, `c` and `d`");
  CHECK(listOf(five) == "`a`, `b`, `c` and 2 more");
  CHECK(listOf(four, 3) == "`a`, `b` and 2 more");
  CHECK(listOf({"a", "b", "c"}, 3) == "`a`, `b` and `c`");
}

namespace {
// The AnyResource of the first statement of a one-statement policy, for one action.
std::optional<AnyResource> anyOf(const std::string& resource, const char* action,
                                 iamlint::ArnReach least = iamlint::ArnReach::Every) {
  static std::deque<iamlint::Policy> keep;  // Alts point into the policies
  keep.push_back(iamlint::testutil::policyFromJson(
      R"({"Statement": [{"Effect": "Allow", "Action": ")" + std::string(action) + R"(", "Resource": )" + resource + "}]}"));
  const iamlint::ActionInfo* a = iamlint::Catalog::instance().findAction(action);
  REQUIRE(a != nullptr);
  return anyResourceFor(keep.back().statements[0], *a, least);
}
}  // namespace

TEST_CASE("anyResourceFor: an ARN that means `*` for the action, and what it was taken as") {
  using iamlint::ArnReach;
  auto object = anyOf(R"("arn:aws:s3:::*/*")", "s3:GetObject");
  REQUIRE(object);
  CHECK(object->reach == ArnReach::Every);
  CHECK(object->meaning == "`arn:aws:s3:::*/*` matches every s3 object");
  auto trail = anyOf(R"("arn:*:cloudtrail:*:*:trail/*")", "cloudtrail:DeleteTrail");
  REQUIRE(trail);
  CHECK(trail->meaning == "`arn:*:cloudtrail:*:*:trail/*` matches every cloudtrail trail");
  auto logs = anyOf(R"("arn:aws:logs:*:*:*")", "logs:CreateLogGroup");
  REQUIRE(logs);
  CHECK(logs->meaning == "`arn:aws:logs:*:*:*` matches every logs log-group");
  auto partition = anyOf(R"("arn:${AWS::Partition}:s3:::*")", "s3:DeleteBucket");
  REQUIRE(partition);
  CHECK(partition->meaning == "`arn:${AWS::Partition}:s3:::*` matches every s3 bucket");
  auto star = anyOf(R"("*")", "s3:GetObject");
  REQUIRE(star);
  CHECK(star->meaning.empty());
  CHECK(star->alt.text() == "*");
  auto wide = anyOf(R"("arn:aws:*:*:*:*")", "kms:Decrypt");
  REQUIRE(wide);
  CHECK(wide->meaning.empty());  // `*` in all but the partition: every resource, as `*`
}

TEST_CASE("anyResourceFor: a named account is any role only where that is enough") {
  using iamlint::ArnReach;
  CHECK_FALSE(anyOf(R"("arn:aws:iam::111122223333:role/*")", "iam:PassRole"));
  auto scoped = anyOf(R"("arn:aws:iam::111122223333:role/*")", "iam:PassRole", ArnReach::Scoped);
  REQUIRE(scoped);
  CHECK(scoped->reach == ArnReach::Scoped);
  CHECK(scoped->meaning == "`arn:aws:iam::111122223333:role/*` matches every iam role in account `111122223333`");
  auto own = anyOf(R"("arn:aws:iam::${AWS::AccountId}:role/*")", "iam:PassRole", ArnReach::Scoped);
  REQUIRE(own);
  CHECK(own->meaning == "`arn:aws:iam::${AWS::AccountId}:role/*` matches every iam role in the stack's account");
  auto every = anyOf(R"("arn:aws:iam::*:role/*")", "iam:PassRole", ArnReach::Scoped);
  REQUIRE(every);
  CHECK(every->reach == ArnReach::Every);
}

TEST_CASE("anyResourceFor: near misses") {
  CHECK_FALSE(anyOf(R"("arn:aws:s3:::my-bucket/*")", "s3:GetObject"));
  CHECK_FALSE(anyOf(R"("arn:aws:s3:::${aws:username}/*")", "s3:GetObject"));
  CHECK_FALSE(anyOf(R"("arn:aws:s3:::${BucketName}/*")", "s3:GetObject"));  // a hole
  CHECK_FALSE(anyOf(R"("arn:aws:s3:::*/*")", "s3:ListBucket"));  // objects, not buckets
  CHECK_FALSE(anyOf(R"("arn:aws:iam::*:role/service-role/*")", "iam:PassRole", iamlint::ArnReach::Scoped));
  // Objects through one named access point narrow the objects it reads.
  CHECK_FALSE(anyOf(R"(["arn:aws:s3:::*/*", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*"])",
                    "s3:GetObject"));
  // A new volume's id is assigned by AWS: `volume/*` is the only way to name it.
  CHECK_FALSE(anyOf(R"("arn:aws:ec2:*:*:volume/*")", "ec2:CreateVolume"));
  CHECK(anyOf(R"("arn:aws:ec2:*:*:volume/*")", "ec2:DeleteVolume"));
  CHECK_FALSE(anyOf(R"("arn:aws:apigateway:*::/restapis")", "apigateway:GET"));
}

TEST_CASE("isEveryResource: a written partition narrows nothing") {
  CHECK(isEveryResource("*"));
  CHECK(isEveryResource("arn:*"));
  CHECK(isEveryResource("arn:*:*:*:*:*"));
  CHECK(isEveryResource("arn:aws:*:*:*:*"));
  CHECK(isEveryResource("arn:aws-us-gov:*"));
  CHECK_FALSE(isEveryResource("arn:aws"));
  CHECK_FALSE(isEveryResource("arn:aws:s3:*:*:*"));
  CHECK_FALSE(isEveryResource("arn:a*:*:*:*:*"));
}
