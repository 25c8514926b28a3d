#include "analyzer/load/loader.h"

#include <array>
#include <cstring>
#include <map>
#include <tuple>

namespace iamlint {

namespace {

using RangeKey = std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>;

void findKeys(const Node& n, std::map<RangeKey, std::vector<LoadNote*>>& open) {
  for (size_t i = 0; i < n.keys.size() || i < n.items.size(); ++i) {
    if (i < n.keys.size()) {
      const Node& k = n.keys[i];
      if (auto it = open.find({k.range.line, k.range.column, k.range.endLine, k.range.endColumn}); it != open.end()) {
        for (LoadNote* note : it->second) note->at = &k;
        open.erase(it);
        if (open.empty()) return;
      }
      findKeys(k, open);
    }
    if (i < n.items.size()) findKeys(n.items[i], open);
    if (open.empty()) return;
  }
}

// Each note's key node, found once the tree is complete (while it is built, nodes still
// move): one walk for all notes, matching the key's range. The first match in document order
// is where the key is written; a YAML alias copies it later.
void placeNotes(Document& document) {
  std::map<RangeKey, std::vector<LoadNote*>> open;
  for (LoadNote& note : document.notes)
    if (note.kind != LoadNote::ExtraDocument)
      open[{note.range.line, note.range.column, note.range.endLine, note.range.endColumn}].push_back(&note);
  if (!open.empty()) findKeys(document.root, open);
}

}  // namespace

std::optional<size_t> findInvalidText(const std::string& text) {
  // Printable ASCII, tab and the line breaks need no look: a table says which bytes do.
  static constexpr auto kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<size_t>(c)] = true;
    plain['\t'] = plain['\n'] = plain['\r'] = true;
    return plain;
  }();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  for (size_t i = 0; i < n;) {
    if (i + 8 <= n) {
      // Eight bytes at a time while all are 0x20-0x7F: a byte under 0x20 borrows, one from 0x80
      // has its top bit; either sets a top bit here.
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((((w - 0x2020202020202020ull) & ~w) | w) & 0x8080808080808080ull) {
        const size_t stop = i + 8;
        while (i < stop && kPlain[s[i]]) ++i;
        if (i == stop) continue;
      } else {
        i += 8;
        continue;
      }
    } else {
      while (i < n && kPlain[s[i]]) ++i;
      if (i == n) break;
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) return i;
      ++i;
      continue;
    }
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > n || c == 0xC0 || c == 0xC1 || c > 0xF4) return i;
    for (size_t k = 1; k < len; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    unsigned char d = s[i + 1];
    if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0) || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90))
      return i;
    i += len;
  }
  return std::nullopt;
}

bool loadDocument(std::string path, std::string text, Document& document, LoadError& error,
                  const LoadLimits& limits) {
  // A UTF-8 byte order mark is allowed and ignored, as editors do.
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (text.size() > limits.maxBytes) {
    document.source = SourceFile(std::move(path), std::string());
    error.message = "the file is larger than " + std::to_string(limits.maxBytes >> 20) +
                    " MiB; iamlint does not read it (CloudFormation accepts templates up to 1 MB)";
    error.range = {1, 1, 1, 1};
    return false;
  }
  // UTF-16 and UTF-32 (which PowerShell's `>` writes) are named, not called binary.
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    document.source = SourceFile(std::move(path), std::string());
    error.message = "the file is UTF-16 or UTF-32 (it starts with a byte order mark); iamlint reads UTF-8";
    error.range = {1, 1, 1, 2};
    return false;
  }
  auto bad = findInvalidText(text);
  size_t start = text.find_first_not_of(" \t\r\n");
  bool json = start != std::string::npos && (text[start] == '{' || text[start] == '[');
  document.source = SourceFile(std::move(path), std::move(text), json ? LineBreaks::Json : LineBreaks::Yaml);
  if (bad) {
    error.range = document.source.rangeOf(*bad, *bad + 1);
    unsigned byte = static_cast<unsigned char>(document.source.text()[*bad]);
    char hex[8];
    snprintf(hex, sizeof hex, "0x%02X", byte);
    error.message = byte == 0 || byte < 0x20 ? std::string("binary content (byte ") + hex + ")"
                                             : std::string("invalid UTF-8 (byte ") + hex + ")";
    return false;
  }
  const std::string& t = document.source.text();
  size_t first = t.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    error.message = "the file is empty";
    error.range = {1, 1, 1, 1};
    return false;
  }
  if (!(json ? loadJson(document, error, limits) : loadYaml(document, error, limits))) return false;
  placeNotes(document);
  return true;
}

}  // namespace iamlint
