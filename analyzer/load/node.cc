#include "iamlint/node.h"

namespace iamlint {

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
  if (!tag.empty()) return tag == "Ref" || tag == "Condition" ? tag : "Fn::" + tag;
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
