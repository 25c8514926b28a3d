#include <doctest/doctest.h>

#include "analyzer/load/loader.h"
#include "analyzer/frontend/cloudformation/cloudformation.h"

using namespace iamlint;

namespace {

struct Fixture {
  Document doc;
  Template tmpl;
  std::vector<ModelNote> notes;
  std::map<std::string, std::string, std::less<>> overrides;

  explicit Fixture(const std::string& yaml) {
    LoadError error;
    REQUIRE(loadDocument("t.yaml", yaml, doc, error));
    tmpl = buildTemplate(doc);
  }
  const Node& value(const char* output) { return *doc.root.get("Outputs")->get(output); }
  std::vector<std::string> texts(const char* output) {
    Resolver r(&tmpl, overrides, notes);
    std::vector<std::string> out;
    for (const Resolved& alt : r.resolve(value(output)))
      out.push_back(alt.text + (alt.guard.empty() ? "" : " if " + guardExpression(alt.guard)) + (alt.exact() ? "" : " (symbolic)"));
    return out;
  }
  std::vector<std::string> list(const char* output) {
    Resolver r(&tmpl, overrides, notes);
    std::vector<std::string> out;
    for (const Value& v : r.resolveList(value(output)))
      for (const Resolved& alt : v.alts) out.push_back(alt.text + (alt.guard.empty() ? "" : " if " + guardExpression(alt.guard)));
    return out;
  }
};

const char* kTemplate = R"(
Parameters:
  Bucket: {Type: String}
  Env: {Type: String, Default: prod}
  Tier: {Type: String, AllowedValues: [gold, silver]}
  Arns: {Type: CommaDelimitedList, Default: "arn:aws:s3:::a,arn:aws:s3:::b"}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsProd2: !Equals [!Ref Env, prod2]
Mappings:
  Regions:
    us-east-1: {Suffix: east}
    eu-west-1: {Suffix: west}
Resources:
  DataBucket: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub "data-${Env}"}}
  AnonBucket: {Type: AWS::S3::Bucket}
  Role: {Type: AWS::IAM::Role, Properties: {RoleName: app-role}}
  Queue: {Type: AWS::SQS::Queue}
Outputs:
  SubParam: !Sub "arn:aws:s3:::${Bucket}/*"
  SubDefault: !Sub "arn:aws:s3:::${Env}-logs"
  SubLiteral: !Sub "arn:aws:s3:::home/${!aws:username}"
  SubVars: !Sub ["${Prefix}-x", {Prefix: !Ref Env}]
  SubAttr: !Sub "${DataBucket.Arn}/*"
  Allowed: !Sub "t-${Tier}"
  Pseudo: !Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q"
  Join: !Join [":", [a, !Ref Env, c]]
  If: !If [IsProd, prod-only, !Ref "AWS::NoValue"]
  NestedIf: !If [IsProd, a, !If [IsProd2, b, c]]
  Select: !Select [1, [x, y, z]]
  SelectSplit: !Select [0, !Split ["/", "first/second"]]
  Map: !FindInMap [Regions, !Ref "AWS::Region", Suffix]
  MapKnown: !FindInMap [Regions, eu-west-1, Suffix]
  BucketArn: !GetAtt DataBucket.Arn
  AnonArn: !GetAtt AnonBucket.Arn
  RoleArn: {"Fn::GetAtt": [Role, Arn]}
  RoleRef: !Ref Role
  QueueArn: !GetAtt Queue.Arn
  Dynamic: "arn:aws:s3:::{{resolve:ssm:/b:1}}/*"
  DynamicSub: !Sub "arn:aws:s3:::{{resolve:ssm:/app/${Env}/bucket:1}}/*"
  DynamicJoin: !Join ["", ["arn:aws:s3:::", !Sub "{{resolve:ssm:/app/${Env}/bucket:1}}"]]
  Import: !ImportValue shared-bucket
  ImportSub: !ImportValue {"Fn::Sub": "${Env}-bucket"}
  ListParam: !Ref Arns
  SplitList: !Split [",", "p,q"]
  IfList: !If [IsProd, [one, two], [three]]
)";

}  // namespace

TEST_CASE("Fn::Sub: parameters, defaults, `${!Literal}`, variable maps, attributes, AllowedValues, pseudo parameters") {
  Fixture f(kTemplate);
  CHECK(f.texts("SubParam") == std::vector<std::string>{"arn:aws:s3:::${Bucket}/* (symbolic)"});
  CHECK(f.texts("SubDefault") == std::vector<std::string>{"arn:aws:s3:::prod-logs"});
  CHECK(f.texts("SubLiteral") == std::vector<std::string>{"arn:aws:s3:::home/${aws:username}"});
  CHECK(f.texts("SubVars") == std::vector<std::string>{"prod-x"});
  CHECK(f.texts("SubAttr") == std::vector<std::string>{"arn:aws:s3:::data-prod/*"});
  CHECK(f.texts("Allowed") == std::vector<std::string>{"t-gold", "t-silver"});
  CHECK(f.texts("Pseudo") == std::vector<std::string>{"arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q (symbolic)"});
  f.overrides["Bucket"] = "genomics";
  f.overrides["Env"] = "dev";
  CHECK(f.texts("SubParam") == std::vector<std::string>{"arn:aws:s3:::genomics/*"});
  CHECK(f.texts("SubAttr") == std::vector<std::string>{"arn:aws:s3:::data-dev/*"});
  CHECK(f.notes.empty());
}

TEST_CASE("Join, If, Select, Split, FindInMap") {
  Fixture f(kTemplate);
  CHECK(f.texts("Join") == std::vector<std::string>{"a:prod:c"});
  CHECK(f.texts("If") == std::vector<std::string>{"prod-only if IsProd"});
  // A nested branch carries both conditions, outermost first, each with its own sign.
  CHECK(f.texts("NestedIf") == std::vector<std::string>{"a if IsProd", "b if !IsProd && IsProd2", "c if !IsProd && !IsProd2"});
  CHECK(f.texts("Select") == std::vector<std::string>{"y"});
  CHECK(f.texts("SelectSplit") == std::vector<std::string>{"first"});
  // An unknown region may pick any entry: each is an alternative.
  CHECK(f.texts("Map") == std::vector<std::string>{"east", "west"});
  CHECK(f.texts("MapKnown") == std::vector<std::string>{"west"});
}

TEST_CASE("a value says where its text was read from: parameter default or allowed value, mapping entry, resource name") {
  Fixture f(kTemplate);
  std::map<std::string, std::string, std::less<>> none;
  Resolver r(&f.tmpl, none, f.notes);
  auto origins = [&](const char* output) {
    std::vector<std::string> out;
    for (const Resolved& alt : r.resolve(f.value(output))) {
      const ValueOrigin& o = alt.origin;
      std::string kind = o.kind == OriginKind::ParameterDefault        ? "default"
                         : o.kind == OriginKind::ParameterAllowedValue ? "allowed"
                         : o.kind == OriginKind::Parameter             ? "parameter"
                         : o.kind == OriginKind::MappingEntry          ? "mapping"
                         : o.kind == OriginKind::ResourceName          ? "name"
                                                                       : "none";
      out.push_back(kind + (o.name.empty() ? "" : " " + o.name) + (o.node ? " at " + o.node->pointer() : ""));
    }
    return out;
  };
  CHECK(origins("SubDefault") == std::vector<std::string>{"default Env at /Parameters/Env/Default"});
  CHECK(origins("Allowed") == std::vector<std::string>{"allowed Tier at /Parameters/Tier/AllowedValues/0",
                                                       "allowed Tier at /Parameters/Tier/AllowedValues/1"});
  CHECK(origins("SubParam") == std::vector<std::string>{"parameter Bucket at /Parameters/Bucket"});
  CHECK(origins("MapKnown") == std::vector<std::string>{"mapping Regions at /Mappings/Regions/eu-west-1/Suffix"});
  // The first part with an origin gives the whole value's: the bucket name's default.
  CHECK(origins("BucketArn") == std::vector<std::string>{"default Env at /Parameters/Env/Default"});
  CHECK(origins("RoleRef") == std::vector<std::string>{"name Role at /Resources/Role/Properties/RoleName"});
  CHECK(origins("Join") == std::vector<std::string>{"default Env at /Parameters/Env/Default"});
  CHECK(origins("Select") == std::vector<std::string>{"none"});
}

TEST_CASE("GetAtt and Ref of resources are typed ARNs and names") {
  Fixture f(kTemplate);
  CHECK(f.texts("BucketArn") == std::vector<std::string>{"arn:aws:s3:::data-prod"});
  CHECK(f.texts("AnonArn") == std::vector<std::string>{"arn:aws:s3:::${AnonBucket} (symbolic)"});
  CHECK(f.texts("RoleArn") == std::vector<std::string>{"arn:aws:iam::${AWS::AccountId}:role/app-role (symbolic)"});
  CHECK(f.texts("RoleRef") == std::vector<std::string>{"app-role"});
  CHECK(f.texts("QueueArn") == std::vector<std::string>{"arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${Queue} (symbolic)"});
}

TEST_CASE("dynamic references and imports are opaque, noted once") {
  Fixture f(kTemplate);
  CHECK(f.texts("Dynamic") == std::vector<std::string>{"arn:aws:s3:::{{resolve:ssm:/b:1}}/* (symbolic)"});
  CHECK(f.texts("Import") == std::vector<std::string>{"${Fn::ImportValue shared-bucket} (symbolic)"});
  // A tagged `!ImportValue` whose argument is an intrinsic names the export it builds.
  CHECK(f.texts("ImportSub") == std::vector<std::string>{"${Fn::ImportValue prod-bucket} (symbolic)"});
  REQUIRE(f.notes.size() == 3);
  CHECK(f.notes[0].kind == NoteKind::UnresolvedValue);
  // Assembled from pieces, it is still one hole: a bucket name only known at deploy time.
  CHECK(f.texts("DynamicSub") == std::vector<std::string>{"arn:aws:s3:::{{resolve:ssm:/app/prod/bucket:1}}/* (symbolic)"});
  CHECK(f.texts("DynamicJoin") == std::vector<std::string>{"arn:aws:s3:::{{resolve:ssm:/app/prod/bucket:1}} (symbolic)"});
}

TEST_CASE("list-producing values: CommaDelimitedList, Split, If of lists") {
  Fixture f(kTemplate);
  CHECK(f.list("ListParam") == std::vector<std::string>{"arn:aws:s3:::a", "arn:aws:s3:::b"});
  CHECK(f.list("SplitList") == std::vector<std::string>{"p", "q"});
  CHECK(f.list("IfList") == std::vector<std::string>{"one if IsProd", "two if IsProd", "three if !IsProd"});
}

TEST_CASE("conditions: decided by --parameter values, and defaults that contradict a branch are not used") {
  Fixture f(R"(
Parameters:
  Env: {Type: String, Default: dev, AllowedValues: [dev, test, prod]}
  Partner: {Type: String, Default: none}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [{Condition: IsProd}]
  HasPartner: !Not [!Equals [!Ref Partner, none]]
  Both: !And [!Condition IsProd, !Condition HasPartner]
  Never: !Equals [a, b]
  Either: !Or [!Equals [x, x], !Equals [!Ref Partner, p]]
Outputs:
  Env: !If [IsProd, !Sub "${Env}-data", !Sub "${Env}-scratch"]
  Partner: !If [HasPartner, !Sub "arn:aws:iam::${Partner}:root", none]
  Names: !If [NotProd, [!Ref Env], []]
)");
  Resolver r(&f.tmpl, f.overrides, f.notes);
  CHECK(r.conditionValue("Never", false) == false);
  CHECK(r.conditionValue("Either", false) == true);  // one true term of Fn::Or decides
  CHECK(!r.conditionValue("IsProd", false));         // no --parameter value: undecided
  CHECK(r.conditionValue("IsProd", true) == false);  // with the default `dev`
  CHECK(r.conditionValue("Both", true) == false);
  CHECK(!r.conditionValue("Undefined", true));
  // Under IsProd only the allowed value that makes it hold; under !IsProd the others.
  CHECK(f.texts("Env") == std::vector<std::string>{"prod-data if IsProd", "dev-scratch if !IsProd", "test-scratch if !IsProd"});
  // Under HasPartner the default `none` cannot be the value: it is unknown there.
  CHECK(f.texts("Partner") == std::vector<std::string>{"arn:aws:iam::${Partner}:root if HasPartner (symbolic)", "none if !HasPartner"});
  CHECK(f.list("Names") == std::vector<std::string>{"dev if NotProd", "test if NotProd"});
  // A --parameter value is a fact: one branch, no guard.
  f.overrides["Env"] = "prod";
  CHECK(f.texts("Env") == std::vector<std::string>{"prod-data"});
  CHECK(f.list("Names").empty());
  f.overrides["Partner"] = "111122223333";
  CHECK(f.texts("Partner") == std::vector<std::string>{"arn:aws:iam::111122223333:root"});
}
