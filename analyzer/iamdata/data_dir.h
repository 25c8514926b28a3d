// A data directory: the files tools/update-iamdata writes (the IAM catalog, the AWS managed
// policies, VERSIONS), read at run time in place of the ones built into the binary, so newer
// data needs no rebuild (`--data-dir DIR`, IAMLINT_DATA_DIR, `iamlint data update`).
#pragma once

#include <string>
#include <vector>

namespace iamlint::iamdata {

// The files of a data directory, all required. Every other data file stays the built-in one.
inline const std::vector<std::string>& dataDirectoryFiles() {
  static const std::vector<std::string> files = {"VERSIONS", "iam-catalog.jsonl", "iam-catalog.jsonl.index",
                                                 "managed-policies.jsonl", "managed-policies.jsonl.index"};
  return files;
}

// Reads and checks the files of `dir`: every index line, every offset, every service's catalog
// line and every policy document. Returns "" when they load, else one message that starts with
// the file (and line) at fault, such as "DIR/VERSIONS:3: expected KEY=VALUE".
std::string checkDataDirectory(const std::string& dir);

// Checks `dir` and, when it loads, makes the catalog use its data for the rest of the process.
// Must run before the first use of the data. `source` says how the directory was named
// ("--data-dir" or "IAMLINT_DATA_DIR") for `iamlint version`. Returns "" or the error.
std::string useDataDirectory(const std::string& dir, const std::string& source);

// The directory in use and how it was named; both empty when the data is the built-in one.
const std::string& dataDirectoryInUse();
const std::string& dataDirectorySource();

}  // namespace iamlint::iamdata
