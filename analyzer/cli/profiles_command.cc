// Requirement profiles on the command line: `--profile NAME|FILE` for `check` (and
// `profiles:` in .iamlint.yaml), and `iamlint profiles`, which lists the built-in ones with
// the documents they encode.
#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/options.h"
#include "iamlint/profile.h"

namespace iamlint {

bool loadProfiles(CheckSettings& settings, std::string& error) {
  settings.loadedProfiles.clear();
  settings.engine.check.profiles.clear();
  for (const std::string& nameOrPath : settings.profiles) {
    std::vector<ProfileError> errors;
    std::shared_ptr<const Profile> loaded = loadProfile(nameOrPath, errors);
    if (!loaded) {
      error.clear();
      for (const ProfileError& e : errors) error += (error.empty() ? "" : "\n") + e.render();
      return false;
    }
    // `--parameter bucket=x` names a profile parameter; `--parameter S3BucketName=x` the
    // template parameter behind it. Either fixes both.
    auto profile = std::make_shared<Profile>(*loaded);
    auto& overrides = settings.engine.analysis.parameters;
    for (const ProfileParameter& p : profile->parameters) {
      if (auto it = overrides.find(p.name); it != overrides.end()) {
        profile->values[p.name] = it->second;
        if (!p.templateParameter.empty() && !overrides.count(p.templateParameter))
          overrides[p.templateParameter] = it->second;
      } else if (auto tp = overrides.find(p.templateParameter); tp != overrides.end()) {
        profile->values[p.name] = tp->second;
      }
    }
    settings.loadedProfiles.push_back(profile);
    settings.engine.check.profiles.push_back(profile.get());
  }
  return true;
}

int runProfiles(const Args& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << "usage: iamlint profiles [NAME|FILE]...\n\n"
                 "Lists the built-in requirement profiles and the documents they encode, or\n"
                 "checks and describes the named profiles. Use one with `iamlint check --profile NAME`.\n";
    return kExitClean;
  }
  std::vector<std::string> names = args.empty() ? builtinProfileNames() : args;
  int status = kExitClean;
  for (const std::string& name : names) {
    std::vector<ProfileError> errors;
    std::shared_ptr<const Profile> p = loadProfile(name, errors);
    if (!p) {
      for (const ProfileError& e : errors) std::cerr << e.render() << "\n";
      status = kExitUsage;
      continue;
    }
    std::cout << p->name << (p->builtin ? "" : " (" + p->path + ")") << "\n  " << p->title << "\n";
    for (const ProfileSource& s : p->sources) {
      std::cout << "  source: " << s.url;
      if (!s.commit.empty()) std::cout << " @" << s.commit;
      if (!s.date.empty()) std::cout << " (" << s.date << ")";
      std::cout << "\n";
    }
    std::cout << "  roles:";
    for (const ProfileRole& r : p->roles)
      std::cout << " " << r.id
                << (r.need == RoleNeed::Optional ? " (optional)" : r.need == RoleNeed::Conditional ? " (conditional)" : "");
    std::cout << "\n";
    for (const ProfileParameter& pp : p->parameters)
      std::cout << "  parameter: " << pp.name << " = template parameter " << pp.templateParameter << "\n";
  }
  return status;
}

}  // namespace iamlint
