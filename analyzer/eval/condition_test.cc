#include <doctest/doctest.h>

#include "analyzer/eval/eval_testutil.h"
#include "analyzer/eval/policy_json_testutil.h"

using namespace iamlint;

namespace {

ConditionEntry entry(const std::string& op, const std::string& key, std::vector<std::string> values) {
  ConditionEntry c;
  c.op = op;
  c.key = key;
  for (auto& v : values) c.values.push_back(Value{nullptr, {testutil::resolvedFrom(v)}});
  return c;
}

Tri holds(const std::string& op, const std::string& key, std::vector<std::string> values, const Context& ctx) {
  return conditionHolds(entry(op, key, std::move(values)), ctx, EvalOptions{});
}

}  // namespace

TEST_CASE("eval: string operators") {
  Context c;
  c.set("aws:username", "Alice");
  c.set("s3:prefix", "home/Alice/docs");
  CHECK(holds("StringEquals", "aws:username", {"Alice"}, c) == Tri::Yes);
  CHECK(holds("StringEquals", "AWS:UserName", {"Alice"}, c) == Tri::Yes);  // keys ignore case
  CHECK(holds("StringEquals", "aws:username", {"alice"}, c) == Tri::No);
  CHECK(holds("StringEquals", "aws:username", {"A*"}, c) == Tri::No);  // no wildcards in Equals
  CHECK(holds("StringEqualsIgnoreCase", "aws:username", {"alice"}, c) == Tri::Yes);
  CHECK(holds("StringNotEqualsIgnoreCase", "aws:username", {"ALICE"}, c) == Tri::No);
  CHECK(holds("StringLike", "s3:prefix", {"home/${aws:username}/*"}, c) == Tri::Yes);
  CHECK(holds("StringLike", "s3:prefix", {"x", "home/?lice/*"}, c) == Tri::Yes);  // values OR
  CHECK(holds("StringNotLike", "s3:prefix", {"x", "home/*"}, c) == Tri::No);       // NOR
  CHECK(holds("StringNotEquals", "aws:username", {"Bob", "Carol"}, c) == Tri::Yes);
}

TEST_CASE("eval: missing keys follow the documented table") {
  Context c;
  CHECK(holds("StringEquals", "aws:PrincipalTag/x", {"a"}, c) == Tri::No);
  CHECK(holds("StringNotEquals", "aws:PrincipalTag/x", {"a"}, c) == Tri::Yes);
  CHECK(holds("NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, c) == Tri::Yes);
  CHECK(holds("StringEqualsIfExists", "aws:PrincipalTag/x", {"a"}, c) == Tri::Yes);
  CHECK(holds("NumericLessThanIfExists", "aws:MultiFactorAuthAge", {"10"}, c) == Tri::Yes);
  CHECK(holds("Null", "aws:PrincipalTag/x", {"true"}, c) == Tri::Yes);
  CHECK(holds("Null", "aws:PrincipalTag/x", {"false"}, c) == Tri::No);
  CHECK(holds("ForAllValues:StringEquals", "aws:TagKeys", {"a"}, c) == Tri::Yes);
  CHECK(holds("ForAnyValue:StringEquals", "aws:TagKeys", {"a"}, c) == Tri::No);
  CHECK(holds("Bool", "aws:SecureTransport", {"false"}, c) == Tri::No);
  CHECK(holds("BoolIfExists", "aws:SecureTransport", {"false"}, c) == Tri::Yes);
}

TEST_CASE("eval: set operators over multivalued keys") {
  Context c;
  c.setList("aws:TagKeys", {"env", "team"});
  CHECK(holds("ForAllValues:StringEquals", "aws:TagKeys", {"env", "team", "cost"}, c) == Tri::Yes);
  CHECK(holds("ForAllValues:StringEquals", "aws:TagKeys", {"env"}, c) == Tri::No);
  CHECK(holds("ForAnyValue:StringEquals", "aws:TagKeys", {"env"}, c) == Tri::Yes);
  CHECK(holds("ForAnyValue:StringLike", "aws:TagKeys", {"t*"}, c) == Tri::Yes);
  CHECK(holds("ForAllValues:StringNotEquals", "aws:TagKeys", {"secret"}, c) == Tri::Yes);
  CHECK(holds("ForAnyValue:StringNotEquals", "aws:TagKeys", {"env"}, c) == Tri::Yes);
  // A plain operator does not apply to a list.
  CHECK(holds("StringEquals", "aws:TagKeys", {"env"}, c) == Tri::No);
  c.setList("aws:TagKeys", {});
  CHECK(holds("ForAllValues:StringEquals", "aws:TagKeys", {"env"}, c) == Tri::Yes);
  CHECK(holds("ForAnyValue:StringEquals", "aws:TagKeys", {"env"}, c) == Tri::No);
  CHECK(holds("Null", "aws:TagKeys", {"false"}, c) == Tri::Yes);
}

TEST_CASE("eval: numeric, date, bool, binary") {
  Context c;
  c.set("aws:MultiFactorAuthAge", "300");
  c.set("aws:CurrentTime", "2024-06-01T12:00:00Z");
  c.set("aws:EpochTime", "1717243200");
  c.set("aws:SecureTransport", "true");
  c.set("x:blob", "QmluYXJ5");
  CHECK(holds("NumericLessThan", "aws:MultiFactorAuthAge", {"3600"}, c) == Tri::Yes);
  CHECK(holds("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", {"300"}, c) == Tri::Yes);
  CHECK(holds("NumericEquals", "aws:MultiFactorAuthAge", {"300.0"}, c) == Tri::Yes);
  CHECK(holds("NumericNotEquals", "aws:MultiFactorAuthAge", {"300", "1"}, c) == Tri::No);
  CHECK(holds("NumericEquals", "aws:MultiFactorAuthAge", {"abc"}, c) == Tri::No);
  CHECK(holds("DateGreaterThan", "aws:CurrentTime", {"2024-01-01T00:00:00Z"}, c) == Tri::Yes);
  CHECK(holds("DateLessThan", "aws:CurrentTime", {"2024-06-01"}, c) == Tri::No);
  CHECK(holds("DateEquals", "aws:CurrentTime", {"1717243200"}, c) == Tri::Yes);  // epoch form
  CHECK(holds("DateEquals", "aws:EpochTime", {"2024-06-01T14:00:00+02:00"}, c) == Tri::Yes);
  CHECK(holds("DateNotEquals", "aws:CurrentTime", {"2024-06-01T12:00:00Z"}, c) == Tri::No);
  CHECK(holds("Bool", "aws:SecureTransport", {"TRUE"}, c) == Tri::Yes);
  CHECK(holds("Bool", "aws:SecureTransport", {"false"}, c) == Tri::No);
  CHECK(holds("BinaryEquals", "x:blob", {"QmluYXJ5"}, c) == Tri::Yes);
}

TEST_CASE("eval: IP addresses, v4 and v6") {
  Context c;
  c.set("aws:SourceIp", "203.0.113.7");
  CHECK(holds("IpAddress", "aws:SourceIp", {"203.0.113.0/24"}, c) == Tri::Yes);
  CHECK(holds("IpAddress", "aws:SourceIp", {"203.0.113.7"}, c) == Tri::Yes);
  CHECK(holds("IpAddress", "aws:SourceIp", {"10.0.0.0/8", "2001:db8::/32"}, c) == Tri::No);
  CHECK(holds("NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, c) == Tri::Yes);
  CHECK(holds("IpAddress", "aws:SourceIp", {"0.0.0.0/0"}, c) == Tri::Yes);
  c.set("aws:SourceIp", "2001:db8:0:12::1");
  CHECK(holds("IpAddress", "aws:SourceIp", {"2001:DB8::/32"}, c) == Tri::Yes);
  CHECK(holds("IpAddress", "aws:SourceIp", {"2001:db8:0:13::/64"}, c) == Tri::No);
  CHECK(holds("IpAddress", "aws:SourceIp", {"203.0.113.0/24"}, c) == Tri::No);
}

TEST_CASE("eval: ARN operators and holes in condition values") {
  Context c;
  c.set("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic");
  CHECK(holds("ArnLike", "aws:SourceArn", {"arn:aws:sns:*:123456789012:*"}, c) == Tri::Yes);
  CHECK(holds("ArnEquals", "aws:SourceArn", {"arn:aws:sns:us-east-1:123456789012:topic"}, c) == Tri::Yes);
  CHECK(holds("ArnNotLike", "aws:SourceArn", {"arn:aws:sqs:*"}, c) == Tri::Yes);
  CHECK(holds("ArnLike", "aws:SourceArn", {"arn:aws:sns:*:${AWS::AccountId}:*"}, c) == Tri::Maybe);
  CHECK(holds("StringEquals", "aws:SourceArn", {"${TopicArn}"}, c) == Tri::Maybe);
  CHECK(holds("StringNotEquals", "aws:SourceArn", {"${TopicArn}"}, c) == Tri::Maybe);
  CHECK(holds("SomethingElse", "aws:SourceArn", {"x"}, c) == Tri::Maybe);
}
