// Policies written as a JSON string inside the input, placed where the string sits.
#include "analyzer/load/loader.h"
#include "analyzer/policy/document.h"

namespace iamlint {
namespace {

// Block scalars keep their lines, indented by the block's indentation; quoted strings are
// on the scalar's own lines (escapes make columns approximate there).
void placeEmbedded(const SourceFile& file, Node& n, const Node& host) {
  bool block = host.style == ScalarStyle::Block;
  uint32_t firstLine = block ? host.range.line + 1 : host.range.line;
  uint32_t indent = 0;
  if (block) {
    std::string_view l = file.line(firstLine);
    while (indent < l.size() && l[indent] == ' ') ++indent;
  }
  auto move = [&](uint32_t& line, uint32_t& column) {
    if (line == 0) return;
    if (block) {
      line += firstLine - 1;
      column += indent;
    } else {
      if (line == 1) column += host.range.column;  // after the opening quote
      line += firstLine - 1;
    }
  };
  move(n.range.line, n.range.column);
  move(n.range.endLine, n.range.endColumn);
  for (Node& k : n.keys) placeEmbedded(file, k, host);
  for (Node& c : n.items) placeEmbedded(file, c, host);
}

}  // namespace

const Node& embeddedDocument(Analysis& analysis, const Node& node, std::string& error) {
  if (!node.isScalar() || node.text.find_first_not_of(" \t\r\n") == std::string::npos ||
      node.text[node.text.find_first_not_of(" \t\r\n")] != '{')
    return node;
  Document& doc = analysis.embeddedDocuments.emplace_back();
  LoadError loadError;
  if (!loadDocument(analysis.document.source.path(), node.text, doc, loadError)) {
    error = loadError.message;
    return node;
  }
  placeEmbedded(analysis.document.source, doc.root, node);
  doc.root.parent = &node;
  return doc.root;
}

}  // namespace iamlint
