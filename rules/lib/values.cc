#include "rules/lib/values.h"

#include <algorithm>

namespace iamlint {

AltList distinctAlternatives(const Value& value) {
  AltList out;
  for (const Resolved& alt : value.alts)
    if (std::none_of(out.begin(), out.end(), [&](const Resolved* r) { return r->text == alt.text; }))
      out.push_back(&alt);
  return out;
}

std::string fillHoles(const Resolved& alt, std::string_view fill) {
  std::string out;
  size_t pos = 0;
  for (const Hole& h : alt.holes) {
    if (h.begin < pos || h.end > alt.text.size()) continue;
    out.append(alt.text, pos, h.begin - pos);
    out += fill;
    pos = h.end;
  }
  out.append(alt.text, pos, std::string::npos);
  return maskDynamicReferences(out, fill);
}

std::string maskDynamicReferences(std::string text, std::string_view fill) {
  for (size_t at = text.find("{{resolve:"); at != std::string::npos; at = text.find("{{resolve:", at)) {
    size_t end = text.find("}}", at);
    if (end == std::string::npos) break;
    text.replace(at, end + 2 - at, fill);
    at += fill.size();
  }
  return text;
}

bool touchesHole(const Resolved& alt, size_t begin, size_t end) {
  for (const Hole& h : alt.holes)
    if (h.begin < end && begin < h.end) return true;
  return false;
}

std::string branchNote(const Resolved& alt) {
  if (alt.guard.empty()) return {};
  return " (when " + describeGuard(alt.guard) + ")";
}

void relateOrigin(FindingBuilder& finding, const Resolved& alt, const Node* useSite) {
  if (alt.origin.node && alt.origin.node != useSite) finding.related(alt.origin.node, "the value comes from here");
}

}  // namespace iamlint
