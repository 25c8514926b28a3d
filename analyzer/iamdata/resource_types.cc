// Resource types of a service, and which of them an ARN from a policy could denote.
#include <algorithm>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

using namespace iamdata;

std::span<const ResourceTypeInfo> Catalog::resourceTypes(std::string_view service) const {
  const LoadedService* s = impl_->load(service);
  if (!s) return {};
  return s->info.resourceTypes;
}

const ResourceTypeInfo* Catalog::findResourceType(std::string_view service, std::string_view name) const {
  for (const ResourceTypeInfo& rt : resourceTypes(service))
    if (equalsIgnoreCase(rt.name, name)) return &rt;
  return nullptr;
}

namespace {

// `table[key]`, computed by `compute` outside the lock when absent.
template <typename Table, typename Compute>
typename Table::mapped_type memoized(std::mutex& mutex, Table& table, size_t& bytes, std::string key,
                                     Compute&& compute) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = table.find(key); it != table.end()) return it->second;
  }
  typename Table::mapped_type value = compute();
  std::lock_guard<std::mutex> lock(mutex);
  if (bytes + key.size() > Catalog::Impl::kArnMemoBytes) table.clear(), bytes = 0;
  bytes += key.size();
  table.emplace(std::move(key), value);
  return value;
}

// The types of the formats `arn` fits, strictly or else loosely (see ArnTemplate::matches).
std::vector<const ResourceTypeInfo*> matchFormats(const Catalog::Impl& impl, std::string_view arn,
                                                  const ArnServiceField& field) {
  std::vector<const ResourceTypeInfo*> out;
  // The ARN's service field is not always the IAM prefix (several prefixes share
  // "execute-api", for instance), so candidates come from the index of ARN fields.
  const PackView& pack = impl.pack;
  std::vector<size_t> candidates;
  if (field.wild) {
    for (uint32_t i = 0; i < pack.header->arnServices; ++i)
      if (field.service.empty() || wildcardMatch(field.service, pack.str(pack.arnServices[i].text)))
        candidates.push_back(pack.arnServices[i].service);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  } else {
    for (uint32_t slot : impl.servicesOfArnField(toLower(field.service))) candidates.push_back(slot);
  }

  const ArnPattern pattern(arn);
  for (bool loose : {false, true}) {
    for (size_t index : candidates) {
      const LoadedService* s = impl.load(index);
      const std::vector<ArnTemplate>& templates = s->templates();
      for (size_t i = 0; i < templates.size(); ++i)
        if (templates[i].matches(pattern, loose)) out.push_back(&s->info.resourceTypes[i]);
    }
    if (!out.empty()) break;
  }
  return out;
}

}  // namespace

std::vector<const ResourceTypeInfo*> Catalog::matchResourceTypes(std::string_view arn) const {
  // Matching is linear in the ARN times the format; past IAM's own limit on an ARN's length
  // (2,048 characters) the text is no ARN of any type, and not worth the time.
  if (arn.size() > kMaxArnLength) return {};
  const ArnServiceField field = arnServiceField(arn);
  if (!field.isArn) return {};
  Impl::ArnMemo& memo = impl_->arnMemo;
  return memoized(memo.mutex, memo.types, memo.typesBytes, std::string(arn),
                  [&] { return matchFormats(*impl_, arn, field); });
}


std::vector<const ResourceTypeInfo*> Catalog::resourceTypesOfArnService(std::string_view arnService) const {
  std::vector<const ResourceTypeInfo*> out;
  for (uint32_t index : impl_->servicesOfArnField(toLower(arnService))) {
    const LoadedService* s = impl_->load(index);
    for (const ResourceTypeInfo& rt : s->info.resourceTypes) {
      std::string_view f = rt.arnFormat;
      size_t a = f.find(':'), b = a == std::string_view::npos ? a : f.find(':', a + 1);
      size_t c = b == std::string_view::npos ? b : f.find(':', b + 1);
      if (c != std::string_view::npos && equalsIgnoreCase(f.substr(b + 1, c - b - 1), arnService)) out.push_back(&rt);
    }
  }
  return out;
}

// The compiled format of `type`, or nullptr when it is no type of the catalog.
static const ArnTemplate* templateOf(const Catalog::Impl& impl, const ResourceTypeInfo& type) {
  const LoadedService* s = impl.load(type.service);
  if (!s || s->info.resourceTypes.empty()) return nullptr;
  const ResourceTypeInfo* first = s->info.resourceTypes.data();
  if (&type < first || &type >= first + s->info.resourceTypes.size()) return nullptr;
  return &s->templates()[static_cast<size_t>(&type - first)];
}

ArnReach Catalog::arnReach(const ResourcePattern& pattern, const ResourceTypeInfo& type) const {
  const ArnTemplate* t = pattern.size() > kMaxArnLength ? nullptr : templateOf(*impl_, type);
  return t ? t->reach(pattern) : ArnReach::Partial;
}

bool Catalog::arnMayDenote(const ResourcePattern& pattern, const ResourceTypeInfo& type) const {
  const ArnTemplate* t = pattern.size() > kMaxArnLength ? nullptr : templateOf(*impl_, type);
  return t && t->matches(pattern.forMatching(), false);
}

ArnReach Catalog::arnReach(std::string_view pattern, const ResourceTypeInfo& type) const {
  return arnReach(ResourcePattern(pattern), type);
}

bool Catalog::arnMayDenote(std::string_view pattern, const ResourceTypeInfo& type) const {
  return arnMayDenote(ResourcePattern(pattern), type);
}

}  // namespace iamlint
