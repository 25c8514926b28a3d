// Baselines: the fingerprints of findings a team has accepted (`check --baseline FILE`), read
// once, and written with `--write-baseline FILE`.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzer/engine/engine.h"

namespace iamlint {

struct Baseline {
  std::multiset<std::string> fingerprints;  // one entry absorbs one finding
};

// False, with `error` naming the file, when it cannot be read or is not an iamlint baseline.
bool readBaseline(const std::string& path, Baseline& out, std::string& error);
// Marks each finding New or Unchanged. Each baseline entry absorbs one finding, so a second
// copy of an accepted problem is new.
void applyBaseline(const Baseline& baseline, std::vector<FileResult>& files);
// The unsuppressed findings of `files`, written atomically.
bool writeBaseline(const std::string& path, const std::vector<FileResult>& files, std::string& error);

}  // namespace iamlint
