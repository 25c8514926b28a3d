// iamlint_pack_policies POLICIES INDEX OUT: the build step that loads every bundled AWS managed
// policy document (data/managed-policies.jsonl) with the JSON loader and writes the trees
// (node_tree.h), so that attaching one at run time reads no JSON. A document the loader refuses
// or notes something about gets no tree, and is loaded from its text at run time as before.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/iamdata/build_step.h"
#include "analyzer/load/loader.h"
#include "analyzer/load/node_tree.h"

using namespace iamlint;

namespace {

std::vector<std::string_view> tabFields(std::string_view line) {
  std::vector<std::string_view> out;
  for (size_t at = 0;;) {
    size_t tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
    if (tab == std::string_view::npos) return out;
    at = tab + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: iamlint_pack_policies POLICIES INDEX OUT\n";
    return 2;
  }
  try {
    const std::string policies = iamlint::iamdata::readWholeFile(argv[1]), index = iamlint::iamdata::readWholeFile(argv[2]);
    std::vector<NodeTreeEntry> entries;
    size_t skipped = 0;
    for (size_t at = 0; at < index.size();) {
      size_t nl = index.find('\n', at);
      std::string_view line(index.data() + at, (nl == std::string::npos ? index.size() : nl) - at);
      at = nl == std::string::npos ? index.size() : nl + 1;
      if (line.empty() || line[0] == '#') continue;
      const std::vector<std::string_view> f = tabFields(line);
      if (f.size() != 5) throw std::runtime_error("an index line without five fields: " + std::string(line));
      size_t offset = 0, length = 0;
      std::from_chars(f[3].data(), f[3].data() + f[3].size(), offset);
      std::from_chars(f[4].data(), f[4].data() + f[4].size(), length);
      if (offset > policies.size() || length > policies.size() - offset || length <= f[0].size())
        throw std::runtime_error("an index line past the policies: " + std::string(line));
      // The record is "<name>\t<document>", as the catalog reads it.
      const size_t docOffset = offset + f[0].size() + 1, docLength = length - f[0].size() - 1;
      const std::string document = policies.substr(docOffset, docLength);
      const size_t first = document.find_first_not_of(" \t\r\n");
      Document doc;
      LoadError error;
      // Only what the run-time reading would give the same: JSON text, no byte order mark, read
      // without a note.
      if (first == std::string::npos || (document[first] != '{' && document[first] != '[') ||
          !loadDocument("bundled", document, doc, error) || !doc.notes.empty() ||
          doc.source.text() != document) {
        ++skipped;
        continue;
      }
      NodeTreeEntry e{static_cast<uint32_t>(docOffset), static_cast<uint32_t>(docLength), {}};
      writeNodeTree(doc.root, e.tree);
      entries.push_back(std::move(e));
    }
    std::sort(entries.begin(), entries.end(),
              [](const NodeTreeEntry& a, const NodeTreeEntry& b) { return a.documentOffset < b.documentOffset; });
    const std::string table = writeNodeTreeTable(entries);
    iamlint::iamdata::writeFileAtomically(argv[3], table);
    if (skipped) std::cerr << "iamlint_pack_policies: " << skipped << " documents left to be read at run time\n";
  } catch (const std::exception& e) {
    std::cerr << "iamlint_pack_policies: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
