#include <doctest/doctest.h>

#include "analyzer/eval/eval_testutil.h"
#include "analyzer/eval/policy_json_testutil.h"

using namespace iamlint;
using testutil::policyFromJson;

namespace {
const std::vector<std::string> kBucketScope = {"arn:aws:s3:::${Bucket}", "arn:aws:s3:::${Bucket}/*"};
}

TEST_CASE("scope: pattern inclusion is decided over the glob languages") {
  std::string w;
  CHECK(resourcePatternWithin("arn:aws:s3:::${Bucket}/*", kBucketScope));
  CHECK(resourcePatternWithin("arn:aws:s3:::${Bucket}/logs/*", kBucketScope));
  CHECK_FALSE(resourcePatternWithin("arn:aws:s3:::${Bucket}*", kBucketScope, &w));
  CHECK(w == "arn:aws:s3:::${Bucket}x");
  CHECK_FALSE(resourcePatternWithin("arn:aws:s3:::*", kBucketScope, &w));
  CHECK_FALSE(resourcePatternWithin("*", {"arn:aws:s3:::*"}, &w));
  CHECK(resourcePatternWithin("arn:aws:s3:::a?c/*", {"arn:aws:s3:::a*"}));
  // A region wildcard cannot reach across fields, so this stays in the account.
  CHECK(resourcePatternWithin("arn:aws:sqs:*:123456789012:q", {"arn:aws:sqs:*:123456789012:*"}));
  CHECK_FALSE(resourcePatternWithin("arn:aws:sqs:*", {"arn:aws:sqs:*:123456789012:*"}));
}

TEST_CASE("scope: s3:* on every bucket reaches beyond one bucket") {
  Policy p = policyFromJson(R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::*"}]})");
  PolicySet set{{&p}, std::nullopt, {}};
  auto w = findBeyondScope(set, {{"s3:*"}, kBucketScope});
  REQUIRE(w);
  // A real request: a catalog action on an ARN of a type it takes (writes first).
  CHECK(w->resource == "arn:aws:s3:::iamlint-example/iamlint-example");
  CHECK(w->action == "s3:PutObject");
  CHECK(w->allowedBy.statement == &p.statements[0]);
  CHECK(w->result.allowed());
}

TEST_CASE("scope: s3:* on the bucket's objects stays inside") {
  Policy p = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::${Bucket}/*"},
    {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::${Bucket}"},
    {"Effect":"Allow","Action":"ec2:*","Resource":"*"}]})");
  PolicySet set{{&p}, std::nullopt, {}};
  CHECK_FALSE(findBeyondScope(set, {{"s3:*"}, kBucketScope}));
  // The same policy does reach other resources with EC2 actions.
  auto w = findBeyondScope(set, {{"ec2:*"}, kBucketScope});
  REQUIRE(w);
  CHECK(w->allowedBy.statement == &p.statements[2]);
}

TEST_CASE("scope: denies, NotResource and conditions") {
  Policy denied = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*"},
    {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::${Bucket}","arn:aws:s3:::${Bucket}/*"]}]})");
  PolicySet set{{&denied}, std::nullopt, {}};
  CHECK_FALSE(findBeyondScope(set, {{"s3:GetObject"}, kBucketScope}));

  Policy notRes = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}]})");
  PolicySet set2{{&notRes}, std::nullopt, {}};
  auto w = findBeyondScope(set2, {{"s3:Get*"}, kBucketScope});
  REQUIRE(w);
  CHECK(w->action == "s3:GetObject");

  Policy cond = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"x"}}}]})");
  PolicySet set3{{&cond}, std::nullopt, {}};
  auto c = findBeyondScope(set3, {{"s3:*"}, kBucketScope});
  REQUIRE(c);
  CHECK_FALSE(c->result.certain);  // a condition narrows it, but it still reaches beyond
  CHECK((c->result.assumptions == std::vector<std::string>{"depends on the request's aws:PrincipalTag/team"}));
}

TEST_CASE("scope: witnesses are catalog actions on resource types they take") {
  Policy readOnly = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]})");
  PolicySet set{{&readOnly}, std::nullopt, {}};
  auto w = findBeyondScope(set, {{"s3:*"}, kBucketScope});
  REQUIRE(w);
  CHECK(w->action == "s3:GetObject");
  CHECK(w->resource == "arn:aws:s3:::iamlint-example/iamlint-example");

  // Bucket-level grants give a bucket-level action on another bucket.
  Policy buckets = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::*"}]})");
  PolicySet set2{{&buckets}, std::nullopt, {}};
  auto b = findBeyondScope(set2, {{"s3:*"}, kBucketScope});
  REQUIRE(b);
  CHECK(b->action == "s3:ListBucket");
  CHECK(b->resource == "arn:aws:s3:::iamlint-example");

  // Actions the catalog does not know still get a witness from the patterns.
  Policy unknown = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"nosuchservice:*","Resource":"*"}]})");
  PolicySet set3{{&unknown}, std::nullopt, {}};
  auto u = findBeyondScope(set3, {{"nosuchservice:*"}, {"arn:aws:nosuchservice:::x"}});
  REQUIRE(u);
  CHECK(u->action == "nosuchservice:iamlint-example");
}
