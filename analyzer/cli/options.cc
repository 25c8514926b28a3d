#include "analyzer/cli/options.h"

#include <rapidjson/document.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <algorithm>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "analyzer/engine/selectors.h"
#include "analyzer/load/files.h"
#include "analyzer/load/loader.h"

namespace iamlint {
namespace po = boost::program_options;

static std::vector<std::string> splitCommas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ','))
      if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool parseParameterArgument(const std::string& arg, std::map<std::string, std::string, std::less<>>& out,
                            std::string& error) {
  size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) {
    error = "--parameter takes KEY=VALUE, got `" + arg + "`";
    return false;
  }
  out[arg.substr(0, eq)] = arg.substr(eq + 1);
  return true;
}

bool loadParametersFile(const std::string& path, std::map<std::string, std::string, std::less<>>& out,
                        std::string& error) {
  std::string readError;
  bool tooLarge = false;
  std::optional<std::string> text = readFile(path, readError, 1 << 20, tooLarge);
  if (!text || tooLarge) {
    error = path + ": " + (tooLarge ? "larger than 1 MiB" : readError);
    return false;
  }
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(text->c_str());  // iterative: deep nesting cannot overflow the stack
  if (doc.HasParseError()) {
    error = path + ": not valid JSON";
    return false;
  }
  // Three shapes: [{"ParameterKey","ParameterValue"}], {"Parameters": {K: V}}, ["K=V"], or {K: V}.
  auto fromObject = [&](const rapidjson::Value& o) {
    for (auto it = o.MemberBegin(); it != o.MemberEnd(); ++it) {
      if (!it->value.IsString()) {
        error = path + ": the value of `" + std::string(it->name.GetString()) + "` must be a string";
        return false;
      }
      out[it->name.GetString()] = it->value.GetString();
    }
    return true;
  };
  if (doc.IsArray()) {
    for (const auto& e : doc.GetArray()) {
      if (e.IsString()) {
        if (!parseParameterArgument(e.GetString(), out, error)) return false;
      } else if (e.IsObject() && e.HasMember("ParameterKey") && e["ParameterKey"].IsString()) {
        out[e["ParameterKey"].GetString()] =
            e.HasMember("ParameterValue") && e["ParameterValue"].IsString() ? e["ParameterValue"].GetString() : "";
      } else {
        error = path + ": entries must be {\"ParameterKey\": ..., \"ParameterValue\": ...} or \"KEY=VALUE\"";
        return false;
      }
    }
    return true;
  }
  if (doc.IsObject()) {
    if (doc.HasMember("Parameters") && doc["Parameters"].IsObject()) return fromObject(doc["Parameters"]);
    return fromObject(doc);
  }
  error = path + ": expected a list or an object of parameters";
  return false;
}

static void printCheckHelp(const po::options_description& visible) {
  std::cout << "usage: iamlint [check] [OPTIONS] PATH...\n\n"
               "Lints CloudFormation templates (YAML or JSON) and IAM policy documents.\n"
               "Directories are walked for *.yaml, *.yml, *.json and *.template.\n\n"
               "Commands:\n"
               "  check [OPTIONS] PATH...   lint files (the default command)\n"
               "  rules [--format json]     list every rule: id, name, level, summary\n"
               "  explain RULE              a rule's documentation\n"
               "  profiles                  the built-in requirement profiles and their sources\n"
               "  query PATH --role ID --action A [--resource R] [--context K=V]...\n"
               "                            evaluate one request against a role's policies\n"
               "  policies PATH             every policy read from a file, per principal (JSON)\n"
               "  version                   version and the IAM data's sources, dates and directory\n"
               "  data update [--data-dir DIR]\n"
               "                            refresh a data directory from the npm registry\n"
               "  lsp                       a Language Server Protocol server on stdio, for editors\n\n"
            << visible
            << "\nA PATH of `-` reads standard input (name it with --stdin-filename).\n"
               "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or config error\n"
               "(a --data-dir or IAMLINT_DATA_DIR that does not load among them), 3 internal error.\n";
}

// --policy-kind: empty leaves the kind to be detected.
static bool parsePolicyKind(const std::string& text, AnalysisOptions::PolicyFileKind& out, std::string& error) {
  using K = AnalysisOptions::PolicyFileKind;
  if (text == "identity") out = K::Identity;
  else if (text == "trust") out = K::Trust;
  else if (text == "resource") out = K::Resource;
  else if (text == "scp") out = K::Scp;
  else if (text == "rcp") out = K::Rcp;
  else if (!text.empty()) {
    error = "--policy-kind takes identity, trust, resource, scp or rcp, not `" + text + "`";
    return false;
  }
  return true;
}

static bool hasTag(const RuleInfo& info, std::string_view tag) {
  for (std::string_view rest = info.tags; !rest.empty();) {
    size_t comma = rest.find(',');
    if (rest.substr(0, comma) == tag) return true;
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return false;
}

// Profiles report through the rules tagged `requirements`: with those off, a profile checks nothing.
static void warnIfProfilesReportNothing(const CheckSettings& s) {
  if (s.profiles.empty()) return;
  bool anyProfileRule = false;
  for (const Rule* r : allRules())
    if (hasTag(r->info, "requirements") && s.engine.rules.enabled(r->info)) anyProfileRule = true;
  if (!anyProfileRule)
    std::cerr << "iamlint: warning: profiles are set but no IAM7 rule is selected, so they report nothing\n";
}

int parseCheckSettings(const Args& args, CheckSettings& s, std::string& error) {
  po::options_description visible("Options of check");
  std::vector<std::string> select, ignore, parameters, profiles, excludes;
  std::string failOn, config, parametersFile, policyKind, color = "auto";
  visible.add_options()
      ("help,h", "show this help")
      ("version,V", "print the version and the IAM data's dates")
      ("format,f", po::value(&s.format)->default_value("text"), outputFormatNames().c_str())
      ("output,o", po::value(&s.output), "write the report to FILE (atomically) instead of stdout")
      ("profile", po::value(&profiles)->composing(), "requirement profile NAME or FILE (repeatable)")
      ("select", po::value(&select)->composing(), "only these rules: ids, id prefixes (IAM2) or names, comma-separated")
      ("ignore", po::value(&ignore)->composing(), "not these rules (same forms as --select)")
      ("fail-on", po::value(&failOn), "exit 1 when a finding is at or above: error, warning (default), note, none")
      ("parameter,p", po::value(&parameters)->composing(), "template parameter KEY=VALUE (repeatable)")
      ("parameters-file", po::value(&parametersFile), "template parameters as JSON (the `aws cloudformation` formats)")
      ("policy-kind", po::value(&policyKind), "for policy files: identity, trust, resource, scp (service control policy) or rcp (resource control policy); default: detect")
      ("config", po::value(&config), "configuration file (default: nearest .iamlint.yaml upward)")
      ("no-config", "read no configuration file, only the options given")
      ("baseline", po::value(&s.baseline), "report only findings not recorded in this baseline FILE")
      ("write-baseline", po::value(&s.writeBaseline), "record the current findings in FILE")
      ("jobs,j", po::value(&s.jobs), "lint N files in parallel (default: number of cores)")
      ("exclude", po::value(&excludes)->composing(), "skip paths matching GLOB (repeatable; as `exclude` in the config)")
      ("stdin-filename", po::value(&s.stdinFilename), "the path to report for `-` (standard input)")
      ("fix", "apply the safe fixes in place, then lint again")
      ("diff", "show the safe fixes as a unified diff; change nothing")
      ("data-dir", po::value<std::string>(), "use the IAM catalog and managed policies in DIR (written by `iamlint data update`) instead of the built-in ones; also IAMLINT_DATA_DIR; any command takes it")
      ("color", po::value(&color), "colour the text report: auto (default), always or never")
      ("no-color", "never colour the output (as does a non-empty NO_COLOR)")
      ("quiet,q", "only findings: no source lines and no summary when clean")
      ("print-config", "print the effective configuration and exit")
      ("force-exclude", "apply `exclude` patterns also to files named on the command line")
      ("skip-other-files", "skip named files that are neither a template nor a policy, and unparsable ones that do not look like one (for hooks)");
  po::options_description hidden;
  hidden.add_options()("paths", po::value(&s.paths)->composing());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("paths", -1);
  po::variables_map vm;
  s.jobs = std::max(1u, std::thread::hardware_concurrency());
  // The parser costs tens of microseconds a token, and a hook or `xargs` may name thousands of
  // files. Past the last token that looks like an option (and the one after it, which may be
  // that option's value), every token is a path: those skip the parser.
  size_t parsed = 0;
  for (size_t i = 0; i < args.size(); ++i)
    if (args[i].size() > 1 && args[i][0] == '-') parsed = std::min(i + 2, args.size());
  try {
    const Args head(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(parsed));
    po::store(po::command_line_parser(head).options(all).positional(positional).run(), vm);
    po::notify(vm);
    s.paths.insert(s.paths.end(), args.begin() + static_cast<std::ptrdiff_t>(parsed), args.end());
  } catch (const po::error& e) {
    error = std::string(e.what()) + " (see iamlint check --help)";
    return kExitUsage;
  }
  if (vm.count("help")) {
    printCheckHelp(visible);
    return kExitClean;
  }
  if (color != "auto" && color != "always" && color != "never") {
    error = "--color takes auto, always or never, not `" + color + "`";
    return kExitUsage;
  }
  if (vm.count("no-color")) color = "never";
  const char* noColor = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  if (color == "auto" && ((noColor && *noColor) || (term && std::string_view(term) == "dumb"))) color = "never";
  s.colorMode = color;
  s.color = color != "never";
  if (vm.count("version")) return runVersion({});
  s.fix = vm.count("fix") > 0;
  s.diff = vm.count("diff") > 0;
  s.quiet = vm.count("quiet") > 0;
  s.printConfig = vm.count("print-config") > 0;
  s.forceExclude = vm.count("force-exclude") > 0;
  s.skipOtherFiles = vm.count("skip-other-files") > 0;
  if (!findOutputFormat(s.format)) {
    error = "unknown format `" + s.format + "`; use " + outputFormatNames();
    return kExitUsage;
  }
  if (s.jobs == 0) s.jobs = 1;

  // The config file first, then flags over it.
  std::optional<std::string> configPath = config.empty() ? findConfig(".") : std::optional<std::string>(config);
  if (vm.count("no-config")) {
    if (!config.empty()) {
      error = "--config and --no-config exclude each other";
      return kExitUsage;
    }
    configPath.reset();
  }
  if (configPath && !loadConfig(*configPath, s.config, error)) return kExitUsage;
  s.engine.rules.select = s.config.select;
  s.engine.rules.ignore = s.config.ignore;
  s.engine.rules.levels = s.config.levels;
  s.engine.analysis.parameters = s.config.parameters;
  s.excludes = s.config.excludes;
  s.profiles = s.config.profiles;
  if (s.config.failOn) s.failOn = *s.config.failOn;
  if (!select.empty()) s.engine.rules.select = splitCommas(select);
  for (std::string& i : splitCommas(ignore)) s.engine.rules.ignore.push_back(std::move(i));
  auto checkSelectors = [&](const std::vector<std::string>& given, const char* flag) {
    for (const std::string& sel : splitCommas(given)) {
      std::string why = ruleSelectorError(sel);
      if (why.empty()) continue;
      error = why.insert(why.find("` ") + 1, " in " + std::string(flag));
      return false;
    }
    return true;
  };
  if (!checkSelectors(select, "--select") || !checkSelectors(ignore, "--ignore")) return kExitUsage;
  for (std::string& e : excludes) s.excludes.push_back(std::move(e));
  if (!failOn.empty() && !parseFailOn(failOn, s.failOn)) {
    error = "--fail-on takes error, warning, note or none, not `" + failOn + "`";
    return kExitUsage;
  }
  if (!parametersFile.empty() && !loadParametersFile(parametersFile, s.engine.analysis.parameters, error))
    return kExitUsage;
  for (const std::string& p : parameters)
    if (!parseParameterArgument(p, s.engine.analysis.parameters, error)) return kExitUsage;
  if (!parsePolicyKind(policyKind, s.engine.analysis.policyKind, error)) return kExitUsage;
  if (!s.baseline.empty()) {
    s.accepted.emplace();
    if (!readBaseline(s.baseline, *s.accepted, error)) return kExitUsage;
  }
  for (std::string& p : profiles) s.profiles.push_back(std::move(p));
  if (!loadProfiles(s, error)) return kExitUsage;
  warnIfProfilesReportNothing(s);
  if (s.fix && !s.diff && std::find(s.paths.begin(), s.paths.end(), "-") != s.paths.end()) {
    error = "--fix cannot rewrite standard input; use --diff to see the fixes";
    return kExitUsage;
  }
  if (s.paths.empty() && !s.printConfig) {
    error = "no PATH given (see iamlint check --help)";
    return kExitUsage;
  }
  return -1;
}

void printEffectiveConfig(const CheckSettings& s, std::ostream& out) {
  auto list = [&](const char* key, const std::vector<std::string>& values) {
    out << key << ":";
    if (values.empty()) out << " []";
    out << "\n";
    for (const std::string& v : values) out << "  - " << v << "\n";
  };
  out << "# effective configuration" << (s.config.path.empty() ? " (no .iamlint.yaml found)" : " from " + s.config.path)
      << "\n";
  list("select", s.engine.rules.select);
  list("ignore", s.engine.rules.ignore);
  out << "rules:" << (s.engine.rules.levels.empty() ? " {}" : "") << "\n";
  for (const auto& [id, level] : s.engine.rules.levels) out << "  " << id << ": " << levelName(level) << "\n";
  list("profiles", s.profiles);
  out << "parameters:" << (s.engine.analysis.parameters.empty() ? " {}" : "") << "\n";
  for (const auto& [k, v] : s.engine.analysis.parameters) out << "  " << k << ": \"" << v << "\"\n";
  list("exclude", s.excludes);
  out << "fail-on: " << failOnName(s.failOn) << "\n";
  out << "format: " << s.format << "\n";
  out << "jobs: " << s.jobs << "\n";
}

int exitCodeFor(const RunResult& run, FailOn failOn) {
  if (failOn == FailOn::None) return kExitClean;
  Level threshold = failOn == FailOn::Error ? Level::Error : failOn == FailOn::Warning ? Level::Warning : Level::Note;
  for (const FileResult& file : run.files)
    for (const Finding& f : file.findings)
      if (f.reported() && f.level >= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace iamlint
