#include <doctest/doctest.h>

#include "analyzer/fix/fix.h"

using namespace iamlint;

namespace {

std::string fixed(const std::string& path, const std::string& text, std::vector<fix::Edit>* out = nullptr) {
  EngineOptions options;
  FileResult result = lintText(path, text, options);
  std::vector<fix::Edit> edits = fix::safeFixes(text, result);
  if (out) *out = edits;
  return fix::applyEdits(text, edits);
}

std::string policy(const std::string& version, const std::string& action, const std::string& resource = "*") {
  return "{" + version + "\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"" + action +
         "\", \"Resource\": \"" + resource + "\"}]}\n";
}

}  // namespace

TEST_CASE("a misspelt action is fixed only when one action is one edit away") {
  CHECK(fixed("p.json", policy("\"Version\": \"2012-10-17\", ", "s3:GetObjekt")) ==
        policy("\"Version\": \"2012-10-17\", ", "s3:GetObject"));
  // CreateSnapshot and CreateSnapshots are both one edit from CreateSnapshos.
  std::string tie = policy("\"Version\": \"2012-10-17\", ", "ec2:CreateSnapshos");
  CHECK(fixed("p.json", tie) == tie);
  // Two edits: a different action (a read for a write), not a typo.
  std::string far = policy("\"Version\": \"2012-10-17\", ", "s3:PutObjectVersion");
  CHECK(fixed("p.json", far) == far);
  // Case alone is no defect: IAM matches actions case-insensitively, and nothing is reported.
  std::string cased = policy("\"Version\": \"2012-10-17\", ", "s3:getobject");
  CHECK(fixed("p.json", cased) == cased);
}

TEST_CASE("a missing Version is added where it cannot change what the policy means") {
  std::vector<fix::Edit> edits;
  CHECK(fixed("p.json", policy("", "s3:GetObject", "arn:aws:s3:::b/*"), &edits) ==
        policy("\"Version\": \"2012-10-17\", ", "s3:GetObject", "arn:aws:s3:::b/*"));
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].rule == "IAM101");
  CHECK(edits[0].length == 0);
  // With a policy variable the version changes its meaning: left alone.
  std::string variable = policy("", "s3:GetObject", "arn:aws:s3:::b/${aws:username}/*");
  CHECK(fixed("p.json", variable) == variable);
  // CRLF text keeps CRLF.
  std::string crlf = "{\r\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\", \"Resource\": \"arn:aws:s3:::b\"}]\r\n}\r\n";
  CHECK(fixed("p.json", crlf) ==
        "{\r\n  \"Version\": \"2012-10-17\",\r\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\", \"Resource\": \"arn:aws:s3:::b\"}]\r\n}\r\n");
}

TEST_CASE("a wrong Version is corrected only when it is a near miss of 2012-10-17") {
  CHECK(fixed("p.json", policy("\"Version\": \"2012-10-18\", ", "s3:ListBucket", "arn:aws:s3:::b")) ==
        policy("\"Version\": \"2012-10-17\", ", "s3:ListBucket", "arn:aws:s3:::b"));
  for (const char* v : {"2008-10-18", "latest", "2012"}) {
    std::string text = policy("\"Version\": \"" + std::string(v) + "\", ", "s3:ListBucket", "arn:aws:s3:::b");
    CHECK_MESSAGE(fixed("p.json", text) == text, v);
  }
}

TEST_CASE("the unified diff of fixes") {
  std::string text = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl";  // no newline at the end
  std::vector<fix::Edit> edits = {{2, 1, "B", "IAM201", 2, ""}, {22, 1, "L", "IAM201", 12, ""}};
  CHECK(fix::unifiedDiff("x.yaml", text, edits) ==
        "--- a/x.yaml\n+++ b/x.yaml\n"
        "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n"
        "@@ -9,4 +9,4 @@\n i\n j\n k\n-l\n\\ No newline at end of file\n+L\n\\ No newline at end of file\n");
  CHECK(fix::unifiedDiff("x.yaml", text, {}).empty());
  CHECK(fix::applyEdits(text, edits) == "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL");
}
