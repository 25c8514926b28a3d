// The located document tree every loader produces: YAML and JSON look the same from here on.
#pragma once

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

struct Node {
  NodeKind kind = NodeKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  // The CloudFormation short-form tag without its `!` (`Ref`, `GetAtt`, ...), or empty.
  std::string tag;
  std::string text;  // scalar value
  Range range;
  const Node* parent = nullptr;
  std::vector<Node> items;  // sequence items, or mapping values
  std::vector<Node> keys;   // mapping keys, parallel to items

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
