// The catalog's index of services and the lazy, once-only parsing of each service.
#include "iamlint/catalog.h"

#include <algorithm>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

using iamdata::embeddedData;

Catalog::Impl::Impl() {
  // Index lines: prefix, ARN service fields, unassociated key prefixes, offset, length.
  const iamdata::EmbeddedData& data = embeddedData();
  for (std::string_view line : iamdata::split(data.catalogIndex, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = iamdata::split(line, '\t');
    if (f.size() != 5) continue;
    auto slot = std::make_unique<iamdata::ServiceSlot>();
    slot->prefix = f[0];
    size_t offset = std::stoul(std::string(f[3])), length = std::stoul(std::string(f[4]));
    // The payload is "prefix<TAB>json"; skip the prefix.
    std::string_view payload = data.catalog.substr(offset, length);
    slot->json = payload.substr(std::min(payload.size(), f[0].size() + 1));
    const size_t index = slots.size();
    for (std::string_view s : iamdata::split(f[1], ','))
      if (!s.empty()) slotsByArnService[iamdata::toLower(s)].push_back(index);
    for (std::string_view s : iamdata::split(f[2], ','))
      if (!s.empty()) slotsByKeyPrefix[iamdata::toLower(s)].push_back(index);
    prefixes.push_back(slot->prefix);
    slots.push_back(std::move(slot));
  }
  globalKeys = iamdata::loadGlobalConditionKeys();
}

size_t Catalog::Impl::slotOf(std::string_view prefix) const {
  auto it = std::lower_bound(prefixes.begin(), prefixes.end(), prefix, iamdata::lessIgnoreCase);
  if (it == prefixes.end() || !iamdata::equalsIgnoreCase(*it, prefix)) return npos;
  return static_cast<size_t>(it - prefixes.begin());
}

const iamdata::LoadedService* Catalog::Impl::load(size_t index) const {
  iamdata::ServiceSlot& slot = *slots[index];
  std::call_once(slot.once, [&] { slot.loaded = iamdata::parseService(slot.prefix, slot.json); });
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
  std::string out(service);
  out += ':';
  out += name;
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
