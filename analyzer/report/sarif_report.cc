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

const char* sarifLevel(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Note: return "note";
  }
  return "none";
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

Artifact artifactOf(const std::string& path, const std::filesystem::path& base) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  fs::path rel = absolute.lexically_relative(base);
  if (!rel.empty() && rel.native().rfind("..", 0) != 0) return {percentEncode(rel.generic_string()), true};
  return {"file://" + percentEncode(absolute.generic_string()), false};
}

void region(Writer& w, const FileResult& file, const Range& r) {
  w.Key("region");
  w.StartObject();
  uint32_t startColumn = displayColumn(file, r.line, r.column);
  uint32_t endLine = r.endLine ? r.endLine : r.line;
  uint32_t endColumn = endLine == r.line ? displayColumn(file, r.line, r.endColumn) : r.endColumn;
  if (endLine < r.line || (endLine == r.line && endColumn <= startColumn)) {
    endLine = r.line;
    endColumn = startColumn + 1;
  }
  w.Key("startLine"), w.Uint(r.line);
  w.Key("startColumn"), w.Uint(startColumn);
  w.Key("endLine"), w.Uint(endLine);
  w.Key("endColumn"), w.Uint(endColumn);
  w.EndObject();
}

void location(Writer& w, const FileResult& file, const std::string& path, const Range& r,
              const std::filesystem::path& base, const std::string* message, int id,
              const std::string& resource = {}) {
  w.StartObject();
  if (id >= 0) w.Key("id"), w.Int(id);
  w.Key("physicalLocation");
  w.StartObject();
  w.Key("artifactLocation");
  w.StartObject();
  Artifact a = artifactOf(path, base);
  str(w, "uri", a.uri);
  if (a.relative) str(w, "uriBaseId", "SRCROOT");
  w.EndObject();
  if (r.valid()) region(w, file, r);
  w.EndObject();
  if (!resource.empty()) {
    // The template resource, so a reader can find the finding without line numbers.
    w.Key("logicalLocations");
    w.StartArray();
    w.StartObject();
    str(w, "name", resource);
    str(w, "fullyQualifiedName", "Resources/" + resource);
    str(w, "kind", "resource");
    w.EndObject();
    w.EndArray();
  }
  if (message) text(w, "message", *message);
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
  str(w, "level", sarifLevel(info.level));
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

}  // namespace

void renderSarif(const RunResult& run, std::ostream& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::absolute(run.baseDirectory.empty() ? "." : run.baseDirectory, ec), ec);
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 1);
  w.StartObject();
  str(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  str(w, "version", "2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();
  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  str(w, "name", "iamlint");
  str(w, "version", IAMLINT_VERSION);
  str(w, "semanticVersion", IAMLINT_VERSION);
  str(w, "informationUri", kProjectUri);
  std::map<std::string_view, int> ruleIndex;
  w.Key("rules");
  w.StartArray();
  for (const Rule* rule : run.rulesRun) {
    ruleIndex[rule->info.id] = static_cast<int>(ruleIndex.size());
    ruleDescriptor(w, *rule);
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
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
  for (const FileResult& file : run.files) {
    for (const Finding& f : file.findings) {
      w.StartObject();
      str(w, "ruleId", f.id());
      if (auto it = ruleIndex.find(f.id()); it != ruleIndex.end()) w.Key("ruleIndex"), w.Int(it->second);
      str(w, "level", sarifLevel(f.level));
      std::string message = f.message;
      if (!f.suggestion.empty()) message += withSuggestion(f);
      text(w, "message", message);
      w.Key("locations");
      w.StartArray();
      location(w, file, f.path, f.range.valid() ? f.range : Range{1, 1, 1, 2}, base, nullptr, -1, f.resource);
      w.EndArray();
      if (!f.related.empty()) {
        w.Key("relatedLocations");
        w.StartArray();
        int id = 0;
        for (const RelatedLocation& r : f.related)
          location(w, file, r.bundled ? f.path : r.path, r.bundled ? f.range : r.range, base, &r.message, id++);
        w.EndArray();
      }
      if (!f.pointer.empty() || !f.suggestion.empty()) {
        w.Key("properties");
        w.StartObject();
        if (!f.pointer.empty()) str(w, "pointer", f.pointer);
        if (!f.suggestion.empty()) str(w, "suggestion", f.suggestion);
        w.EndObject();
      }
      // Our own key, not GitHub's `primaryLocationLineHash`: upload-sarif computes that one from
      // the line's text, and a different value under its name would be reported as inconsistent.
      w.Key("partialFingerprints");
      w.StartObject();
      str(w, "iamlintFingerprint/v1", f.fingerprint);
      w.EndObject();
      if (f.baseline != Finding::Baseline::None)
        str(w, "baselineState", f.baseline == Finding::Baseline::New ? "new" : "unchanged");
      if (f.suppressed) {
        w.Key("suppressions");
        w.StartArray();
        w.StartObject();
        str(w, "kind", "inSource");
        str(w, "status", "accepted");
        str(w, "justification", f.suppressionReason);
        w.EndObject();
        w.EndArray();
      }
      w.EndObject();
    }
  }
  w.EndArray();
  w.Key("invocations");
  w.StartArray();
  w.StartObject();
  // A file that could not be read, or was read only in part, means the analysis did not
  // complete: said here as well as in the results, whatever rules were selected.
  bool complete = true;
  for (const FileResult& file : run.files) {
    if (!file.ok && !file.skipped) complete = false;
    for (const Finding& f : file.findings)
      if (f.definition == &kInputNotFullyRead) complete = false;
  }
  w.Key("executionSuccessful"), w.Bool(complete);
  w.Key("toolExecutionNotifications");
  w.StartArray();
  for (const FileResult& file : run.files) {
    for (const Finding& f : file.findings) {
      if (f.definition != &kInputNotFullyRead) continue;
      w.StartObject();
      str(w, "level", "warning");
      text(w, "message", "did not read all of " + file.path + ": " + f.message);
      w.Key("descriptor");
      w.StartObject();
      str(w, "id", std::string(kInputNotFullyRead.info.id));
      w.EndObject();
      w.Key("locations");
      w.StartArray();
      location(w, file, file.path, f.range, base, nullptr, -1);
      w.EndArray();
      w.EndObject();
    }
    if (file.ok || file.skipped) continue;
    w.StartObject();
    str(w, "level", "error");
    text(w, "message", "could not analyse " + file.path + ": " + file.error);
    w.Key("descriptor");
    w.StartObject();
    str(w, "id", kParseError.info.id);
    w.EndObject();
    w.Key("locations");
    w.StartArray();
    location(w, file, file.path, Range{}, base, nullptr, -1);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  out << '\n';
}

}  // namespace iamlint
