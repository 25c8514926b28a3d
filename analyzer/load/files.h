// Finding the files to lint, and reading and writing them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace iamlint {

struct InputFile {
  std::string path;
  bool named;  // given on the command line, not found by walking a directory
};

// Expands directories (recursively, sorted, skipping hidden folders and node_modules) into
// candidate files: *.yaml, *.yml, *.json, *.template. Fills `missing` with paths that do not exist.
// Is `path` excluded by one of the glob `excludes`? Patterns are matched against the path as
// given and, when `root` is set (the directory of the .iamlint.yaml that lists them), against
// the path relative to that directory, so a config means the same from any working directory.
bool isExcluded(const std::string& path, const std::vector<std::string>& excludes, const std::string& root = "");

std::vector<InputFile> collectInputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& excludes,
                                     std::vector<std::string>& missing, const std::string& excludeRoot = "");

// Reads a whole file; nullopt with `error` set when it cannot. Files over `limit` bytes are not
// read: their text is empty and `tooLarge` is set.
std::optional<std::string> readFile(const std::string& path, std::string& error, size_t limit, bool& tooLarge);

// Writes through a temporary file and a rename, so a reader never sees half a report.
bool writeFileAtomically(const std::string& path, const std::string& content, std::string& error);

// Exclude globs, as in .gitignore: `*` and `?` within a segment, `**` across segments, `[abc]`;
// a pattern without `/` matches at any depth; a match on a directory covers all below it.
bool pathMatches(std::string_view pattern, std::string_view path);
// The anchored RE2 pattern a glob is matched with.
std::string globToRegex(std::string_view glob);

}  // namespace iamlint
