// Policies written as a JSON string inside the input, placed where the string sits.
#include <algorithm>

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

// A JSON string (`"{\"Statement\": ...}"`) is placed exactly: every byte of its value is
// mapped back to the escape or character it was written as. False when the text at the host
// is not the string it holds (then the approximate placement is used).
bool placeJsonString(const SourceFile& file, Document& doc, const Node& host) {
  const std::string& raw = file.text();
  size_t at = file.offset(host.range.line, host.range.column);
  if (at >= raw.size() || raw[at] != '"') return false;
  std::vector<size_t> from;  // source offset of each byte of the value, and of its end
  from.reserve(host.text.size() + 1);
  std::string value;
  size_t i = at + 1;
  auto hex = [&](size_t p, uint32_t& cp) {
    if (p + 4 > raw.size()) return false;
    cp = 0;
    for (size_t k = p; k < p + 4; ++k) {
      char c = raw[k];
      cp = cp * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99);
      if (cp > 0xffff) return false;
    }
    return true;
  };
  while (i < raw.size() && raw[i] != '"') {
    size_t start = i;
    if (raw[i] != '\\') {
      value += raw[i++];
      from.push_back(start);
      continue;
    }
    if (i + 1 >= raw.size()) return false;
    char e = raw[i + 1];
    i += 2;
    uint32_t cp = 0;
    switch (e) {
      case 'n': cp = '\n'; break;
      case 't': cp = '\t'; break;
      case 'r': cp = '\r'; break;
      case 'b': cp = '\b'; break;
      case 'f': cp = '\f'; break;
      case 'u':
        if (!hex(i, cp)) return false;
        i += 4;
        if (cp >= 0xd800 && cp < 0xdc00 && i + 6 <= raw.size() && raw[i] == '\\' && raw[i + 1] == 'u') {
          uint32_t low = 0;
          if (hex(i + 2, low) && low >= 0xdc00 && low < 0xe000) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            i += 6;
          }
        }
        break;
      default: cp = static_cast<unsigned char>(e);
    }
    size_t before = value.size();
    if (cp < 0x80) value += static_cast<char>(cp);
    else if (cp < 0x800) value += static_cast<char>(0xc0 | (cp >> 6)), value += static_cast<char>(0x80 | (cp & 0x3f));
    else if (cp < 0x10000)
      value += static_cast<char>(0xe0 | (cp >> 12)), value += static_cast<char>(0x80 | ((cp >> 6) & 0x3f)),
          value += static_cast<char>(0x80 | (cp & 0x3f));
    else
      value += static_cast<char>(0xf0 | (cp >> 18)), value += static_cast<char>(0x80 | ((cp >> 12) & 0x3f)),
          value += static_cast<char>(0x80 | ((cp >> 6) & 0x3f)), value += static_cast<char>(0x80 | (cp & 0x3f));
    for (size_t k = before; k < value.size(); ++k) from.push_back(start);
  }
  if (value != host.text) return false;
  from.push_back(i);
  auto move = [&](uint32_t& line, uint32_t& column) {
    if (line == 0) return;
    size_t d = std::min(doc.source.offset(line, column), from.size() - 1);
    file.position(from[d], line, column);
  };
  auto place = [&](auto& self, Node& n) -> void {
    move(n.range.line, n.range.column);
    move(n.range.endLine, n.range.endColumn);
    for (Node& k : n.keys) self(self, k);
    for (Node& c : n.items) self(self, c);
  };
  place(place, doc.root);
  return true;
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
  if (node.style != ScalarStyle::JsonString || !placeJsonString(analysis.document.source, doc, node))
    placeEmbedded(analysis.document.source, doc.root, node);
  doc.root.parent = &node;
  return doc.root;
}

}  // namespace iamlint
