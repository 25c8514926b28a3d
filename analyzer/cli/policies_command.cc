// `iamlint policies PATH`: every policy iamlint read from a file, and each principal's policy
// set, as JSON: what the rules looked at (and, under SAM, what iamlint expanded).
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"

namespace iamlint {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void values(Writer& w, const char* key, const std::vector<Value>& vs) {
  w.Key(key);
  w.StartArray();
  for (const Value& v : vs)
    for (const Resolved& r : v.alts) w.String(r.text.c_str());
  w.EndArray();
}

void policy(Writer& w, const Policy& p) {
  w.StartObject();
  w.Key("name"), w.String(p.name.c_str());
  w.Key("kind"), w.String(policyKindName(p.kind));
  w.Key("resource"), w.String(p.resource.c_str());
  w.Key("resourceType"), w.String(p.resourceType.c_str());
  w.Key("property"), w.String(p.property.c_str());
  if (p.awsManaged) w.Key("awsManagedArn"), w.String(p.awsManagedArn.c_str());
  w.Key("transformWritten"), w.Bool(p.transformWritten);
  if (p.document && p.document->range.valid()) w.Key("line"), w.Uint(p.document->range.line);
  w.Key("statements");
  w.StartArray();
  for (const Statement& st : p.statements) {
    w.StartObject();
    w.Key("effect"), w.String(st.effect == Effect::Allow ? "Allow" : st.effect == Effect::Deny ? "Deny" : "?");
    values(w, st.notAction ? "notActions" : "actions", st.actions);
    values(w, st.notResource ? "notResources" : "resources", st.resources);
    if (!st.guard.empty()) w.Key("condition"), w.String(guardExpression(st.guard).c_str());
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

int runPolicies(const Args& args) {
  if (args.size() != 1 || args[0] == "--help" || args[0] == "-h") {
    (args.size() == 1 ? std::cout : std::cerr)
        << "usage: iamlint policies PATH\n\nPrints, as JSON, every policy iamlint read from the file and each\n"
           "principal's policy set (with what a transform such as SAM generates).\n";
    return args.size() == 1 ? kExitClean : kExitUsage;
  }
  std::string error;
  bool tooLarge = false;
  std::optional<std::string> text = readFile(args[0], error, 64 << 20, tooLarge);
  if (!text || tooLarge) {
    std::cerr << "iamlint: " << args[0] << ": " << (tooLarge ? "file too large" : error) << "\n";
    return kExitUsage;
  }
  AnalyzedText file = analyzeText(args[0], std::move(*text), AnalysisOptions{});
  if (!file.ok) {
    std::cerr << "iamlint: " << args[0] << ": " << file.error << "\n";
    return kExitUsage;
  }
  const Analysis& a = *file.analysis;
  rapidjson::OStreamWrapper os(std::cout);
  Writer w(os);
  w.StartObject();
  w.Key("policies");
  w.StartArray();
  for (const Policy& p : a.policies) policy(w, p);
  w.EndArray();
  w.Key("principals");
  w.StartArray();
  for (const IamPrincipal& pr : a.principals) {
    w.StartObject();
    w.Key("id"), w.String(pr.logicalId.c_str());
    w.Key("type"), w.String(pr.type.c_str());
    if (pr.resource && !pr.resource->generatedFrom.empty())
      w.Key("generatedFrom"), w.String(pr.resource->generatedFrom.c_str());
    w.Key("managedPolicies");
    w.StartArray();
    for (const ManagedPolicyRef& m : pr.managedPolicies)
      for (const Resolved& r : m.arn.alts) w.String(r.text.c_str());
    w.EndArray();
    w.Key("policies");
    w.StartArray();
    for (const Policy* p : pr.policies) w.String(p->awsManaged ? p->awsManagedArn.c_str() : p->name.c_str());
    w.EndArray();
    if (pr.trust) w.Key("trust"), policy(w, *pr.trust);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::cout << "\n";
  return kExitClean;
}

}  // namespace iamlint
