#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "analyzer/report/report.h"
#include "iamlint/catalog.h"

namespace iamlint {

void renderJson(const RunResult& run, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(stream);
  w.SetIndent(' ', 1);
  auto str = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  str("version", IAMLINT_VERSION);
  DataVersions data = Catalog::instance().dataVersions();
  w.Key("data");
  w.StartObject();
  str("iam", data.iamDataPackage + "@" + data.iamDataVersion);
  str("managedPolicies", data.managedPoliciesPackage + "@" + data.managedPoliciesVersion);
  w.EndObject();
  w.Key("files");
  w.StartArray();
  for (const FileResult& f : run.files) {
    if (f.skipped) continue;
    w.StartObject();
    str("path", f.path);
    str("status", f.ok ? "ok" : "error");
    if (!f.ok) str("error", f.error);
    w.EndObject();
  }
  w.EndArray();
  w.Key("findings");
  w.StartArray();
  for (const FileResult& file : run.files) {
    for (const Finding& f : file.findings) {
      if (f.baseline == Finding::Baseline::Unchanged) continue;
      w.StartObject();
      str("rule", std::string(f.id()));
      str("name", std::string(f.name()));
      str("level", levelName(f.level));
      str("message", f.message);
      str("path", f.path);
      w.Key("line"), w.Uint(f.range.line);
      w.Key("column"), w.Uint(f.display.column);
      w.Key("endLine"), w.Uint(f.display.endLine);
      w.Key("endColumn"), w.Uint(f.display.endColumn);
      str("pointer", f.pointer);
      if (!f.resource.empty()) str("resource", f.resource);
      w.Key("suppressed"), w.Bool(f.suppressed);
      if (f.suppressed) str("suppressionReason", f.suppressionReason);
      if (!f.suggestion.empty()) str("suggestion", f.suggestion);
      if (!f.help.empty()) {
        w.Key("help");
        w.StartArray();
        for (const std::string& h : f.help) w.String(h.c_str());
        w.EndArray();
      }
      if (!f.related.empty()) {
        w.Key("related");
        w.StartArray();
        for (const RelatedLocation& r : f.related) {
          w.StartObject();
          str("message", r.message);
          str("path", r.path);
          w.Key("line"), w.Uint(r.range.line);
          w.Key("column"), w.Uint(r.display.column);
          w.EndObject();
        }
        w.EndArray();
      }
      str("fingerprint", f.fingerprint);
      w.EndObject();
    }
  }
  w.EndArray();
  Summary s = summarize(run);
  w.Key("summary");
  w.StartObject();
  w.Key("files"), w.Uint64(s.files);
  w.Key("errors"), w.Uint64(s.errors);
  w.Key("warnings"), w.Uint64(s.warnings);
  w.Key("notes"), w.Uint64(s.notes);
  w.Key("suppressed"), w.Uint64(s.suppressed);
  w.EndObject();
  w.EndObject();
  out << '\n';
}

}  // namespace iamlint
