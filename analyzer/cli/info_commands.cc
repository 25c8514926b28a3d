// `rules`, `explain` and `version`: what iamlint knows about itself.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/report/rule_docs.h"
#include "iamlint/catalog.h"
#include "iamlint/rule.h"

namespace iamlint {

int runRules(const Args& args) {
  bool json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--format" || args[i] == "-f") && i + 1 < args.size()) json = args[++i] == "json";
    else if (args[i] == "--format=json") json = true;
    else if (args[i] != "--format=text") {
      std::cerr << "iamlint: usage: iamlint rules [--format text|json]\n";
      return kExitUsage;
    }
  }
  if (json) {
    rapidjson::OStreamWrapper stream(std::cout);
    rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(stream);
    w.SetIndent(' ', 1);
    w.StartArray();
    for (const Rule* r : allRules()) {
      w.StartObject();
      w.Key("id"), w.String(r->info.id.data(), static_cast<rapidjson::SizeType>(r->info.id.size()));
      w.Key("name"), w.String(r->info.name.data(), static_cast<rapidjson::SizeType>(r->info.name.size()));
      w.Key("level"), w.String(levelName(r->info.level));
      w.Key("summary"), w.String(r->info.summary.data(), static_cast<rapidjson::SizeType>(r->info.summary.size()));
      if (r->info.securitySeverity > 0) w.Key("securitySeverity"), w.Double(r->info.securitySeverity);
      w.EndObject();
    }
    w.EndArray();
    std::cout << "\n";
    return kExitClean;
  }
  for (const Rule* r : allRules()) {
    std::string name(r->info.name);
    name.resize(std::max<size_t>(name.size(), 40), ' ');
    std::string level = levelName(r->info.level);
    level.resize(8, ' ');
    std::cout << r->info.id << "  " << name << level << r->info.summary << "\n";
  }
  return kExitClean;
}

int runExplain(const Args& args) {
  if (args.size() != 1) {
    std::cerr << "iamlint: usage: iamlint explain RULE (an id such as IAM201, or a name)\n";
    return kExitUsage;
  }
  const Rule* rule = findRule(args[0]);
  if (!rule) {
    std::cerr << "iamlint: no rule `" << args[0] << "`; `iamlint rules` lists them\n";
    return kExitUsage;
  }
  std::cout << ruleMarkdownPage(rule->info);
  return kExitClean;
}

int runVersion(const Args&) {
  DataVersions v = Catalog::instance().dataVersions();
  std::cout << "iamlint " << IAMLINT_VERSION << "\n"
            << "IAM data: " << v.iamDataPackage << " " << v.iamDataVersion << " (" << v.iamDataDate << ")\n"
            << "AWS managed policies: " << v.managedPoliciesPackage << " " << v.managedPoliciesVersion << " ("
            << v.managedPoliciesDate << ")\n";
  return kExitClean;
}

}  // namespace iamlint
