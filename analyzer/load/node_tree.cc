#include "analyzer/load/node_tree.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace iamlint {
namespace {

constexpr std::string_view kMagic = "IAMTREE1";
constexpr size_t kMaxDepth = 256;  // as the loaders' limit
constexpr size_t kEntry = 16;      // four 32-bit fields

void putVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put32(std::string& out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}

uint32_t get32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool done() const { return p_ == end_; }

  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      const auto b = static_cast<unsigned char>(*p_++);
      v |= uint64_t{b & 0x7Fu} << shift;
      if (b < 0x80) return true;
    }
    return false;
  }
  bool u32(uint32_t& v) {
    uint64_t w;
    if (!varint(w) || w > UINT32_MAX) return false;
    v = static_cast<uint32_t>(w);
    return true;
  }
  bool text(std::string_view& s) {
    uint64_t n;
    if (!varint(n) || n > static_cast<uint64_t>(end_ - p_)) return false;
    s = std::string_view(p_, static_cast<size_t>(n));
    p_ += n;
    return true;
  }

  bool node(Node& n, size_t depth) {
    if (depth > kMaxDepth || p_ == end_) return false;
    const auto head = static_cast<unsigned char>(*p_++);
    const unsigned kind = head & 3u, style = head >> 2;
    if (style > static_cast<unsigned>(ScalarStyle::JsonBool)) return false;
    n.kind = static_cast<NodeKind>(kind);
    n.style = static_cast<ScalarStyle>(style);
    std::string_view text, tag;
    uint64_t keys, items;
    if (!u32(n.range.line) || !u32(n.range.column) || !u32(n.range.endLine) || !u32(n.range.endColumn) ||
        !this->text(text) || !this->text(tag) || !varint(keys) || !varint(items))
      return false;
    // Each node takes at least 8 bytes: a count past what is left is no tree.
    if (keys > static_cast<uint64_t>(end_ - p_) || items > static_cast<uint64_t>(end_ - p_)) return false;
    n.text.assign(text);
    if (!tag.empty()) n.tag = tag;
    n.keys.reserve(static_cast<size_t>(keys));
    n.items.reserve(static_cast<size_t>(items));
    // The lists are sized first, so a child stays where it is while its own children are read.
    for (uint64_t i = 0; i < keys; ++i)
      if (!node(n.keys.emplace_back(), depth + 1)) return false;
    for (uint64_t i = 0; i < items; ++i)
      if (!node(n.items.emplace_back(), depth + 1)) return false;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

}  // namespace

void writeNodeTree(const Node& n, std::string& out) {
  out += static_cast<char>(static_cast<unsigned>(n.kind) | (static_cast<unsigned>(n.style) << 2));
  putVarint(out, n.range.line);
  putVarint(out, n.range.column);
  putVarint(out, n.range.endLine);
  putVarint(out, n.range.endColumn);
  putVarint(out, n.text.size());
  out += n.text;
  const std::string_view tag = n.tag.view();
  putVarint(out, tag.size());
  out += tag;
  putVarint(out, n.keys.size());
  putVarint(out, n.items.size());
  for (const Node& k : n.keys) writeNodeTree(k, out);
  for (const Node& i : n.items) writeNodeTree(i, out);
}

bool readNodeTree(std::string_view bytes, Node& root) {
  root = Node();
  Reader r(bytes);
  if (!r.node(root, 0) || !r.done()) return false;
  linkParents(root);
  return true;
}

std::string writeNodeTreeTable(const std::vector<NodeTreeEntry>& entries) {
  std::string out(kMagic);
  put32(out, static_cast<uint32_t>(entries.size()));
  size_t at = kMagic.size() + 4 + entries.size() * kEntry;
  for (const NodeTreeEntry& e : entries) {
    put32(out, e.documentOffset);
    put32(out, e.documentLength);
    put32(out, static_cast<uint32_t>(at));
    put32(out, static_cast<uint32_t>(e.tree.size()));
    at += e.tree.size();
  }
  for (const NodeTreeEntry& e : entries) out += e.tree;
  return out;
}

std::string_view NodeTreeTable::find(size_t offset, size_t length) const {
  const size_t head = kMagic.size() + 4;
  if (bytes.size() < head || bytes.substr(0, kMagic.size()) != kMagic) return {};
  const size_t count = get32(bytes.data() + kMagic.size());
  if (count > (bytes.size() - head) / kEntry) return {};
  const char* entries = bytes.data() + head;
  // Entries are sorted by document offset: bisect.
  size_t lo = 0, hi = count;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (get32(entries + mid * kEntry) < offset) lo = mid + 1;
    else hi = mid;
  }
  if (lo == count) return {};
  const char* e = entries + lo * kEntry;
  if (get32(e) != offset || get32(e + 4) != length) return {};
  const size_t at = get32(e + 8), size = get32(e + 12);
  if (at > bytes.size() || size > bytes.size() - at) return {};
  return bytes.substr(at, size);
}

}  // namespace iamlint
