// The genomics corpus (../shared/corpus/genomics, read in place): the known IAM mistakes of
// the AWS Batch genomics templates are found by the "Know IAM" rules, at the exact place and
// with the fix. Each case names the file, and the rule, line, column and suggestion expected.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"

namespace fs = std::filesystem;
using namespace iamlint;

namespace {

fs::path genomics() { return fs::path(IAMLINT_SOURCE_DIR "/../shared/corpus") / "genomics"; }

struct Expected {
  const char* rule;
  uint32_t line, column;
  const char* suggestion;  // empty: none
};

std::vector<Finding> lint(const char* name) {
  std::string error;
  bool tooLarge = false;
  auto text = readFile((genomics() / name).string(), error, 64 << 20, tooLarge);
  REQUIRE_MESSAGE(text, "cannot read " << name << ": " << error);
  return lintText(name, std::move(*text), EngineOptions{}).findings;
}

std::string show(const std::vector<Finding>& findings, const char* rule) {
  std::ostringstream out;
  for (const Finding& f : findings)
    if (f.id() == rule)
      out << "\n  " << f.id() << " " << f.range.line << ":" << f.range.column << " " << f.message << " [" << f.suggestion << "]";
  return out.str();
}

// Every expected finding is there, exactly; and the file has no other finding of those rules.
void expectFindings(const char* name, std::vector<Expected> expected) {
  std::vector<Finding> findings = lint(name);
  INFO(name);
  for (const Expected& e : expected) {
    bool found = false;
    for (const Finding& f : findings)
      found = found || (f.id() == e.rule && f.range.line == e.line && f.range.column == e.column &&
                        f.suggestion == e.suggestion);
    CHECK_MESSAGE(found, "no " << e.rule << " at " << e.line << ":" << e.column << " suggesting `" << e.suggestion
                               << "`; found:" << show(findings, e.rule));
  }
  for (const char* rule : {"IAM201", "IAM202", "IAM301", "IAM302", "IAM802"}) {
    size_t want = 0, got = 0;
    for (const Expected& e : expected) want += std::string(e.rule) == rule;
    for (const Finding& f : findings) got += f.id() == rule;
    CHECK_MESSAGE(got == want, rule << ": " << got << " findings, " << want << " expected:" << show(findings, rule));
  }
}

bool corpusPresent() {
  if (fs::exists(genomics())) return true;
  MESSAGE("skipped: ../shared/corpus/genomics is not beside this checkout");
  return false;
}

}  // namespace

TEST_CASE("genomics: the misspelt EBS autoscale actions") {
  if (!corpusPresent()) return;
  expectFindings("aws-genomics-iam.template@ae9326a.yaml",
                 {{"IAM201", 58, 19, "ec2:AttachVolume"},
                  {"IAM802", 82, 9, "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole"}});
  // `Policies` is a mapping there (IAM007); its document is still read.
  expectFindings("cromwell-iam-roles.yaml", {{"IAM201", 24, 17, "ec2:AttachVolume"}});
  expectFindings("cromwell-batch-env-simple.template@2dbd9d6.yaml",
                 {{"IAM201", 140, 17, "ec2:AttachVolume"},
                  {"IAM201", 141, 17, "ec2:DescribeVolumes"},
                  {"IAM201", 142, 17, "ec2:ModifyInstanceAttribute"},
                  {"IAM802", 163, 9, "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole"}});
}

TEST_CASE("genomics: a Secrets Manager grant on SSM parameter ARNs") {
  if (!corpusPresent()) return;
  expectFindings("gwfcore-iam.template@5b9e49d.yaml", {{"IAM302", 44, 26, ""}, {"IAM302", 148, 26, ""}});
  for (const Finding& f : lint("gwfcore-iam.template@5b9e49d.yaml"))
    if (f.id() == "IAM302") {
      CHECK(f.message.find("`secretsmanager:GetSecretValue` applies to Secret ARNs") != std::string::npos);
      CHECK(f.message.find("not to parameter ARNs") != std::string::npos);
    }
}

TEST_CASE("genomics: S3 URIs inside bucket ARNs, with a dynamic reference kept opaque") {
  if (!corpusPresent()) return;
  const char* bucket = "arn:aws:s3:::{{resolve:ssm:/gwfcore/${GWFCoreNamespace}/s3-bucket:1}}";
  std::string objects = std::string(bucket) + "/*";
  expectFindings("cromwell-resources.template@b030175.yaml",
                 {{"IAM301", 259, 27, bucket}, {"IAM301", 260, 27, objects.c_str()}});
  expectFindings("nextflow-resources.template@b030175.yaml",
                 {{"IAM301", 183, 27, bucket}, {"IAM301", 184, 27, objects.c_str()}});
}
