// `check --fix` and `check --diff`: the safe fixes (analyzer/fix) applied to linted files.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "analyzer/report/report.h"

namespace iamlint {

struct FixHooks {
  // The text file `index` of the run was linted from (nullopt when it cannot be read again).
  std::function<std::optional<std::string>(size_t index)> text;
  // Lints a text in memory as file `index` would be.
  std::function<FileResult(size_t index, const std::string& text)> lint;
  // Whether file `index` may be rewritten (standard input may not).
  std::function<bool(size_t index)> writable;
};

// --diff: writes the unified diff of every file's safe fixes to `out` and changes nothing;
// returns the number of fixes.
size_t showFixes(const RunResult& run, const FixHooks& hooks, std::ostream& out);

// --fix: rewrites each file with its safe fixes, atomically, after checking that the fixed text
// still parses and no longer has the fixed findings; replaces the file's result with the fixed
// text's. Returns the number of fixes applied and the files changed; `error` names a file that
// could not be written.
struct FixCount {
  size_t fixes = 0, files = 0;
};
FixCount applyFixes(RunResult& run, const FixHooks& hooks, std::string& error);

}  // namespace iamlint
