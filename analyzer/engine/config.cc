#include "analyzer/engine/config.h"
#include "analyzer/engine/selectors.h"

#include <cctype>
#include <filesystem>

#include <sys/stat.h>

#include "analyzer/load/files.h"
#include "analyzer/load/loader.h"

namespace iamlint {

bool parseFailOn(std::string_view text, FailOn& out) {
  if (text == "error") out = FailOn::Error;
  else if (text == "warning") out = FailOn::Warning;
  else if (text == "note") out = FailOn::Note;
  else if (text == "none") out = FailOn::None;
  else return false;
  return true;
}

const char* failOnName(FailOn f) {
  switch (f) {
    case FailOn::Error: return "error";
    case FailOn::Warning: return "warning";
    case FailOn::Note: return "note";
    case FailOn::None: return "none";
  }
  return "?";
}

namespace {

struct Reader {
  const Document& doc;
  std::string& error;

  // Every mistake is reported, one per line, so one run shows them all.
  bool fail(const Node& at, const std::string& message) {
    if (!error.empty()) error += "\niamlint: ";
    error += doc.source.path() + ":" + std::to_string(at.range.line) + ":" + std::to_string(at.range.column) +
             ": " + message;
    return false;
  }
  bool strings(const Node& node, const std::string& key, std::vector<std::string>& out) {
    if (node.isScalar()) {
      out.push_back(node.text);
      return true;
    }
    if (!node.isSequence()) return fail(node, "`" + key + "` must be a list of strings");
    for (const Node& item : node.items) {
      if (!item.isScalar()) return fail(item, "`" + key + "` must be a list of strings");
      out.push_back(item.text);
    }
    return true;
  }
  bool ruleSelectors(const Node& node, const std::string& key, std::vector<std::string>& out) {
    size_t before = out.size();
    if (!strings(node, key, out)) return false;
    for (size_t i = before; i < out.size(); ++i) {
      std::string why = ruleSelectorError(out[i]);
      const Node& at = node.isSequence() ? node.items[i - before] : node;
      if (!why.empty()) {
        size_t tick = why.find("` ");
        return fail(at, why.insert(tick + 1, " in `" + key + "`"));
      }
    }
    return true;
  }
};

}  // namespace

bool loadConfig(const std::string& path, Config& config, std::string& error) {
  std::string readError;
  bool tooLarge = false;
  std::optional<std::string> text = readFile(path, readError, 1 << 20, tooLarge);
  if (!text || tooLarge) {
    error = path + ": " + (tooLarge ? std::string("the config file is larger than 1 MiB") : readError);
    return false;
  }
  Document doc;
  LoadError loadError;
  config.path = path;
  if (!loadDocument(path, std::move(*text), doc, loadError)) {
    if (loadError.message == "the file is empty") return true;
    error = path + ":" + std::to_string(loadError.range.line) + ":" + std::to_string(loadError.range.column) +
            ": " + loadError.message;
    return false;
  }
  Reader r{doc, error};
  const Node& root = doc.root;
  if (root.isNull()) return true;
  if (!root.isMapping()) return r.fail(root, "the configuration must be a mapping of settings");
  for (const LoadNote& note : doc.notes)
    if (note.kind == LoadNote::DuplicateKey) {
      if (!error.empty()) error += "\niamlint: ";
      error += path + ":" + std::to_string(note.range.line) + ":" + std::to_string(note.range.column) +
               ": duplicate key `" + note.key + "`";
    }
  auto readKey = [&](size_t i) -> bool {
    const Node& key = root.keys[i];
    const Node& value = root.items[i];
    const std::string& k = key.text;
    if (k == "select") {
      if (!r.ruleSelectors(value, k, config.select)) return false;
    } else if (k == "ignore") {
      if (!r.ruleSelectors(value, k, config.ignore)) return false;
    } else if (k == "profiles") {
      size_t before = config.profiles.size();
      if (!r.strings(value, k, config.profiles)) return false;
      // A profile given as a file is relative to the config file, not to the working directory.
      for (size_t j = before; j < config.profiles.size(); ++j) {
        std::string& p = config.profiles[j];
        bool isFile = p.find('/') != std::string::npos || p.ends_with(".yaml") || p.ends_with(".yml");
        if (isFile && std::filesystem::path(p).is_relative())
          p = (std::filesystem::path(path).parent_path() / p).lexically_normal().string();
      }
    } else if (k == "exclude") {
      if (!r.strings(value, k, config.excludes)) return false;
    } else if (k == "fail-on") {
      FailOn f;
      if (!value.isScalar() || !parseFailOn(value.text, f))
        return r.fail(value, "`fail-on` must be one of error, warning, note, none");
      config.failOn = f;
    } else if (k == "rules") {
      if (!value.isMapping()) return r.fail(value, "`rules` must map rule ids or names to a level");
      for (size_t j = 0; j < value.keys.size(); ++j) {
        const Rule* rule = findRule(value.keys[j].text);
        if (!rule) return r.fail(value.keys[j], "`" + value.keys[j].text + "` is not a rule id or name");
        const Node& level = value.items[j];
        Level l;
        if (level.isScalar() && level.text == "off") {
          config.ignore.push_back(std::string(rule->info.id));
          continue;
        }
        if (!level.isScalar() || !parseLevel(level.text, l))
          return r.fail(level, "the level of " + std::string(rule->info.id) + " must be error, warning, note or off");
        config.levels[std::string(rule->info.id)] = l;
      }
    } else if (k == "parameters") {
      if (!value.isMapping()) return r.fail(value, "`parameters` must map parameter names to values");
      for (size_t j = 0; j < value.keys.size(); ++j) {
        if (!value.items[j].isScalar())
          return r.fail(value.items[j], "the value of parameter `" + value.keys[j].text + "` must be a string");
        config.parameters[value.keys[j].text] = value.items[j].text;
      }
    } else {
      static const char* const known[] = {"select", "ignore", "rules", "profiles", "parameters", "exclude", "fail-on"};
      std::string folded;
      for (char c : k) {
        if (c == '_') c = '-';
        if (std::isupper(static_cast<unsigned char>(c)) && !folded.empty() && folded.back() != '-') folded += '-';
        folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      for (const char* candidate : known)
        if (folded == candidate || folded + "s" == candidate || folded == std::string(candidate) + "s" ||
            (folded == "excludes" && std::string(candidate) == "exclude"))
          return r.fail(key, "unknown setting `" + k + "`; did you mean `" + candidate + "`?");
      return r.fail(key, "unknown setting `" + k +
                             "`; known: select, ignore, rules, profiles, parameters, exclude, fail-on");
    }
    return true;
  };
  for (size_t i = 0; i < root.keys.size(); ++i) readKey(i);
  return error.empty();
}

std::optional<std::string> findConfig(const std::string& start) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (dir.has_filename() == false && dir.has_parent_path() && dir != dir.root_path()) dir = dir.parent_path();
  // Upward by the text of the path: one stat() a directory, no path objects made for each.
  std::string at = dir.string();
  while (at.size() > 1 && at.back() == '/') at.pop_back();
  while (!at.empty()) {
    const std::string candidate = at + (at.back() == '/' ? "" : "/") + ".iamlint.yaml";
    struct stat st;
    if (::stat(candidate.c_str(), &st) == 0) return candidate;
    const size_t slash = at.rfind('/');
    if (slash == std::string::npos || at == "/") break;
    at = slash == 0 ? "/" : at.substr(0, slash);
  }
  return std::nullopt;
}

}  // namespace iamlint
