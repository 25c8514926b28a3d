#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/iamdata/catalog_pack.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"
#include "iamlint/catalog.h"

using namespace iamlint;
using namespace iamlint::iamdata;

namespace {
std::string_view bytesOf(const std::vector<uint32_t>& words) {
  return {reinterpret_cast<const char*>(words.data()), words.size() * sizeof(uint32_t)};
}
}  // namespace

TEST_CASE("the built-in pack is exactly what packing the built-in JSON lines gives") {
  const EmbeddedData& data = builtinData();
  const std::vector<uint32_t> words = packCatalog(data.catalog, data.catalogIndex);
  REQUIRE(data.catalogPack.size() == words.size() * sizeof(uint32_t));
  CHECK(std::memcmp(data.catalogPack.data(), words.data(), data.catalogPack.size()) == 0);
}

TEST_CASE("packing service by service, as a data directory is read, gives the same bytes") {
  const EmbeddedData& data = builtinData();
  CatalogPacker packer;
  for (std::string_view line : split(data.catalogIndex, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = split(line, '\t');
    REQUIRE(f.size() == 5);
    std::string_view payload = data.catalog.substr(std::stoul(std::string(f[3])), std::stoul(std::string(f[4])));
    packer.add(parseService(f[0], payload.substr(f[0].size() + 1)), f[1], f[2]);
  }
  const std::vector<uint32_t> words = packer.finish();
  REQUIRE(data.catalogPack.size() == words.size() * sizeof(uint32_t));
  CHECK(std::memcmp(data.catalogPack.data(), words.data(), data.catalogPack.size()) == 0);
}

TEST_CASE("every service read from the pack equals its JSON line, parsed") {
  const EmbeddedData& data = builtinData();
  const Catalog& catalog = Catalog::instance();
  size_t services = 0, actions = 0, keys = 0;
  for (std::string_view line : split(data.catalog, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    const std::string_view prefix = line.substr(0, tab);
    const ParsedService parsed = parseService(prefix, line.substr(tab + 1));
    const ServiceInfo* s = catalog.service(prefix);
    REQUIRE(s != nullptr);
    ++services;
    CHECK(s->prefix == prefix);
    CHECK(s->name == parsed.name);
    REQUIRE(s->actions.size() == parsed.actions.size());
    for (size_t i = 0; i < parsed.actions.size(); ++i) {
      const ActionInfo& a = s->actions[i];
      const ParsedService::Action& p = parsed.actions[i];
      ++actions;
      CHECK(a.service == prefix);
      CHECK(a.name == p.name);
      CHECK(a.accessLevel == p.accessLevel);
      CHECK(std::vector<std::string_view>(a.conditionKeys.begin(), a.conditionKeys.end()) == p.conditionKeys);
      REQUIRE(a.resourceTypes.size() == p.resourceTypes.size());
      for (size_t j = 0; j < p.resourceTypes.size(); ++j) {
        CHECK(a.resourceTypes[j].name == p.resourceTypes[j].name);
        CHECK(a.resourceTypes[j].required == p.resourceTypes[j].required);
        CHECK(std::vector<std::string_view>(a.resourceTypes[j].conditionKeys.begin(),
                                            a.resourceTypes[j].conditionKeys.end()) == p.resourceTypes[j].conditionKeys);
      }
      CHECK(catalog.findAction(prefix, p.name) == &a);
    }
    REQUIRE(s->resourceTypes.size() == parsed.resourceTypes.size());
    for (size_t i = 0; i < parsed.resourceTypes.size(); ++i) {
      CHECK(s->resourceTypes[i].service == prefix);
      CHECK(s->resourceTypes[i].name == parsed.resourceTypes[i].name);
      CHECK(s->resourceTypes[i].arnFormat == parsed.resourceTypes[i].arnFormat);
      CHECK(std::vector<std::string_view>(s->resourceTypes[i].conditionKeys.begin(),
                                          s->resourceTypes[i].conditionKeys.end()) == parsed.resourceTypes[i].conditionKeys);
    }
    REQUIRE(s->conditionKeys.size() == parsed.conditionKeys.size());
    for (size_t i = 0; i < parsed.conditionKeys.size(); ++i) {
      ++keys;
      CHECK(s->conditionKeys[i].name == parsed.conditionKeys[i].name);
      CHECK(s->conditionKeys[i].type == parsed.conditionKeys[i].type);
      CHECK(s->conditionKeys[i].service == prefix);
      CHECK_FALSE(s->conditionKeys[i].global);
      CHECK(s->conditionKeys[i].templated == isTemplatedKey(parsed.conditionKeys[i].name));
    }
  }
  CHECK(services == 456);
  CHECK(actions > 18000);
  CHECK(keys > 1000);
}

TEST_CASE("the pack's ARN-field and key-prefix indexes are those of the catalog index") {
  const Catalog& c = Catalog::instance();
  // wafv2 has resource types with apigateway ARNs (the index line of wafv2 names the field).
  std::vector<std::string_view> services;
  for (const ResourceTypeInfo* rt : c.resourceTypesOfArnService("APIGATEWAY")) services.push_back(rt->service);
  CHECK(std::find(services.begin(), services.end(), "apigateway") != services.end());
  CHECK(std::find(services.begin(), services.end(), "wafv2") != services.end());
  CHECK(std::find(services.begin(), services.end(), "execute-api") == services.end());
  CHECK(c.resourceTypesOfArnService("no-such-field").empty());
  const ConditionKeyInfo* k = c.findConditionKey("token.actions.githubusercontent.com:ACTOR");
  REQUIRE(k != nullptr);
  CHECK(k->service == "sts");
  CHECK(k->name == "token.actions.githubusercontent.com:actor");
  const ConditionKeyInfo* templated = c.findConditionKey("token.actions.githubusercontent.com/x:actor");
  REQUIRE(templated != nullptr);
  CHECK(templated->name == "token.actions.githubusercontent.com/${SubPath}:actor");
  CHECK(templated->templated);
  CHECK(c.findConditionKey("saml:aud") != nullptr);
  CHECK(c.findConditionKey("nosuchprefix:aud") == nullptr);
}

TEST_CASE("a pack of the wrong version, size or alignment is refused with a message") {
  const EmbeddedData& data = builtinData();
  std::vector<uint32_t> words = packCatalog(data.catalog, data.catalogIndex);
  CHECK_NOTHROW(PackView(bytesOf(words)));
  CHECK_THROWS_AS(PackView(bytesOf(words).substr(0, 16)), std::runtime_error);
  CHECK_THROWS_AS(PackView(bytesOf(words).substr(0, words.size() * 4 - 4)), std::runtime_error);
  CHECK_THROWS_AS(PackView(bytesOf(words).substr(1)), std::runtime_error);
  words[1] = pack::kVersion + 1;
  CHECK_THROWS_WITH_AS(PackView(bytesOf(words)),
                       "iamlint: the packed IAM catalog is corrupt or of another iamlint version", std::runtime_error);
}

TEST_CASE("packing names the index line or service at fault") {
  const std::string header = "# stamp\n";
  const std::string catalog = header + "s3\t{\"n\":\"Amazon S3\",\"a\":[[\"GetObject\",\"R\",[],[]]],\"r\":[],\"k\":[]}\n";
  const std::string good = header + "s3\ts3\t\t8\t" + std::to_string(catalog.size() - 9) + "\n";
  std::vector<uint32_t> words = packCatalog(catalog, good);
  PackView view(bytesOf(words));
  REQUIRE(view.header->services == 1);
  CHECK(view.str(view.services[0].name) == "Amazon S3");
  CHECK(view.str(view.actions[0].name) == "GetObject");
  CHECK_THROWS_WITH(packCatalog(catalog, header + "s3\ts3\t\t8\n"),
                    "iam-catalog.jsonl.index:2: expected 5 tab-separated fields");
  CHECK_THROWS_WITH(packCatalog(catalog, header + "s3\ts3\t\t8\t9999\n"),
                    "iam-catalog.jsonl.index:2: the offset and length are not a line of iam-catalog.jsonl");
  CHECK_THROWS_WITH(packCatalog(catalog, header + "ec2\ts3\t\t8\t10\n"),
                    "iam-catalog.jsonl.index:2: the catalog line does not start with `ec2` and a tab");
  const std::string broken = header + "s3\t{\"n\":\"Amazon S3\",\"a\":[[\"GetObject\"]]}\n";
  CHECK_THROWS_WITH(packCatalog(broken, header + "s3\ts3\t\t8\t" + std::to_string(broken.size() - 9) + "\n"),
                    "iamlint: embedded IAM data for service 's3' is corrupt");
  CHECK_THROWS_WITH(packCatalog(catalog, header), "iam-catalog.jsonl.index: no services");
}
