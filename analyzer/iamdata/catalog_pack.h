// The packed IAM catalog: iam-catalog.jsonl and its index turned into fixed-size records and a
// string pool, so that the catalog is read in place with no parsing.
//
// The build makes it with iamlint_pack_catalog (pack_catalog_main.cc) and links it into the
// binary beside the JSON lines (cmake/iamdata.cmake); a data directory's catalog is packed by
// the same code when the directory is read (data_dir.cc). data/iam-catalog.jsonl, written by
// tools/update-iamdata, stays the only source: the pack is derived from it on every build.
//
// Layout: a Header, then the record arrays in the order of the Header's counts, then the
// string pool. Every field is a 32-bit word in the byte order of the machine that built it
// (the pack is made at build time for the binary being built, never shipped on its own).
// A string is a (byte offset in the pool, size) pair; the "begin, count" pairs are ranges of
// the arrays that follow. Services are in the index's order (sorted by prefix ignoring case),
// the actions of a service sorted by name ignoring case; the records of one service (its
// actions, their resource types, every condition-key list) are contiguous.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "iamlint/catalog.h"

namespace iamlint::iamdata {

namespace pack {

inline constexpr uint32_t kMagic = 0x4b505349;  // "ISPK"
inline constexpr uint32_t kVersion = 1;

struct Str {
  uint32_t offset, size;
};
struct Service {
  Str prefix, name;
  uint32_t actionBegin, actionCount;
  uint32_t actionResourceTypeBegin, actionResourceTypeCount;  // of all its actions
  uint32_t keyRefBegin, keyRefCount;                          // every key list of the service
  uint32_t resourceTypeBegin, resourceTypeCount;
  uint32_t conditionKeyBegin, conditionKeyCount;
};
struct Action {
  Str name;
  uint32_t accessLevel;  // AccessLevel
  uint32_t resourceTypeBegin, resourceTypeCount;
  uint32_t keyRefBegin, keyRefCount;
};
struct ActionResourceType {
  Str name;
  uint32_t required;
  uint32_t keyRefBegin, keyRefCount;
};
struct ResourceType {
  Str name, arnFormat;
  uint32_t keyRefBegin, keyRefCount;
};
struct ConditionKey {
  Str name;
  uint32_t type;  // ConditionKeyType
  uint32_t templated;
};
// ARN service fields and condition-key prefixes of the index, lower case, sorted by text then
// service, so one binary search finds the services of a field.
struct IndexEntry {
  Str text;
  uint32_t service;
};
struct Header {
  uint32_t magic, version, bytes;
  uint32_t services, actions, actionResourceTypes, resourceTypes, conditionKeys, keyRefs;
  uint32_t arnServices, keyPrefixes, stringBytes;
};

}  // namespace pack

// A pack read in place. The constructor checks the header and the sizes (a wrong pack throws
// std::runtime_error); the records are trusted as their writer made them.
class PackView {
 public:
  PackView() = default;
  explicit PackView(std::string_view bytes);

  std::string_view str(pack::Str s) const { return {strings_ + s.offset, s.size}; }

  const pack::Header* header = nullptr;
  const pack::Service* services = nullptr;
  const pack::Action* actions = nullptr;
  const pack::ActionResourceType* actionResourceTypes = nullptr;
  const pack::ResourceType* resourceTypes = nullptr;
  const pack::ConditionKey* conditionKeys = nullptr;
  const pack::Str* keyRefs = nullptr;
  const pack::IndexEntry* arnServices = nullptr;
  const pack::IndexEntry* keyPrefixes = nullptr;

 private:
  const char* strings_ = nullptr;
};

// One service's line of iam-catalog.jsonl, parsed (service_loader.cc). Views into `json`.
struct ParsedService {
  struct ActionResourceType {
    std::string_view name;
    bool required = false;
    std::vector<std::string_view> conditionKeys;
  };
  struct Action {
    std::string_view name;
    AccessLevel accessLevel = AccessLevel::Read;
    std::vector<ActionResourceType> resourceTypes;
    std::vector<std::string_view> conditionKeys;
  };
  struct ResourceType {
    std::string_view name, arnFormat;
    std::vector<std::string_view> conditionKeys;
  };
  struct ConditionKey {
    std::string_view name;
    ConditionKeyType type = ConditionKeyType::Unknown;
  };
  std::string_view prefix, name;
  std::vector<Action> actions;  // sorted by name ignoring case
  std::vector<ResourceType> resourceTypes;
  std::vector<ConditionKey> conditionKeys;
};
// Throws std::runtime_error when the line is not one tools/update-iamdata writes.
ParsedService parseService(std::string_view prefix, std::string_view json);

// Packs a catalog (its JSON lines and index, as tools/update-iamdata writes them). Throws
// std::runtime_error naming the service or index line at fault. The words are the pack's bytes.
std::vector<uint32_t> packCatalog(std::string_view catalog, std::string_view index);

// The same, one service at a time, in the index's order: for a reader that parses the services
// itself (data_dir.cc checks each line as it goes). The texts must outlive finish().
class CatalogPacker {
 public:
  CatalogPacker();
  ~CatalogPacker();
  // `arnFields` and `keyPrefixes` are the index line's comma-separated fields.
  void add(const ParsedService& service, std::string_view arnFields, std::string_view keyPrefixes);
  std::vector<uint32_t> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace iamlint::iamdata
