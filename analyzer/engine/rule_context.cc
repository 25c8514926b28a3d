#include "iamlint/rule.h"

namespace iamlint {

FindingBuilder RuleContext::report(const Node* at, std::string message) {
  Finding& f = out_.emplace_back(
      makeFinding(rule_, analysis_.document.source.path(), at ? at->range : Range{}, std::move(message)));
  if (at) f.pointer = at->pointer();
  f.resource = analysis_.tmpl.logicalIdAt(at);
  FindingBuilder b(f);
  b.analysis_ = &analysis_;
  return b;
}

Finding makeFinding(const Rule& rule, std::string path, Range range, std::string message) {
  Finding f;
  f.definition = &rule;
  f.level = rule.info.level;
  f.message = std::move(message);
  f.path = std::move(path);
  f.range = range;
  f.display = range;  // made display-ready by the engine, which has the source
  return f;
}

std::string_view Finding::id() const { return definition ? definition->info.id : std::string_view(); }
std::string_view Finding::name() const { return definition ? definition->info.name : std::string_view(); }

FindingBuilder RuleContext::report(Range range, const Node* within, std::string pointer, std::string message) {
  Finding& f = out_.emplace_back(makeFinding(rule_, analysis_.document.source.path(), range, std::move(message)));
  f.pointer = std::move(pointer);
  f.resource = analysis_.tmpl.logicalIdAt(within);
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
