#include "iamlint/rule.h"

namespace iamlint {

static std::string resourceOf(const Node* node) {
  // /Resources/<id>/... names the template resource a node lives under.
  std::string pointer = node ? node->pointer() : std::string();
  if (pointer.rfind("/Resources/", 0) != 0) return {};
  size_t end = pointer.find('/', 11);
  std::string id = pointer.substr(11, end == std::string::npos ? std::string::npos : end - 11);
  std::string out;
  for (size_t i = 0; i < id.size(); ++i) {
    if (id[i] == '~' && i + 1 < id.size()) {
      out += id[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += id[i];
    }
  }
  return out;
}

FindingBuilder RuleContext::report(const Node* at, std::string message) {
  Finding& f = out_.emplace_back();
  f.rule = std::string(rule_.info.id);
  f.name = std::string(rule_.info.name);
  f.level = rule_.info.level;
  f.message = std::move(message);
  f.path = analysis_.document.source.path();
  if (at) {
    f.range = at->range;
    f.pointer = at->pointer();
    // Nodes of an AWS managed policy belong to another document; point at the use instead.
    f.resource = resourceOf(at);
  }
  FindingBuilder b(f);
  b.analysis_ = &analysis_;
  return b;
}

FindingBuilder RuleContext::report(Range range, std::string pointer, std::string message) {
  Finding& f = out_.emplace_back();
  f.rule = std::string(rule_.info.id);
  f.name = std::string(rule_.info.name);
  f.level = rule_.info.level;
  f.message = std::move(message);
  f.path = analysis_.document.source.path();
  f.range = range;
  f.pointer = std::move(pointer);
  if (f.pointer.rfind("/Resources/", 0) == 0) {
    size_t end = f.pointer.find('/', 11);
    f.resource = f.pointer.substr(11, end == std::string::npos ? std::string::npos : end - 11);
  }
  FindingBuilder b(f);
  b.analysis_ = &analysis_;
  return b;
}

FindingBuilder& FindingBuilder::related(const Node* node, std::string message) {
  if (!node) return *this;
  finding_.related.push_back({std::move(message), analysis_ ? analysis_->document.source.path() : "", node->range});
  return *this;
}

FindingBuilder& FindingBuilder::related(std::string path, Range range, std::string message) {
  finding_.related.push_back({std::move(message), std::move(path), range});
  return *this;
}

const char* levelName(Level level) {
  switch (level) {
    case Level::Note: return "note";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
  }
  return "?";
}

bool parseLevel(std::string_view text, Level& out) {
  if (text == "note") out = Level::Note;
  else if (text == "warning") out = Level::Warning;
  else if (text == "error") out = Level::Error;
  else return false;
  return true;
}

}  // namespace iamlint
