// SARIF 2.1.0 as GitHub code scanning reads it: every rule that ran with its help, results with
// repository-relative URIs, exclusive end columns in code points, and stable fingerprints.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <filesystem>
#include <map>

#include "analyzer/report/report.h"
#include "analyzer/report/rule_docs.h"

namespace iamlint {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void str(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void text(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.StartObject();
  str(w, "text", value);
  w.EndObject();
}

std::string percentEncode(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == '@') out += static_cast<char>(c);
    else {
      char buf[4];
      snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

struct Artifact {
  std::string uri;
  bool relative;
};

// A file as SARIF names it: relative to SRCROOT when it is inside the base directory.
Artifact artifactOf(const std::string& path, const std::filesystem::path& base) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  fs::path rel = absolute.lexically_relative(base);
  if (!rel.empty() && rel.native().rfind("..", 0) != 0) return {percentEncode(rel.generic_string()), true};
  return {"file://" + percentEncode(absolute.generic_string()), false};
}

// The artifacts of one file's results: the file's own computed once (a syscall or two each), any
// other path a related location names when it comes.
class Artifacts {
 public:
  Artifacts(const FileResult& file, const std::filesystem::path& base)
      : base_(base), path_(file.path), own_(artifactOf(file.path, base)) {}
  Artifact of(const std::string& path) const { return path == path_ ? own_ : artifactOf(path, base_); }

 private:
  const std::filesystem::path& base_;
  const std::string& path_;
  Artifact own_;
};

// `display` is already in code-point columns; an empty or reversed range becomes one column.
void region(Writer& w, const Range& display) {
  const Range& r = display;
  uint32_t endLine = r.endLine ? r.endLine : r.line;
  uint32_t endColumn = r.endColumn;
  if (endLine < r.line || (endLine == r.line && endColumn <= r.column)) {
    endLine = r.line;
    endColumn = r.column + 1;
  }
  w.Key("region");
  w.StartObject();
  w.Key("startLine"), w.Uint(r.line);
  w.Key("startColumn"), w.Uint(r.column);
  w.Key("endLine"), w.Uint(endLine);
  w.Key("endColumn"), w.Uint(endColumn);
  w.EndObject();
}

// The template resource, so a reader can find the finding without line numbers.
void logicalLocation(Writer& w, const std::string& resource) {
  w.Key("logicalLocations");
  w.StartArray();
  w.StartObject();
  str(w, "name", resource);
  str(w, "fullyQualifiedName", "Resources/" + resource);
  str(w, "kind", "resource");
  w.EndObject();
  w.EndArray();
}

struct Place {
  Artifact artifact;
  Range display;               // invalid: the whole file
  const std::string* message = nullptr;
  int id = -1;                 // related locations are numbered
  std::string_view resource;   // the logical id, for the finding's own location
};

void location(Writer& w, const Place& place) {
  w.StartObject();
  if (place.id >= 0) w.Key("id"), w.Int(place.id);
  w.Key("physicalLocation");
  w.StartObject();
  w.Key("artifactLocation");
  w.StartObject();
  str(w, "uri", place.artifact.uri);
  if (place.artifact.relative) str(w, "uriBaseId", "SRCROOT");
  w.EndObject();
  if (place.display.valid()) region(w, place.display);
  w.EndObject();
  if (!place.resource.empty()) logicalLocation(w, std::string(place.resource));
  if (place.message) text(w, "message", *place.message);
  w.EndObject();
}

void ruleDescriptor(Writer& w, const Rule& rule) {
  const RuleInfo& info = rule.info;
  w.StartObject();
  str(w, "id", info.id);
  str(w, "name", info.name);
  text(w, "shortDescription", info.summary);
  text(w, "fullDescription", ruleDescription(info));
  w.Key("help");
  w.StartObject();
  str(w, "text", ruleHelpText(info));
  str(w, "markdown", info.docs);
  w.EndObject();
  str(w, "helpUri", ruleHelpUri(info));
  w.Key("defaultConfiguration");
  w.StartObject();
  str(w, "level", levelName(info.level));
  w.EndObject();
  w.Key("properties");
  w.StartObject();
  w.Key("tags");
  w.StartArray();
  for (const std::string& tag : ruleTags(info)) w.String(tag.c_str());
  w.EndArray();
  str(w, "precision", info.securitySeverity > 0 ? "high" : "very-high");
  if (info.securitySeverity > 0) {
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", info.securitySeverity);
    str(w, "security-severity", buf);
  }
  w.EndObject();
  w.EndObject();
}

// The message, and the finding's advice (its help lines, the did-you-mean): as Markdown, which
// code scanning shows with the alert, and as `properties.help` for tools.
void resultMessage(Writer& w, const Finding& f) {
  std::string message = f.message + withSuggestion(f);
  w.Key("message");
  w.StartObject();
  str(w, "text", message);
  if (!f.help.empty()) {
    std::string markdown = message + "\n";
    for (const std::string& h : f.help) markdown += "\n- " + h;
    str(w, "markdown", markdown);
  }
  w.EndObject();
}

void resultProperties(Writer& w, const Finding& f) {
  if (f.pointer.empty() && f.suggestion.empty() && f.help.empty()) return;
  w.Key("properties");
  w.StartObject();
  if (!f.pointer.empty()) str(w, "pointer", f.pointer);
  if (!f.suggestion.empty()) str(w, "suggestion", f.suggestion);
  if (!f.help.empty()) {
    w.Key("help");
    w.StartArray();
    for (const std::string& h : f.help) w.String(h.c_str(), static_cast<rapidjson::SizeType>(h.size()));
    w.EndArray();
  }
  w.EndObject();
}

void suppression(Writer& w, const Finding& f) {
  w.Key("suppressions");
  w.StartArray();
  w.StartObject();
  str(w, "kind", "inSource");
  str(w, "status", "accepted");
  str(w, "justification", f.suppressionReason);
  w.EndObject();
  w.EndArray();
}

using RuleIndex = std::map<std::string_view, int>;

void result(Writer& w, const Finding& f, const Artifacts& artifacts, const RuleIndex& ruleIndex) {
  w.StartObject();
  str(w, "ruleId", f.id());
  if (auto it = ruleIndex.find(f.id()); it != ruleIndex.end()) w.Key("ruleIndex"), w.Int(it->second);
  str(w, "level", levelName(f.level));
  resultMessage(w, f);
  w.Key("locations");
  w.StartArray();
  location(w, {artifacts.of(f.path), f.range.valid() ? f.display : Range{1, 1, 1, 2}, nullptr, -1, f.resource});
  w.EndArray();
  if (!f.related.empty()) {
    w.Key("relatedLocations");
    w.StartArray();
    int id = 0;
    for (const RelatedLocation& r : f.related)
      location(w, {artifacts.of(r.bundled ? f.path : r.path), r.bundled ? f.display : r.display, &r.message, id++});
    w.EndArray();
  }
  resultProperties(w, f);
  // Our own key, not GitHub's `primaryLocationLineHash`: upload-sarif computes that one from
  // the line's text, and a different value under its name would be reported as inconsistent.
  w.Key("partialFingerprints");
  w.StartObject();
  str(w, "iamlintFingerprint/v1", f.fingerprint);
  w.EndObject();
  if (f.baseline != Finding::Baseline::None)
    str(w, "baselineState", f.baseline == Finding::Baseline::New ? "new" : "unchanged");
  if (f.suppressed) suppression(w, f);
  w.EndObject();
}

// `tool.driver`: iamlint and every rule that ran; returns each rule's index for the results.
RuleIndex toolDriver(Writer& w, const RunResult& run) {
  RuleIndex ruleIndex;
  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  str(w, "name", "iamlint");
  str(w, "version", IAMLINT_VERSION);
  str(w, "semanticVersion", IAMLINT_VERSION);
  str(w, "informationUri", kProjectUri);
  w.Key("rules");
  w.StartArray();
  for (const Rule* rule : run.rulesRun) {
    ruleIndex[rule->info.id] = static_cast<int>(ruleIndex.size());
    ruleDescriptor(w, *rule);
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return ruleIndex;
}

void notification(Writer& w, const char* level, const std::string& message, std::string_view rule, const Place& at) {
  w.StartObject();
  str(w, "level", level);
  text(w, "message", message);
  w.Key("descriptor");
  w.StartObject();
  str(w, "id", rule);
  w.EndObject();
  w.Key("locations");
  w.StartArray();
  location(w, at);
  w.EndArray();
  w.EndObject();
}

// A file that could not be read, or was read only in part, means the analysis did not
// complete: said here as well as in the results, whatever rules were selected.
void invocation(Writer& w, const RunResult& run, const std::vector<Artifacts>& artifacts) {
  w.Key("invocations");
  w.StartArray();
  w.StartObject();
  bool complete = true;
  for (const FileResult& file : run.files) {
    if (!file.ok && !file.skipped) complete = false;
    for (const Finding& f : file.findings)
      if (f.definition == &kInputNotFullyRead) complete = false;
  }
  w.Key("executionSuccessful"), w.Bool(complete);
  w.Key("toolExecutionNotifications");
  w.StartArray();
  for (size_t i = 0; i < run.files.size(); ++i) {
    const FileResult& file = run.files[i];
    Artifact artifact = artifacts[i].of(file.path);
    for (const Finding& f : file.findings)
      if (f.definition == &kInputNotFullyRead)
        notification(w, "warning", "did not read all of " + file.path + ": " + f.message, kInputNotFullyRead.info.id,
                     {artifact, f.display});
    if (!file.ok && !file.skipped)
      notification(w, "error", "could not analyse " + file.path + ": " + file.error, kParseError.info.id, {artifact});
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();
}

}  // namespace

void renderSarif(const RunResult& run, std::ostream& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::absolute(run.baseDirectory.empty() ? "." : run.baseDirectory, ec), ec);
  std::vector<Artifacts> artifacts;
  artifacts.reserve(run.files.size());
  for (const FileResult& file : run.files) artifacts.emplace_back(file, base);
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 1);
  w.StartObject();
  str(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  str(w, "version", "2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();
  RuleIndex ruleIndex = toolDriver(w, run);
  w.Key("automationDetails");
  w.StartObject();
  str(w, "id", "iamlint/");
  w.EndObject();
  w.Key("originalUriBaseIds");
  w.StartObject();
  w.Key("SRCROOT");
  w.StartObject();
  std::string baseUri = "file://" + percentEncode(base.generic_string());
  if (baseUri.back() != '/') baseUri += '/';
  str(w, "uri", baseUri);
  w.EndObject();
  w.EndObject();
  str(w, "columnKind", "unicodeCodePoints");
  w.Key("results");
  w.StartArray();
  for (size_t i = 0; i < run.files.size(); ++i)
    for (const Finding& f : run.files[i].findings) result(w, f, artifacts[i], ruleIndex);
  w.EndArray();
  invocation(w, run, artifacts);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  out << '\n';
}

}  // namespace iamlint
