// The shared corpora, read in place: every file loads without a crash, IAM001 fires exactly for
// the files that are really broken, and the known template defects are found where they are.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"

namespace fs = std::filesystem;
using namespace iamlint;

static fs::path corpus() { return fs::path(IAMLINT_SOURCE_DIR) / ".." / "shared" / "corpus"; }

static FileResult lintCorpusFile(const fs::path& path) {
  std::string error;
  bool tooLarge = false;
  auto text = readFile(path.string(), error, 64 << 20, tooLarge);
  REQUIRE(text);
  return lintText(fs::relative(path, corpus()).generic_string(), std::move(*text), EngineOptions{}, false);
}

static const Finding* only(const FileResult& r, const char* rule) {
  const Finding* found = nullptr;
  for (const Finding& f : r.findings)
    if (f.id() == rule) {
      CHECK_MESSAGE(found == nullptr, "more than one " << rule);
      found = &f;
    }
  return found;
}

TEST_CASE("corpus: every file loads; IAM001 only for the really broken file; no grammar finding on AWS policies") {
  if (!fs::exists(corpus())) {
    MESSAGE("skipped: ../shared/corpus is not beside this checkout");
    return;
  }
  std::set<std::string> parseErrors;
  size_t files = 0, managedGrammar = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus())) {
    if (!e.is_regular_file()) continue;
    // The public templates (external/) and Terraform plans have tests of their own.
    std::string relative = fs::relative(e.path(), corpus()).generic_string();
    if (relative.rfind("external/", 0) == 0 || relative.rfind("terraform/", 0) == 0) continue;
    std::string ext = e.path().extension().string();
    if (ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".template") continue;
    FileResult r = lintCorpusFile(e.path());
    ++files;
    for (const Finding& f : r.findings) {
      if (f.id() == "IAM001") parseErrors.insert(r.path + ":" + std::to_string(f.range.line));
      if (r.path.rfind("managed-policies/", 0) == 0 && f.id().rfind("IAM1", 0) == 0) ++managedGrammar;
    }
  }
  CHECK(files > 1900);
  CHECK(parseErrors == std::set<std::string>{"genomics/cromwell-server.template@889c54e.yaml:78"});
  CHECK(managedGrammar == 0);
}

TEST_CASE("corpus: the duplicate ManagedPolicyArns key and the unquoted Null key") {
  if (!fs::exists(corpus())) {
    MESSAGE("skipped: ../shared/corpus is not beside this checkout");
    return;
  }
  FileResult dup = lintCorpusFile(corpus() / "genomics" / "aws-genomics-iam.template@13849e9.yaml");
  const Finding* d = only(dup, "IAM002");
  REQUIRE(d);
  CHECK(d->range.line == 96);
  CHECK(d->range.column == 7);
  CHECK(d->resource == "GenomicsEnvBatchInstanceRole");
  CHECK(d->message == "duplicate key `ManagedPolicyArns`; only one of the values is used, and which one depends on the parser");
  REQUIRE(d->related.size() == 1);
  CHECK(d->related[0].range.line == 52);

  FileResult null = lintCorpusFile(corpus() / "genomics" / "aws-genomics-iam.template@027f109.yaml");
  const Finding* n = only(null, "IAM003");
  REQUIRE(n);
  CHECK(n->range.line == 68);
  CHECK(n->range.column == 19);
  CHECK(n->suggestion == "\"Null\"");
  // The fixed version quotes it.
  FileResult fixed = lintCorpusFile(corpus() / "genomics" / "aws-genomics-iam.template@730bd01.yaml");
  CHECK(only(fixed, "IAM003") == nullptr);

  FileResult broken = lintCorpusFile(corpus() / "genomics" / "cromwell-server.template@889c54e.yaml");
  const Finding* p = only(broken, "IAM001");
  REQUIRE(p);
  CHECK(p->message == "invalid YAML: the text of the block scalar `>-` on line 77 must be indented more than its key");
  CHECK(p->range.line == 78);
  CHECK(p->range.column == 5);
}
