// Bad input gets a clear message with a location, never a crash, a hang or unbounded memory.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "analyzer/engine/engine.h"

using namespace iamlint;

namespace {

FileResult lint(std::string text, const char* path = "input.yaml") {
  return lintText(path, std::move(text), EngineOptions{});
}

const Finding* first(const FileResult& r, const char* rule) {
  for (const Finding& f : r.findings)
    if (f.id() == rule) return &f;
  return nullptr;
}

std::string policyYaml(const std::string& statementTail = "") {
  return "Version: \"2012-10-17\"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: \"arn:aws:s3:::bucket/*\"\n" +
         statementTail;
}

}  // namespace

TEST_CASE("empty, blank, binary and non-UTF-8 files are IAM001 with a location") {
  for (const char* text : {"", "   \n\n  \t\n"}) {
    FileResult r = lint(text);
    const Finding* f = first(r, "IAM001");
    REQUIRE(f);
    CHECK(f->message == "the file is empty");
    CHECK(f->range.line == 1);
  }
  FileResult binary = lint(std::string("PK\x03\x04\x00\x00", 6));
  REQUIRE(first(binary, "IAM001"));
  CHECK(first(binary, "IAM001")->message == "binary content (byte 0x03)");
  CHECK(first(binary, "IAM001")->range.column == 3);
  FileResult latin1 = lint("Statement:\n  - Sid: caf\xe9\n");
  REQUIRE(first(latin1, "IAM001"));
  CHECK(first(latin1, "IAM001")->message == "invalid UTF-8 (byte 0xE9)");
  CHECK(first(latin1, "IAM001")->range.line == 2);
  CHECK(first(latin1, "IAM001")->range.column == 13);
}

TEST_CASE("a BOM, CRLF line ends and tabs inside values are read as editors show them") {
  FileResult bom = lint("\xEF\xBB\xBF" + policyYaml());
  CHECK(bom.ok);
  CHECK(bom.findings.empty());
  std::string crlf = policyYaml("  - Effect: allow\r\n    Action: s3:GetObject\r\n    Resource: \"*\"\r\n");
  for (size_t i = 0; (i = crlf.find('\n', i)) != std::string::npos; i += 2)
    if (i == 0 || crlf[i - 1] != '\r') crlf.insert(i, "\r");
  FileResult r = lint(crlf);
  const Finding* f = first(r, "IAM102");
  REQUIRE(f);
  CHECK(f->range.line == 6);
  CHECK(f->range.column == 13);
  CHECK(f->range.endColumn == 18);
  // A tab used for indentation is a YAML error, reported where it is.
  FileResult tab = lint("Statement:\n\t- Effect: Allow\n");
  REQUIRE(first(tab, "IAM001"));
  CHECK(first(tab, "IAM001")->range.line == 2);
}

TEST_CASE("deep nesting is refused, not a stack overflow") {
  std::string yamlFlow = "Statement: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  FileResult a = lint(yamlFlow);
  REQUIRE(first(a, "IAM001"));
  CHECK(first(a, "IAM001")->message == "nesting deeper than 256 levels");
  std::string json = "{\"Statement\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  FileResult b = lint(json, "input.json");
  REQUIRE(first(b, "IAM001"));
  CHECK(first(b, "IAM001")->message == "nesting deeper than 256 levels");
  std::string block = "Statement:\n";
  for (int i = 0; i < 400; ++i) block += std::string(static_cast<size_t>(i + 1) * 2, ' ') + "k:\n";
  FileResult c = lint(block);
  REQUIRE(first(c, "IAM001"));
}

TEST_CASE("a YAML alias bomb stops at the value limit") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string name(1, c);
    bomb += name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  bomb += "Statement: *j\n";
  auto start = std::chrono::steady_clock::now();
  FileResult r = lint(bomb);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(first(r, "IAM001"));
  CHECK(first(r, "IAM001")->message == "aliases expand to more than 1000000 values (an alias bomb?)");
  CHECK(seconds < 10);  // a guard against a hang, not a benchmark
}

TEST_CASE("huge scalars, unknown tags and unknown intrinsics do not crash") {
  std::string huge = "Statement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: \"arn:aws:s3:::" +
                     std::string(10 << 20, 'b') + "\"\n";
  FileResult a = lint(huge);
  CHECK(a.ok);
  FileResult b = lint(
      "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n"
      "        Version: \"2012-10-17\"\n        Statement:\n          - Effect: !Foo Allow\n"
      "            Action: {Fn::Bogus: [a, b]}\n            Resource: !Base64 x\n");
  CHECK(b.ok);
}

TEST_CASE("thousands of resources are linted in one pass") {
  std::string t = "Resources:\n";
  for (int i = 0; i < 3000; ++i) {
    std::string id = "Role" + std::to_string(i);
    t += "  " + id + ":\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n"
         "        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n"
         "            Principal: {Service: ec2.amazonaws.com}\n            Action: sts:AssumeRole\n"
         "      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: \"2012-10-17\"\n"
         "            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n"
         "                Resource: !Sub arn:aws:s3:::${AWS::StackName}-" + id + "/*\n";
  }
  FileResult r = lint(t);
  CHECK(r.ok);
  for (const Finding& f : r.findings) CHECK_MESSAGE(f.id().rfind("IAM1", 0) != 0, f.message);
}
