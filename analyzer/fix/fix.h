// Safe fixes: byte-exact edits to a linted file that repair one defect and change nothing else.
// A fix is offered only where the intended text is certain:
//   IAM201 a misspelt action one edit from exactly one catalog action (case aside);
//   IAM003 an unquoted `Null:` condition key, quoted;
//   IAM101 a missing `Version` (when the policy uses no policy variable, whose meaning the
//          version changes) and a `Version` one or two typos from "2012-10-17";
//   IAM802 a deprecated AWS managed policy for which AWS names the replacement.
// Everything else in the file (formatting, quoting style, comments, line endings) is kept.
#pragma once

#include <string>
#include <vector>

#include "analyzer/engine/engine.h"

namespace iamlint::fix {

struct Edit {
  size_t offset = 0, length = 0;  // bytes of the original text to replace
  std::string replacement;
  std::string rule;         // the finding it fixes
  uint32_t line = 0;        // 1-based line of `offset`
  std::string description;  // `s3:GetObjekt` -> `s3:GetObject`
};

// The safe fixes for the reported findings of `result`, which `text` was linted into. Edits are
// sorted, do not overlap and are never two for one place.
std::vector<Edit> safeFixes(const std::string& text, const FileResult& result);

std::string applyEdits(const std::string& text, const std::vector<Edit>& edits);

// A unified diff (3 lines of context) of the edits, with `a/PATH` and `b/PATH` headers; empty
// when there are none.
std::string unifiedDiff(const std::string& path, const std::string& text, const std::vector<Edit>& edits);

}  // namespace iamlint::fix
