#include <doctest/doctest.h>

#include <algorithm>

#include "analyzer/iamdata/catalog_impl.h"
#include "iamlint/catalog.h"

using iamlint::Catalog;

TEST_CASE("managed policies by name and by ARN in any partition") {
  const Catalog& c = Catalog::instance();
  const auto* batch = c.findManagedPolicy("arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole");
  REQUIRE(batch != nullptr);
  CHECK(std::string(batch->name) == "AWSBatchServiceRole");
  CHECK(std::string(batch->path) == "/service-role/");
  CHECK(batch->arn == "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole");
  CHECK_FALSE(batch->deprecated);
  REQUIRE(batch->documentJson().has_value());
  CHECK(batch->documentJson()->find("\"Statement\"") != std::string_view::npos);
  CHECK(c.findManagedPolicy("arn:aws-cn:iam::aws:policy/service-role/AWSBatchServiceRole") == batch);
  CHECK(c.findManagedPolicy("AWSBatchServiceRole") == batch);
  // The path is part of the ARN: a wrong one names no policy.
  CHECK(c.findManagedPolicy("arn:aws:iam::aws:policy/AWSBatchServiceRole") == nullptr);
  CHECK(c.findManagedPolicy("arn:aws:iam::123456789012:policy/AWSBatchServiceRole") == nullptr);
  CHECK(c.findManagedPolicy("NoSuchPolicy") == nullptr);
  const auto* admin = c.findManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
  REQUIRE(admin != nullptr);
  CHECK(std::string(*admin->documentJson()) == R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
}

TEST_CASE("AmazonEC2SpotFleetRole is deprecated, its document unknown") {
  const Catalog& c = Catalog::instance();
  const auto* p = c.findManagedPolicy("arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetRole");
  REQUIRE(p != nullptr);
  CHECK(p->deprecated);
  CHECK(std::string(p->replacement) == "AmazonEC2SpotFleetTaggingRole");
  CHECK_FALSE(p->documentJson().has_value());  // unknown, not empty
  const auto* tagging = c.findManagedPolicy(p->replacement);
  REQUIRE(tagging != nullptr);
  CHECK_FALSE(tagging->deprecated);
  CHECK(tagging->documentJson().has_value());
}

TEST_CASE("deprecated policies the package still ships keep their documents") {
  const auto* ssm = Catalog::instance().findManagedPolicy("AmazonEC2RoleforSSM");
  REQUIRE(ssm != nullptr);
  CHECK(ssm->deprecated);
  CHECK(std::string(ssm->replacement) == "AmazonSSMManagedInstanceCore");
  CHECK(ssm->documentJson().has_value());
}

TEST_CASE("every deprecated policy is listed and replacements exist") {
  const Catalog& c = Catalog::instance();
  auto all = c.managedPolicies();
  CHECK(all.size() > 1600);
  size_t deprecated = 0, unknownDocuments = 0;
  for (const auto& p : all) {
    if (p.deprecated) ++deprecated;
    if (!p.documentJson()) {
      ++unknownDocuments;
      CHECK(p.deprecated);  // only a deprecated policy may lack its document
    }
    if (!p.replacement.empty()) {
      const auto* r = c.findManagedPolicy(p.replacement);
      CHECK_MESSAGE(r != nullptr, p.name);
    }
  }
  CHECK(deprecated == 77);  // the 76 of the corpus index and data sources, and AWSConfigRole (AWS Config docs)
  CHECK(unknownDocuments > 40);
  CHECK(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) {
    std::string x(a.name), y(b.name);
    for (char& c : x) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : y) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return x < y;
  }));
  CHECK(c.suggestManagedPolicies("AmazonEC2SpotFleetTagingRole", 1).front() == "AmazonEC2SpotFleetTaggingRole");
}

TEST_CASE("a single lookup agrees with the full table for every policy") {
  const Catalog& c = Catalog::instance();
  size_t checked = 0;
  for (const iamlint::ManagedPolicyInfo& full : c.managedPolicies()) {
    const iamlint::ManagedPolicyInfo* one = c.findManagedPolicy(full.name);
    REQUIRE_MESSAGE(one, full.name);
    CHECK(one->name == full.name);
    CHECK(one->path == full.path);
    CHECK(one->arn == full.arn);
    CHECK(one->deprecated == full.deprecated);
    CHECK(one->replacement == full.replacement);
    CHECK(one->document.has_value() == full.document.has_value());
    if (one->document && full.document) CHECK(*one->document == *full.document);
    ++checked;
  }
  CHECK(checked > 1600);
  CHECK(c.findManagedPolicy("NoSuchPolicyAnywhere") == nullptr);
}

TEST_CASE("an index line is found by bisecting the index text") {
  using iamlint::iamdata::findIndexLine;
  const std::string index =
      "# generated\n# second comment\nAlpha\t/\tv1\t0\t1\nBeta\t/\tv2\t2\t1\nbeta\t/\tv1\t1\t1\n"
      "Gamma\t/x/\tv3\t3\t1\nzeta\t/\tv1\t4\t1";
  CHECK(findIndexLine(index, "Alpha") == "Alpha\t/\tv1\t0\t1");
  CHECK(findIndexLine(index, "Beta") == "Beta\t/\tv2\t2\t1");
  CHECK(findIndexLine(index, "beta") == "beta\t/\tv1\t1\t1");
  CHECK(findIndexLine(index, "Gamma") == "Gamma\t/x/\tv3\t3\t1");
  CHECK(findIndexLine(index, "zeta") == "zeta\t/\tv1\t4\t1");  // the last line, without a newline
  CHECK(findIndexLine(index, "gamma").empty());                    // names are exact
  CHECK(findIndexLine(index, "Aardvark").empty());
  CHECK(findIndexLine(index, "Delta").empty());
  CHECK(findIndexLine(index, "zz").empty());
  CHECK(findIndexLine("# only a comment\n", "Alpha").empty());
  CHECK(findIndexLine("", "Alpha").empty());
}
