// A loaded node tree written as bytes and read back: the build stores the bundled AWS managed
// policies this way, so attaching one reads no JSON (cmake/iamdata.cmake, iamlint_pack_policies).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/node.h"

namespace iamlint {

// Appends `root` and everything under it: per node, in document order, its kind and style, its
// range, its text, its tag and its keys and items, as variable-length integers and bytes.
void writeNodeTree(const Node& root, std::string& out);

// Reads a tree written by writeNodeTree into `root` (parents linked); false, with `root` left
// in an unspecified state, when the bytes are not one whole tree.
bool readNodeTree(std::string_view bytes, Node& root);

// The table of trees the build writes for the bundled managed policies: "IAMTREE1", a count,
// then per policy document (by its offset in managed-policies.jsonl) its length and where its
// tree is; the trees follow.
struct NodeTreeTable {
  std::string_view bytes;
  // The tree of the document at `offset` of `length` bytes, or empty when there is none.
  std::string_view find(size_t offset, size_t length) const;
};
struct NodeTreeEntry {
  uint32_t documentOffset, documentLength;
  std::string tree;
};
// The table of `entries`, which must be sorted by documentOffset.
std::string writeNodeTreeTable(const std::vector<NodeTreeEntry>& entries);

}  // namespace iamlint
