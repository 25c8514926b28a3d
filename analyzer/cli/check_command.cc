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
#include "analyzer/cli/fix_command.h"
#include "analyzer/cli/freshness.h"
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
  Finding f = makeFinding(kParseError, path, {1, 1, 1, 2}, message);
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

// Standard input, read once before linting when a PATH is `-`.
struct StdinInput {
  bool used = false;
  std::string name = "-";  // --stdin-filename, else `-`
  std::optional<std::string> text;
  bool tooLarge = false;
};

FileResult lintFile(const InputFile& input, const EngineOptions& options, bool skipOtherFiles,
                    const std::filesystem::path& base, const StdinInput& in) {
  std::string error;
  bool tooLarge = false;
  LoadLimits limits;
  if (input.path == in.name && in.used) {
    if (!in.text) return unreadable(in.name, "cannot read standard input");
    if (in.tooLarge)
      return unreadable(in.name, "standard input is larger than " + std::to_string(limits.maxBytes >> 20) + " MiB");
    return lintText({in.name, in.name == "-" ? "-" : keyPath(in.name, base)}, *in.text, options, !skipOtherFiles);
  }
  std::optional<std::string> text = readFile(input.path, error, limits.maxBytes, tooLarge);
  if (!text) return unreadable(input.path, "cannot read " + input.path + ": " + error);
  if (tooLarge)
    return unreadable(input.path, "the file is larger than " + std::to_string(limits.maxBytes >> 20) +
                                      " MiB; iamlint does not read it (CloudFormation accepts templates up to 1 MB)");
  return lintText({input.path, keyPath(input.path, base)}, std::move(*text), options, input.named && !skipOtherFiles);
}

std::vector<FileResult> lintAll(const std::vector<InputFile>& inputs, const EngineOptions& options, unsigned jobs,
                                bool skipOtherFiles, const std::filesystem::path& base, const StdinInput& in) {
  std::vector<FileResult> results(inputs.size());
  std::atomic<size_t> next{0}, done{0};
  bool progress = isatty(STDERR_FILENO) && inputs.size() >= 200;
  auto worker = [&] {
    for (size_t i; (i = next++) < inputs.size();) {
      results[i] = lintFile(inputs[i], options, skipOtherFiles, base, in);
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
  // `-` is standard input, linted under --stdin-filename's path; the others are files or trees.
  StdinInput stdinInput;
  if (!settings.stdinFilename.empty()) stdinInput.name = settings.stdinFilename;
  std::vector<InputFile> inputs;
  std::vector<UnreadablePath> unreadableDirs;
  for (const std::string& path : settings.paths) {
    if (path != "-") {
      for (InputFile& f : collectInputs({path}, settings.excludes, missing, unreadableDirs, excludeRoot)) inputs.push_back(std::move(f));
    } else if (!stdinInput.used) {
      stdinInput.used = true;
      std::string all;
      char buffer[1 << 16];
      size_t n;
      LoadLimits limits;
      while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
        if (all.size() + n > limits.maxBytes) {
          stdinInput.tooLarge = true;
          break;
        }
        all.append(buffer, n);
      }
      if (!std::ferror(stdin)) stdinInput.text = std::move(all);
      inputs.push_back({stdinInput.name, true});
    }
  }
  for (const std::string& m : missing) std::cerr << "iamlint: " << m << ": no such file or directory\n";
  if (!missing.empty()) return kExitUsage;
  if (settings.forceExclude)
    std::erase_if(inputs, [&](const InputFile& in) { return isExcluded(in.path, settings.excludes, excludeRoot); });
  if (inputs.empty())
    std::cerr << "iamlint: warning: no files to lint: the paths hold no *.yaml, *.yml, *.json or *.template file"
              << (settings.excludes.empty() ? "" : " that `exclude` leaves") << "\n";

  RunResult run;
  std::filesystem::path base = baseDirectory();
  run.baseDirectory = base.string();
  // One run, then exit: the analyses of up to 256 KiB of source are left to the exit to free.
  EngineOptions engine = settings.engine;
  engine.retainUntilExit = size_t{256} << 10;
  run.files = lintAll(inputs, engine, settings.jobs, settings.skipOtherFiles, base, stdinInput);
  // A directory the walk could not list is said like a file that could not be read.
  for (const UnreadablePath& dir : unreadableDirs)
    run.files.push_back(unreadable(dir.path, "cannot read the directory " + dir.path + ": " + dir.reason));
  for (const Rule* rule : allRules())
    if (settings.engine.rules.enabled(rule->info)) run.rulesRun.push_back(rule);
  if (settings.accepted) applyBaseline(*settings.accepted, run.files);
  if (settings.fix || settings.diff) {
    FixHooks hooks;
    hooks.text = [&](size_t i) -> std::optional<std::string> {
      if (stdinInput.used && inputs[i].path == stdinInput.name) return stdinInput.text;
      std::string readError;
      bool tooLarge = false;
      std::optional<std::string> text = readFile(inputs[i].path, readError, LoadLimits{}.maxBytes, tooLarge);
      return text && !tooLarge ? text : std::nullopt;
    };
    hooks.lint = [&](size_t i, const std::string& text) {
      bool isStdin = stdinInput.used && inputs[i].path == stdinInput.name;
      std::string key = isStdin && stdinInput.name == "-" ? "-" : keyPath(inputs[i].path, base);
      return lintText({inputs[i].path, key}, text, settings.engine, inputs[i].named && !settings.skipOtherFiles);
    };
    hooks.writable = [&](size_t i) { return !(stdinInput.used && inputs[i].path == stdinInput.name); };
    if (settings.diff) {
      size_t n = showFixes(run, hooks, std::cout);
      std::cerr << "iamlint: " << n << (n == 1 ? " safe fix" : " safe fixes")
                << (n ? " (apply with --fix)" : "") << "\n";
      return n ? kExitFindings : kExitClean;
    }
    FixCount fixed = applyFixes(run, hooks, error);
    if (!error.empty()) {
      std::cerr << "iamlint: " << error << "\n";
      return kExitUsage;
    }
    std::cerr << "iamlint: fixed " << fixed.fixes << (fixed.fixes == 1 ? " finding" : " findings") << " in "
              << fixed.files << (fixed.files == 1 ? " file" : " files") << "\n";
    if (settings.accepted) applyBaseline(*settings.accepted, run.files);
  }
  if (!settings.writeBaseline.empty() && !writeBaseline(settings.writeBaseline, run.files, error)) {
    std::cerr << "iamlint: " << error << "\n";
    return kExitUsage;
  }

  // The report is streamed to its destination, never built whole in memory; a failed write
  // (a full disk, a closed pipe) is an error, not a truncated report.
  bool color = settings.colorMode == "always" ||
               (settings.colorMode == "auto" && settings.output.empty() && isatty(STDOUT_FILENO));
  const OutputFormat* format = findOutputFormat(settings.format);  // checked by parseCheckSettings
  auto render = [&](std::ostream& out) { format->render(run, out, {color, settings.quiet}); };
  bool written = writeOutput(settings.output.empty() ? "-" : settings.output, render, error);
  // Stale data: a note under the text summary, on standard error so that reports stay the same.
  if (written && settings.format == "text" && !settings.quiet && !run.files.empty())
    for (const std::string& note : staleDataNotes()) std::cerr << "iamlint: " << note << "\n";
  if (!written) {
    std::cerr << "iamlint: " << error << "\n";
    return kExitUsage;
  }
  return exitCodeFor(run, settings.failOn);
}

}  // namespace iamlint
