// YAML through libyaml's event parser: a state machine (no recursion, so deep nesting cannot
// overflow the stack) that gives every event a start and an end mark, and tells how each
// scalar was written.
#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <map>
#include <memory>
#include <unordered_map>

#include "analyzer/load/loader.h"

namespace iamlint {
namespace {

bool isNullWord(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

struct Failure {
  std::string message;
  size_t offset;
};

// libyaml counts lines with the same breaks as the line index (CR, LF, CRLF, NEL, LS, PS)
// and columns in characters; ranges are kept in bytes. Marks come nearly in order, so each
// conversion walks on from the previous one on the same line: linear even on a 1 MB line.
struct Cursor {
  size_t line = 0, column = 0, offset = 0;
};
size_t offsetOfMark(const SourceFile& source, const yaml_mark_t& mark, Cursor& cursor) {
  if (mark.line >= source.lineCount()) return source.text().size();
  uint32_t line = static_cast<uint32_t>(mark.line + 1);
  std::string_view text = source.line(line);
  size_t begin = source.offset(line, 1);
  size_t i = 0, chars = 0;
  if (cursor.line == mark.line && cursor.column <= mark.column && cursor.offset >= begin) {
    i = cursor.offset - begin;
    chars = cursor.column;
  }
  for (; i < text.size() && chars < mark.column; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  cursor = {mark.line, chars, begin + i};
  // A mark past the end of the line's text is at its line break.
  return begin + i;
}

class TreeBuilder {
 public:
  TreeBuilder(Document& document, const LoadLimits& limits)
      : doc_(document), source_(document.source), limits_(limits), ascii_(isAscii(document.source.text())) {}

  // Feeds one event; returns false once the first document is complete.
  bool handle(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_DOCUMENT_END_EVENT:
        return !gotRoot;
      case YAML_SCALAR_EVENT:
        scalar(e);
        break;
      case YAML_ALIAS_EVENT:
        alias(e);
        break;
      case YAML_SEQUENCE_START_EVENT:
        open(NodeKind::Sequence, e, e.data.sequence_start.tag, e.data.sequence_start.anchor);
        break;
      case YAML_MAPPING_START_EVENT:
        open(NodeKind::Mapping, e, e.data.mapping_start.tag, e.data.mapping_start.anchor);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close(e);
        break;
      default:
        break;
    }
    return true;
  }

  bool gotRoot = false;
  std::vector<LoadNote> notes;

 private:
  // An open collection. It and its children wait in `pending_` until it closes, then the
  // children move into lists of exactly their size: no list grows, and none has spare room.
  struct Open {
    size_t self;  // the collection's place in pending_; its children follow it
    bool expectKey;
    std::string anchor;
    // Scalar key -> index of its first occurrence; made once the mapping has kIndexFrom keys
    // (below that, a scan of the keys is cheaper than hashing them).
    std::unique_ptr<std::unordered_map<std::string, size_t>> keys;
  };
  static constexpr size_t kIndexFrom = 16;
  // Anchored values are copied: the tree's vectors still grow, so pointers would dangle.
  struct Anchored {
    Node node;
    size_t size;
  };

  // libyaml counts lines with the same breaks as the line index (CR, LF, CRLF, NEL, LS, PS)
  // and columns in characters; ranges are kept in bytes. Marks come nearly in order, so each
  // conversion walks on from the previous one on the same line: linear even on a 1 MB line.
  // In ASCII text a mark's index (libyaml counts characters) is its byte offset.
  size_t offsetOf(const yaml_mark_t& mark) const {
    return ascii_ ? std::min(mark.index, source_.text().size()) : offsetOfMark(source_, mark, startCursor_);
  }
  size_t endOffsetOf(const yaml_mark_t& mark) const {
    return ascii_ ? std::min(mark.index, source_.text().size()) : offsetOfMark(source_, mark, endCursor_);
  }
  static bool isAscii(std::string_view text) {
    uint64_t any = 0;
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      any |= w;
    }
    for (; i < text.size(); ++i) any |= static_cast<unsigned char>(text[i]);
    return (any & 0x8080808080808080ull) == 0;
  }
  // A node's range starts at its value: libyaml's start mark sits on a tag (`!Sub x`) or an
  // anchor (`&a x`) written before it.
  Range rangeOf(const yaml_event_t& e) const {
    const std::string& text = source_.text();
    size_t begin = offsetOf(e.start_mark), end = endOffsetOf(e.end_mark);
    while (begin < end && (text[begin] == '!' || text[begin] == '&')) {
      size_t i = begin;
      while (i < end && text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r') ++i;
      while (i < end && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i >= end) break;
      begin = i;
    }
    return source_.rangeOf(begin, end, lineHint_);
  }
  static std::string shortTag(const yaml_char_t* tag) {
    if (!tag) return {};
    std::string t(reinterpret_cast<const char*>(tag));
    if (t.size() > 1 && t[0] == '!' && t[1] != '!') return t.substr(1);
    return {};
  }
  static std::string anchorName(const yaml_char_t* anchor) {
    return anchor ? std::string(reinterpret_cast<const char*>(anchor)) : std::string();
  }

  void count(size_t n, const yaml_mark_t& at, const char* what) {
    nodes_ += n;
    if (nodes_ > limits_.maxNodes) throw Failure{std::string(what) + std::to_string(limits_.maxNodes) + " values" +
                                                     (what[0] == 'a' ? " (an alias bomb?)" : ""),
                                                 offsetOf(at)};
  }

  // Pointer of the innermost open collection, from the open collections themselves.
  std::string openPointer() const {
    std::string out;
    for (size_t i = 1; i < stack_.size(); ++i) {
      const Open& parent = stack_[i - 1];
      size_t at = stack_[i].self - parent.self - 1;  // the child's place among its parent's
      std::string token;
      if (pending_[parent.self].kind == NodeKind::Mapping)
        token = pending_[stack_[i].self - (at % 2)].text;  // its key (itself when it is a key)
      else
        token = std::to_string(at);
      out += '/';
      for (char c : token) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    }
    return out;
  }

  void scalar(const yaml_event_t& e) {
    count(1, e.start_mark, "more than ");
    const auto& s = e.data.scalar;
    Node node;
    node.text.assign(reinterpret_cast<const char*>(s.value), s.length);
    node.tag = shortTag(s.tag);
    node.range = rangeOf(e);
    switch (s.style) {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        node.style = ScalarStyle::Quoted;
        break;
      case YAML_LITERAL_SCALAR_STYLE:
      case YAML_FOLDED_SCALAR_STYLE:
        node.style = ScalarStyle::Block;
        break;
      default:
        node.style = ScalarStyle::Plain;
    }
    node.kind = node.style == ScalarStyle::Plain && !s.tag && isNullWord(node.text) ? NodeKind::Null
                                                                                   : NodeKind::Scalar;
    std::string anchor = anchorName(s.anchor);
    const Node* placed = add(std::move(node));
    if (!anchor.empty() && placed) anchors_[anchor] = {*placed, 1};
  }

  void alias(const yaml_event_t& e) {
    std::string name = anchorName(e.data.alias.anchor);
    auto it = anchors_.find(name);
    if (it == anchors_.end()) throw Failure{"alias *" + name + " names no anchor", offsetOf(e.start_mark)};
    // Counted before copying: the copy is what an alias bomb makes expensive.
    count(it->second.size, e.start_mark, "aliases expand to more than ");
    Node copy = it->second.node;
    copy.range = rangeOf(e);
    add(std::move(copy));
  }

  // Places a node: the root, or the next child of the innermost open collection. The pointer
  // is good until the next node is placed.
  const Node* add(Node node) {
    if (stack_.empty()) {
      if (gotRoot) return nullptr;
      gotRoot = true;
      doc_.root = std::move(node);
      return &doc_.root;
    }
    Open& top = stack_.back();
    if (pending_[top.self].kind == NodeKind::Mapping) {
      if (top.expectKey) noteKey(node, top);
      top.expectKey = !top.expectKey;
    }
    pending_.push_back(std::move(node));
    return &pending_.back();
  }

  // The i-th key of an open mapping.
  const Node& keyOf(const Open& open, size_t i) const { return pending_[open.self + 1 + 2 * i]; }

  void noteKey(const Node& key, Open& open) {
    if (key.kind == NodeKind::Null && !key.text.empty()) {
      notes.push_back(LoadNote{LoadNote::NullKey, key.range, {}, key.text, openPointer()});
      return;
    }
    if (key.kind != NodeKind::Scalar) return;
    size_t count = (pending_.size() - open.self - 1) / 2;  // keys before this one
    size_t first = count;
    if (count < kIndexFrom) {
      for (size_t i = 0; i < count; ++i) {
        const Node& k = keyOf(open, i);
        if (k.kind == NodeKind::Scalar && k.text == key.text) {
          first = i;
          break;
        }
      }
    } else {
      if (!open.keys) {
        open.keys = std::make_unique<std::unordered_map<std::string, size_t>>();
        for (size_t i = 0; i < count; ++i)
          if (keyOf(open, i).kind == NodeKind::Scalar) open.keys->try_emplace(keyOf(open, i).text, i);
      }
      first = open.keys->try_emplace(key.text, count).first->second;
    }
    if (first != count)
      notes.push_back(LoadNote{LoadNote::DuplicateKey, key.range, keyOf(open, first).range, key.text,
                               openPointer()});
  }

  void open(NodeKind kind, const yaml_event_t& e, const yaml_char_t* tag, const yaml_char_t* anchor) {
    count(1, e.start_mark, "more than ");
    if (stack_.size() >= limits_.maxDepth)
      throw Failure{"nesting deeper than " + std::to_string(limits_.maxDepth) + " levels", offsetOf(e.start_mark)};
    Node node;
    node.kind = kind;
    node.tag = shortTag(tag);
    node.range = rangeOf(e);
    if (stack_.empty()) {
      dropRoot_ = gotRoot;  // a second root is read, then dropped
      gotRoot = true;
    } else if (Open& top = stack_.back(); pending_[top.self].kind == NodeKind::Mapping) {
      top.expectKey = !top.expectKey;  // a collection as a key has no key text to note
    }
    pending_.push_back(std::move(node));
    stack_.push_back({pending_.size() - 1, true, anchorName(anchor), {}});
    sizes_.push_back(nodes_);
  }

  void close(const yaml_event_t& e) {
    Open top = std::move(stack_.back());
    stack_.pop_back();
    Node& node = pending_[top.self];
    size_t children = pending_.size() - top.self - 1;
    if (node.kind == NodeKind::Mapping) {
      node.keys.reserve(children / 2);
      node.items.reserve(children / 2);
      for (size_t i = 0; i < children; ++i)
        (i % 2 ? node.items : node.keys).push_back(std::move(pending_[top.self + 1 + i]));
    } else {
      node.items.reserve(children);
      for (size_t i = 0; i < children; ++i) node.items.push_back(std::move(pending_[top.self + 1 + i]));
    }
    pending_.resize(top.self + 1);
    // A flow collection ends after its bracket (the end event's mark); a block collection
    // where its last child ends.
    size_t end = endOffsetOf(e.end_mark);
    if (!node.items.empty() && node.items.back().range.valid()) {
      const Range& last = node.items.back().range;
      size_t lastEnd = source_.offset(last.endLine, last.endColumn);
      const std::string& text = source_.text();
      size_t bracket = lastEnd;
      while (bracket < text.size() && (text[bracket] == ' ' || text[bracket] == '\n' || text[bracket] == '\r'))
        ++bracket;
      bool flow = bracket < text.size() && (text[bracket] == ']' || text[bracket] == '}') && end > bracket;
      end = flow ? bracket + 1 : lastEnd;
    }
    uint32_t line, column;
    source_.position(end, line, column);
    node.range.endLine = line;
    node.range.endColumn = column;
    size_t size = nodes_ - sizes_.back();
    sizes_.pop_back();
    if (!top.anchor.empty()) anchors_[top.anchor] = {node, size + 1};
    if (stack_.empty()) {
      if (!dropRoot_) doc_.root = std::move(node);
      pending_.clear();
    }
  }

  Document& doc_;
  const SourceFile& source_;
  const LoadLimits& limits_;
  std::vector<Open> stack_;
  std::vector<size_t> sizes_;
  std::map<std::string, Anchored> anchors_;
  const bool ascii_;
  mutable Cursor startCursor_, endCursor_;
  mutable size_t lineHint_ = 0;  // where the last range began, for the next
  size_t nodes_ = 0;
  std::vector<Node> pending_;  // the open collections and their children so far, in order
  bool dropRoot_ = false;
};

// libyaml notices a block scalar whose text is not indented only where the text next looks
// like a key. The cause is the first unindented line after the `|`/`>` line.
void explainUnindentedBlock(const SourceFile& source, LoadError& error) {
  auto indentOf = [](std::string_view l) {
    size_t i = 0;
    while (i < l.size() && l[i] == ' ') ++i;
    return i;
  };
  for (uint32_t n = error.range.line; n >= 1 && n + 8 > error.range.line; --n) {
    std::string_view l = source.line(n);
    size_t end = l.find_last_not_of(" \t");
    if (end == std::string_view::npos) continue;
    std::string_view head = l.substr(0, end + 1);
    size_t colon = head.rfind(": ");
    if (colon == std::string_view::npos) continue;
    std::string_view indicator = head.substr(colon + 2);
    if (indicator.empty() || (indicator[0] != '|' && indicator[0] != '>') || indicator.size() > 3) continue;
    size_t keyIndent = indentOf(l);
    for (uint32_t m = n + 1; m <= error.range.line; ++m) {
      std::string_view next = source.line(m);
      if (next.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (indentOf(next) > keyIndent) break;
      error.message = "invalid YAML: the text of the block scalar `" + std::string(indicator) + "` on line " +
                      std::to_string(n) + " must be indented more than its key";
      uint32_t col = static_cast<uint32_t>(indentOf(next)) + 1;
      error.range = {m, col, m, static_cast<uint32_t>(next.size()) + 1};
      return;
    }
    return;
  }
}

// Where libyaml stopped: a reader error (bad encoding, a control character) carries a byte
// offset, the others a mark in lines and characters.
void describeError(const yaml_parser_t& parser, const SourceFile& source, LoadError& error) {
  std::string problem = parser.problem ? parser.problem : "syntax error";
  if (parser.context) problem = std::string(parser.context) + ", " + problem;
  size_t offset;
  if (parser.error == YAML_READER_ERROR) {
    offset = std::min(parser.problem_offset, source.text().size());
    if (parser.problem_value != -1) {
      char hex[16];
      snprintf(hex, sizeof hex, " (#x%X)", static_cast<unsigned>(parser.problem_value));
      problem += hex;
    }
  } else {
    Cursor cursor;
    offset = offsetOfMark(source, parser.problem_mark, cursor);
  }
  error.message = "invalid YAML: " + problem;
  error.range = source.rangeOf(offset, std::min(offset + 1, source.text().size()));
  if (error.range.endLine != error.range.line || error.range.endColumn == error.range.column)
    error.range.endLine = error.range.line, error.range.endColumn = error.range.column + 1;
}

void noteSecondDocument(yaml_parser_t& parser, Document& document) {
  yaml_event_t event;
  if (!yaml_parser_parse(&parser, &event)) return;
  bool second = event.type == YAML_DOCUMENT_START_EVENT;
  yaml_mark_t mark = event.start_mark;
  yaml_event_delete(&event);
  if (!second) return;
  // A lone `---` before the end of the file holds no document worth a word.
  if (!yaml_parser_parse(&parser, &event)) return;
  bool empty = event.type == YAML_SCALAR_EVENT && event.data.scalar.length == 0 &&
               event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  yaml_event_delete(&event);
  if (empty) return;
  Cursor cursor;
  size_t offset = offsetOfMark(document.source, mark, cursor);
  Range range = document.source.rangeOf(offset, offset);
  range.endColumn = range.column + 3;
  document.notes.push_back(LoadNote{LoadNote::ExtraDocument, range, {}, {}, {}});
}

}  // namespace

bool loadYaml(Document& document, LoadError& error, const LoadLimits& limits) {
  document.format = DocumentFormat::Yaml;
  const std::string& text = document.source.text();
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    error.message = "out of memory";
    error.range = {1, 1, 1, 1};
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  TreeBuilder builder(document, limits);
  bool ok = true;
  try {
    for (bool more = true; more;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) {
        describeError(parser, document.source, error);
        explainUnindentedBlock(document.source, error);
        ok = false;
        break;
      }
      yaml_event_type_t type = event.type;
      try {
        more = builder.handle(event) && type != YAML_STREAM_END_EVENT;
      } catch (...) {
        yaml_event_delete(&event);
        throw;
      }
      yaml_event_delete(&event);
    }
  } catch (const Failure& f) {
    error.message = f.message;
    error.range = document.source.rangeOf(f.offset, f.offset + 1);
    ok = false;
  }
  // Only the first document is read; a second one is said, not silently dropped.
  if (ok && builder.gotRoot) noteSecondDocument(parser, document);
  yaml_parser_delete(&parser);
  if (!ok) return false;
  if (!builder.gotRoot) {
    error.message = "the file is empty";
    error.range = {1, 1, 1, 1};
    return false;
  }
  linkParents(document.root);
  for (LoadNote& note : builder.notes) document.notes.push_back(std::move(note));
  return true;
}

}  // namespace iamlint
