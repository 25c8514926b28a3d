#include <doctest/doctest.h>

#include "analyzer/load/loader.h"

using namespace iamlint;

namespace {

Node scalar(const std::string& text) {
  Node n;
  n.kind = NodeKind::Scalar;
  n.text = text;
  return n;
}

}  // namespace

TEST_CASE("NodeList grows like a vector and keeps its elements") {
  Node seq;
  seq.kind = NodeKind::Sequence;
  CHECK(seq.items.empty());
  CHECK(seq.items.begin() == seq.items.end());
  for (int i = 0; i < 100; ++i) seq.items.push_back(scalar("item number " + std::to_string(i) + " of the list"));
  REQUIRE(seq.items.size() == 100);
  CHECK(seq.items.capacity() == 128);
  CHECK(seq.items.front().text == "item number 0 of the list");
  CHECK(seq.items.back().text == "item number 99 of the list");
  CHECK(seq.items[42].text == "item number 42 of the list");
  size_t n = 0;
  for (const Node& item : seq.items) n += item.text.size();
  CHECK(n > 0);

  // An element pushed onto its own list while the list grows is copied before it moves.
  Node list;
  list.items.push_back(scalar("a text longer than the small-string buffer"));
  list.items.push_back(list.items[0]);
  list.items.push_back(std::move(list.items[1]));
  REQUIRE(list.items.size() == 3);
  CHECK(list.items[0].text == "a text longer than the small-string buffer");
  CHECK(list.items[2].text == "a text longer than the small-string buffer");

  // Copies are deep, moves leave the source empty, reserve fixes the capacity.
  Node copy = seq;
  seq.items[0].text = "changed";
  CHECK(copy.items[0].text == "item number 0 of the list");
  Node moved = std::move(copy);
  CHECK(copy.items.empty());
  CHECK(moved.items.size() == 100);
  moved = moved;  // self-assignment keeps the list
  CHECK(moved.items.size() == 100);
  moved.items.clear();
  CHECK(moved.items.empty());
  Node r;
  r.items.reserve(3);
  CHECK(r.items.capacity() == 3);
  CHECK(r.items.empty());
}

TEST_CASE("Tag: the CloudFormation short forms and any other tag") {
  Node n;
  CHECK(n.tag.empty());
  n.tag = "Sub";
  CHECK(n.tag == "Sub");
  CHECK(n.tag.str() == "Sub");
  n.tag = std::string("NotACloudFormationTag");
  CHECK(n.tag == "NotACloudFormationTag");
  Node copy = n;
  n.tag = n.tag.view().substr(3);  // assigned from its own text
  CHECK(n.tag == "ACloudFormationTag");
  CHECK(copy.tag == "NotACloudFormationTag");
  copy.tag.clear();
  CHECK(copy.tag.empty());
  CHECK(copy.tag.view().empty());
}

TEST_CASE("The loaders give each collection lists of exactly its size") {
  for (const char* text : {"a: [1, 2, 3]\nb: {c: 1, d: [x, y, z, w, v]}\n",
                           R"({"a": [1, 2, 3], "b": {"c": 1, "d": ["x", "y", "z", "w", "v"]}})"}) {
    Document doc;
    LoadError error;
    REQUIRE(loadDocument("t", text, doc, error));
    CHECK(doc.root.keys.size() == 2);
    CHECK(doc.root.keys.capacity() == 2);
    CHECK(doc.root.items.capacity() == 2);
    const Node* a = doc.root.get("a");
    REQUIRE(a);
    CHECK(a->items.capacity() == 3);
    const Node* d = doc.root.get("b")->get("d");
    REQUIRE(d);
    CHECK(d->items.size() == 5);
    CHECK(d->items.capacity() == 5);
    CHECK(d->items[4].text == "v");
    CHECK(d->items[4].parent == d);
    CHECK(d->items[4].pointer() == "/b/d/4");
  }
}

TEST_CASE("Duplicate keys in a mapping of more than 16 keys (hash index) and fewer (scan)") {
  std::string yaml = "Small:\n  a: 1\n  b: 2\n  a: 3\nBig:\n";
  for (int i = 0; i < 40; ++i) yaml += "  k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  yaml += "  k3: again\n  k39: again\n";
  Document doc;
  LoadError error;
  REQUIRE(loadDocument("t.yaml", yaml, doc, error));
  REQUIRE(doc.notes.size() == 3);
  CHECK(doc.notes[0].kind == LoadNote::DuplicateKey);
  CHECK(doc.notes[0].key == "a");
  CHECK(doc.notes[0].pointer == "/Small");
  CHECK(doc.notes[0].range.line == 4);
  CHECK(doc.notes[0].firstRange.line == 2);
  CHECK(doc.notes[1].key == "k3");
  CHECK(doc.notes[1].pointer == "/Big");
  CHECK(doc.notes[1].firstRange.line == 9);
  CHECK(doc.notes[1].range.line == 46);
  CHECK(doc.notes[2].key == "k39");
  CHECK(doc.notes[2].firstRange.line == 45);
  CHECK(doc.notes[2].range.line == 47);

  std::string json = "{\"Big\": {\n";
  for (int i = 0; i < 40; ++i) json += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
  json += "\"k3\": 0,\n\"k39\": 0}}";
  Document jdoc;
  REQUIRE(loadDocument("t.json", json, jdoc, error));
  REQUIRE(jdoc.notes.size() == 2);
  CHECK(jdoc.notes[0].key == "k3");
  CHECK(jdoc.notes[0].pointer == "/Big");
  CHECK(jdoc.notes[0].firstRange.line == 5);
  CHECK(jdoc.notes[0].range.line == 42);
  CHECK(jdoc.notes[1].key == "k39");
  CHECK(jdoc.notes[1].firstRange.line == 41);
  CHECK(jdoc.notes[1].range.line == 43);
}

TEST_CASE("JSON strings end at the first quote after an even run of backslashes") {
  // Keys and values with escaped quotes and backslashes: each range covers the string's
  // quotes, whatever runs of backslashes come before them.
  const std::string text = R"({"a\"b": "x\\", "c": "d\\\"e", "f": "\\\\", "g": "", "h": "\"")" "}";
  Document doc;
  LoadError error;
  REQUIRE(loadDocument("t.json", text, doc, error));
  REQUIRE(doc.root.keys.size() == 5);
  auto columns = [](const Node& n) { return std::to_string(n.range.column) + "-" + std::to_string(n.range.endColumn); };
  CHECK(doc.root.keys[0].text == "a\"b");
  CHECK(columns(doc.root.keys[0]) == "2-8");
  CHECK(doc.root.items[0].text == "x\\");
  CHECK(columns(doc.root.items[0]) == "10-15");
  CHECK(doc.root.items[1].text == "d\\\"e");
  CHECK(columns(doc.root.items[1]) == "22-30");
  CHECK(doc.root.items[2].text == "\\\\");
  CHECK(columns(doc.root.items[2]) == "37-43");
  CHECK(columns(doc.root.items[3]) == "50-52");
  CHECK(doc.root.items[4].text == "\"");
  CHECK(columns(doc.root.items[4]) == "59-63");
}
