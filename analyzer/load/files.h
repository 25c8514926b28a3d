// Finding the files to lint, and reading and writing them.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
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
// The same, also filling `unreadable` with directories the walk could not list (and why).
struct UnreadablePath {
  std::string path, reason;
};
std::vector<InputFile> collectInputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& excludes, std::vector<std::string>& missing,
                                     std::vector<UnreadablePath>& unreadable, const std::string& excludeRoot = "");

// Reads a whole file; nullopt with `error` set when it cannot. Files over `limit` bytes are not
// read: their text is empty and `tooLarge` is set.
std::optional<std::string> readFile(const std::string& path, std::string& error, size_t limit, bool& tooLarge);

// Writes through a temporary file and a rename, so a reader never sees half a report.
bool writeFileAtomically(const std::string& path, const std::string& content, std::string& error);

// Streams output to `path` as `write` produces it. A regular file (or a new one) is written
// through a temporary file in the same directory and renamed over it, keeping its mode; a
// symlink is followed and the file it names is replaced; a device, FIFO or socket (and `-`,
// standard output) is written directly. Returns false with `error` set when opening, any write
// or the rename fails; the old file is then left as it was.
bool writeOutput(const std::string& path, const std::function<void(std::ostream&)>& write, std::string& error);

// Exclude globs, as in .gitignore: `*` and `?` within a segment, `**` across segments, `[abc]`;
// a pattern without `/` matches at any depth; a match on a directory covers all below it.
bool pathMatches(std::string_view pattern, std::string_view path);
// The anchored RE2 pattern a glob is matched with.
std::string globToRegex(std::string_view glob);

}  // namespace iamlint
