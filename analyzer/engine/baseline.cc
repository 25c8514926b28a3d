#include "analyzer/engine/baseline.h"

#include <rapidjson/document.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <sstream>

#include "analyzer/load/files.h"

namespace iamlint {

bool readBaseline(const std::string& path, Baseline& out, std::string& error) {
  std::string readError;
  bool tooLarge = false;
  std::optional<std::string> text = readFile(path, readError, 64 << 20, tooLarge);
  if (!text) {
    error = path + ": " + readError;
    return false;
  }
  rapidjson::Document doc;
  if (!tooLarge) doc.Parse<rapidjson::kParseIterativeFlag>(text->c_str());  // iterative: deep nesting cannot overflow the stack
  if (tooLarge || doc.HasParseError() || !doc.IsObject() || !doc.HasMember("findings")) {
    error = path + ": not an iamlint baseline (write one with --write-baseline)";
    return false;
  }
  if (doc["findings"].IsArray())
    for (const auto& f : doc["findings"].GetArray())
      if (f.IsObject() && f.HasMember("fingerprint") && f["fingerprint"].IsString())
        out.fingerprints.insert(f["fingerprint"].GetString());
  return true;
}

void applyBaseline(const Baseline& baseline, std::vector<FileResult>& files) {
  std::multiset<std::string> known = baseline.fingerprints;
  for (FileResult& file : files)
    for (Finding& f : file.findings) {
      auto it = known.find(f.fingerprint);
      if (it != known.end()) {
        known.erase(it);
        f.baseline = Finding::Baseline::Unchanged;
      } else {
        f.baseline = Finding::Baseline::New;
      }
    }
}

bool writeBaseline(const std::string& path, const std::vector<FileResult>& files, std::string& error) {
  std::ostringstream out;
  rapidjson::OStreamWrapper stream(out);
  rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(stream);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("iamlintBaseline"), w.Int(1);
  w.Key("findings");
  w.StartArray();
  for (const FileResult& file : files)
    for (const Finding& f : file.findings) {
      if (f.suppressed) continue;
      w.StartObject();
      w.Key("fingerprint"), w.String(f.fingerprint.c_str());
      w.Key("rule"), w.String(f.id().data(), static_cast<rapidjson::SizeType>(f.id().size()));
      w.Key("path"), w.String(f.path.c_str());
      w.Key("message"), w.String(f.message.c_str());
      w.EndObject();
    }
  w.EndArray();
  w.EndObject();
  out << '\n';
  return writeFileAtomically(path, out.str(), error);
}

}  // namespace iamlint
