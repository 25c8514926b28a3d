#include <doctest/doctest.h>

#include "analyzer/eval/eval_testutil.h"
#include "analyzer/eval/policy_json_testutil.h"

using namespace iamlint;
using testutil::policyFromJson;

namespace {

Request req(std::string action, std::string resource) {
  Request r;
  r.action = std::move(action);
  r.resource = std::move(resource);
  return r;
}

}  // namespace

TEST_CASE("eval: explicit deny wins, then allow, else implicit deny") {
  Policy p = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*"},
    {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::prod"}]})");
  PolicySet set{{&p}, std::nullopt, nullptr};
  EvalResult a = evaluate(set, req("s3:GetObject", "arn:aws:s3:::prod/k"));
  CHECK(a.decision == Decision::Allow);
  CHECK(a.certain);
  REQUIRE(a.deciding.size() == 1);
  CHECK(a.deciding[0].statement == &p.statements[0]);
  EvalResult d = evaluate(set, req("s3:DeleteBucket", "arn:aws:s3:::prod"));
  CHECK(d.decision == Decision::ExplicitDeny);
  REQUIRE(d.deciding.size() == 1);
  CHECK(d.deciding[0].statement == &p.statements[1]);
  EvalResult i = evaluate(set, req("ec2:RunInstances", "*"));
  CHECK(i.decision == Decision::ImplicitDeny);
  CHECK(i.certain);
  CHECK(i.deciding.empty());
}

TEST_CASE("eval: NotAction and NotResource") {
  Policy p = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"},
    {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::ok","arn:aws:s3:::ok/*"]}]})");
  PolicySet set{{&p}, std::nullopt, nullptr};
  CHECK(evaluate(set, req("ec2:RunInstances", "*")).decision == Decision::Allow);
  CHECK(evaluate(set, req("iam:CreateUser", "*")).decision == Decision::ImplicitDeny);
  CHECK(evaluate(set, req("s3:GetObject", "arn:aws:s3:::ok/x")).decision == Decision::Allow);
  EvalResult d = evaluate(set, req("s3:GetObject", "arn:aws:s3:::other/x"));
  CHECK(d.decision == Decision::ExplicitDeny);
  CHECK(d.deciding[0].statement == &p.statements[1]);
}

TEST_CASE("eval: the permissions boundary intersects") {
  Policy id = policyFromJson(R"({"Statement":{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"}})");
  Policy pb = policyFromJson(R"({"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})", PolicyKind::Identity, "pb");
  PolicySet set{{&id}, std::vector<const Policy*>{&pb}, nullptr};
  EvalResult a = evaluate(set, req("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(a.decision == Decision::Allow);
  REQUIRE(a.deciding.size() == 2);
  CHECK(a.deciding[0].policy == &id);
  CHECK(a.deciding[1].policy == &pb);
  CHECK(evaluate(set, req("ec2:RunInstances", "*")).decision == Decision::ImplicitDeny);
  PolicySet empty{{&id}, std::vector<const Policy*>{}, nullptr};
  CHECK(evaluate(empty, req("s3:GetObject", "arn:aws:s3:::b/k")).decision == Decision::ImplicitDeny);
}

TEST_CASE("eval: a boundary or managed policy of unknown content makes the answer not certain, and is named") {
  Policy id = policyFromJson(R"({"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})");
  PolicySet bounded{{&id}, std::vector<const Policy*>{}, nullptr, {}, {"permissions boundary ${BoundaryArn}"}};
  // The boundary may deny what the policy allows: not a certain deny, not a certain allow.
  EvalResult a = evaluate(bounded, req("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(a.decision == Decision::Allow);
  CHECK_FALSE(a.certain);
  CHECK(a.assumptions == std::vector<std::string>{
                             "the content of permissions boundary ${BoundaryArn} is unknown to iamlint; it may deny this"});
  // A boundary only narrows: what no statement allows stays certainly denied.
  EvalResult n = evaluate(bounded, req("ec2:RunInstances", "*"));
  CHECK(n.decision == Decision::ImplicitDeny);
  CHECK(n.certain);
  // An unknown managed policy may allow what the known ones do not.
  PolicySet managed{{&id}, std::nullopt, nullptr, {"managed policy ${Fn::ImportValue Shared}"}, {}};
  EvalResult m = evaluate(managed, req("ec2:RunInstances", "*"));
  CHECK(m.decision == Decision::ImplicitDeny);
  CHECK_FALSE(m.certain);
  CHECK(m.assumptions == std::vector<std::string>{
                             "the content of managed policy ${Fn::ImportValue Shared} is unknown to iamlint; it may allow more"});
  CHECK(evaluate(managed, req("s3:GetObject", "arn:aws:s3:::b/k")).allowed());
}

TEST_CASE("eval: resource policies check the principal") {
  Policy bucket = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
    {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})",
                                 PolicyKind::Resource);
  PolicySet set{{}, std::nullopt, &bucket};
  Request r = req("s3:GetObject", "arn:aws:s3:::b/k");
  r.principal = "arn:aws:iam::111122223333:role/Reader";
  r.context.set("aws:SecureTransport", "true");
  CHECK(evaluate(set, r).decision == Decision::Allow);
  r.context.set("aws:SecureTransport", "false");
  CHECK(evaluate(set, r).decision == Decision::ExplicitDeny);
  r.context.set("aws:SecureTransport", "true");
  r.principal = "arn:aws:iam::444455556666:role/Other";
  CHECK(evaluate(set, r).decision == Decision::ImplicitDeny);
}

TEST_CASE("eval: holes and CloudFormation conditions make answers uncertain") {
  Policy p = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${S3BucketName}/*"},
    {"Effect":"Allow","Action":"s3:PutObject","Resource":"*","CfnCondition":"HasNamespace"},
    {"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::${AWS::AccountId}-logs/*"}]})");
  PolicySet set{{&p}, std::nullopt, nullptr};
  EvalResult g = evaluate(set, req("s3:GetObject", "arn:aws:s3:::data/k"));
  CHECK(g.decision == Decision::Allow);
  CHECK_FALSE(g.certain);
  CHECK((g.assumptions == std::vector<std::string>{"depends on the unknown value of ${S3BucketName}"}));
  // Never certain on a literal that cannot match.
  EvalResult n = evaluate(set, req("s3:GetObject", "arn:aws:sqs:::data/k"));
  CHECK(n.decision == Decision::ImplicitDeny);
  CHECK(n.certain);
  EvalOptions bound;
  bound.bindings["S3BucketName"] = "data";
  EvalResult b = evaluate(set, req("s3:GetObject", "arn:aws:s3:::data/k"), bound);
  CHECK(b.allowed());
  CHECK((b.assumptions == std::vector<std::string>{"assumes parameter S3BucketName is `data`"}));
  // A statement that exists under a condition, and a deny that may apply through a hole.
  EvalResult u = evaluate(set, req("s3:PutObject", "arn:aws:s3:::1234-logs/k"));
  CHECK(u.decision == Decision::Allow);
  CHECK_FALSE(u.certain);
  REQUIRE(u.deciding.size() == 2);
  CHECK(u.deciding[0].statement == &p.statements[1]);
  CHECK(u.deciding[1].statement == &p.statements[2]);
  CHECK((u.assumptions == std::vector<std::string>{"depends on condition HasNamespace",
                                                    "depends on the unknown value of ${AWS::AccountId}"}));
  EvalOptions on;
  on.conditions["HasNamespace"] = true;
  EvalResult v = evaluate(set, req("s3:PutObject", "arn:aws:s3:::other/k"), on);
  CHECK(v.allowed());
  on.conditions["HasNamespace"] = false;
  CHECK(evaluate(set, req("s3:PutObject", "arn:aws:s3:::other/k"), on).decision == Decision::ImplicitDeny);
}

TEST_CASE("eval: a maybe-deny never yields a certain allow") {
  Policy p = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*"},
    {"Effect":"Deny","Action":{"If":["Locked","s3:*",null]},"Resource":"*"}]})");
  PolicySet set{{&p}, std::nullopt, nullptr};
  EvalResult r = evaluate(set, req("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(r.decision == Decision::Allow);
  CHECK_FALSE(r.certain);
  CHECK((r.assumptions == std::vector<std::string>{"depends on condition Locked"}));
  EvalOptions locked;
  locked.conditions["Locked"] = true;
  CHECK(evaluate(set, req("s3:GetObject", "arn:aws:s3:::b/k"), locked).decision == Decision::ExplicitDeny);
}
