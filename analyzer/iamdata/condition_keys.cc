// Condition keys: the global aws:* table, each service's keys, and templated names.
#include <algorithm>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace iamdata {

ConditionKeyType conditionKeyTypeFromName(std::string_view name);  // service_loader.cc

bool conditionKeyMatches(std::string_view defined, std::string_view key) {
  size_t d = 0, k = 0;
  while (d < defined.size()) {
    const bool dollar = defined[d] == '$' && d + 1 < defined.size() && defined[d + 1] == '{';
    if (dollar || defined[d] == '<') {
      size_t close = defined.find(dollar ? '}' : '>', d);
      if (close == std::string_view::npos) return false;
      std::string_view rest = defined.substr(close + 1);
      // The placeholder takes one or more characters; try each split point.
      for (size_t end = k + 1; end <= key.size(); ++end)
        if (conditionKeyMatches(rest, key.substr(end))) return true;
      return false;
    }
    if (k >= key.size() || asciiLower(defined[d]) != asciiLower(key[k])) return false;
    ++d, ++k;
  }
  return k == key.size();
}

std::vector<ConditionKeyInfo> loadGlobalConditionKeys() {
  std::vector<ConditionKeyInfo> out;
  forEachLine(embeddedData().globalConditionKeys, [&](std::string_view line) {
    std::array<std::string_view, 2> f;
    if (fields(line, f) < 2) return;
    out.push_back({f[0], conditionKeyTypeFromName(f[1]), "aws", true, isTemplatedKey(f[0])});
  });
  return out;
}

}  // namespace iamdata

using namespace iamdata;

namespace {

const ConditionKeyInfo* findIn(std::span<const ConditionKeyInfo> keys, std::string_view key) {
  for (const ConditionKeyInfo& k : keys)
    if (!k.templated && equalsIgnoreCase(k.name, key)) return &k;
  for (const ConditionKeyInfo& k : keys)
    if (k.templated && conditionKeyMatches(k.name, key)) return &k;
  return nullptr;
}

}  // namespace

std::span<const ConditionKeyInfo> Catalog::globalConditionKeys() const { return impl_->globalKeys; }

const ConditionKeyInfo* Catalog::findConditionKey(std::string_view key) const {
  size_t colon = key.find(':');
  if (colon == std::string_view::npos) return nullptr;
  std::string_view prefix = key.substr(0, colon);
  if (equalsIgnoreCase(prefix, "aws")) return findIn(impl_->globalKeys, key);
  if (const ServiceInfo* s = service(prefix))
    if (const ConditionKeyInfo* k = findIn(s->conditionKeys, key)) return k;
  // Identity-provider keys ("saml:aud", "accounts.google.com:sub") belong to the
  // service that evaluates them (sts). Their prefixes may be templated themselves.
  const PackView& pack = impl_->pack;
  for (uint32_t i = 0; i < pack.header->keyPrefixes; ++i) {
    const pack::IndexEntry& e = pack.keyPrefixes[i];
    if (!conditionKeyMatches(pack.str(e.text), prefix)) continue;
    if (const ConditionKeyInfo* k = findIn(impl_->load(e.service)->info.conditionKeys, key)) return k;
  }
  return nullptr;
}

bool Catalog::serviceDefinesConditionKey(std::string_view service, std::string_view key) const {
  const ServiceInfo* s = this->service(service);
  return s && findIn(s->conditionKeys, key) != nullptr;
}

std::string_view conditionKeyTypeName(ConditionKeyType type) {
  switch (type) {
    case ConditionKeyType::String: return "String";
    case ConditionKeyType::ArrayOfString: return "ArrayOfString";
    case ConditionKeyType::ARN: return "ARN";
    case ConditionKeyType::ArrayOfARN: return "ArrayOfARN";
    case ConditionKeyType::Bool: return "Bool";
    case ConditionKeyType::ArrayOfBool: return "ArrayOfBool";
    case ConditionKeyType::Numeric: return "Numeric";
    case ConditionKeyType::ArrayOfNumeric: return "ArrayOfNumeric";
    case ConditionKeyType::Date: return "Date";
    case ConditionKeyType::ArrayOfDate: return "ArrayOfDate";
    case ConditionKeyType::IPAddress: return "IPAddress";
    case ConditionKeyType::ArrayOfIPAddress: return "ArrayOfIPAddress";
    case ConditionKeyType::Binary: return "Binary";
    case ConditionKeyType::ArrayOfBinary: return "ArrayOfBinary";
    case ConditionKeyType::Unknown: return "Unknown";
  }
  return "Unknown";
}

bool isArrayType(ConditionKeyType type) {
  switch (type) {
    case ConditionKeyType::ArrayOfString:
    case ConditionKeyType::ArrayOfARN:
    case ConditionKeyType::ArrayOfBool:
    case ConditionKeyType::ArrayOfNumeric:
    case ConditionKeyType::ArrayOfDate:
    case ConditionKeyType::ArrayOfIPAddress:
    case ConditionKeyType::ArrayOfBinary: return true;
    default: return false;
  }
}

}  // namespace iamlint
