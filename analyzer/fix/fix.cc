#include "analyzer/fix/fix.h"

#include <algorithm>
#include <cctype>

#include "analyzer/iamdata/text_match.h"
#include "analyzer/load/loader.h"
#include "iamlint/catalog.h"

namespace iamlint::fix {
namespace {

// Byte offsets of line starts, for 1-based line and byte-column positions.
struct Lines {
  std::vector<size_t> starts;
  explicit Lines(const std::string& text) {
    starts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(i + 1);
  }
  std::optional<size_t> offset(uint32_t line, uint32_t column) const {
    if (line == 0 || column == 0 || line > starts.size()) return std::nullopt;
    return starts[line - 1] + column - 1;
  }
};

struct Span {
  size_t begin = 0, end = 0;
};

std::optional<Span> spanOf(const Lines& lines, const std::string& text, const Range& r) {
  if (!r.valid() || r.endLine != r.line) return std::nullopt;  // fixes are within one line
  std::optional<size_t> b = lines.offset(r.line, r.column), e = lines.offset(r.endLine, r.endColumn);
  if (!b || !e || *e < *b || *e > text.size()) return std::nullopt;
  if (text.find('\n', *b) < *e) return std::nullopt;
  return Span{*b, *e};
}

// A scalar as written: its quote character (or 0) and its text inside the quotes, when the
// text needs no unescaping.
struct Written {
  char quote = 0;
  std::string_view inner;
};

std::optional<Written> written(std::string_view raw) {
  if (raw.size() >= 2 && (raw.front() == '"' || raw.front() == '\'') && raw.back() == raw.front()) {
    std::string_view inner = raw.substr(1, raw.size() - 2);
    if (inner.find('\\') != std::string_view::npos || inner.find(raw.front()) != std::string_view::npos)
      return std::nullopt;
    return Written{raw.front(), inner};
  }
  if (raw.empty() || raw.find_first_of("\"'\\#{}[],&*!|>%@`") != std::string_view::npos) return std::nullopt;
  return Written{0, raw};
}

bool isActionText(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (i == colon) continue;
    if (!std::isalnum(c) && !(i < colon && c == '-')) return false;  // no wildcards: IAM202's
  }
  return s.find(':', colon + 1) == std::string_view::npos;
}

// IAM201: the action is replaced by the catalog's closest action, only when it is one edit away
// and no other action is as close.
std::optional<Edit> fixAction(const Finding& f, std::string_view raw, Span at) {
  std::optional<Written> w = written(raw);
  if (!w || f.suggestion.empty() || !isActionText(w->inner)) return std::nullopt;
  std::vector<std::string> candidates = Catalog::instance().suggestActions(w->inner, 3);
  if (candidates.empty() || candidates.front() != f.suggestion) return std::nullopt;
  size_t best = iamdata::editDistance(w->inner, candidates.front(), 64);
  // A misspelling is one slip (a letter missing, extra, wrong or two swapped; case is free), not
  // a different action: `s3:PutObjectVersion` is two edits from `s3:GetObjectVersion`, which
  // reads where the author meant to write, and `apigateway:GetTags` is not `apigateway:GET`.
  if (best != 1) return std::nullopt;
  for (size_t i = 1; i < candidates.size(); ++i)
    if (iamdata::editDistance(w->inner, candidates[i], 64) <= best) return std::nullopt;  // ambiguous
  size_t innerOffset = at.begin + (w->quote ? 1 : 0);
  return Edit{innerOffset, w->inner.size(), f.suggestion, std::string(f.id()), 0,
              "`" + std::string(w->inner) + "` -> `" + f.suggestion + "`"};
}

// IAM003: `Null:` as a key is YAML null; `"Null":` is the condition operator.
std::optional<Edit> fixNullKey(const Finding& f, std::string_view raw, Span at) {
  if (f.suggestion.size() < 3 || f.suggestion.front() != '"' || f.suggestion.back() != '"') return std::nullopt;
  std::string_view key = std::string_view(f.suggestion).substr(1, f.suggestion.size() - 2);
  if (raw != key) return std::nullopt;
  return Edit{at.begin, at.end - at.begin, f.suggestion, std::string(f.id()), 0, "`" + std::string(raw) + "` -> `" + f.suggestion + "`"};
}

// The node a JSON Pointer names, following mapping keys and sequence indexes.
const Node* follow(const Node& root, std::string_view pointer, const Node** parent) {
  const Node* node = &root;
  *parent = nullptr;
  size_t pos = 0;
  if (pointer.empty()) return node;
  if (pointer[0] != '/') return nullptr;
  while (pos < pointer.size()) {
    size_t next = pointer.find('/', pos + 1);
    if (next == std::string_view::npos) next = pointer.size();
    std::string segment(pointer.substr(pos + 1, next - pos - 1));
    for (size_t i = 0; (i = segment.find('~', i)) != std::string::npos; ++i)
      segment.replace(i, 2, i + 1 < segment.size() && segment[i + 1] == '1' ? "/" : "~");
    *parent = node;
    if (node->isMapping()) {
      node = node->get(segment);
    } else if (node->isSequence()) {
      char* end = nullptr;
      unsigned long index = std::strtoul(segment.c_str(), &end, 10);
      node = (!segment.empty() && *end == 0 && index < node->items.size()) ? &node->items[index] : nullptr;
    } else {
      node = nullptr;
    }
    if (!node) return nullptr;
    pos = next;
  }
  return node;
}

// Whether text holds something IAM reads as a policy variable (`${aws:username}`, `${*}`), or
// that Fn::Sub turns into one (`${!aws:username}`): adding a Version changes what those mean.
bool mentionsPolicyVariable(std::string_view text) {
  for (size_t i = 0; (i = text.find("${", i)) != std::string_view::npos; i += 2) {
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) return true;
    std::string_view inner = text.substr(i + 2, close - i - 2);
    if (inner.empty() || inner[0] == '!' || inner == "*" || inner == "?" || inner == "$") return true;
    size_t colon = inner.find(':');
    if (colon != std::string_view::npos && inner.substr(colon, 2) != "::") return true;
  }
  return false;
}

// IAM101 at the `Statement` key: the policy has no Version.
std::optional<Edit> fixMissingVersion(const Finding& f, const std::string& text, const Lines& lines,
                                      const Document& doc, Span at) {
  std::string_view raw = std::string_view(text).substr(at.begin, at.end - at.begin);
  if (raw != "Statement" && raw != "\"Statement\"" && raw != "'Statement'") return std::nullopt;
  const Node* policy = nullptr;
  const Node* statement = follow(doc.root, f.pointer, &policy);
  if (!statement || !policy || !policy->isMapping() || policy->get("Version")) return std::nullopt;
  const Node* key = policy->keyNode("Statement");
  if (!key || key->range.line != f.range.line || key->range.column != f.range.column) return std::nullopt;
  std::optional<size_t> from = lines.offset(policy->range.line, policy->range.column);
  std::optional<size_t> to = policy->range.endLine ? lines.offset(policy->range.endLine, policy->range.endColumn)
                                                   : std::optional<size_t>(text.size());
  if (!from || !to || *to < *from) return std::nullopt;
  if (mentionsPolicyVariable(std::string_view(text).substr(*from, std::min(*to, text.size()) - *from)))
    return std::nullopt;
  bool json = doc.format == DocumentFormat::Json;
  bool flow = json || text[*from] == '{';
  size_t lineStart = lines.starts[f.range.line - 1];
  std::string_view before = std::string_view(text).substr(lineStart, at.begin - lineStart);
  bool ownLine = before.find_first_not_of(" \t") == std::string_view::npos;
  std::string entry = json ? "\"Version\": \"2012-10-17\"" : "Version: \"2012-10-17\"";
  size_t lineEnd = text.find('\n', at.begin);
  std::string eol = lineEnd != std::string::npos && lineEnd > 0 && text[lineEnd - 1] == '\r' ? "\r\n" : "\n";
  std::string insert;
  if (!flow) {
    if (!ownLine) return std::nullopt;  // `- Statement:` and the like: no obvious place
    insert = entry + eol + std::string(before);
  } else {
    insert = entry + "," + (ownLine ? eol + std::string(before) : std::string(" "));
  }
  return Edit{at.begin, 0, insert, std::string(f.id()), 0, "add `Version: \"2012-10-17\"`"};
}

// IAM101 at the Version value: a near miss of "2012-10-17" (closer to it than to "2008-10-17").
std::optional<Edit> fixWrongVersion(const Finding& f, std::string_view raw, Span at) {
  if (f.suggestion != "2012-10-17") return std::nullopt;
  std::optional<Written> w = written(raw);
  if (!w) return std::nullopt;
  size_t to2012 = iamdata::editDistance(w->inner, "2012-10-17", 8);
  size_t to2008 = iamdata::editDistance(w->inner, "2008-10-17", 8);
  if (to2012 == 0 || to2012 > 2 || to2008 <= to2012) return std::nullopt;
  return Edit{at.begin + (w->quote ? 1 : 0), w->inner.size(), "2012-10-17", std::string(f.id()), 0,
              "`Version: " + std::string(w->inner) + "` -> `2012-10-17`"};
}

// IAM802: the policy's path and name after `:policy/` become the replacement's, whatever form
// (literal, !Sub with ${AWS::Partition}) the rest of the ARN has.
std::optional<Edit> fixDeprecatedPolicy(const Finding& f, std::string_view raw, Span at) {
  size_t newAt = f.suggestion.find(":policy/");
  size_t oldAt = raw.find(":policy/");
  if (newAt == std::string::npos || oldAt == std::string_view::npos) return std::nullopt;
  if (raw.find(":policy/", oldAt + 1) != std::string_view::npos) return std::nullopt;
  std::string_view tail = raw.substr(oldAt + 8);
  size_t end = tail.find_first_of("\"' \t");
  if (end != std::string_view::npos && tail.find_first_not_of("\"' \t", end) != std::string_view::npos)
    return std::nullopt;  // something follows the name: not a plain ARN
  std::string_view oldName = tail.substr(0, end);
  std::string newName = f.suggestion.substr(newAt + 8);
  const Catalog& catalog = Catalog::instance();
  size_t slash = oldName.rfind('/');
  const ManagedPolicyInfo* info = catalog.findManagedPolicy(slash == std::string_view::npos ? oldName : oldName.substr(slash + 1));
  if (!info || !info->deprecated || oldName.empty() || oldName == newName) return std::nullopt;
  if (oldName.find_first_of("${}") != std::string_view::npos) return std::nullopt;
  return Edit{at.begin + oldAt + 8, oldName.size(), newName, std::string(f.id()), 0,
              "`" + std::string(oldName) + "` -> `" + newName + "`"};
}

}  // namespace

std::vector<Edit> safeFixes(const std::string& text, const FileResult& result) {
  std::vector<Edit> edits;
  if (!result.ok || result.skipped) return edits;
  Lines lines(text);
  std::optional<Document> doc;
  for (const Finding& f : result.findings) {
    if (!f.reported() || f.path != result.path) continue;
    std::optional<Span> at = spanOf(lines, text, f.range);
    if (!at) continue;
    std::string_view raw = std::string_view(text).substr(at->begin, at->end - at->begin);
    std::optional<Edit> e;
    if (f.definition == &kUnknownAction) {
      e = fixAction(f, raw, *at);
    } else if (f.definition == &kYamlNullKey) {
      e = fixNullKey(f, raw, *at);
    } else if (f.definition == &kInvalidVersion && !f.suggestion.empty()) {
      e = fixWrongVersion(f, raw, *at);
    } else if (f.definition == &kInvalidVersion) {
      if (!doc) {
        doc.emplace();
        LoadError error;
        if (!loadDocument(result.path, text, *doc, error)) return {};
      }
      e = fixMissingVersion(f, text, lines, *doc, *at);
    } else if (f.definition == &kDeprecatedManagedPolicy) {
      e = fixDeprecatedPolicy(f, raw, *at);
    }
    if (!e) continue;
    e->line = f.range.line;
    edits.push_back(std::move(*e));
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length < b.length;
  });
  // One finding can be reported once per alternative of a condition: the same edit twice is one.
  edits.erase(std::unique(edits.begin(), edits.end(),
                          [](const Edit& a, const Edit& b) {
                            return a.offset == b.offset && a.length == b.length && a.replacement == b.replacement;
                          }),
              edits.end());
  // Two different edits of one place: neither is certain.
  std::vector<Edit> out;
  for (size_t i = 0; i < edits.size(); ++i) {
    bool clash = (i > 0 && edits[i - 1].offset + edits[i - 1].length > edits[i].offset) ||
                 (i > 0 && edits[i - 1].offset == edits[i].offset) ||
                 (i + 1 < edits.size() && (edits[i].offset + edits[i].length > edits[i + 1].offset ||
                                           edits[i].offset == edits[i + 1].offset));
    if (!clash) out.push_back(std::move(edits[i]));
  }
  return out;
}

std::string applyEdits(const std::string& text, const std::vector<Edit>& edits) {
  std::string out;
  out.reserve(text.size() + 64 * edits.size());
  size_t pos = 0;
  for (const Edit& e : edits) {
    out.append(text, pos, e.offset - pos);
    out += e.replacement;
    pos = e.offset + e.length;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace iamlint::fix
