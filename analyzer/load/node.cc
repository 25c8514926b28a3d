#include "iamlint/node.h"

#include <cstdint>
#include <cstring>
#include <new>

namespace iamlint {

namespace {

// The CloudFormation short forms, NUL-separated: a tag naming one of them costs no allocation.
constexpr char kKnownTags[] =
    "Ref\0Sub\0GetAtt\0Join\0If\0Select\0Split\0FindInMap\0ImportValue\0GetAZs\0Base64\0Cidr\0"
    "Equals\0And\0Or\0Not\0Condition\0Transform\0Length\0ToJsonString\0Contains\0EachMemberEquals\0"
    "EachMemberIn\0RefAll\0ValueOf\0ValueOfAll\0ForEach\0";

// By address (as integers: the pointer may come from anywhere).
bool isKnownTag(const char* p) {
  auto a = reinterpret_cast<std::uintptr_t>(p), begin = reinterpret_cast<std::uintptr_t>(kKnownTags);
  return a >= begin && a < begin + sizeof kKnownTags;
}

}  // namespace

void Tag::assign(std::string_view name) {
  const char* next = nullptr;
  if (!name.empty()) {
    for (const char* k = kKnownTags; *k; k += std::strlen(k) + 1)
      if (name == k) {
        next = k;
        break;
      }
    if (!next) {
      char* copy = new char[name.size() + 1];
      std::memcpy(copy, name.data(), name.size());
      copy[name.size()] = '\0';
      next = copy;
    }
  }
  release();  // after the copy: `name` may be this tag's own text
  p_ = next;
}

void Tag::release() {
  if (p_ && !isKnownTag(p_)) delete[] p_;
  p_ = nullptr;
}

NodeList::NodeList(const NodeList& other) {
  if (other.empty()) return;
  reserve(other.size());
  try {
    for (const Node& n : other) {
      new (elements() + b_->size) Node(n);
      ++b_->size;
    }
  } catch (...) {
    clear();
    ::operator delete(b_);
    throw;
  }
}

NodeList& NodeList::operator=(const NodeList& other) {
  if (this != &other) {
    NodeList copy(other);
    *this = std::move(copy);
  }
  return *this;
}

NodeList& NodeList::operator=(NodeList&& other) noexcept {
  if (this != &other) {
    if (b_) {
      clear();
      ::operator delete(b_);
    }
    b_ = other.b_;
    other.b_ = nullptr;
  }
  return *this;
}

NodeList::~NodeList() {
  if (!b_) return;
  clear();
  ::operator delete(b_);
  b_ = nullptr;
}

void NodeList::clear() {
  if (!b_) return;
  Node* e = elements();
  for (uint32_t i = 0; i < b_->size; ++i) e[i].~Node();
  b_->size = 0;
}

// Moves the elements to a block of `n` places (n >= size).
void NodeList::grow(size_t n) {
  auto* block = static_cast<Header*>(::operator new(kHeader + n * sizeof(Node)));
  block->capacity = static_cast<uint32_t>(n);
  block->size = 0;
  if (b_) {
    Node* from = elements();
    Node* to = reinterpret_cast<Node*>(reinterpret_cast<char*>(block) + kHeader);
    for (uint32_t i = 0; i < b_->size; ++i) {
      new (to + i) Node(std::move(from[i]));
      from[i].~Node();
    }
    block->size = b_->size;
    ::operator delete(b_);
  }
  b_ = block;
}

void NodeList::reserve(size_t n) {
  if (n > capacity()) grow(n);
}

void NodeList::push_back(const Node& node) {
  if (size() < capacity()) {
    new (elements() + b_->size) Node(node);
    ++b_->size;
    return;
  }
  Node copy(node);  // `node` may be an element of this list, which is about to move
  push_back(std::move(copy));
}

Node& NodeList::emplace_back() {
  if (size() == capacity()) grow(capacity() ? 2 * capacity() : 1);
  Node* at = new (elements() + b_->size) Node();
  ++b_->size;
  return *at;
}

void NodeList::push_back(Node&& node) {
  if (size() == capacity()) {
    // As std::vector grows: one place, then doubling. `node` may be one of the elements:
    // it is moved into the new block before the old block goes.
    size_t n = capacity() ? 2 * capacity() : 1;
    auto* block = static_cast<Header*>(::operator new(kHeader + n * sizeof(Node)));
    Node* to = reinterpret_cast<Node*>(reinterpret_cast<char*>(block) + kHeader);
    uint32_t count = static_cast<uint32_t>(size());
    new (to + count) Node(std::move(node));
    if (b_) {
      Node* from = elements();
      for (uint32_t i = 0; i < count; ++i) {
        new (to + i) Node(std::move(from[i]));
        from[i].~Node();
      }
      ::operator delete(b_);
    }
    block->capacity = static_cast<uint32_t>(n);
    block->size = count + 1;
    b_ = block;
    return;
  }
  new (elements() + b_->size) Node(std::move(node));
  ++b_->size;
}

const Node* Node::get(std::string_view key) const {
  if (kind != NodeKind::Mapping) return nullptr;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i].kind == NodeKind::Scalar && keys[i].text == key) return &items[i];
  return nullptr;
}

const Node* Node::keyNode(std::string_view key) const {
  if (kind != NodeKind::Mapping) return nullptr;
  for (const Node& k : keys)
    if (k.kind == NodeKind::Scalar && k.text == key) return &k;
  return nullptr;
}

bool Node::isIntrinsic() const {
  if (!tag.empty()) return true;
  if (kind != NodeKind::Mapping || keys.size() != 1) return false;
  const std::string& k = keys[0].text;
  return k == "Ref" || k == "Condition" || k.rfind("Fn::", 0) == 0;
}

std::string Node::intrinsicName() const {
  if (!tag.empty()) return tag == "Ref" || tag == "Condition" ? tag.str() : "Fn::" + tag.str();
  if (isIntrinsic()) return keys[0].text;
  return {};
}

const Node* Node::intrinsicArg() const {
  if (!tag.empty()) return this;  // the tagged node carries the argument itself
  if (isIntrinsic()) return &items[0];
  return nullptr;
}

static void escapePointerToken(std::string_view token, std::string& out) {
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
}

std::string Node::pointer() const {
  std::vector<std::string> tokens;
  for (const Node* n = this; n->parent; n = n->parent) {
    const Node* p = n->parent;
    // A document embedded in a string scalar hangs below that scalar without a token.
    if (p->kind != NodeKind::Mapping && p->kind != NodeKind::Sequence) continue;
    // The index from the address, not a scan: a pointer into a mapping of 100,000 entries
    // costs the same as into one of two.
    size_t index = 0;
    if (!p->items.empty() && n >= p->items.data() && n < p->items.data() + p->items.size())
      index = static_cast<size_t>(n - p->items.data());
    else if (!p->keys.empty() && n >= p->keys.data() && n < p->keys.data() + p->keys.size())
      index = static_cast<size_t>(n - p->keys.data());
    if (p->kind == NodeKind::Mapping) tokens.push_back(index < p->keys.size() ? p->keys[index].text : std::string());
    else tokens.push_back(std::to_string(index));
  }
  std::string out;
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    out += '/';
    escapePointerToken(*it, out);
  }
  return out;
}

void linkParents(Node& root) {
  for (Node& k : root.keys) {
    k.parent = &root;
    linkParents(k);
  }
  for (Node& child : root.items) {
    child.parent = &root;
    linkParents(child);
  }
}

}  // namespace iamlint
