#include "analyzer/cli/fix_command.h"

#include <filesystem>
#include <set>

#include "analyzer/fix/fix.h"
#include "analyzer/load/files.h"

namespace iamlint {

size_t showFixes(const RunResult& run, const FixHooks& hooks, std::ostream& out) {
  size_t count = 0;
  for (size_t i = 0; i < run.files.size(); ++i) {
    std::optional<std::string> text = hooks.text(i);
    if (!text) continue;
    std::vector<fix::Edit> edits = fix::safeFixes(*text, run.files[i]);
    std::string path = run.files[i].path;
    if (path.rfind("./", 0) == 0) path.erase(0, 2);
    out << fix::unifiedDiff(path, *text, edits);
    count += edits.size();
  }
  return count;
}

FixCount applyFixes(RunResult& run, const FixHooks& hooks, std::string& error) {
  FixCount count;
  for (size_t i = 0; i < run.files.size(); ++i) {
    if (!hooks.writable(i)) continue;
    std::optional<std::string> text = hooks.text(i);
    if (!text) continue;
    std::vector<fix::Edit> edits = fix::safeFixes(*text, run.files[i]);
    if (edits.empty()) continue;
    std::string fixed = fix::applyEdits(*text, edits);
    FileResult after = hooks.lint(i, fixed);
    // Never write a text that reads worse: it must parse as before, and the fixed rules must
    // report fewer findings by at least the number of fixes.
    if (!after.ok && run.files[i].ok) continue;
    std::set<std::string> rules;
    for (const fix::Edit& e : edits) rules.insert(e.rule);
    size_t before = 0, now = 0;
    for (const Finding& f : run.files[i].findings) before += f.reported() && rules.count(std::string(f.id()));
    for (const Finding& f : after.findings) now += f.reported() && rules.count(std::string(f.id()));
    if (now + edits.size() > before) continue;
    // Write through a symbolic link to its target, and keep the file's permissions.
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path target = fs::canonical(run.files[i].path, ec);
    if (ec) target = run.files[i].path;
    fs::perms perms = fs::status(target, ec).permissions();
    if (!writeFileAtomically(target.string(), fixed, error)) return count;
    if (!ec) fs::permissions(target, perms, ec);
    run.files[i] = std::move(after);
    count.fixes += edits.size();
    ++count.files;
  }
  return count;
}

}  // namespace iamlint
