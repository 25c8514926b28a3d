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
  PolicySet set{{&p}, std::nullopt, {}};
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
  PolicySet set{{&p}, std::nullopt, {}};
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
  PolicySet set{{&id}, std::vector<const Policy*>{&pb}, {}};
  EvalResult a = evaluate(set, req("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(a.decision == Decision::Allow);
  REQUIRE(a.deciding.size() == 2);
  CHECK(a.deciding[0].policy == &id);
  CHECK(a.deciding[1].policy == &pb);
  CHECK(evaluate(set, req("ec2:RunInstances", "*")).decision == Decision::ImplicitDeny);
  PolicySet empty{{&id}, std::vector<const Policy*>{}, {}};
  CHECK(evaluate(empty, req("s3:GetObject", "arn:aws:s3:::b/k")).decision == Decision::ImplicitDeny);
}

TEST_CASE("eval: a boundary or managed policy of unknown content makes the answer not certain, and is named") {
  Policy id = policyFromJson(R"({"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})");
  PolicySet bounded{{&id}, std::vector<const Policy*>{}, {}, {}, {"permissions boundary ${BoundaryArn}"}};
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
  PolicySet managed{{&id}, std::nullopt, {}, {"managed policy ${Fn::ImportValue Shared}"}, {}};
  EvalResult m = evaluate(managed, req("ec2:RunInstances", "*"));
  CHECK(m.decision == Decision::ImplicitDeny);
  CHECK_FALSE(m.certain);
  CHECK(m.assumptions == std::vector<std::string>{
                             "the content of managed policy ${Fn::ImportValue Shared} is unknown to iamlint; it may allow more"});
  CHECK(evaluate(managed, req("s3:GetObject", "arn:aws:s3:::b/k")).allowed());
}

TEST_CASE("eval: resource policies check the principal") {
  Policy bucket = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
    {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})",
                                 PolicyKind::Resource);
  PolicySet set{{}, std::nullopt, {&bucket}};
  Request r = req("s3:GetObject", "arn:aws:s3:::b/k");
  r.resourceAccount = "111122223333";
  r.principal = "arn:aws:iam::111122223333:role/Reader";
  r.context.set("aws:SecureTransport", "true");
  // Same account: a resource policy naming the role grants without an identity policy.
  CHECK(evaluate(set, r).decision == Decision::Allow);
  r.context.set("aws:SecureTransport", "false");
  CHECK(evaluate(set, r).decision == Decision::ExplicitDeny);
  r.context.set("aws:SecureTransport", "true");
  // Another account trusted as a whole: its own identity policies must allow too.
  r.principal = "arn:aws:iam::444455556666:role/Other";
  EvalResult cross = evaluate(set, r);
  CHECK(cross.decision == Decision::ImplicitDeny);
  CHECK(cross.missing == std::vector<std::string>{
                             "the caller's identity policies must allow it too (a request from another account)"});
  Policy own = policyFromJson(R"({"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})");
  PolicySet both{{&own}, std::nullopt, {&bucket}};
  CHECK(evaluate(both, r).allowed());
  // An account not named: the identity policy alone does not reach across accounts.
  r.principal = "arn:aws:iam::777788889999:role/Stranger";
  EvalResult stranger = evaluate(both, r);
  CHECK(stranger.decision == Decision::ImplicitDeny);
  CHECK(stranger.missing.size() == 1);
}

TEST_CASE("eval: same-account flowchart, key policies, anonymous and service callers, SCPs and RCPs") {
  Policy id = policyFromJson(R"({"Statement":{"Effect":"Allow","Action":["kms:*","s3:*"],"Resource":"*"}})");
  Policy rootKey = policyFromJson(R"({"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}})",
                                  PolicyKind::Resource);
  Policy otherKey = policyFromJson(R"({"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"kms:*","Resource":"*"}})",
                                   PolicyKind::Resource);
  Request r = req("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k");
  r.principal = "arn:aws:iam::111122223333:role/App";
  r.resourceAccount = "111122223333";
  PolicySet trusting{{&id}, std::nullopt, {&rootKey}};
  trusting.resourceMustAllow = true;
  CHECK(evaluate(trusting, r).allowed());
  PolicySet foreign{{&id}, std::nullopt, {&otherKey}};
  foreign.resourceMustAllow = true;
  EvalResult d = evaluate(foreign, r);
  CHECK(d.decision == Decision::ImplicitDeny);
  CHECK(d.certain);
  CHECK(d.missing == std::vector<std::string>{"the key or trust policy neither allows this principal nor trusts its "
                                              "account, so its identity policies do not apply"});
  // The trusted account's principal, its own policies assumed: allowed.
  Request other = r;
  other.principal = "arn:aws:iam::999999999999:role/Admin";
  PolicySet outsider{{}, std::nullopt, {&otherKey}};
  outsider.resourceMustAllow = true;
  outsider.identityAssumed = true;
  CHECK(evaluate(outsider, other).allowed());

  Policy pub = policyFromJson(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}})",
                              PolicyKind::Resource);
  PolicySet open{{}, std::nullopt, {&pub}};
  Request anon = req("s3:GetObject", "arn:aws:s3:::b/k");
  anon.principal = "*";
  CHECK(evaluate(open, anon).allowed());
  anon.action = "s3:PutObject";
  CHECK(evaluate(open, anon).decision == Decision::ImplicitDeny);
  Request svc = req("s3:GetObject", "arn:aws:s3:::b/k");
  svc.principal = "cloudtrail.amazonaws.com";
  PolicySet idOnly{{&id}, std::nullopt, {}};
  CHECK(evaluate(idOnly, svc).decision == Decision::ImplicitDeny);  // a service has no identity policy here

  Policy full = policyFromJson(R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})", PolicyKind::Identity, "FullAWSAccess");
  Policy region = policyFromJson(R"({"Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}})",
                                 PolicyKind::Identity, "scp");
  Request s3 = req("s3:GetObject", "arn:aws:s3:::b/k");
  s3.context.set("aws:RequestedRegion", "us-east-1");
  PolicySet scoped{{&id}, std::nullopt, {}};
  scoped.scp = std::vector<const Policy*>{&full, &region};
  EvalResult denied = evaluate(scoped, s3);
  CHECK(denied.decision == Decision::ExplicitDeny);
  REQUIRE(denied.deciding.size() == 1);
  CHECK(denied.deciding[0].policy == &region);
  s3.context.set("aws:RequestedRegion", "eu-west-1");
  CHECK(evaluate(scoped, s3).allowed());
  scoped.scp = std::vector<const Policy*>{&region};  // no SCP allows: denied
  EvalResult none = evaluate(scoped, s3);
  CHECK(none.decision == Decision::ImplicitDeny);
  CHECK(none.missing == std::vector<std::string>{"no service control policy allows it"});
  Policy rcp = policyFromJson(R"({"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-1"}}}})",
                              PolicyKind::Resource, "rcp");
  PolicySet guarded{{&id}, std::nullopt, {}};
  guarded.rcp = {&rcp};
  s3.principal = "arn:aws:iam::111122223333:role/App";
  s3.context.set("aws:PrincipalOrgID", "o-1");
  CHECK(evaluate(guarded, s3).allowed());
  s3.context.set("aws:PrincipalOrgID", "o-2");
  CHECK(evaluate(guarded, s3).decision == Decision::ExplicitDeny);
}

TEST_CASE("eval: holes and CloudFormation conditions make answers uncertain") {
  Policy p = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${S3BucketName}/*"},
    {"Effect":"Allow","Action":"s3:PutObject","Resource":"*","CfnCondition":"HasNamespace"},
    {"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::${AWS::AccountId}-logs/*"}]})");
  PolicySet set{{&p}, std::nullopt, {}};
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
  PolicySet set{{&p}, std::nullopt, {}};
  EvalResult r = evaluate(set, req("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(r.decision == Decision::Allow);
  CHECK_FALSE(r.certain);
  CHECK((r.assumptions == std::vector<std::string>{"depends on condition Locked"}));
  EvalOptions locked;
  locked.conditions["Locked"] = true;
  CHECK(evaluate(set, req("s3:GetObject", "arn:aws:s3:::b/k"), locked).decision == Decision::ExplicitDeny);
}

TEST_CASE("eval: explicitDeny answers what evaluate answers of the Deny statements alone") {
  Policy p = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*"},
    {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"},
    {"Effect":"Deny","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},
    {"Effect":"Deny","NotAction":"s3:*","Resource":"arn:aws:s3:::other"}]})");
  Policy boundary = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*"},
    {"Effect":"Deny","Action":"iam:*","Resource":"*"}]})");
  PolicySet set{{&p}, std::vector<const Policy*>{&boundary}, {}};
  for (const char* action : {"s3:DeleteBucket", "s3:PutObject", "s3:GetObject", "iam:CreateRole", "ec2:RunInstances"})
    for (const char* resource : {"*", "arn:aws:s3:::other", "arn:aws:s3:::mine"}) {
      Request r = req(action, resource);
      r.context.setOpen(true);
      EvalResult full = evaluate(set, r);
      Tri deny = explicitDeny(set, r);
      CAPTURE(action);
      CAPTURE(resource);
      CHECK((deny == Tri::Yes) == (full.decision == Decision::ExplicitDeny && full.certain));
    }
  Request put = req("s3:PutObject", "*");
  put.context.setOpen(true);
  CHECK(explicitDeny(set, put) == Tri::Maybe);  // under a condition nobody knows
  CHECK(explicitDeny(set, req("s3:DeleteBucket", "*")) == Tri::Yes);
  CHECK(explicitDeny(set, req("iam:CreateRole", "*")) == Tri::Yes);  // the boundary's Deny
  CHECK(explicitDeny(set, req("s3:GetObject", "*")) == Tri::No);
  CHECK(explicitDeny(set, req("ec2:RunInstances", "arn:aws:s3:::other")) == Tri::Yes);  // NotAction
}
