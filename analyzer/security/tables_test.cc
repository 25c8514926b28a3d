#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/security/tables.h"
#include "iamlint/catalog.h"

using namespace iamlint::security;

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

// The arrays are made at build time from data/*.tsv; they must say what the TSV text says.
TEST_CASE("the generated escalation methods are the rows of escalation-methods.tsv") {
  auto rows = parseTable(iamlint::iamdata::builtinData().escalationMethods,
                         {"id", "name", "required_actions", "resource_note", "source"});
  const auto& methods = escalationMethods();
  REQUIRE(methods.size() == rows.size());
  CHECK(methods.size() > 70);
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(methods[i].id == rows[i][0]);
    CHECK(methods[i].name == rows[i][1]);
    const std::vector<std::string> actions(methods[i].actions.begin(), methods[i].actions.end());
    CHECK(actions == splitFields(rows[i][2], ','));
    // Each action's number is its place among all the methods' actions, sorted.
    REQUIRE(methods[i].actionNumbers.size() == methods[i].actions.size());
    for (size_t k = 0; k < actions.size(); ++k) {
      CHECK(escalationActions()[methods[i].actionNumbers[k]] == actions[k]);
      CHECK(escalationActionNumber(actions[k]) == methods[i].actionNumbers[k]);
    }
    CHECK(methods[i].resourceNote == rows[i][3]);
    CHECK(methods[i].source == rows[i][4]);
  }
  CHECK(methods[0].id == "create-policy-version");
  CHECK(std::vector<std::string>(methods[0].actions.begin(), methods[0].actions.end()) ==
        std::vector<std::string>{"iam:CreatePolicyVersion"});
  CHECK(std::is_sorted(escalationActions().begin(), escalationActions().end()));
  CHECK(std::adjacent_find(escalationActions().begin(), escalationActions().end()) == escalationActions().end());
  CHECK(escalationActionNumber("IAM:createpolicyversion") == escalationActionNumber("iam:CreatePolicyVersion"));
  CHECK(escalationActionNumber("iam:CreatePolicyVersion") >= 0);
  CHECK(escalationActionNumber("iam:CreatePolicyVersio") == -1);
  CHECK(escalationActionNumber("s3:GetObject") == -1);
}

TEST_CASE("the generated service principals are lower case, sorted, and found ignoring case") {
  auto rows = parseTable(iamlint::iamdata::builtinData().servicePrincipals, {"principal", "regional"});
  const auto& principals = servicePrincipals();
  REQUIRE(principals.size() == rows.size());
  CHECK(std::is_sorted(principals.begin(), principals.end(),
                       [](const auto& a, const auto& b) { return a.principal < b.principal; }));
  for (const auto& r : rows) {
    const ServicePrincipal* p = findServicePrincipal(r[0]);
    REQUIRE(p != nullptr);
    CHECK(p->principal == lower(r[0]));
  }
  const ServicePrincipal* lambda = findServicePrincipal("Lambda.AmazonAWS.com");
  REQUIRE(lambda != nullptr);
  CHECK(lambda->principal == "lambda.amazonaws.com");
  CHECK(findServicePrincipal("lamda.amazonaws.com") == nullptr);
  CHECK(findServicePrincipal("") == nullptr);
  CHECK(findServicePrincipal("zzzz.amazonaws.com") == nullptr);
}

TEST_CASE("the generated sensitive actions keep the file's order, and a lookup ignores case") {
  auto rows = parseTable(iamlint::iamdata::builtinData().sensitiveActions, {"action", "category", "why"});
  const auto& actions = sensitiveActions();
  REQUIRE(actions.size() == rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(actions[i].action == rows[i][0]);
    CHECK(actions[i].why == rows[i][2]);
    CHECK(std::string(sensitiveCategoryName(actions[i].category)) ==
          (rows[i][1] == "credential-exposure" ? "credential exposure"
           : rows[i][1] == "resource-exposure" ? "resource exposure"
                                               : "data exfiltration"));
    // The first row of a name, as a scan in file order finds it.
    const SensitiveAction* found = findSensitiveAction(lower(rows[i][0]));
    REQUIRE(found != nullptr);
    CHECK(found == &*std::find_if(actions.begin(), actions.end(),
                                  [&](const auto& a) { return lower(std::string(a.action)) == lower(rows[i][0]); }));
  }
  const SensitiveAction* key = findSensitiveAction("IAM:createaccesskey");
  REQUIRE(key != nullptr);
  CHECK(key->action == "iam:CreateAccessKey");
  CHECK(key->category == SensitiveCategory::CredentialExposure);
  CHECK(findSensitiveAction("iam:CreateAccessKeys") == nullptr);
  CHECK(findSensitiveAction("") == nullptr);
}

TEST_CASE("a service's sensitive rows are the rows a lookup finds for each of its actions") {
  const iamlint::Catalog& catalog = iamlint::Catalog::instance();
  size_t services = 0;
  for (std::string_view prefix : catalog.servicePrefixes()) {
    const iamlint::ServiceInfo* svc = catalog.service(prefix);
    REQUIRE(svc != nullptr);
    std::vector<const SensitiveAction*> byAction;
    for (const iamlint::ActionInfo& a : svc->actions)
      if (const SensitiveAction* s = findSensitiveAction(a.fullName())) byAction.push_back(s);
    std::vector<const SensitiveAction*> ofService;
    for (const SensitiveAction* s : sensitiveActionsOf(prefix))
      if (catalog.findAction(s->action)) ofService.push_back(s);
    std::sort(byAction.begin(), byAction.end());
    std::sort(ofService.begin(), ofService.end());
    CHECK(byAction == ofService);
    services += !byAction.empty();
  }
  CHECK(services > 10);
  CHECK(sensitiveActionsOf("IAM") == sensitiveActionsOf("iam"));
  CHECK(sensitiveActionsOf("nosuchservice").empty());
}
