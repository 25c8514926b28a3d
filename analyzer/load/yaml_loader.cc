// YAML through yaml-cpp's event parser. yaml-cpp gives start marks only; ends are found by
// reading the source text at the mark, which also tells how each scalar was written.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

#include "analyzer/load/loader.h"

namespace iamlint {
namespace {

struct LimitExceeded {
  std::string message;
  YAML::Mark mark;
};

bool isNullWord(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(Document& document, const LoadLimits& limits)
      : doc_(document), text_(document.source.text()), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override { done = true; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node node;
    node.kind = NodeKind::Null;
    size_t begin = offsetOf(mark);
    size_t end = begin;
    // A written `~`/`null` keeps its text so messages can quote it; an empty value has none.
    if (begin < text_.size()) {
      size_t e = plainEnd(begin);
      if (isNullWord(text_.substr(begin, e - begin))) {
        node.text = std::string(text_.substr(begin, e - begin));
        end = e;
      }
    }
    node.range = doc_.source.rangeOf(begin, end);
    add(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw LimitExceeded{"alias to an unknown anchor", mark};
    // Counted before copying: the copy is what an alias bomb makes expensive.
    nodes_ += it->second.size;
    if (nodes_ > limits_.maxNodes)
      throw LimitExceeded{"aliases expand to more than " + std::to_string(limits_.maxNodes) +
                              " values (an alias bomb?)",
                          mark};
    Node copy = it->second.node;
    size_t begin = offsetOf(mark);
    copy.range = doc_.source.rangeOf(begin, plainEnd(begin));
    add(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node node;
    node.kind = NodeKind::Scalar;
    node.text = value;
    size_t begin = skipTagAndAnchor(offsetOf(mark));
    node.tag = shortTag(tag);
    size_t end = begin;
    char c = begin < text_.size() ? text_[begin] : '\0';
    if (c == '"' || c == '\'') {
      node.style = ScalarStyle::Quoted;
      end = quotedEnd(begin);
    } else if ((c == '|' || c == '>') && tag != "?") {
      node.style = ScalarStyle::Block;
      end = lineEnd(begin);
    } else {
      node.style = ScalarStyle::Plain;
      end = plainEnd(begin);
    }
    node.range = doc_.source.rangeOf(begin, end);
    add(std::move(node), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(NodeKind::Sequence, mark, tag, anchor, style);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(NodeKind::Mapping, mark, tag, anchor, style);
  }
  void OnMapEnd() override { close(); }

  bool done = false;
  bool gotRoot = false;
  std::vector<LoadNote> notes;

 private:
  struct Open {
    Node* node;
    bool flow;
    bool expectKey;
    YAML::anchor_t anchor;
  };
  // Anchored values are copied: the tree's vectors still grow, so pointers would dangle.
  struct Anchored {
    Node node;
    size_t size;
  };

  size_t offsetOf(const YAML::Mark& mark) const {
    return doc_.source.offset(static_cast<uint32_t>(mark.line + 1),
                              static_cast<uint32_t>(mark.column + 1));
  }
  static std::string shortTag(const std::string& tag) {
    if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') return tag.substr(1);
    return {};
  }
  size_t skipTagAndAnchor(size_t i) const {
    // The mark may sit on a tag (`!Ref x`) or an anchor (`&a x`); the value starts after them.
    while (i < text_.size() && (text_[i] == '!' || text_[i] == '&')) {
      while (i < text_.size() && text_[i] != ' ' && text_[i] != '\n' && text_[i] != '\t') ++i;
      while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    }
    return i;
  }
  size_t lineEnd(size_t i) const {
    while (i < text_.size() && text_[i] != '\n' && text_[i] != '\r') ++i;
    return i;
  }
  size_t quotedEnd(size_t begin) const {
    char q = text_[begin];
    for (size_t i = begin + 1; i < text_.size(); ++i) {
      if (q == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == q) {
        if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return i + 1;
      }
    }
    return text_.size();
  }
  size_t plainEnd(size_t begin) const {
    bool flow = !stack_.empty() && stack_.back().flow;
    size_t i = begin;
    while (i < text_.size()) {
      char c = text_[i];
      if (c == '\n' || c == '\r') break;
      if (c == '#' && i > begin && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) break;
      if (c == ':' && (i + 1 == text_.size() || text_[i + 1] == ' ' || text_[i + 1] == '\n' ||
                       text_[i + 1] == '\r' || (flow && (text_[i + 1] == ',' || text_[i + 1] == '}'))))
        break;
      if (flow && (c == ',' || c == ']' || c == '}')) break;
      ++i;
    }
    while (i > begin && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
    return i;
  }

  void count(const YAML::Mark& mark) {
    if (++nodes_ > limits_.maxNodes)
      throw LimitExceeded{"more than " + std::to_string(limits_.maxNodes) + " values", mark};
  }

  std::string openPointer() const {
    std::string out;
    for (size_t i = 1; i < stack_.size(); ++i) {
      const Node& parent = *stack_[i - 1].node;
      std::string token = parent.kind == NodeKind::Mapping ? parent.keys.back().text
                                                          : std::to_string(parent.items.size() - 1);
      out += '/';
      for (char c : token) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    }
    return out;
  }

  Node* add(Node node, YAML::anchor_t anchor) {
    if (stack_.empty()) {
      if (gotRoot) return nullptr;  // later documents in the stream are not CloudFormation's
      gotRoot = true;
      doc_.root = std::move(node);
      remember(anchor, &doc_.root);
      return &doc_.root;
    }
    Open& top = stack_.back();
    Node* placed;
    if (top.node->kind == NodeKind::Mapping && top.expectKey) {
      noteKey(node, *top.node);
      top.node->keys.push_back(std::move(node));
      placed = &top.node->keys.back();
      top.expectKey = false;
    } else {
      top.node->items.push_back(std::move(node));
      placed = &top.node->items.back();
      if (top.node->kind == NodeKind::Mapping) top.expectKey = true;
    }
    remember(anchor, placed);
    return placed;
  }

  void noteKey(const Node& key, const Node& map) {
    if (key.kind == NodeKind::Null && !key.text.empty()) {
      notes.push_back(LoadNote{LoadNote::NullKey, key.range, {}, key.text, openPointer()});
      return;
    }
    if (key.kind != NodeKind::Scalar) return;
    for (const Node& existing : map.keys) {
      if (existing.kind == NodeKind::Scalar && existing.text == key.text) {
        notes.push_back(
            LoadNote{LoadNote::DuplicateKey, key.range, existing.range, key.text, openPointer()});
        return;
      }
    }
  }

  void remember(YAML::anchor_t anchor, const Node* node) {
    // Collections are remembered when they close, once complete.
    if (anchor && node->kind != NodeKind::Sequence && node->kind != NodeKind::Mapping)
      anchors_[anchor] = {*node, 1};
  }

  void open(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style) {
    count(mark);
    if (stack_.size() >= limits_.maxDepth)
      throw LimitExceeded{"nesting deeper than " + std::to_string(limits_.maxDepth) + " levels", mark};
    Node node;
    node.kind = kind;
    node.tag = shortTag(tag);
    size_t begin = skipTagAndAnchor(offsetOf(mark));
    node.range = doc_.source.rangeOf(begin, begin);
    bool flow = style == YAML::EmitterStyle::Flow ||
                (begin < text_.size() && (text_[begin] == '[' || text_[begin] == '{'));
    Node* placed = add(std::move(node), 0);
    if (!placed) placed = &discard_;
    stack_.push_back({placed, flow, true, anchor});
    sizes_.push_back(nodes_);
  }

  void close() {
    Open top = stack_.back();
    stack_.pop_back();
    Node& node = *top.node;
    // A block collection ends where its last child ends; a flow one after its bracket.
    size_t end = doc_.source.offset(node.range.line, node.range.column) + 1;
    const Node* last = nullptr;
    if (!node.items.empty()) last = &node.items.back();
    if (last && last->range.valid()) end = doc_.source.offset(last->range.endLine, last->range.endColumn);
    if (top.flow) {
      size_t i = end;
      char closer = node.kind == NodeKind::Mapping ? '}' : ']';
      while (i < text_.size() && text_[i] != closer) ++i;
      if (i < text_.size()) end = i + 1;
    }
    uint32_t line, column;
    doc_.source.position(end, line, column);
    node.range.endLine = line;
    node.range.endColumn = column;
    size_t size = nodes_ - sizes_.back();
    sizes_.pop_back();
    if (top.anchor) anchors_[top.anchor] = {*top.node, size + 1};
  }

  Document& doc_;
  std::string_view text_;
  const LoadLimits& limits_;
  std::vector<Open> stack_;
  std::vector<size_t> sizes_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  size_t nodes_ = 0;
  Node discard_;
};

}  // namespace

// yaml-cpp notices a block scalar whose text is not indented only where the text next looks
// like a key, lines later. The cause is the first unindented line after the `|`/`>` line.
static void explainUnindentedBlock(const SourceFile& source, LoadError& error) {
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

bool loadYaml(Document& document, LoadError& error, const LoadLimits& limits) {
  document.format = DocumentFormat::Yaml;
  std::istringstream input(document.source.text());
  TreeBuilder builder(document, limits);
  auto fail = [&](const std::string& message, const YAML::Mark& mark) {
    error.message = message;
    uint32_t line = mark.line >= 0 ? static_cast<uint32_t>(mark.line + 1) : 1;
    uint32_t column = mark.column >= 0 ? static_cast<uint32_t>(mark.column + 1) : 1;
    error.range = {line, column, line, column + 1};
    return false;
  };
  try {
    YAML::Parser parser(input);
    parser.HandleNextDocument(builder);
  } catch (const LimitExceeded& e) {
    return fail(e.message, e.mark);
  } catch (const YAML::Exception& e) {
    fail("invalid YAML: " + e.msg, e.mark);
    explainUnindentedBlock(document.source, error);
    return false;
  }
  if (!builder.gotRoot) {
    error.message = "the file is empty";
    error.range = {1, 1, 1, 1};
    return false;
  }
  // References into vectors moved while the tree grew; pointers are only safe from here on.
  linkParents(document.root);
  for (LoadNote& note : builder.notes) document.notes.push_back(std::move(note));
  return true;
}

}  // namespace iamlint
