// A finding: what a rule reports, what every reporter prints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iamlint/source.h"

namespace iamlint {

enum class Level : uint8_t { Note, Warning, Error };
const char* levelName(Level level);
bool parseLevel(std::string_view text, Level& out);

struct RelatedLocation {
  std::string message;
  std::string path;
  Range range;  // byte columns, as everywhere in the model
  // A place in iamlint's bundled data (an AWS managed policy document), not in a user's file:
  // reporters that need a file location use the finding's own.
  bool bundled = false;
  Range display;  // `range` in code-point columns where it is in the finding's file (the engine fills it)
};

struct Rule;

// Made by makeFinding (iamlint/rule.h), the one way to build one: every finding has its rule.
struct Finding {
  const Rule* definition = nullptr;  // the rule that reports it: id, name, docs, default level
  std::string_view id() const;       // `IAM201`, the rule's id
  std::string_view name() const;     // `unknown-action`
  Level level = Level::Warning;
  std::string message;
  std::string path;  // as the user gave it
  Range range;       // byte columns, as everywhere in the model
  // `range` with code-point columns, multi-line ends included: what every report prints. The
  // engine fills it while the source is in hand; reporters never convert.
  Range display;
  std::string pointer;
  std::string resource;  // logical id in a template
  std::string suggestion;
  std::vector<std::string> help;
  std::vector<RelatedLocation> related;
  bool suppressed = false;
  // With `--baseline`: whether the baseline already records this finding. Unchanged findings
  // are left out of every report but SARIF, which marks them (`baselineState`).
  enum class Baseline : uint8_t { None, New, Unchanged } baseline = Baseline::None;
  bool reported() const { return !suppressed && baseline != Baseline::Unchanged; }
  std::string suppressionReason;
  std::string fingerprint;  // stable across line moves; filled by the engine
};

}  // namespace iamlint
