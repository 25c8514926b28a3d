// The located document tree every loader produces: YAML and JSON look the same from here on.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/source.h"

namespace iamlint {

enum class NodeKind : uint8_t { Null, Scalar, Sequence, Mapping };

// How a scalar was written; CloudFormation stringifies every scalar, but a plain YAML `Null`
// or `~` key is read as null before CloudFormation ever sees it.
enum class ScalarStyle : uint8_t { Plain, Quoted, Block, JsonString, JsonNumber, JsonBool };

struct Node;

// A YAML short-form tag without its `!` (`Ref`, `GetAtt`, ...), or empty: one pointer. The
// CloudFormation tags point into a static table; any other tag is an owned copy.
class Tag {
 public:
  Tag() = default;
  Tag(std::string_view name) { assign(name); }  // NOLINT: implicit, as the string it replaces
  Tag(const char* name) : Tag(std::string_view(name)) {}
  Tag(const Tag& other) { assign(other.view()); }
  Tag(Tag&& other) noexcept : p_(other.p_) { other.p_ = nullptr; }
  Tag& operator=(const Tag& other) {
    if (this != &other) assign(other.view());
    return *this;
  }
  Tag& operator=(Tag&& other) noexcept {
    if (this != &other) {
      release();
      p_ = other.p_;
      other.p_ = nullptr;
    }
    return *this;
  }
  Tag& operator=(std::string_view name) {
    assign(name);
    return *this;
  }
  Tag& operator=(const char* name) { return *this = std::string_view(name); }
  ~Tag() { release(); }

  bool empty() const { return !p_; }
  void clear() { release(); }
  std::string_view view() const { return p_ ? std::string_view(p_) : std::string_view(); }
  operator std::string_view() const { return view(); }  // NOLINT
  std::string str() const { return std::string(view()); }
  friend bool operator==(const Tag& a, std::string_view b) { return a.view() == b; }

 private:
  void assign(std::string_view name);
  void release();
  const char* p_ = nullptr;  // null when empty; NUL-terminated
};

// The children of a node: a vector in one pointer (size and capacity live in front of the
// elements), so a scalar's two empty lists cost 16 bytes instead of 48. Elements are
// contiguous and stay where they are until the list grows, as in a std::vector.
class NodeList {
 public:
  using value_type = Node;
  using iterator = Node*;
  using const_iterator = const Node*;
  using size_type = size_t;

  NodeList() = default;
  NodeList(const NodeList& other);
  NodeList(NodeList&& other) noexcept : b_(other.b_) { other.b_ = nullptr; }
  NodeList& operator=(const NodeList& other);
  NodeList& operator=(NodeList&& other) noexcept;
  ~NodeList();

  size_t size() const { return b_ ? b_->size : 0; }
  bool empty() const { return size() == 0; }
  size_t capacity() const { return b_ ? b_->capacity : 0; }
  Node* data() { return b_ ? elements() : nullptr; }
  const Node* data() const { return b_ ? elements() : nullptr; }
  Node* begin() { return data(); }
  Node* end();
  const Node* begin() const { return data(); }
  const Node* end() const;
  Node& operator[](size_t i);
  const Node& operator[](size_t i) const;
  Node& front() { return (*this)[0]; }
  const Node& front() const { return (*this)[0]; }
  Node& back() { return (*this)[size() - 1]; }
  const Node& back() const { return (*this)[size() - 1]; }

  void reserve(size_t n);
  void push_back(const Node& node);
  void push_back(Node&& node);
  Node& emplace_back();  // a default node at the end
  void clear();

 private:
  struct Header {
    uint32_t size;
    uint32_t capacity;
  };
  static constexpr size_t kHeader = 8;  // a multiple of alignof(Node)
  Node* elements() const;
  void grow(size_t n);
  Header* b_ = nullptr;
};

struct Node {
  NodeKind kind = NodeKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  Range range;
  // The CloudFormation short-form tag without its `!` (`Ref`, `GetAtt`, ...), or empty.
  Tag tag;
  std::string text;  // scalar value
  const Node* parent = nullptr;
  NodeList items;  // sequence items, or mapping values
  NodeList keys;   // mapping keys, parallel to items

  bool isNull() const { return kind == NodeKind::Null; }
  bool isScalar() const { return kind == NodeKind::Scalar; }
  bool isSequence() const { return kind == NodeKind::Sequence; }
  bool isMapping() const { return kind == NodeKind::Mapping; }
  // First value under `key` in a mapping (exact, case-sensitive), or nullptr.
  const Node* get(std::string_view key) const;
  const Node* keyNode(std::string_view key) const;
  // A mapping of one key whose name is `Ref` or starts with `Fn::`, or a tagged node.
  bool isIntrinsic() const;
  // The intrinsic's long name (`Ref`, `Fn::Sub`, `Condition`) and its argument.
  std::string intrinsicName() const;
  const Node* intrinsicArg() const;
  // JSON Pointer of this node from the document root (RFC 6901).
  std::string pointer() const;
};

static_assert(alignof(Node) <= 8, "NodeList's header keeps the elements aligned");

inline Node* NodeList::elements() const {
  return reinterpret_cast<Node*>(reinterpret_cast<char*>(b_) + kHeader);
}
inline Node* NodeList::end() { return data() + size(); }
inline const Node* NodeList::end() const { return data() + size(); }
inline Node& NodeList::operator[](size_t i) { return elements()[i]; }
inline const Node& NodeList::operator[](size_t i) const { return elements()[i]; }

enum class DocumentFormat : uint8_t { Yaml, Json };

// Something the loader saw in the text that changes meaning silently.
struct LoadNote {
  enum Kind : uint8_t { DuplicateKey, NullKey, ExtraDocument } kind;  // ExtraDocument: a YAML document after the first
  Range range;         // the offending key
  Range firstRange;    // for duplicates: the first occurrence
  std::string key;
  std::string pointer;  // pointer of the mapping holding the key
  const Node* at = nullptr;  // the offending key in the loaded tree (null for ExtraDocument)
};

struct Document {
  SourceFile source;
  DocumentFormat format = DocumentFormat::Yaml;
  Node root;
  std::vector<LoadNote> notes;
};

// Links every node to its parent; call once the tree stops moving.
void linkParents(Node& root);

}  // namespace iamlint
