#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/lib/helpers.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace {

bool hasWildcard(std::string_view s) { return iamdata::findAny(s, "*?") != std::string_view::npos; }

// `s3:Gett*` → `s3:Get*`: a `Prefix*` pattern with the prefix cut back until something
// matches. Empty when cutting does not help or the pattern has another shape.
std::string shorterPattern(std::string_view service, std::string_view name) {
  size_t first = iamdata::findAny(name, "*?");
  if (first + 1 != name.size() || name[first] != '*') return {};  // only `Prefix*`
  std::string_view rest = name.substr(first);
  for (size_t keep = first; keep-- > 1;) {
    std::string candidate = std::string(service) + ":" + std::string(name.substr(0, keep)) + std::string(rest);
    if (!Catalog::instance().expandPattern(candidate).empty()) return candidate;
  }
  return {};
}

void checkPattern(RuleContext& context, const Value& value, const Resolved& alt, const Node* element) {
  const Catalog& catalog = Catalog::instance();
  const std::string& text = alt.text;
  if (!alt.exact() || text == "*" || !hasWildcard(text)) return;
  size_t colon = text.find(':');
  if (colon == std::string::npos) return;  // IAM201: not an action at all
  std::string_view service = std::string_view(text).substr(0, colon);
  std::string_view name = std::string_view(text).substr(colon + 1);
  if (!hasWildcard(service)) {
    if (!catalog.hasService(service)) return;  // IAM201: unknown service
    if (name == "*") return;                   // `service:*` always names the whole service
  }
  if (!catalog.expandPattern(text).empty()) return;
  const Node* node = at(value, element);
  FindingBuilder b = context.report(node, "the pattern " + quoted(text) + " matches no action" +
                                              (hasWildcard(service) ? std::string()
                                                                    : " of " + quoted(service)) +
                                              branchNote(alt));
  relateOrigin(b, alt, node);
  if (!hasWildcard(service))
    if (std::string s = shorterPattern(service, name); !s.empty()) b.suggest(s);
}

void checkWildcards(RuleContext& context) {
  forEachStatement(context.analysis(), [&](const Policy& p, const Statement& st) {
    if (p.transformWritten) return;  // SAM's own policy template data: not the user's to fix
    for (const Value& v : st.actions)
      for (const Resolved* alt : distinctAlternatives(v)) checkPattern(context, v, *alt, st.actionNode);
  });
}

}  // namespace

extern const Rule kWildcardMatchesNothing{
    {"IAM202", "wildcard-matches-nothing", Level::Error, "An action pattern with `*` or `?` matches no action",
     R"md(## What it does
Expands every `Action`/`NotAction` pattern that has a `*` or `?` against the bundled
IAM catalog and reports one that matches no action at all, such as `s3:Gett*`. Where
cutting back the text before the wildcard finds matches, that pattern is suggested.
`service:*` of a known service always matches, and `*` matches everything.

## Why is this bad?
A pattern that matches nothing grants (or, in a `Deny`, protects) nothing, and nobody
notices until a call fails or, worse, until a deny that was meant to fence off actions
turns out to fence off none.

## Example
```yaml
Action: s3:Gett*
```

## Use instead
```yaml
Action: s3:Get*
```

## Known limitations
The catalog is a snapshot; a pattern meant for actions AWS added after it is reported.
Patterns whose service prefix is unknown are reported by IAM201 instead. Patterns with a
part only known at deploy time are not judged.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
)md",
     "correctness"},
    checkWildcards};

}  // namespace iamlint
