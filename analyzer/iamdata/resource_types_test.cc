#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "iamlint/catalog.h"

using iamlint::Catalog;

namespace {
std::vector<std::string> matches(std::string_view arn) {
  std::vector<std::string> out;
  for (const auto* rt : Catalog::instance().matchResourceTypes(arn))
    out.push_back(std::string(rt->service) + "/" + std::string(rt->name));
  std::sort(out.begin(), out.end());
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

TEST_CASE("resource types carry their ARN formats") {
  const auto* bucket = Catalog::instance().findResourceType("s3", "bucket");
  REQUIRE(bucket != nullptr);
  CHECK(std::string(bucket->arnFormat) == "arn:${Partition}:s3:::${BucketName}");
  CHECK(Catalog::instance().resourceTypes("s3").size() > 10);
  CHECK(Catalog::instance().resourceTypes("nosuch").empty());
}

TEST_CASE("an S3 bucket ARN and an object ARN are told apart") {
  auto bucket = matches("arn:aws:s3:::bucket");
  CHECK(has(bucket, "s3/bucket"));
  CHECK_FALSE(has(bucket, "s3/object"));
  CHECK(matches("arn:aws:s3:::bucket/*") == std::vector<std::string>{"s3/object"});
  CHECK(matches("arn:aws:s3:::bucket/dir/key.txt") == std::vector<std::string>{"s3/object"});
  CHECK(matches("arn:aws:s3:::${BucketName}/*") == std::vector<std::string>{"s3/object"});
  auto either = matches("arn:aws:s3:::my-bucket*");
  CHECK(has(either, "s3/bucket"));
  CHECK(has(either, "s3/object"));
}

TEST_CASE("ARNs of other services") {
  CHECK(matches("arn:aws:ssm:us-east-1:123456789012:parameter/x") == std::vector<std::string>{"ssm/parameter"});
  CHECK(has(matches("arn:aws:ssm:us-east-1:123456789012:parameter/a/b/c"), "ssm/parameter"));
  CHECK(has(matches("arn:aws:iam::123456789012:role/path/to/MyRole"), "iam/role"));
  CHECK(has(matches("arn:aws:ec2:*:*:volume/*"), "ec2/volume"));
  CHECK(has(matches("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"), "ec2/instance"));
  CHECK(matches("arn:aws:lambda:us-east-1:123456789012:function:my-fn") == std::vector<std::string>{"lambda/function"});
}

TEST_CASE("the resource kind decides the type whatever wildcards or variables come before it") {
  // Five literal colons: the text after the fifth opens the resource part.
  auto instance = matches("arn:aws:ec2:*:*:instance/*");
  CHECK(has(instance, "ec2/instance"));
  CHECK_FALSE(has(instance, "ec2/volume"));
  // The colons inside pseudo parameters are not the ARN's.
  auto volume = matches("arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:volume/*");
  CHECK(has(volume, "ec2/volume"));
  CHECK_FALSE(has(volume, "ec2/instance"));
  // A `*` that takes the region and the account with the colon between them.
  auto spanning = matches("arn:aws:ec2:*:instance/*");
  CHECK(has(spanning, "ec2/instance"));
  CHECK_FALSE(has(spanning, "ec2/volume"));
  // A variable where the kind would be may be any kind.
  auto any = matches("arn:aws:ec2:us-east-1:123456789012:${Name}");
  CHECK(has(any, "ec2/instance"));
  CHECK(has(any, "ec2/volume"));
  auto anyKind = matches("arn:aws:ec2:*:*:${Kind}/*");
  CHECK(has(anyKind, "ec2/instance"));
  CHECK(has(anyKind, "ec2/volume"));
  // Answers are remembered; asking again gives the same.
  CHECK(matches("arn:aws:ec2:*:*:instance/*") == instance);
  CHECK(matches("arn:aws:ec2:us-east-1:123456789012:${Name}") == any);
}

TEST_CASE("log group names with slashes fall back to the loose reading") {
  auto lg = matches("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*");
  CHECK(lg == std::vector<std::string>{"logs/log-group", "logs/log-stream"});
}

TEST_CASE("text that is no ARN matches nothing") {
  CHECK(matches("*").empty());
  CHECK(matches("bucket").empty());
  CHECK(matches("arn:aws:nosuchservice:::x").empty());
  CHECK(matches("arn:aws:s3:::").empty());
}

TEST_CASE("resource types by the service field of their ARNs") {
  auto names = [](std::string_view field) {
    std::vector<std::string> out;
    for (const auto* rt : Catalog::instance().resourceTypesOfArnService(field))
      out.push_back(std::string(rt->service) + "/" + std::string(rt->name));
    return out;
  };
  auto dynamodb = names("dynamodb");
  CHECK(has(dynamodb, "dynamodb/table"));
  CHECK(has(dynamodb, "dynamodb/index"));
  CHECK_FALSE(has(dynamodb, "s3/bucket"));
  CHECK(has(names("S3"), "s3/bucket"));  // the field ignores case, as the index does
  CHECK(names("s4").empty());
}

namespace {
iamlint::ArnReach reach(std::string_view pattern, std::string_view service, std::string_view type) {
  const auto* rt = Catalog::instance().findResourceType(service, type);
  REQUIRE(rt != nullptr);
  return Catalog::instance().arnReach(pattern, *rt);
}
}  // namespace

TEST_CASE("arnReach: ARNs whose every variable part is a wildcard cover the whole type") {
  using iamlint::ArnReach;
  CHECK(reach("arn:aws:s3:::*/*", "s3", "object") == ArnReach::Every);
  CHECK(reach("arn:aws:s3:::*", "s3", "object") == ArnReach::Every);
  CHECK(reach("arn:aws:s3:::*", "s3", "bucket") == ArnReach::Every);
  CHECK(reach("arn:aws-cn:s3:::*", "s3", "bucket") == ArnReach::Every);
  CHECK(reach("arn:${AWS::Partition}:s3:::*/*", "s3", "object") == ArnReach::Every);
  CHECK(reach("arn:*:cloudtrail:*:*:trail/*", "cloudtrail", "trail") == ArnReach::Every);
  CHECK(reach("arn:aws:kms:*:*:key/*", "kms", "key") == ArnReach::Every);
  CHECK(reach("arn:aws:iam::*:role/*", "iam", "role") == ArnReach::Every);
  CHECK(reach("arn:aws:iam::*:*", "iam", "role") == ArnReach::Every);
  CHECK(reach("arn:aws:*:*:*:*", "kms", "key") == ArnReach::Every);
  CHECK(reach("arn:*:*:*:*:*", "iam", "role") == ArnReach::Every);
  CHECK(reach("*", "s3", "object") == ArnReach::Every);
}

TEST_CASE("arnReach: a written account or region keeps the ARN to it") {
  using iamlint::ArnReach;
  CHECK(reach("arn:aws:iam::111122223333:role/*", "iam", "role") == ArnReach::Scoped);
  CHECK(reach("arn:aws:iam::${AWS::AccountId}:role/*", "iam", "role") == ArnReach::Scoped);
  CHECK(reach("arn:aws:kms:us-east-1:*:key/*", "kms", "key") == ArnReach::Scoped);
  CHECK(reach("arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*", "kms", "key") == ArnReach::Scoped);
}

TEST_CASE("arnReach: names, prefixes, paths, variables and holes are not every resource") {
  using iamlint::ArnReach;
  CHECK(reach("arn:aws:s3:::my-bucket/*", "s3", "object") == ArnReach::Partial);
  CHECK(reach("arn:aws:s3:::*/*", "s3", "bucket") == ArnReach::Partial);
  CHECK(reach("arn:aws:s3:::*-logs/*", "s3", "object") == ArnReach::Partial);
  CHECK(reach("arn:aws:s3:::${aws:username}/*", "s3", "object") == ArnReach::Partial);
  CHECK(reach("arn:aws:s3:::${?}/*", "s3", "object") == ArnReach::Partial);
  CHECK(reach("arn:aws:s3:::${AWS::AccountId}-*/*", "s3", "object") == ArnReach::Partial);
  CHECK(reach("arn:aws:iam::*:role/service-role/*", "iam", "role") == ArnReach::Partial);
  CHECK(reach("arn:aws:iam::*:role/?*", "iam", "role") == ArnReach::Partial);
  CHECK(reach("arn:aws:iam::*:user/*", "iam", "role") == ArnReach::Partial);
  CHECK(reach("arn:aws:kms:*:*:alias/*", "kms", "key") == ArnReach::Partial);
  CHECK(reach("arn:aws:kms:us-*:*:key/*", "kms", "key") == ArnReach::Partial);
  // One resource per region, written out: named, not covered by a wildcard.
  CHECK(reach("arn:aws:apigateway:*::/restapis", "apigateway", "RestApis") == ArnReach::Partial);
  CHECK(reach("arn:aws:apigateway:*::*", "apigateway", "RestApis") == ArnReach::Every);
}
