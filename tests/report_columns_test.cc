// Every report prints the same columns: code points, converted once by the engine, for the
// start, a multi-line end and related locations alike, on lines with non-ASCII text.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <sstream>
#include <string>

#include "analyzer/report/report.h"

using namespace iamlint;

namespace {

// Line 2: the parameter default `"s3:GetObjekt"` is at code point 53 (byte 54, after `é`).
// Lines 13-14: a statement whose flow mapping ends on line 14 at code point 42 (byte 43).
const char* kTemplate = R"(Parameters:
  Aktion: {Description: "é", Type: String, Default: "s3:GetObjekt"}
Resources:
  Rôle:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: é
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: !Ref Aktion,
                 Sid: "é", Resource: "*"}
              - {Sid: "ü", Effect: Allow, Action: "*", Resource: "*"}
)";

RunResult run(std::vector<std::string> rules = {"IAM201", "IAM614"}) {
  RunResult r;
  EngineOptions options;
  options.rules.select = std::move(rules);
  r.files.push_back(lintText("cols.yaml", kTemplate, options));
  return r;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE(!doc.HasParseError());
  return doc;
}

const rapidjson::Value& findingOf(const rapidjson::Value& findings, const char* key, const char* rule) {
  for (const auto& f : findings.GetArray())
    if (std::string(f[key].GetString()) == rule) return f;
  FAIL("no " << rule);
  return findings[0];
}

}  // namespace

TEST_CASE("JSON, SARIF and text give code-point columns for starts, multi-line ends and related locations") {
  RunResult r = run();
  REQUIRE(r.files[0].findings.size() == 2);

  std::ostringstream json;
  renderJson(r, json);
  rapidjson::Document j = parse(json.str());
  const rapidjson::Value& redundant = findingOf(j["findings"], "rule", "IAM614");
  CHECK(redundant["line"].GetUint() == 13);
  CHECK(redundant["column"].GetUint() == 17);
  CHECK(redundant["endLine"].GetUint() == 14);
  CHECK(redundant["endColumn"].GetUint() == 42);  // was 43, the byte column
  const rapidjson::Value& unknown = findingOf(j["findings"], "rule", "IAM201");
  CHECK(unknown["line"].GetUint() == 13);
  CHECK(unknown["column"].GetUint() == 46);
  CHECK(unknown["related"][0]["line"].GetUint() == 2);
  CHECK(unknown["related"][0]["column"].GetUint() == 53);  // was 54, the byte column

  std::ostringstream sarif;
  renderSarif(r, sarif);
  rapidjson::Document s = parse(sarif.str());
  const rapidjson::Value& results = s["runs"][0]["results"];
  const rapidjson::Value& region = findingOf(results, "ruleId", "IAM614")["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startLine"].GetUint() == 13);
  CHECK(region["startColumn"].GetUint() == 17);
  CHECK(region["endLine"].GetUint() == 14);
  CHECK(region["endColumn"].GetUint() == 42);  // was 43: a byte column under columnKind unicodeCodePoints
  const rapidjson::Value& related =
      findingOf(results, "ruleId", "IAM201")["relatedLocations"][0]["physicalLocation"]["region"];
  CHECK(related["startLine"].GetUint() == 2);
  CHECK(related["startColumn"].GetUint() == 53);
  CHECK(related["endColumn"].GetUint() == 67);

  std::ostringstream text;
  renderText(r, text, false, true);
  CHECK(text.str().find("cols.yaml:13:17: note: statement `é`") != std::string::npos);
  CHECK(text.str().find("(cols.yaml:2:53)") != std::string::npos);
}

TEST_CASE("SARIF results carry the finding's help lines") {
  RunResult r = run({"IAM601"});
  std::ostringstream sarif;
  renderSarif(r, sarif);
  rapidjson::Document s = parse(sarif.str());
  const rapidjson::Value& result = findingOf(s["runs"][0]["results"], "ruleId", "IAM601");
  const Finding* f = nullptr;
  for (const Finding& x : r.files[0].findings)
    if (x.id() == "IAM601") f = &x;
  REQUIRE(f);
  REQUIRE(!f->help.empty());
  std::string markdown = std::string(result["message"]["text"].GetString()) + "\n";
  for (const std::string& h : f->help) markdown += "\n- " + h;
  CHECK(result["message"]["markdown"].GetString() == markdown);
  REQUIRE(result["properties"]["help"].Size() == f->help.size());
  CHECK(result["properties"]["help"][0].GetString() == f->help[0]);
  CHECK(f->help[0].rfind("grant the actions the workload calls", 0) == 0);
}
