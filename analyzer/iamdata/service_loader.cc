// Parses one service's line of the generated catalog (packCatalog, catalog_pack.cc, packs it).
// Line layout (written by tools/update-iamdata):
//   {"n":display name,
//    "a":[[name, level code, [[resource type, required 0|1, [keys]]...], [keys]]...],
//    "r":[[name, ARN format, [keys]]...], "k":[[key, type]...], "p":..., "u":...}
#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "analyzer/iamdata/catalog_pack.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint::iamdata {
namespace {

// The generator writes compact JSON with no escapes (it checks), so a service line is read in
// one pass with views straight into the bytes: no DOM, no copy. This runs when the catalog is
// packed (at build time, or when a data directory is read), never on a lookup.
struct Cursor {
  const char* p;
  const char* end;
  std::string_view prefix;

  [[noreturn]] void fail() const {
    throw std::runtime_error("iamlint: embedded IAM data for service '" + std::string(prefix) + "' is corrupt");
  }
  void expect(char c) {
    if (p >= end || *p != c) fail();
    ++p;
  }
  bool take(char c) {
    if (p < end && *p == c) return ++p, true;
    return false;
  }
  std::string_view string() {
    expect('"');
    const char* close = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
    if (!close) fail();
    std::string_view out(p, static_cast<size_t>(close - p));
    p = close + 1;
    return out;
  }
  long integer() {
    long v = 0;
    bool any = false;
    while (p < end && *p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0'), any = true;
    if (!any) fail();
    return v;
  }
  template <typename F>
  void array(F&& each) {
    expect('[');
    if (take(']')) return;
    do each(); while (take(','));
    expect(']');
  }
  std::vector<std::string_view> strings() {
    std::vector<std::string_view> out;
    array([&] { out.push_back(string()); });
    return out;
  }
  // Values of keys this reader does not use ("p", "u"): strings, numbers, arrays, objects.
  void skip() {
    if (p < end && *p == '"') {
      string();
    } else if (take('[')) {
      if (take(']')) return;
      do skip(); while (take(','));
      expect(']');
    } else if (take('{')) {
      if (take('}')) return;
      do {
        string();
        expect(':');
        skip();
      } while (take(','));
      expect('}');
    } else {
      while (p < end && *p != ',' && *p != ']' && *p != '}') ++p;
    }
  }
};

AccessLevel levelFromCode(std::string_view code) {
  switch (code.empty() ? 'R' : code[0]) {
    case 'L': return AccessLevel::List;
    case 'W': return AccessLevel::Write;
    case 'P': return AccessLevel::PermissionsManagement;
    case 'T': return AccessLevel::Tagging;
    default: return AccessLevel::Read;
  }
}

ConditionKeyType typeFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, ConditionKeyType> kTypes[] = {
      {"String", ConditionKeyType::String},       {"ArrayOfString", ConditionKeyType::ArrayOfString},
      {"ARN", ConditionKeyType::ARN},             {"ArrayOfARN", ConditionKeyType::ArrayOfARN},
      {"Bool", ConditionKeyType::Bool},           {"ArrayOfBool", ConditionKeyType::ArrayOfBool},
      {"Numeric", ConditionKeyType::Numeric},     {"ArrayOfNumeric", ConditionKeyType::ArrayOfNumeric},
      {"Date", ConditionKeyType::Date},           {"ArrayOfDate", ConditionKeyType::ArrayOfDate},
      {"IPAddress", ConditionKeyType::IPAddress}, {"ArrayOfIPAddress", ConditionKeyType::ArrayOfIPAddress},
      {"Binary", ConditionKeyType::Binary},       {"ArrayOfBinary", ConditionKeyType::ArrayOfBinary},
  };
  for (const auto& [n, t] : kTypes)
    if (equalsIgnoreCase(n, name)) return t;
  return ConditionKeyType::Unknown;
}

}  // namespace

ConditionKeyType conditionKeyTypeFromName(std::string_view name) { return typeFromName(name); }

ParsedService parseService(std::string_view prefix, std::string_view json) {
  ParsedService info;
  info.prefix = prefix;
  info.name = prefix;
  Cursor c{json.data(), json.data() + json.size(), prefix};
  c.expect('{');
  if (!c.take('}')) {
    do {
      std::string_view key = c.string();
      c.expect(':');
      if (key == "n") {
        info.name = c.string();
      } else if (key == "a") {
        c.array([&] {
          ParsedService::Action& act = info.actions.emplace_back();
          c.expect('[');
          act.name = c.string();
          c.expect(',');
          act.accessLevel = levelFromCode(c.string());
          c.expect(',');
          c.array([&] {
            c.expect('[');
            ParsedService::ActionResourceType& rt = act.resourceTypes.emplace_back();
            rt.name = c.string();
            c.expect(',');
            rt.required = c.integer() != 0;
            c.expect(',');
            rt.conditionKeys = c.strings();
            c.expect(']');
          });
          c.expect(',');
          act.conditionKeys = c.strings();
          c.expect(']');
        });
      } else if (key == "r") {
        c.array([&] {
          c.expect('[');
          std::string_view name = c.string();
          c.expect(',');
          std::string_view arn = c.string();
          c.expect(',');
          info.resourceTypes.push_back({name, arn, c.strings()});
          c.expect(']');
        });
      } else if (key == "k") {
        c.array([&] {
          c.expect('[');
          std::string_view name = c.string();
          c.expect(',');
          info.conditionKeys.push_back({name, typeFromName(c.string())});
          c.expect(']');
        });
      } else {
        c.skip();
      }
    } while (c.take(','));
    c.expect('}');
  }
  // The generator sorts already; sorting again keeps lookups right if it ever does not.
  auto byName = [](const auto& x, const auto& y) { return lessIgnoreCase(x.name, y.name); };
  if (!std::is_sorted(info.actions.begin(), info.actions.end(), byName))
    std::sort(info.actions.begin(), info.actions.end(), byName);
  return info;
}

}  // namespace iamlint::iamdata
