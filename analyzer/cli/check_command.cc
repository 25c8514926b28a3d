// `iamlint check`: read flags and config, lint every file (in parallel), report, exit.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/options.h"
#include "analyzer/engine/config.h"
#include "analyzer/load/files.h"
#include "analyzer/load/loader.h"
#include "analyzer/report/report.h"

namespace iamlint {
namespace po = boost::program_options;

namespace {

FileResult unreadable(const std::string& path, const std::string& message) {
  FileResult r;
  r.path = path;
  r.ok = false;
  r.error = message;
  Finding f;
  f.rule = "IAM001";
  f.name = "parse-error";
  f.level = Level::Error;
  f.message = message;
  f.path = path;
  f.range = {1, 1, 1, 2};
  f.fingerprint = fingerprintOf(f, message);
  r.findings.push_back(std::move(f));
  return r;
}

// The directory SARIF URIs and fingerprints are relative to: the root of the git work tree the
// working directory is in, else the working directory. GitHub wants repository-relative URIs.
std::filesystem::path baseDirectory() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  for (fs::path dir = cwd; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir;
    if (dir == dir.parent_path()) break;
  }
  return cwd;
}

// The path a file is linted under, which fingerprints hash: relative to the base directory and
// normalised, so `./t.yaml`, `t.yaml` and `/repo/t.yaml` give the same fingerprint, also from a
// subdirectory.
std::string keyPath(const std::string& path, const std::filesystem::path& base) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  fs::path rel = absolute.lexically_relative(base);
  if (!rel.empty() && rel.native().rfind("..", 0) != 0) return rel.generic_string();
  return absolute.generic_string();
}

void renamePaths(FileResult& result, const std::string& from, const std::string& to) {
  if (from == to) return;
  result.path = to;
  for (Finding& f : result.findings) {
    if (f.path == from) f.path = to;
    for (RelatedLocation& r : f.related)
      if (r.path == from) r.path = to;
  }
}

FileResult lintFile(const InputFile& input, const EngineOptions& options, bool skipOtherFiles,
                    const std::filesystem::path& base) {
  std::string error;
  bool tooLarge = false;
  LoadLimits limits;
  std::optional<std::string> text = readFile(input.path, error, limits.maxBytes, tooLarge);
  if (!text) return unreadable(input.path, "cannot read " + input.path + ": " + error);
  if (tooLarge)
    return unreadable(input.path, "the file is larger than " + std::to_string(limits.maxBytes >> 20) +
                                      " MiB; iamlint does not read it (CloudFormation accepts templates up to 1 MB)");
  std::string key = keyPath(input.path, base);
  FileResult result = lintText(key, std::move(*text), options, input.named && !skipOtherFiles);
  renamePaths(result, key, input.path);
  return result;
}

std::vector<FileResult> lintAll(const std::vector<InputFile>& inputs, const EngineOptions& options, unsigned jobs,
                                bool skipOtherFiles, const std::filesystem::path& base) {
  std::vector<FileResult> results(inputs.size());
  std::atomic<size_t> next{0}, done{0};
  bool progress = isatty(STDERR_FILENO) && inputs.size() >= 200;
  auto worker = [&] {
    for (size_t i; (i = next++) < inputs.size();) {
      results[i] = lintFile(inputs[i], options, skipOtherFiles, base);
      size_t d = ++done;
      if (progress && d % 50 == 0) std::fprintf(stderr, "\riamlint: %zu/%zu files", d, inputs.size());
    }
  };
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(inputs.size())));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  if (progress) std::fprintf(stderr, "\r\033[K");
  return results;
}

}  // namespace

int runCheck(const Args& args) {
  CheckSettings settings;
  std::string error;
  int usage = parseCheckSettings(args, settings, error);
  if (usage >= 0) {
    if (!error.empty()) std::cerr << "iamlint: " << error << "\n";
    return usage;
  }
  if (settings.printConfig) {
    printEffectiveConfig(settings, std::cout);
    return kExitClean;
  }
  std::vector<std::string> missing;
  std::string excludeRoot;
  if (!settings.config.path.empty())
    excludeRoot = std::filesystem::absolute(settings.config.path).parent_path().string();
  std::vector<UnreadablePath> unreadableDirs;
  std::vector<InputFile> inputs = collectInputs(settings.paths, settings.excludes, missing, unreadableDirs, excludeRoot);
  for (const std::string& m : missing) std::cerr << "iamlint: " << m << ": no such file or directory\n";
  if (!missing.empty()) return kExitUsage;
  if (settings.forceExclude)
    std::erase_if(inputs, [&](const InputFile& in) { return isExcluded(in.path, settings.excludes, excludeRoot); });

  RunResult run;
  std::filesystem::path base = baseDirectory();
  run.baseDirectory = base.string();
  run.files = lintAll(inputs, settings.engine, settings.jobs, settings.skipOtherFiles, base);
  // A directory the walk could not list is said like a file that could not be read.
  for (const UnreadablePath& dir : unreadableDirs)
    run.files.push_back(unreadable(dir.path, "cannot read the directory " + dir.path + ": " + dir.reason));
  for (const Rule* rule : allRules())
    if (settings.engine.rules.enabled(rule->info)) run.rulesRun.push_back(rule);
  applyBaseline(settings, run);
  if (!settings.writeBaseline.empty() && !writeBaseline(settings.writeBaseline, run, error)) {
    std::cerr << "iamlint: " << error << "\n";
    return kExitUsage;
  }

  // The report is streamed to its destination, never built whole in memory; a failed write
  // (a full disk, a closed pipe) is an error, not a truncated report.
  bool color = settings.output.empty() && settings.color && isatty(STDOUT_FILENO);
  auto render = [&](std::ostream& out) {
    if (settings.format == "json") renderJson(run, out);
    else if (settings.format == "sarif") renderSarif(run, out);
    else if (settings.format == "junit") renderJunit(run, out);
    else if (settings.format == "github") renderGithub(run, out);
    else renderText(run, out, color, settings.quiet);
  };
  if (!writeOutput(settings.output.empty() ? "-" : settings.output, render, error)) {
    std::cerr << "iamlint: " << error << "\n";
    return kExitUsage;
  }
  return exitCodeFor(run, settings.failOn);
}

}  // namespace iamlint
