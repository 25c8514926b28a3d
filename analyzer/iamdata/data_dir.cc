// Reading a data directory in place of the built-in data (data_dir.h). Everything the lazy
// readers (catalog.cc, service_loader.cc, managed_policies.cc) take on trust from the generator
// is checked here first, so bad files are one clear message and exit 2, never a crash or a
// silently empty catalog later.
#include "analyzer/iamdata/data_dir.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"
#include "analyzer/load/files.h"

namespace iamlint::iamdata {
namespace {

// Far above the generated files (3 MB today), far below a memory problem.
constexpr size_t kMaxFileBytes = 256u << 20;

struct DirFiles {
  std::string versions, catalog, catalogIndex, policies, policiesIndex;
  std::vector<uint32_t> catalogPack;  // the catalog packed as the build packs the built-in one
};

std::string g_dir, g_source;

bool isDate(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool number(std::string_view s, size_t& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// Checks "NAME<TAB>...<TAB>OFFSET<TAB>LENGTH" index lines against their blob: each entry must be
// a whole line of the blob starting with its name and a tab, names sorted as the readers'
// binary searches expect. `each` checks an entry's payload (after "name<TAB>") and returns "" or
// what is wrong with it.
template <typename Each>
std::string checkIndex(const std::string& dir, const std::string& blobName, std::string_view blob,
                       std::string_view index, size_t fieldCount, const std::string& header, Each&& each,
                       size_t& entries) {
  const std::string indexName = blobName + ".index";
  const std::string at = dir + "/" + indexName + ":";
  const std::string blobAt = dir + "/" + blobName + ":";
  if (blob.substr(0, blob.find('\n')) != header)
    return blobAt + "1: the first line is not `" + header +
           "`, the header of the versions VERSIONS names, so the files come from different updates";
  std::string_view previous;
  size_t lineNo = 0;
  entries = 0;
  for (std::string_view line : split(index, '\n')) {
    ++lineNo;
    if (lineNo == 1) {
      if (line != header) return at + "1: the first line is not the header of its " + blobName;
      continue;
    }
    if (line.empty()) {
      if (lineNo == split(index, '\n').size()) break;  // the final newline
      return at + std::to_string(lineNo) + ": an empty line";
    }
    std::vector<std::string_view> f = split(line, '\t');
    if (f.size() != fieldCount)
      return at + std::to_string(lineNo) + ": " + std::to_string(f.size()) + " tab-separated fields, not " +
             std::to_string(fieldCount);
    size_t offset = 0, length = 0;
    if (!number(f[fieldCount - 2], offset) || !number(f[fieldCount - 1], length))
      return at + std::to_string(lineNo) + ": the offset and length are not numbers";
    if (offset > blob.size() || length > blob.size() - offset || offset + length >= blob.size() ||
        blob[offset + length] != '\n' || (offset > 0 && blob[offset - 1] != '\n'))
      return at + std::to_string(lineNo) + ": bytes " + std::to_string(offset) + "+" + std::to_string(length) +
             " are not a line of " + blobName + " (" + std::to_string(blob.size()) + " bytes)";
    std::string_view payload = blob.substr(offset, length);
    // The line number is worked out only for a message.
    auto payloadAt = [&] {
      return blobAt + std::to_string(std::count(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1) + ": ";
    };
    if (f[0].empty() || payload.size() <= f[0].size() || payload.substr(0, f[0].size()) != f[0] ||
        payload[f[0].size()] != '\t')
      return payloadAt() + "the line does not start with `" + std::string(f[0]) + "` and a tab, as " + indexName +
             ":" + std::to_string(lineNo) + " says";
    // The readers' order: ignoring case, then byte by byte (catalog.cc, managed_policies.cc).
    if (entries > 0 && !(lessIgnoreCase(previous, f[0]) || (!lessIgnoreCase(f[0], previous) && previous < f[0])))
      return at + std::to_string(lineNo) + ": `" + std::string(f[0]) + "` is out of order (entries are sorted by name)";
    std::string why = each(f, payload.substr(f[0].size() + 1));
    if (!why.empty()) return payloadAt() + why;
    previous = f[0];
    ++entries;
  }
  if (entries == 0) return at + " no entries";  // "FILE: no entries"
  return "";
}

std::string readAll(const std::string& dir, DirFiles& files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return dir + ": no such directory";
  if (!fs::is_directory(dir, ec)) return dir + ": not a directory";
  std::string* targets[] = {&files.versions, &files.catalog, &files.catalogIndex, &files.policies,
                            &files.policiesIndex};
  for (size_t i = 0; i < dataDirectoryFiles().size(); ++i) {
    const std::string path = dir + "/" + dataDirectoryFiles()[i];
    if (!fs::exists(path, ec))
      return path + ": missing, so " + dir + " is not an iamlint data directory (`iamlint data update --data-dir " +
             dir + "` writes one)";
    std::string error;
    bool tooLarge = false;
    std::optional<std::string> text = readFile(path, error, kMaxFileBytes, tooLarge);
    if (!text) return path + ": " + error;
    if (tooLarge) return path + ": larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
    *targets[i] = std::move(*text);
  }
  return "";
}

// Checks the files; with `packer`, also packs the catalog's services as each line is parsed.
std::string checkFiles(const std::string& dir, const DirFiles& files, CatalogPacker* packer = nullptr) {
  // VERSIONS: KEY=VALUE lines naming both packages, their versions and dates.
  std::map<std::string, std::string, std::less<>> keys;
  size_t lineNo = 0;
  for (std::string_view line : split(files.versions, '\n')) {
    ++lineNo;
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return dir + "/VERSIONS:" + std::to_string(lineNo) + ": expected KEY=VALUE, not `" +
             std::string(line.substr(0, 80)) + "`";
    keys[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  for (const char* key : {"iam-data.package", "iam-data.version", "iam-data.date", "managed-policies.package",
                          "managed-policies.version", "managed-policies.date"}) {
    auto it = keys.find(key);
    if (it == keys.end() || it->second.empty()) return dir + "/VERSIONS: no `" + std::string(key) + "=` line";
    if (std::string_view(key).ends_with(".date") && !isDate(it->second))
      return dir + "/VERSIONS: `" + std::string(key) + "=" + it->second + "` is not a date (YYYY-MM-DD...)";
  }
  // Both blobs carry the stamp of the run that wrote them, so files of two updates do not mix.
  const std::string header = "# GENERATED by tools/update-iamdata from " + keys["iam-data.package"] + "@" +
                             keys["iam-data.version"] + " " + keys["managed-policies.package"] + "@" +
                             keys["managed-policies.version"] + " -- do not edit";
  size_t services = 0, policies = 0;
  std::string why = checkIndex(
      dir, "iam-catalog.jsonl", files.catalog, files.catalogIndex, 5, header,
      [packer](const std::vector<std::string_view>& f, std::string_view json) -> std::string {
        // The reader takes views into the bytes and unescapes nothing (service_loader.cc).
        if (json.find('\\') != std::string_view::npos)
          return "service `" + std::string(f[0]) + "` has a backslash escape, which iamlint's catalog reader does not take";
        try {
          ParsedService parsed = parseService(f[0], json);
          if (packer) packer->add(parsed, f[1], f[2]);
        } catch (const std::exception&) {
          return "the data of service `" + std::string(f[0]) + "` is not a catalog line written by tools/update-iamdata";
        }
        return "";
      },
      services);
  if (!why.empty()) return why;
  why = checkIndex(
      dir, "managed-policies.jsonl", files.policies, files.policiesIndex, 5, header,
      [](const std::vector<std::string_view>& f, std::string_view json) -> std::string {
        rapidjson::Document doc;
        doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
        if (doc.HasParseError() || !doc.IsObject())
          return "the document of policy `" + std::string(f[0]) + "` is not a JSON object";
        return "";
      },
      policies);
  return why;
}

}  // namespace

std::string checkDataDirectory(const std::string& dir) {
  DirFiles files;
  std::string why = readAll(dir, files);
  return why.empty() ? checkFiles(dir, files) : why;
}

std::string useDataDirectory(const std::string& dir, const std::string& source) {
  auto files = std::make_unique<DirFiles>();
  // The catalog reads only packed data: the directory's catalog is packed as it is checked, by
  // the code the build packs the built-in one with.
  CatalogPacker packer;
  std::string why = readAll(dir, *files);
  if (why.empty()) why = checkFiles(dir, *files, &packer);
  if (!why.empty()) return why;
  // VERSIONS: the directory's lines, then the built-in lines of the other data sets.
  const EmbeddedData& builtin = builtinData();
  std::string versions = files->versions;
  if (!versions.empty() && versions.back() != '\n') versions += '\n';
  for (std::string_view line : split(builtin.versions, '\n')) {
    size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string_view::npos) continue;
    std::string key(line.substr(0, eq + 1));
    if (versions.rfind(key, 0) == 0 || versions.find("\n" + key) != std::string::npos) continue;
    versions.append(line).append("\n");
  }
  files->versions = std::move(versions);
  try {
    files->catalogPack = packer.finish();
  } catch (const std::exception& e) {
    return dir + "/iam-catalog.jsonl: " + e.what();
  }
  auto data = std::make_unique<EmbeddedData>(builtin);
  data->versions = files->versions;
  data->catalog = files->catalog;
  data->catalogIndex = files->catalogIndex;
  data->catalogPack = std::string_view(reinterpret_cast<const char*>(files->catalogPack.data()),
                                       files->catalogPack.size() * sizeof(uint32_t));
  data->policies = files->policies;
  data->policiesIndex = files->policiesIndex;
  // Both live as long as the process: the data's views point into the files' bytes.
  static std::unique_ptr<DirFiles> keptFiles;
  static std::unique_ptr<EmbeddedData> keptData;
  keptFiles = std::move(files);
  keptData = std::move(data);
  overrideEmbeddedData(keptData.get());
  g_dir = dir;
  g_source = source;
  return "";
}

const std::string& dataDirectoryInUse() { return g_dir; }
const std::string& dataDirectorySource() { return g_source; }

}  // namespace iamlint::iamdata
