#include <doctest/doctest.h>

#include "analyzer/eval/policy_json_testutil.h"
#include "analyzer/eval/session.h"

using namespace iamlint;
using testutil::policyFromJson;

namespace {

Request req(std::string action, std::string resource) {
  Request r;
  r.action = std::move(action);
  r.resource = std::move(resource);
  r.principal = "arn:aws:iam::111122223333:role/App";
  r.resourceAccount = "111122223333";
  return r;
}

}  // namespace

TEST_CASE("session policies intersect with the principal's permissions") {
  Policy role = policyFromJson(R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})");
  Policy session = policyFromJson(R"({"Statement":[
    {"Effect":"Allow","Action":["s3:GetObject","sqs:SendMessage"],"Resource":"*"},
    {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}]})");
  PolicySet set;
  set.identity = {&role};
  std::vector<const Policy*> sessions{&session};
  // Both allow: allowed, by both statements.
  EvalResult a = evaluateSession(set, sessions, req("s3:GetObject", "arn:aws:s3:::data/k"));
  CHECK(a.decision == Decision::Allow);
  CHECK(a.certain);
  REQUIRE(a.deciding.size() == 2);
  CHECK(a.deciding[0].statement == &role.statements[0]);
  CHECK(a.deciding[1].statement == &session.statements[0]);
  // The role allows, the session does not: implicitly denied, and the answer says why.
  EvalResult p = evaluateSession(set, sessions, req("s3:PutObject", "arn:aws:s3:::data/k"));
  CHECK(p.decision == Decision::ImplicitDeny);
  CHECK(p.certain);
  CHECK(p.missing == std::vector<std::string>{"no session policy allows it"});
  // The session allows what the role does not: a session policy grants nothing.
  EvalResult q = evaluateSession(set, sessions, req("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"));
  CHECK(q.decision == Decision::ImplicitDeny);
  CHECK(q.missing.empty());
  // A session policy's Deny wins.
  EvalResult d = evaluateSession(set, sessions, req("s3:GetObject", "arn:aws:s3:::secret/k"));
  CHECK(d.decision == Decision::ExplicitDeny);
  REQUIRE(d.deciding.size() == 1);
  CHECK(d.deciding[0].statement == &session.statements[1]);
}

TEST_CASE("session policies: a resource policy naming the role is limited too; conditions stay uncertain") {
  Policy bucket = policyFromJson(R"({"Statement":[{"Effect":"Allow",
    "Principal":{"AWS":"arn:aws:iam::111122223333:role/App"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]})",
                                 PolicyKind::Resource);
  Policy session = policyFromJson(R"({"Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"},
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]})");
  PolicySet set;
  set.resource = {&bucket};
  std::vector<const Policy*> sessions{&session};
  Request r = req("s3:GetObject", "arn:aws:s3:::data/k");
  // Without the session policy, the bucket policy alone allows the role in its account.
  CHECK(evaluate(set, r).allowed());
  // The session policy's Allow depends on a key the request does not give: not certain.
  r.context.setOpen(true);
  EvalResult open = evaluateSession(set, sessions, r);
  CHECK(open.decision == Decision::Allow);
  CHECK_FALSE(open.certain);
  // Given the key, it decides.
  Request secure = req("s3:GetObject", "arn:aws:s3:::data/k");
  secure.context.set("aws:SecureTransport", "true");
  CHECK(evaluateSession(set, sessions, secure).allowed());
  Request plain = req("s3:GetObject", "arn:aws:s3:::data/k");
  plain.context.set("aws:SecureTransport", "false");
  EvalResult denied = evaluateSession(set, sessions, plain);
  CHECK(denied.decision == Decision::ImplicitDeny);
  CHECK(denied.certain);
}
