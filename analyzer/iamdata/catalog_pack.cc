// Packing the catalog's JSON lines into the layout of catalog_pack.h, and reading a pack.
#include "analyzer/iamdata/catalog_pack.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "analyzer/iamdata/text_match.h"

namespace iamlint::iamdata {
namespace {

template <typename T>
void appendWords(std::vector<uint32_t>& out, const std::vector<T>& records) {
  static_assert(sizeof(T) % sizeof(uint32_t) == 0);
  const size_t at = out.size();
  out.resize(at + records.size() * sizeof(T) / sizeof(uint32_t));
  if (!records.empty()) std::memcpy(out.data() + at, records.data(), records.size() * sizeof(T));
}

uint32_t u32(size_t n) {
  if (n > UINT32_MAX) throw std::runtime_error("the IAM catalog is too large to pack");
  return static_cast<uint32_t>(n);
}

bool number(std::string_view s, size_t& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

struct CatalogPacker::State {
  std::vector<pack::Service> services;
  std::vector<pack::Action> actions;
  std::vector<pack::ActionResourceType> actionResourceTypes;
  std::vector<pack::ResourceType> resourceTypes;
  std::vector<pack::ConditionKey> conditionKeys;
  std::vector<pack::Str> keyRefs;
  std::vector<pack::IndexEntry> arnServices, keyPrefixes;
  std::string pool;
  // Text -> offset in the pool. The keys view the caller's texts, or `lowered`.
  std::unordered_map<std::string_view, uint32_t> interned;
  std::deque<std::string> lowered;

  pack::Str intern(std::string_view s) {
    auto [it, added] = interned.try_emplace(s, u32(pool.size()));
    if (added) pool.append(s);
    return {it->second, u32(s.size())};
  }
  pack::Str internLower(std::string_view s) {
    std::string low = toLower(s);
    if (auto it = interned.find(low); it != interned.end()) return {it->second, u32(low.size())};
    return intern(lowered.emplace_back(std::move(low)));
  }
  void keyList(const std::vector<std::string_view>& keys, uint32_t& begin, uint32_t& count) {
    begin = u32(keyRefs.size());
    count = u32(keys.size());
    for (std::string_view k : keys) keyRefs.push_back(intern(k));
  }
};

CatalogPacker::CatalogPacker() : state_(std::make_unique<State>()) {}
CatalogPacker::~CatalogPacker() = default;

void CatalogPacker::add(const ParsedService& parsed, std::string_view arnFields, std::string_view keyPrefixes) {
  State& st = *state_;
  const uint32_t slot = u32(st.services.size());
  pack::Service s{};
  s.prefix = st.intern(parsed.prefix);
  s.name = st.intern(parsed.name);
  s.actionBegin = u32(st.actions.size());
  s.actionCount = u32(parsed.actions.size());
  s.actionResourceTypeBegin = u32(st.actionResourceTypes.size());
  s.keyRefBegin = u32(st.keyRefs.size());
  for (const ParsedService::Action& a : parsed.actions) {
    pack::Action out{};
    out.name = st.intern(a.name);
    out.accessLevel = static_cast<uint32_t>(a.accessLevel);
    out.resourceTypeBegin = u32(st.actionResourceTypes.size());
    out.resourceTypeCount = u32(a.resourceTypes.size());
    for (const ParsedService::ActionResourceType& rt : a.resourceTypes) {
      pack::ActionResourceType r{};
      r.name = st.intern(rt.name);
      r.required = rt.required ? 1 : 0;
      st.keyList(rt.conditionKeys, r.keyRefBegin, r.keyRefCount);
      st.actionResourceTypes.push_back(r);
    }
    st.keyList(a.conditionKeys, out.keyRefBegin, out.keyRefCount);
    st.actions.push_back(out);
  }
  s.resourceTypeBegin = u32(st.resourceTypes.size());
  s.resourceTypeCount = u32(parsed.resourceTypes.size());
  for (const ParsedService::ResourceType& rt : parsed.resourceTypes) {
    pack::ResourceType r{};
    r.name = st.intern(rt.name);
    r.arnFormat = st.intern(rt.arnFormat);
    st.keyList(rt.conditionKeys, r.keyRefBegin, r.keyRefCount);
    st.resourceTypes.push_back(r);
  }
  s.actionResourceTypeCount = u32(st.actionResourceTypes.size()) - s.actionResourceTypeBegin;
  s.keyRefCount = u32(st.keyRefs.size()) - s.keyRefBegin;
  s.conditionKeyBegin = u32(st.conditionKeys.size());
  s.conditionKeyCount = u32(parsed.conditionKeys.size());
  for (const ParsedService::ConditionKey& k : parsed.conditionKeys)
    st.conditionKeys.push_back({st.intern(k.name), static_cast<uint32_t>(k.type), isTemplatedKey(k.name) ? 1u : 0u});
  st.services.push_back(s);

  for (std::string_view a : split(arnFields, ','))
    if (!a.empty()) st.arnServices.push_back({st.internLower(a), slot});
  for (std::string_view k : split(keyPrefixes, ','))
    if (!k.empty()) st.keyPrefixes.push_back({st.internLower(k), slot});
}

std::vector<uint32_t> CatalogPacker::finish() {
  State& st = *state_;
  if (st.services.empty()) throw std::runtime_error("iam-catalog.jsonl.index: no services");
  auto byText = [&](const pack::IndexEntry& a, const pack::IndexEntry& b) {
    std::string_view x(st.pool.data() + a.text.offset, a.text.size), y(st.pool.data() + b.text.offset, b.text.size);
    return x != y ? x < y : a.service < b.service;
  };
  std::stable_sort(st.arnServices.begin(), st.arnServices.end(), byText);
  std::stable_sort(st.keyPrefixes.begin(), st.keyPrefixes.end(), byText);

  st.pool.resize((st.pool.size() + 3) / 4 * 4, '\0');
  pack::Header h{};
  h.magic = pack::kMagic;
  h.version = pack::kVersion;
  h.services = u32(st.services.size());
  h.actions = u32(st.actions.size());
  h.actionResourceTypes = u32(st.actionResourceTypes.size());
  h.resourceTypes = u32(st.resourceTypes.size());
  h.conditionKeys = u32(st.conditionKeys.size());
  h.keyRefs = u32(st.keyRefs.size());
  h.arnServices = u32(st.arnServices.size());
  h.keyPrefixes = u32(st.keyPrefixes.size());
  h.stringBytes = u32(st.pool.size());

  std::vector<uint32_t> out;
  appendWords(out, std::vector<pack::Header>{h});
  appendWords(out, st.services);
  appendWords(out, st.actions);
  appendWords(out, st.actionResourceTypes);
  appendWords(out, st.resourceTypes);
  appendWords(out, st.conditionKeys);
  appendWords(out, st.keyRefs);
  appendWords(out, st.arnServices);
  appendWords(out, st.keyPrefixes);
  const size_t at = out.size();
  out.resize(at + st.pool.size() / 4);
  std::memcpy(out.data() + at, st.pool.data(), st.pool.size());
  reinterpret_cast<pack::Header*>(out.data())->bytes = u32(out.size() * 4);
  return out;
}

std::vector<uint32_t> packCatalog(std::string_view catalog, std::string_view index) {
  CatalogPacker packer;
  // Index lines: prefix, ARN service fields, unassociated key prefixes, offset, length.
  size_t lineNo = 0;
  for (std::string_view line : split(index, '\n')) {
    ++lineNo;
    if (line.empty() || line[0] == '#') continue;
    const std::string at = "iam-catalog.jsonl.index:" + std::to_string(lineNo) + ": ";
    std::vector<std::string_view> f = split(line, '\t');
    if (f.size() != 5) throw std::runtime_error(at + "expected 5 tab-separated fields");
    size_t offset = 0, length = 0;
    if (!number(f[3], offset) || !number(f[4], length) || offset > catalog.size() ||
        length > catalog.size() - offset)
      throw std::runtime_error(at + "the offset and length are not a line of iam-catalog.jsonl");
    // The payload is "prefix<TAB>json".
    std::string_view payload = catalog.substr(offset, length);
    if (payload.size() <= f[0].size() || payload.substr(0, f[0].size()) != f[0] || payload[f[0].size()] != '\t')
      throw std::runtime_error(at + "the catalog line does not start with `" + std::string(f[0]) + "` and a tab");
    packer.add(parseService(f[0], payload.substr(f[0].size() + 1)), f[1], f[2]);
  }
  return packer.finish();
}

PackView::PackView(std::string_view bytes) {
  auto corrupt = [] {
    throw std::runtime_error("iamlint: the packed IAM catalog is corrupt or of another iamlint version");
  };
  if (bytes.size() < sizeof(pack::Header) || reinterpret_cast<uintptr_t>(bytes.data()) % alignof(uint32_t) != 0)
    corrupt();
  header = reinterpret_cast<const pack::Header*>(bytes.data());
  if (header->magic != pack::kMagic || header->version != pack::kVersion || header->bytes > bytes.size()) corrupt();
  const char* p = bytes.data() + sizeof(pack::Header);
  size_t need = sizeof(pack::Header);
  auto take = [&](auto*& out, uint32_t count) {
    using T = std::remove_const_t<std::remove_pointer_t<std::remove_reference_t<decltype(out)>>>;
    need += sizeof(T) * static_cast<size_t>(count);
    if (need > header->bytes) corrupt();
    out = reinterpret_cast<const T*>(p);
    p += sizeof(T) * static_cast<size_t>(count);
  };
  take(services, header->services);
  take(actions, header->actions);
  take(actionResourceTypes, header->actionResourceTypes);
  take(resourceTypes, header->resourceTypes);
  take(conditionKeys, header->conditionKeys);
  take(keyRefs, header->keyRefs);
  take(arnServices, header->arnServices);
  take(keyPrefixes, header->keyPrefixes);
  need += header->stringBytes;
  if (need != header->bytes) corrupt();
  strings_ = p;
}

}  // namespace iamlint::iamdata
