// Turns one service's line of the generated catalog into a ServiceInfo.
// Line layout (written by tools/update-iamdata):
//   {"n":display name,
//    "a":[[name, level code, [[resource type, required 0|1, [keys]]...], [keys]]...],
//    "r":[[name, ARN format, [keys]]...], "k":[[key, type]...], "p":..., "u":...}
#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <rapidjson/document.h>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint::iamdata {
namespace {

using Value = rapidjson::Value;

std::string_view view(const Value& v) {
  return v.IsString() ? std::string_view(v.GetString(), v.GetStringLength()) : std::string_view();
}

std::vector<std::string_view> views(const Value& v) {
  std::vector<std::string_view> out;
  if (!v.IsArray()) return out;
  out.reserve(v.Size());
  for (const Value& s : v.GetArray()) out.push_back(view(s));
  return out;
}

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

std::unique_ptr<LoadedService> parseService(std::string_view prefix, std::string_view json) {
  auto out = std::make_unique<LoadedService>();
  out->buffer = std::make_unique<char[]>(json.size() + 1);
  std::memcpy(out->buffer.get(), json.data(), json.size());
  out->buffer[json.size()] = '\0';

  rapidjson::Document doc;
  doc.ParseInsitu(out->buffer.get());
  if (doc.HasParseError() || !doc.IsObject())
    throw std::runtime_error("iamlint: embedded IAM data for service '" + std::string(prefix) + "' is corrupt");

  ServiceInfo& info = out->info;
  info.prefix = prefix;
  info.name = doc.HasMember("n") ? view(doc["n"]) : prefix;

  if (doc.HasMember("a")) {
    const Value& actions = doc["a"];
    info.actions.reserve(actions.Size());
    for (const Value& a : actions.GetArray()) {
      ActionInfo& act = info.actions.emplace_back();
      act.service = prefix;
      act.name = view(a[0]);
      act.accessLevel = levelFromCode(view(a[1]));
      for (const Value& rt : a[2].GetArray())
        act.resourceTypes.push_back({view(rt[0]), rt[1].GetInt() != 0, views(rt[2])});
      act.conditionKeys = views(a[3]);
    }
  }
  if (doc.HasMember("r")) {
    for (const Value& r : doc["r"].GetArray()) {
      info.resourceTypes.push_back({prefix, view(r[0]), view(r[1]), views(r[2])});
      out->arnTemplates.emplace_back(view(r[1]));
    }
  }
  if (doc.HasMember("k")) {
    for (const Value& k : doc["k"].GetArray()) {
      std::string_view name = view(k[0]);
      info.conditionKeys.push_back({name, typeFromName(view(k[1])), prefix, false, isTemplatedKey(name)});
    }
  }
  // The generator sorts already; sorting again keeps lookups right if it ever does not.
  auto byName = [](const auto& x, const auto& y) { return lessIgnoreCase(x.name, y.name); };
  if (!std::is_sorted(info.actions.begin(), info.actions.end(), byName))
    std::sort(info.actions.begin(), info.actions.end(), byName);
  return out;
}

}  // namespace iamlint::iamdata
