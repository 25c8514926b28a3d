#include <doctest/doctest.h>

#include <string>

#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/load/loader.h"
#include "analyzer/load/node_tree.h"
#include "iamlint/catalog.h"

using namespace iamlint;

namespace {

// Why two trees differ, or "" when they are the same: kind, style, range, text, tag, children
// and parent links.
std::string difference(const Node& a, const Node& b, const Node* parentA, const Node* parentB, const std::string& at) {
  if (a.kind != b.kind || a.style != b.style) return at + ": kind or style";
  if (a.range.line != b.range.line || a.range.column != b.range.column || a.range.endLine != b.range.endLine ||
      a.range.endColumn != b.range.endColumn)
    return at + ": range";
  if (a.text != b.text) return at + ": text `" + a.text + "` against `" + b.text + "`";
  if (a.tag.view() != b.tag.view()) return at + ": tag";
  if ((a.parent == parentA) != (b.parent == parentB)) return at + ": parent";
  if (a.keys.size() != b.keys.size() || a.items.size() != b.items.size()) return at + ": children";
  for (size_t i = 0; i < a.keys.size(); ++i)
    if (auto d = difference(a.keys[i], b.keys[i], &a, &b, at + "/key" + std::to_string(i)); !d.empty()) return d;
  for (size_t i = 0; i < a.items.size(); ++i)
    if (auto d = difference(a.items[i], b.items[i], &a, &b, at + "/" + std::to_string(i)); !d.empty()) return d;
  return "";
}

}  // namespace

TEST_CASE("a node tree reads back as it was written, tags and ranges included") {
  for (const char* text : {"Resources:\n  R: !Sub 'x-${AWS::Region}'\n  L: [1, 2, {a: ~}]\n",
                           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*"], "n": 1.5}]})"}) {
    Document doc;
    LoadError error;
    REQUIRE(loadDocument("t", text, doc, error));
    std::string bytes;
    writeNodeTree(doc.root, bytes);
    Node back;
    REQUIRE(readNodeTree(bytes, back));
    CHECK(difference(back, doc.root, nullptr, nullptr, "") == "");
    // Every shorter prefix, and the bytes with one more, are not one whole tree.
    for (size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(readNodeTree(std::string_view(bytes).substr(0, n), back));
    CHECK_FALSE(readNodeTree(bytes + "x", back));
  }
  Node back;
  CHECK_FALSE(readNodeTree(std::string(64, '\xff'), back));
}

TEST_CASE("every bundled managed policy's tree is what the JSON loader makes of its text") {
  const iamdata::EmbeddedData& built = iamdata::builtinData();
  REQUIRE(built.policyTrees.size() > 8);
  const NodeTreeTable table{built.policyTrees};
  size_t checked = 0, documents = 0;
  for (const ManagedPolicyInfo& info : Catalog::instance().managedPolicies()) {
    if (!info.document) continue;
    ++documents;
    const std::string_view text = *info.document;
    REQUIRE(text.data() >= built.policies.data());
    const std::string_view tree = table.find(static_cast<size_t>(text.data() - built.policies.data()), text.size());
    if (tree.empty()) continue;
    Document doc;
    LoadError error;
    REQUIRE(loadDocument("p", std::string(text), doc, error));
    Node back;
    REQUIRE(readNodeTree(tree, back));
    const std::string d = difference(back, doc.root, nullptr, nullptr, std::string(info.name));
    if (!d.empty()) FAIL_CHECK(d);
    ++checked;
  }
  CHECK(documents > 1500);
  CHECK(checked == documents);  // the build wrote a tree for every document
  CHECK(table.find(0, 0).empty());
}
