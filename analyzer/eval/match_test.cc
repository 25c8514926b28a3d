#include <doctest/doctest.h>

#include "analyzer/eval/eval_testutil.h"

using namespace iamlint;

TEST_CASE("eval: action globs are case-insensitive") {
  CHECK(actionMatches("s3:Get*", "s3:GetObject"));
  CHECK(actionMatches("S3:getobject", "s3:GetObject"));
  CHECK(actionMatches("s3:Get?bject", "s3:GetObject"));
  CHECK_FALSE(actionMatches("s3:Get?", "s3:GetObject"));
  CHECK(actionMatches("*", "iam:PassRole"));
  CHECK_FALSE(actionMatches("s3:*", "s3x:GetObject"));
  CHECK(actionMatches("ec2:*Volume*", "ec2:DescribeVolumes"));
}

TEST_CASE("eval: ARN wildcards keep to their field except at the end") {
  Context none;
  CHECK(arnMatches("arn:aws:s3:::*", "arn:aws:s3:::bucket/key:with:colons", none));
  CHECK(arnMatches("arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", none));
  CHECK_FALSE(arnMatches("arn:aws:s3:::b/*", "arn:aws:s3:::b", none));
  CHECK_FALSE(arnMatches("arn:aws:s3:::b", "arn:aws:s3:::b/x", none));
  CHECK(arnMatches("arn:aws:*", "arn:aws:s3:::b/x", none));  // a final `*` spans fields
  CHECK(arnMatches("arn:*:iam::*:role/*", "arn:aws-cn:iam::123456789012:role/R", none));
  // `*` in the region field cannot swallow the account's colon.
  CHECK_FALSE(arnMatches("arn:aws:sqs:*:q", "arn:aws:sqs:us-east-1:123:q", none));
  CHECK(arnMatches("arn:aws:sqs:*:*:q", "arn:aws:sqs:us-east-1:123:q", none));
  CHECK_FALSE(arnMatches("arn:aws:s3:::B/*", "arn:aws:s3:::b/x", none));  // case-sensitive
  CHECK(arnMatches("*", "anything", none));
}

TEST_CASE("eval: policy variables and escapes in resources") {
  Context ctx;
  ctx.set("aws:username", "alice");
  ctx.set("aws:PrincipalTag/team", "red");
  CHECK(arnMatches("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/alice/x", ctx));
  CHECK(arnMatches("arn:aws:s3:::b/${AWS:UserName}/*", "arn:aws:s3:::b/alice/x", ctx));  // keys ignore case
  CHECK_FALSE(arnMatches("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/bob/x", ctx));
  CHECK(arnMatches("arn:aws:s3:::b/${aws:PrincipalTag/team}", "arn:aws:s3:::b/red", ctx));
  // Missing variable: the resource matches nothing, unless there is a default.
  CHECK_FALSE(arnMatches("arn:aws:s3:::b/${aws:PrincipalTag/dept}", "arn:aws:s3:::b/", ctx));
  CHECK_FALSE(arnMatches("arn:aws:s3:::*${aws:PrincipalTag/dept}", "arn:aws:s3:::b", ctx));
  CHECK(arnMatches("arn:aws:s3:::b/${aws:PrincipalTag/dept, 'all'}", "arn:aws:s3:::b/all", ctx));
  // A variable's value is literal, and the escapes are literal characters.
  CHECK(arnMatches("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*", ctx));
  CHECK_FALSE(arnMatches("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/x", ctx));
  CHECK(arnMatches("arn:aws:s3:::b/${?}${$}", "arn:aws:s3:::b/?$", ctx));
  // Multivalued keys cannot be variables.
  ctx.setList("aws:TagKeys", {"a"});
  CHECK_FALSE(arnMatches("arn:aws:s3:::b/${aws:TagKeys}", "arn:aws:s3:::b/a", ctx));
}

TEST_CASE("eval: ArnLike matches the six fields separately") {
  Context none;
  // The documented example: matches under StringLike, not under ArnLike.
  CHECK_FALSE(arnLikeMatches("arn:aws:someservice:*:111122223333:finance/*",
                             "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", none));
  CHECK(globMatch("arn:aws:someservice:*:111122223333:finance/*",
                  "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false));
  CHECK(arnLikeMatches("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/a/b", none));
  CHECK_FALSE(arnLikeMatches("arn:aws:iam::*", "arn:aws:iam::123456789012:role/a", none));
}

TEST_CASE("eval: holes make matches three-valued") {
  EvalOptions opts;
  Context none;
  Resolved r{"arn:aws:s3:::${Bucket}/*", {{13, 22, "Bucket"}}, {}, {}};
  std::vector<std::string> notes;
  CHECK(matchResolved(r, MatchKind::Resource, "arn:aws:s3:::data/x", none, opts, &notes) == Tri::Maybe);
  CHECK((notes == std::vector<std::string>{"depends on the unknown value of ${Bucket}"}));
  // The literal parts still rule out what can never match.
  CHECK(matchResolved(r, MatchKind::Resource, "arn:aws:sqs:::data/x", none, opts) == Tri::No);
  opts.bindings["Bucket"] = "data";
  notes.clear();
  CHECK(matchResolved(r, MatchKind::Resource, "arn:aws:s3:::data/x", none, opts, &notes) == Tri::Yes);
  CHECK((notes == std::vector<std::string>{"assumes parameter Bucket is `data`"}));
  CHECK(matchResolved(r, MatchKind::Resource, "arn:aws:s3:::other/x", none, opts) == Tri::No);
}

TEST_CASE("eval: Fn::If alternatives") {
  EvalOptions opts;
  Context none;
  Value v;
  v.alts = {{"s3:GetObject", {}, {{{"IsProd", false}}}, {}}, {"s3:*", {}, {{{"IsProd", true}}}, {}}};
  std::vector<std::string> notes;
  CHECK(matchValue(v, MatchKind::Action, "s3:GetObject", none, opts) == Tri::Yes);  // both branches
  CHECK(matchValue(v, MatchKind::Action, "s3:PutObject", none, opts, &notes) == Tri::Maybe);
  CHECK((notes == std::vector<std::string>{"depends on condition IsProd"}));
  opts.conditions["IsProd"] = true;
  CHECK(matchValue(v, MatchKind::Action, "s3:PutObject", none, opts) == Tri::No);
  // Only one branch: the value may be absent (AWS::NoValue).
  Value once;
  once.alts = {{"s3:GetObject", {}, {{{"IsProd", false}}}, {}}};
  CHECK(matchValue(once, MatchKind::Action, "s3:GetObject", none, EvalOptions{}) == Tri::Maybe);
  CHECK(matchValue(Value{}, MatchKind::Action, "s3:GetObject", none, EvalOptions{}) == Tri::No);
}
