#include "rules/3-resources/arn.h"

#include "rules/lib/values.h"
#include "analyzer/iamdata/text_match.h"


namespace iamlint {

std::string arnText(const Resolved& alt) {
  // Pseudo parameters keep their name: `${AWS::Region}` is never empty, which matters in
  // fields that must be (S3 bucket ARNs).
  std::string out;
  size_t pos = 0;
  for (const Hole& h : alt.holes) {
    if (h.begin < pos || h.end > alt.text.size()) continue;
    out.append(alt.text, pos, h.begin - pos);
    bool pseudo = h.symbol.rfind("AWS::", 0) == 0 && h.symbol.find('}') == std::string::npos;
    out += pseudo ? "${" + h.symbol + "}" : std::string("${?}");
    pos = h.end;
  }
  out.append(alt.text, pos, std::string::npos);
  return maskDynamicReferences(out, "${?}");
}

bool splitArn(const Resolved& alt, ArnParts& parts) {
  parts.text = arnText(alt);
  parts.complete = false;
  std::string_view t = parts.text;
  if (t.substr(0, 4) != "arn:") return false;
  std::string_view fields[6];
  size_t pos = 0;
  for (int i = 0; i < 5; ++i) {
    // A `${...}` never ends a field: policy variables and holes are single opaque tokens.
    size_t colon = pos;
    while (true) {
      const size_t next = iamdata::findAny(t.substr(colon), ":$");
      if (next == std::string_view::npos) return false;
      colon += next;
      if (t[colon] == ':') break;
      if (colon + 1 < t.size() && t[colon + 1] == '{') {
        size_t close = t.find('}', colon);
        if (close == std::string_view::npos) return false;
        colon = close + 1;
      } else {
        ++colon;
      }
    }
    fields[i] = t.substr(pos, colon - pos);
    pos = colon + 1;
  }
  fields[5] = t.substr(pos);
  parts.partition = fields[1];
  parts.service = fields[2];
  parts.region = fields[3];
  parts.account = fields[4];
  parts.resource = fields[5];
  parts.complete = true;
  return true;
}

bool opaqueField(std::string_view field) { return field.find("${") != std::string_view::npos; }

bool wildcardField(std::string_view field) { return iamdata::findAny(field, "*?") != std::string_view::npos; }

}  // namespace iamlint
