// Hostile input: every way a file once crashed, hung, ate memory or lied "clean" has a case
// here. Time bounds are loose enough to hold under AddressSanitizer; each was minutes (or a
// crash) before its fix.
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <string>

#include "analyzer/engine/engine.h"
#include "analyzer/load/loader.h"
#include "analyzer/report/report.h"

using namespace iamlint;

namespace {

FileResult lint(std::string text, const char* path = "input.yaml", EngineOptions options = {}) {
  return lintText(path, std::move(text), options);
}

std::vector<const Finding*> all(const FileResult& r, const char* rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings)
    if (f.id() == rule) out.push_back(&f);
  return out;
}

const Finding* first(const FileResult& r, const char* rule) {
  auto v = all(r, rule);
  return v.empty() ? nullptr : v[0];
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string rendered(const FileResult& file, void (*render)(const RunResult&, std::ostream&)) {
  RunResult run;
  run.files.push_back(FileResult{});
  FileResult& copy = run.files.back();
  copy.path = file.path, copy.ok = file.ok, copy.findings = file.findings, copy.lines = file.lines;
  std::ostringstream out;
  render(run, out);
  return out.str();
}

std::string text(const FileResult& file) {
  return rendered(file, [](const RunResult& run, std::ostream& out) { renderText(run, out, false, false); });
}

const std::string kPolicyHead = "Version: \"2012-10-17\"\nStatement:\n  - Effect: Allow\n";

}  // namespace

TEST_CASE("every YAML line break (CR, LF, CRLF, NEL, LS, PS) counts in lines, columns and reports") {
  // Once a heap overflow: libyaml counted lone CR, NEL, LS and PS as line breaks, the line index
  // only LF, so marks pointed past the lines they named.
  for (const char* br : {"\n", "\r", "\r\n", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
    std::string b = br;
    INFO("break bytes " << b.size());
    std::string yaml = "Version: \"2012-10-17\"" + b + "Statement:" + b + "  - Effect: allow" + b +
                       "    Action: s3:GetObject" + b + "    Resource: \"*\"" + b;
    FileResult r = lint(yaml);
    const Finding* f = first(r, "IAM102");
    REQUIRE(f);
    CHECK(f->range.line == 3);
    CHECK(f->range.column == 13);
    CHECK(f->range.endColumn == 18);
    CHECK(r.lines.at(3) == "  - Effect: allow");
    CHECK(text(r).find(" 3 |   - Effect: allow\n   |             ^~~~~\n") != std::string::npos);
  }
  // Breaks mixed on one file, and breaks inside quoted scalars, keep every range inside the text.
  std::string mixed = "Statement:\r\n  - Effect: Allow\r    Action: \"a\xC2\x85 b\"\xE2\x80\xA8    Resource: \"*\"\n";
  FileResult m = lint(mixed);
  for (const Finding& f : m.findings) CHECK(f.range.line <= 5);
  // JSON knows only CR, LF and CRLF: an LS inside a string is not a line break.
  std::string json = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"a\xE2\x80\xA8 b\",\r\"Effect\": \"allow\"}]}";
  FileResult jr = lint(json, "input.json");
  const Finding* j = first(jr, "IAM102");
  REQUIRE(j);
  CHECK(j->range.line == 2);
  CHECK(j->range.column == 11);
}

TEST_CASE("libyaml reader errors are reported where they are, not at 1:1") {
  std::string yaml = kPolicyHead + "    Action: s3:GetObject\n    Resource: \"*\"\n";
  for (int i = 0; i < 13; ++i) yaml += "# comment\n";
  yaml += "    Sid: a\x7F" "b\n";  // line 19: DEL is not allowed in YAML
  FileResult r = lint(yaml);
  const Finding* f = first(r, "IAM001");
  REQUIRE(f);
  CHECK(f->message == "invalid YAML: control characters are not allowed (#x7F)");
  CHECK(f->range.line == 19);
  CHECK(f->range.column == 11);
  // The case as it was found: a byte that is not UTF-8 on line 19 (a Latin-1 'é').
  std::string latin1 = kPolicyHead + "    Action: s3:GetObject\n    Resource: \"*\"\n";
  for (int i = 0; i < 13; ++i) latin1 += "# comment\n";
  latin1 += "    Sid: caf\xE9\n";
  FileResult l = lint(latin1);
  const Finding* u = first(l, "IAM001");
  REQUIRE(u);
  CHECK(u->message.rfind("invalid UTF-8", 0) == 0);
  CHECK(u->range.line == 19);
  CHECK(u->range.column == 13);
  // Overlong forms and UTF-16 surrogates are not UTF-8; nor is a truncated sequence at the end.
  for (std::string bad : {std::string("\xE0\x80\xAF"), std::string("\xED\xA0\x80"), std::string("\xF0\x80\x80\xAF"),
                          std::string("\xF4\x90\x80\x80"), std::string("\xE2\x82")}) {
    FileResult b = lint("Statement:\n  - Sid: x" + bad);
    const Finding* e = first(b, "IAM001");
    REQUIRE(e);
    CHECK(e->message.rfind("invalid UTF-8", 0) == 0);
    CHECK(e->range.line == 2);
    CHECK(e->range.column == 11);
  }
}

TEST_CASE("a long line of flow YAML is read in linear time") {
  // Once quadratic: each event's column was found by walking from the line start.
  std::string yaml = kPolicyHead + "    Action: [";
  while (yaml.size() < (1u << 20)) yaml += "s3:GetObject, ";
  yaml += "s3:PutObject]\n    Resource: \"arn:aws:s3:::b/*\"\n";
  auto start = std::chrono::steady_clock::now();
  FileResult r = lint(yaml);
  CHECK(r.ok);
  CHECK(secondsSince(start) < 20);
}

TEST_CASE("duplicate keys are found by hashing, in both loaders, at every level") {
  for (bool json : {false, true}) {
    INFO((json ? "json" : "yaml"));
    std::string doc = json ? "{\"Statement\": [], \"M\": {" : "Statement: []\nM:\n";
    for (int i = 0; i < 200000; ++i)
      doc += json ? (i ? ",\"k" : "\"k") + std::to_string(i) + "\": 1" : "  k" + std::to_string(i) + ": 1\n";
    doc += json ? ",\"k7\": 2}, \"Statement\": []}" : "  k7: 2\nStatement: []\n";
    auto start = std::chrono::steady_clock::now();
    FileResult r = lint(doc, json ? "input.json" : "input.yaml");
    CHECK(secondsSince(start) < 20);
    auto dups = all(r, "IAM002");
    REQUIRE(dups.size() == 2);
    CHECK(dups[0]->message.find("`k7`") != std::string::npos);
    CHECK(dups[1]->message.find("`Statement`") != std::string::npos);
  }
}

TEST_CASE("long condition values and ARN regions do not overflow the stack") {
  // Once std::regex_match, which recurses per character.
  std::string longNumber(200000, '7');
  FileResult n = lint(kPolicyHead + "    Action: s3:GetObject\n    Resource: \"*\"\n    Condition:\n"
                                    "      NumericLessThan: {s3:max-keys: \"" + longNumber + "x\"}\n"
                                    "      DateGreaterThan: {aws:CurrentTime: \"" + longNumber + "\"}\n"
                                    "      IpAddress: {aws:SourceIp: \"" + std::string(200000, ':') + "/\"}\n");
  CHECK(n.ok);
  CHECK(all(n, "IAM503").size() >= 1);
  std::string region = "us-" + std::string(200000, 'a') + "-1";
  FileResult a = lint(kPolicyHead + "    Action: sqs:SendMessage\n    Resource: \"arn:aws:sqs:" + region +
                      ":123456789012:q\"\n");
  CHECK(a.ok);
}

TEST_CASE("names built from each other resolve once each") {
  // R0 is `${R1}-${R1}`, R1 is `${R2}-${R2}`, ...: 2^40 resolutions before memoisation. The
  // value doubles at each level, so the string budget cuts it, and IAM011 says so.
  std::string t = "Resources:\n";
  for (int i = 0; i < 40; ++i)
    t += "  R" + std::to_string(i) + ":\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"${R" +
         std::to_string(i + 1) + "}-${R" + std::to_string(i + 1) + "}\"\n";
  t += "  R40:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: ab\n";
  t += "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n"
       "        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]\n"
       "      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: \"2012-10-17\"\n"
       "            Statement: [{Effect: Allow, Action: s3:GetObject, Resource: !Sub \"${R0.Arn}/*\"}]\n";
  auto start = std::chrono::steady_clock::now();
  FileResult r = lint(t);
  CHECK(secondsSince(start) < 20);
  auto cut = all(r, "IAM011");
  REQUIRE(cut.size() == 1);
  CHECK(cut[0]->message == "a value resolves to a string longer than 64 KiB; iamlint reads it as an unknown value");
}

TEST_CASE("Fn::Split and list parameters expand within their budget, with one IAM011") {
  std::string parts;
  while (parts.size() < (1u << 20)) parts += "arn:aws:s3:::b,";
  std::string t = "Parameters:\n  L:\n    Type: CommaDelimitedList\n    Default: \"" + parts +
                  "x\"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
                  "      AssumeRolePolicyDocument:\n"
                  "        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]\n"
                  "      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: \"2012-10-17\"\n"
                  "            Statement:\n"
                  "              - {Effect: Allow, Action: s3:GetObject, Resource: !Split [\",\", \"" + parts + "\"]}\n"
                  "              - {Effect: Allow, Action: s3:GetObject, Resource: !Ref L}\n";
  auto start = std::chrono::steady_clock::now();
  FileResult r = lint(t);
  CHECK(secondsSince(start) < 30);
  auto cut = all(r, "IAM011");
  REQUIRE(cut.size() == 1);  // once per file
  CHECK(cut[0]->message.find("more than 1000 elements") != std::string::npos);
  CHECK(r.findings.size() < 5000);
  // The caret is never wider than the line shown.
  std::string report = text(r);
  size_t widest = 0;
  for (size_t at = 0, nl; (nl = report.find('\n', at)) != std::string::npos; at = nl + 1) widest = std::max(widest, nl - at);
  CHECK(widest < 4200);
}

TEST_CASE("a file's findings stop at the budget, and IAM011 says so") {
  std::string json = "{\"Version\": \"2012-10-17\", \"Statement\": [";
  for (int i = 0; i < 12000; ++i) json += std::string(i ? "," : "") + "{\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}";
  json += "]}";
  FileResult r = lint(json, "input.json");
  CHECK(r.findings.size() == 10001);
  const Finding* cut = first(r, "IAM011");
  REQUIRE(cut);
  CHECK(cut->message == "more than 10000 findings in this file; the rest are not reported");
}

TEST_CASE("parse errors are reported whatever the selection") {
  EngineOptions options;
  options.rules.select = {"IAM6"};
  FileResult r = lint("not: [valid\n", "broken.yaml", options);
  REQUIRE(first(r, "IAM001"));
  options.rules.select.clear();
  options.rules.ignore = {"IAM001", "IAM011"};
  CHECK(first(lint("a: 1\n", "named.yaml", options), "IAM001"));
  CHECK(first(lint(kPolicyHead + "    Action: s3:GetObject\n    Resource: \"*\"\n---\nStatement: []\n", "two.yaml", options),
              "IAM011"));
}

TEST_CASE("a file that was meant to be a template is said, also when found by a walk") {
  std::string typo = "AWSTemplateFormatVersion: \"2010-09-09\"\nResouces:\n  Role:\n    Type: AWS::IAM::Role\n";
  for (bool named : {true, false}) {
    FileResult r = lintText("t.yaml", typo, EngineOptions{}, named);
    const Finding* f = first(r, "IAM001");
    REQUIRE(f);
    CHECK(f->message == "the template has no `Resources` section, which CloudFormation requires; is `Resouces` meant to be `Resources`?");
    CHECK(f->range.line == 2);
    FileResult s = lintText("p.yaml", "Version: \"2012-10-17\"\nStatment:\n  - Effect: Allow\n", EngineOptions{}, named);
    REQUIRE(first(s, "IAM001"));
    CHECK(first(s, "IAM001")->message.find("is `Statment` meant to be `Statement`?") != std::string::npos);
  }
  // Other YAML found by a walk is still skipped (and counted in the summary).
  CHECK(lintText("ci.yaml", "jobs:\n  build: {}\n", EngineOptions{}, false).skipped);
  CHECK(lintText("sls.yml", "service: x\nresources:\n  Resources: {}\n", EngineOptions{}, false).skipped);
}

TEST_CASE("a second YAML document is said") {
  std::string two = kPolicyHead + "    Action: s3:GetObject\n    Resource: \"arn:aws:s3:::b/*\"\n---\n" + kPolicyHead +
                    "    Action: \"*\"\n    Resource: \"*\"\n";
  FileResult twoDocs = lint(two);
  const Finding* f = first(twoDocs, "IAM011");
  REQUIRE(f);
  CHECK(f->range.line == 6);
  // A lone trailing `---`, or `...`, holds nothing.
  CHECK(!first(lint(kPolicyHead + "    Action: s3:GetObject\n    Resource: \"*\"\n---\n"), "IAM011"));
  CHECK(!first(lint(kPolicyHead + "    Action: s3:GetObject\n    Resource: \"*\"\n...\n"), "IAM011"));
}

TEST_CASE("control characters from escapes are escaped in text output") {
  FileResult r = lint(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"x\\r\\u001b[2KNo findings\\u009b\", "
      "\"Resource\": \"*\"}]}",
      "input.json");
  std::string out = text(r);
  CHECK(out.find('\r') == std::string::npos);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find("\xC2\x9B") == std::string::npos);
  CHECK(out.find("`x\\x0D\\x1B[2KNo findings\\u009B`") != std::string::npos);
}

TEST_CASE("IAM302 lists actions by name, whatever their addresses") {
  FileResult r = lint(kPolicyHead + "    Action: [sqs:SendMessage, s3:PutObject, s3:GetObject]\n"
                                    "    Resource: \"arn:aws:s3:::b\"\n");
  const Finding* f = first(r, "IAM302");
  REQUIRE(f);
  size_t get = f->message.find("s3:GetObject"), put = f->message.find("s3:PutObject"),
         sqs = f->message.find("sqs:SendMessage");
  REQUIRE(get != std::string::npos);
  REQUIRE(put != std::string::npos);
  CHECK(get < put);
  if (sqs != std::string::npos) CHECK(put < sqs);
}

TEST_CASE("UTF-16 with a BOM, NUL bytes and a 15 MB scalar are said or read, quickly") {
  std::string utf16("\xFF\xFE" "S\0t\0a\0", 8);
  FileResult wide = lint(utf16);
  const Finding* u = first(wide, "IAM001");
  REQUIRE(u);
  CHECK(u->message == "the file is UTF-16 or UTF-32 (it starts with a byte order mark); iamlint reads UTF-8");
  FileResult withNul = lint(std::string("Statement:\n  - Sid: a\0b\n", 24));
  const Finding* nul = first(withNul, "IAM001");
  REQUIRE(nul);
  CHECK(nul->message == "binary content (byte 0x00)");
  CHECK(nul->range.line == 2);
  std::string big = kPolicyHead + "    Action: s3:GetObject\n    Resource: \"arn:aws:s3:::" + std::string(15u << 20, 'b') + "\"\n";
  auto start = std::chrono::steady_clock::now();
  FileResult r = lint(big);
  CHECK(r.ok);
  CHECK(secondsSince(start) < 60);
}

TEST_CASE("a long source line is shown as a window around the finding, the caret under it") {
  // A Terraform plan or a minified policy is one line of thousands of characters: each finding
  // once printed the whole line and a caret line as wide.
  std::string json = "{\"Version\": \"2012-10-17\", \"Statement\": [";
  for (int i = 0; i < 60; ++i)
    json += "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b" + std::to_string(i) +
            "/*\"},";
  json += "{\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}";
  FileResult r = lint(json, "input.json");
  const Finding* f = first(r, "IAM102");
  REQUIRE(f);
  std::string report = text(r);
  size_t at = report.find(" 1 | …");
  REQUIRE(at != std::string::npos);
  std::string shown = report.substr(at, report.find('\n', at) - at);
  std::string caret = report.substr(at + shown.size() + 1, report.find('\n', at + shown.size() + 1) - at - shown.size() - 1);
  CHECK(shown.size() <= 6 + 120 + 2 * 3);  // " 1 | ", 120 columns, two "…"
  // The caret stands under `"allow"`, counted in columns (the "…" is one column, three bytes).
  size_t caretColumn = caret.find('^');
  REQUIRE(caretColumn != std::string::npos);
  std::string before = shown.substr(0, caretColumn + 2);  // two more bytes for the "…"
  CHECK(shown.substr(caretColumn + 2, 7) == "\"allow\"");
  CHECK(caret.substr(caretColumn) == "^~~~~~~");
  (void)before;
}
