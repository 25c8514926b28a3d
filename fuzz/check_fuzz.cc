// The whole check of one in-memory file: every rule, every built-in profile, every format.
#include "analyzer/engine/engine.h"
#include "fuzz/fuzz_util.h"
#include "iamlint/profile.h"

using namespace iamlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::shared_ptr<const Profile>> profiles = [] {
    std::vector<std::shared_ptr<const Profile>> out;
    for (const std::string& name : builtinProfileNames()) out.push_back(builtinProfile(name));
    return out;
  }();
  EngineOptions options;
  for (const auto& p : profiles)
    if (p) options.check.profiles.push_back(p.get());
  // The first byte chooses how the file is named and read, so both paths are explored.
  const char* path = size && (data[0] & 1) ? "template.json" : "template.yaml";
  RunResult run;
  run.files.push_back(lintText(path, fuzz::text(data, size), options, size && (data[0] & 2)));
  run.rulesRun = allRules();
  fuzz::renderAll(run);
  return 0;
}
