// The catalog's index of services, read from the packed catalog, and each service made into
// the API's structs on its first use, once.
#include "iamlint/catalog.h"

#include <algorithm>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

using iamdata::embeddedData;

Catalog::Impl::Impl() : pack(embeddedData().catalogPack), slots(pack.header->services) {
  prefixes.reserve(pack.header->services);
  for (uint32_t i = 0; i < pack.header->services; ++i) prefixes.push_back(pack.str(pack.services[i].prefix));
  size_t size = 64;
  while (size < prefixes.size() * 4) size *= 2;
  prefixTable.assign(size, 0);
  for (size_t i = 0; i < prefixes.size(); ++i) {
    size_t at = iamdata::IgnoreCaseHash()(prefixes[i]) & (size - 1);
    while (prefixTable[at] != 0) at = (at + 1) & (size - 1);
    prefixTable[at] = static_cast<uint32_t>(i + 1);
  }
  globalKeys = iamdata::loadGlobalConditionKeys();
}

size_t Catalog::Impl::slotOf(std::string_view prefix) const {
  const size_t mask = prefixTable.size() - 1;
  for (size_t at = iamdata::IgnoreCaseHash()(prefix) & mask;; at = (at + 1) & mask) {
    const uint32_t entry = prefixTable[at];
    if (entry == 0) return npos;
    if (iamdata::equalsIgnoreCase(prefixes[entry - 1], prefix)) return entry - 1;
  }
}

std::vector<uint32_t> Catalog::Impl::servicesOfArnField(std::string_view lowerField) const {
  std::vector<uint32_t> out;
  const iamdata::pack::IndexEntry* begin = pack.arnServices;
  const iamdata::pack::IndexEntry* end = begin + pack.header->arnServices;
  const iamdata::pack::IndexEntry* it = std::lower_bound(
      begin, end, lowerField, [&](const iamdata::pack::IndexEntry& e, std::string_view f) { return pack.str(e.text) < f; });
  for (; it != end && pack.str(it->text) == lowerField; ++it) out.push_back(it->service);
  return out;
}

namespace {

// A service's records made into the API's structs: one pass over fixed-size records, no parsing.
std::unique_ptr<iamdata::LoadedService> materialize(const iamdata::PackView& pack, size_t index) {
  namespace pk = iamdata::pack;
  auto out = std::make_unique<iamdata::LoadedService>();
  const pk::Service& s = pack.services[index];
  const std::string_view prefix = pack.str(s.prefix);
  out->keyNames.reserve(s.keyRefCount);
  for (uint32_t i = 0; i < s.keyRefCount; ++i) out->keyNames.push_back(pack.str(pack.keyRefs[s.keyRefBegin + i]));
  auto keys = [&](uint32_t begin, uint32_t count) {
    return std::span<const std::string_view>(out->keyNames.data() + (begin - s.keyRefBegin), count);
  };
  out->actionResourceTypes.reserve(s.actionResourceTypeCount);
  for (uint32_t i = 0; i < s.actionResourceTypeCount; ++i) {
    const pk::ActionResourceType& r = pack.actionResourceTypes[s.actionResourceTypeBegin + i];
    out->actionResourceTypes.push_back({pack.str(r.name), r.required != 0, keys(r.keyRefBegin, r.keyRefCount)});
  }
  out->actions.reserve(s.actionCount);
  for (uint32_t i = 0; i < s.actionCount; ++i) {
    const pk::Action& a = pack.actions[s.actionBegin + i];
    ActionInfo& act = out->actions.emplace_back();
    act.service = prefix;
    act.name = pack.str(a.name);
    act.accessLevel = static_cast<AccessLevel>(a.accessLevel);
    act.resourceTypes = std::span<const ActionResourceType>(
        out->actionResourceTypes.data() + (a.resourceTypeBegin - s.actionResourceTypeBegin), a.resourceTypeCount);
    act.conditionKeys = keys(a.keyRefBegin, a.keyRefCount);
  }
  out->resourceTypes.reserve(s.resourceTypeCount);
  for (uint32_t i = 0; i < s.resourceTypeCount; ++i) {
    const pk::ResourceType& r = pack.resourceTypes[s.resourceTypeBegin + i];
    out->resourceTypes.push_back({prefix, pack.str(r.name), pack.str(r.arnFormat), keys(r.keyRefBegin, r.keyRefCount)});
  }
  out->conditionKeys.reserve(s.conditionKeyCount);
  for (uint32_t i = 0; i < s.conditionKeyCount; ++i) {
    const pk::ConditionKey& k = pack.conditionKeys[s.conditionKeyBegin + i];
    out->conditionKeys.push_back(
        {pack.str(k.name), static_cast<ConditionKeyType>(k.type), prefix, false, k.templated != 0});
  }
  out->info.prefix = prefix;
  out->info.name = pack.str(s.name);
  out->info.actions = out->actions;
  out->info.resourceTypes = out->resourceTypes;
  out->info.conditionKeys = out->conditionKeys;
  return out;
}

}  // namespace

const std::vector<iamdata::ArnTemplate>& iamdata::LoadedService::templates() const {
  std::call_once(arnOnce, [&] {
    arnTemplates.reserve(resourceTypes.size());
    for (const ResourceTypeInfo& rt : resourceTypes) arnTemplates.emplace_back(rt.arnFormat);
  });
  return arnTemplates;
}

const iamdata::LoadedService* Catalog::Impl::load(size_t index) const {
  iamdata::ServiceSlot& slot = slots[index];
  std::call_once(slot.once, [&] { slot.loaded = materialize(pack, index); });
  return slot.loaded.get();
}

const iamdata::LoadedService* Catalog::Impl::load(std::string_view prefix) const {
  size_t index = slotOf(prefix);
  return index == npos ? nullptr : load(index);
}

Catalog::Catalog() : impl_(std::make_unique<Impl>()) {}
Catalog::~Catalog() = default;

const Catalog& Catalog::instance() {
  // Never destroyed: freeing thousands of parsed entries at exit is work nobody needs.
  static const Catalog* catalog = new Catalog;
  return *catalog;
}

bool Catalog::hasService(std::string_view prefix) const { return impl_->slotOf(prefix) != Impl::npos; }

const std::vector<std::string_view>& Catalog::servicePrefixes() const { return impl_->prefixes; }

std::optional<std::string_view> Catalog::serviceName(std::string_view prefix) const {
  const ServiceInfo* s = service(prefix);
  if (!s) return std::nullopt;
  return s->name;
}

const ServiceInfo* Catalog::service(std::string_view prefix) const {
  const iamdata::LoadedService* s = impl_->load(prefix);
  return s ? &s->info : nullptr;
}

std::string ActionInfo::fullName() const {
  std::string out;
  out.reserve(service.size() + 1 + name.size());
  out.append(service).append(1, ':').append(name);
  return out;
}

std::string_view accessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::List: return "List";
    case AccessLevel::Read: return "Read";
    case AccessLevel::Write: return "Write";
    case AccessLevel::PermissionsManagement: return "Permissions management";
    case AccessLevel::Tagging: return "Tagging";
  }
  return "Read";
}

}  // namespace iamlint
