#include <cctype>
// JSON through RapidJSON's iterative SAX reader: no recursion, so deep nesting cannot
// overflow the stack. In iterative mode each event fires with the stream still at the start
// of its token; the token's end is found by reading the text from there.
// RapidJSON skips whitespace and scans strings sixteen bytes at a time with SSE2, which every
// x86-64 processor has. Its aligned loads may read up to 15 bytes past the text's terminating
// NUL (never past the page): address sanitizers would report those, so their builds scan byte
// by byte.
#if defined(__SSE2__) && !defined(__SANITIZE_ADDRESS__) && !defined(RAPIDJSON_SSE2)
#if defined(__has_feature)
#if !__has_feature(address_sanitizer) && !__has_feature(memory_sanitizer)
#define RAPIDJSON_SSE2
#endif
#else
#define RAPIDJSON_SSE2
#endif
#endif
#include <rapidjson/error/en.h>
#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <rapidjson/reader.h>

#include "analyzer/load/loader.h"

namespace iamlint {
namespace {

class TreeBuilder {
 public:
  TreeBuilder(Document& document, const rapidjson::StringStream& stream, const LoadLimits& limits)
      : doc_(document), text_(document.source.text()), stream_(stream), limits_(limits) {}

  bool Null() { return scalar(NodeKind::Null, ScalarStyle::JsonNumber, "null"); }
  bool Bool(bool b) { return scalar(NodeKind::Scalar, ScalarStyle::JsonBool, b ? "true" : "false"); }
  bool Int(int) { return number(); }
  bool Uint(unsigned) { return number(); }
  bool Int64(int64_t) { return number(); }
  bool Uint64(uint64_t) { return number(); }
  bool Double(double) { return number(); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return number(); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar(NodeKind::Scalar, ScalarStyle::JsonString, std::string(s, n));
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    Node key;
    key.kind = NodeKind::Scalar;
    key.style = ScalarStyle::JsonString;
    key.text.assign(s, n);
    size_t start = tokenStart();
    key.range = doc_.source.rangeOf(start, tokenEnd(start), lineHint_);
    Frame& map = stack_.back();
    size_t count = (pending_.size() - map.self - 1) / 2;  // keys before this one
    size_t first = count;
    if (count < kIndexFrom) {
      for (size_t i = 0; i < count; ++i)
        if (keyOf(map, i).text == key.text) {
          first = i;
          break;
        }
    } else {
      if (!map.keys) {
        map.keys = std::make_unique<std::unordered_map<std::string, size_t>>();
        for (size_t i = 0; i < count; ++i) map.keys->try_emplace(keyOf(map, i).text, i);
      }
      first = map.keys->try_emplace(key.text, count).first->second;
    }
    if (first != count)
      duplicates.push_back(LoadNote{LoadNote::DuplicateKey, key.range, keyOf(map, first).range, key.text, openPointer()});
    pending_.push_back(std::move(key));
    return true;
  }
  bool StartObject() { return open(NodeKind::Mapping); }
  bool StartArray() { return open(NodeKind::Sequence); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool tooDeep = false, tooBig = false;
  std::vector<LoadNote> duplicates;

 private:
  // An open object or array. It and its children wait in `pending_` until it closes, then the
  // children move into lists of exactly their size: no list grows, and none has spare room.
  struct Frame {
    size_t self;  // the node's place in pending_; its children follow it
    // Key -> index of its first occurrence; made once the object has kIndexFrom keys (below
    // that, a scan of the keys is cheaper than hashing them).
    std::unique_ptr<std::unordered_map<std::string, size_t>> keys;
  };
  static constexpr size_t kIndexFrom = 16;
  const Node& keyOf(const Frame& map, size_t i) const { return pending_[map.self + 1 + 2 * i]; }

  // Pointer of the innermost open node, from the open nodes themselves: parents are not
  // linked yet.
  std::string openPointer() const {
    std::string out;
    for (size_t i = 1; i < stack_.size(); ++i) {
      const Frame& parent = stack_[i - 1];
      size_t at = stack_[i].self - parent.self - 1;  // the child's place among its parent's
      std::string token = pending_[parent.self].kind == NodeKind::Mapping ? pending_[stack_[i].self - 1].text
                                                                         : std::to_string(at);
      out += '/';
      for (char c : token) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    }
    return out;
  }
  size_t tokenStart() const {
    size_t i = stream_.Tell();
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' ||
                                text_[i] == '\r' || text_[i] == ',' || text_[i] == ':'))
      ++i;
    return i;
  }
  size_t tokenEnd(size_t start) const {
    size_t i = start;
    if (i < text_.size() && text_[i] == '"') {
      // The next quote that an even run of backslashes (or none) comes before.
      for (++i; i < text_.size();) {
        const void* quote = std::memchr(text_.data() + i, '"', text_.size() - i);
        if (!quote) return text_.size();
        const size_t at = static_cast<size_t>(static_cast<const char*>(quote) - text_.data());
        size_t run = at;
        while (run > start + 1 && text_[run - 1] == '\\') --run;
        if ((at - run) % 2 == 0) return at + 1;
        i = at + 1;
      }
      return text_.size();
    }
    while (i < text_.size() && text_[i] != ',' && text_[i] != '}' && text_[i] != ']' && text_[i] != ' ' &&
           text_[i] != '\n' && text_[i] != '\r' && text_[i] != '\t')
      ++i;
    return i;
  }
  void place(Node node) {
    if (stack_.empty()) doc_.root = std::move(node);
    else pending_.push_back(std::move(node));
  }
  bool number() {
    size_t start = tokenStart();
    return scalar(NodeKind::Scalar, ScalarStyle::JsonNumber,
                  std::string(text_.substr(start, tokenEnd(start) - start)));
  }
  bool scalar(NodeKind kind, ScalarStyle style, std::string value) {
    if (++nodes_ > limits_.maxNodes) return tooBig = true, false;
    Node node;
    node.kind = kind;
    node.style = style;
    node.text = std::move(value);
    size_t start = tokenStart();
    node.range = doc_.source.rangeOf(start, tokenEnd(start), lineHint_);
    place(std::move(node));
    return true;
  }
  bool open(NodeKind kind) {
    if (stack_.size() >= limits_.maxDepth) return tooDeep = true, false;
    if (++nodes_ > limits_.maxNodes) return tooBig = true, false;
    Node node;
    node.kind = kind;
    size_t start = tokenStart();
    node.range = doc_.source.rangeOf(start, start + 1, lineHint_);
    pending_.push_back(std::move(node));
    stack_.push_back({pending_.size() - 1, {}});
    return true;
  }
  bool close() {
    size_t self = stack_.back().self;
    stack_.pop_back();
    Node& node = pending_[self];
    uint32_t line, column;
    doc_.source.position(std::min(tokenStart() + 1, text_.size()), line, column);
    node.range.endLine = line;
    node.range.endColumn = column;
    size_t children = pending_.size() - self - 1;
    if (node.kind == NodeKind::Mapping) {
      node.keys.reserve(children / 2);
      node.items.reserve(children / 2);
      for (size_t i = 0; i < children; ++i) (i % 2 ? node.items : node.keys).push_back(std::move(pending_[self + 1 + i]));
    } else {
      node.items.reserve(children);
      for (size_t i = 0; i < children; ++i) node.items.push_back(std::move(pending_[self + 1 + i]));
    }
    pending_.resize(self + 1);
    if (stack_.empty()) {
      doc_.root = std::move(node);
      pending_.clear();
    }
    return true;
  }

  Document& doc_;
  size_t lineHint_ = 0;  // the line of the last value placed: values come in order
  std::string_view text_;
  const rapidjson::StringStream& stream_;
  const LoadLimits& limits_;
  std::vector<Frame> stack_;
  std::vector<Node> pending_;  // the open nodes and their children so far, in order
  size_t nodes_ = 0;
};

}  // namespace

// What is wrong at `offset`, in the words of the other messages (lower case, no full stop),
// with the JSONC habits that break JSON named: comments and trailing commas.
static std::string jsonProblem(rapidjson::ParseErrorCode code, const std::string& text, size_t offset) {
  auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
  if (at(offset) == '/' && (at(offset + 1) == '/' || at(offset + 1) == '*'))
    return std::string("a comment (`") + at(offset) + at(offset + 1) + "`) is not JSON (JSONC is not accepted)";
  if (code == rapidjson::kParseErrorObjectMissName || code == rapidjson::kParseErrorValueInvalid) {
    size_t back = offset;
    while (back > 0 && std::isspace(static_cast<unsigned char>(text[back - 1]))) --back;
    if (back > 0 && text[back - 1] == ',' && (at(offset) == '}' || at(offset) == ']'))
      return "a trailing comma before `" + std::string(1, at(offset)) + "` is not JSON";
  }
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty: return "the document is empty";
    case rapidjson::kParseErrorObjectMissName: return "expected a quoted member name";
    case rapidjson::kParseErrorObjectMissColon: return "expected `:` after the member name";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket: return "expected `,` or `}` after the member";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket: return "expected `,` or `]` after the item";
    case rapidjson::kParseErrorStringMissQuotationMark: return "the string has no closing `\"`";
    case rapidjson::kParseErrorStringInvalidEncoding: return "the string is not valid UTF-8";
    case rapidjson::kParseErrorStringEscapeInvalid: return "invalid escape in the string";
    case rapidjson::kParseErrorValueInvalid: return "expected a value (a string, number, object, array, true, false or null)";
    default: {
      std::string raw = rapidjson::GetParseError_En(code);
      if (!raw.empty() && raw.back() == '.') raw.pop_back();
      if (!raw.empty()) raw[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(raw[0])));
      return raw;
    }
  }
}

bool loadJson(Document& document, LoadError& error, const LoadLimits& limits) {
  document.format = DocumentFormat::Json;
  const std::string& text = document.source.text();
  rapidjson::StringStream stream(text.c_str());
  TreeBuilder builder(document, stream, limits);
  rapidjson::Reader reader;
  // No recursion (a deep document cannot exhaust the stack). The text is valid UTF-8 already:
  // loadDocument checks every byte before any parser sees it.
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag;
  rapidjson::ParseResult ok = reader.Parse<flags>(stream, builder);
  if (!ok) {
    size_t offset = ok.Offset();
    if (builder.tooDeep)
      error.message = "nesting deeper than " + std::to_string(limits.maxDepth) + " levels";
    else if (builder.tooBig)
      error.message = "more than " + std::to_string(limits.maxNodes) + " values";
    else
      error.message = "invalid JSON: " + jsonProblem(ok.Code(), text, offset);
    if (offset > text.size()) offset = text.size();
    error.range = document.source.rangeOf(offset, offset);
    return false;
  }
  // Anything but white space after the value is an error too.
  size_t rest = stream.Tell();
  while (rest < text.size() && (text[rest] == ' ' || text[rest] == '\n' || text[rest] == '\r' ||
                                text[rest] == '\t'))
    ++rest;
  if (rest < text.size()) {
    error.message = "invalid JSON: text after the end of the document";
    error.range = document.source.rangeOf(rest, rest);
    return false;
  }
  linkParents(document.root);
  for (LoadNote& note : builder.duplicates) document.notes.push_back(std::move(note));
  return true;
}

}  // namespace iamlint
