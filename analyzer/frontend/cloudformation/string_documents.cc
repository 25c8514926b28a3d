// Policies written as JSON text built by an intrinsic: `!Sub |` (string or list form) and
// `Fn::Join`. The JSON is parsed where it is written; each string in it that still holds a
// `${...}` becomes a `Fn::Sub` of that string, so the resolver substitutes it like any other
// value (with the list form's variables), and keys are substituted in place.
#include "analyzer/frontend/cloudformation/string_documents.h"

#include "analyzer/load/loader.h"
#include "analyzer/policy/document.h"

namespace iamlint {
namespace {

bool trimmedStartsWithBrace(const std::string& text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  return i != std::string::npos && text[i] == '{';
}

// `vars` is the list form's variable map, or null.
void substitute(Node& n, const Node* vars, Resolver& resolver) {
  for (Node& k : n.keys) {
    if (k.text.find("${") == std::string::npos) continue;
    Node sub = k;
    sub.tag = "Sub";
    std::vector<Resolved> alts = resolver.resolve(sub);
    if (alts.size() == 1 && alts[0].exact()) k.text = alts[0].text;
  }
  for (Node& c : n.items) {
    if (c.isScalar() && c.text.find("${") != std::string::npos) {
      if (!vars) {
        c.tag = "Sub";
      } else {
        Node text = c;
        Node list;
        list.kind = NodeKind::Sequence;
        list.range = c.range;
        list.items.push_back(std::move(text));
        list.items.push_back(*vars);
        Node key;
        key.kind = NodeKind::Scalar;
        key.text = "Fn::Sub";
        key.range = c.range;
        Node mapping;
        mapping.kind = NodeKind::Mapping;
        mapping.range = c.range;
        mapping.keys.push_back(std::move(key));
        mapping.items.push_back(std::move(list));
        c = std::move(mapping);
      }
      continue;
    }
    substitute(c, vars, resolver);
  }
}

void placeAt(Node& n, const Range& at) {
  n.range = at;
  for (Node& k : n.keys) placeAt(k, at);
  for (Node& c : n.items) placeAt(c, at);
}

}  // namespace

const Node& intrinsicStringDocument(Analysis& analysis, Resolver& resolver, const Node& node, std::string& error) {
  if (!node.isIntrinsic()) return node;
  const std::string name = node.intrinsicName();
  const Node& arg = *node.intrinsicArg();
  if (name == "Fn::Sub") {
    const Node* text = arg.isSequence() && !arg.items.empty() ? &arg.items[0] : &arg;
    const Node* vars = arg.isSequence() && arg.items.size() > 1 ? &arg.items[1] : nullptr;
    if (!text->isScalar() || !trimmedStartsWithBrace(text->text)) return node;
    // Parse the text as written (placed where it is), then substitute string by string.
    Node host = *text;
    host.tag.clear();
    const Node& parsed = embeddedDocument(analysis, host, error);
    if (&parsed == &host) return node;
    Node& root = analysis.embeddedDocuments.back().root;
    substitute(root, vars, resolver);
    linkParents(root);
    root.parent = &node;
    return root;
  }
  if (name == "Fn::Join") {
    std::vector<Resolved> alts = resolver.resolve(node);
    if (alts.empty() || !trimmedStartsWithBrace(alts[0].text)) return node;
    Document& doc = analysis.embeddedDocuments.emplace_back();
    LoadError loadError;
    if (!loadDocument(analysis.document.source.path(), alts[0].text, doc, loadError)) {
      error = loadError.message;
      analysis.embeddedDocuments.pop_back();
      return node;
    }
    placeAt(doc.root, node.range);
    linkParents(doc.root);
    doc.root.parent = &node;
    return doc.root;
  }
  return node;
}

}  // namespace iamlint
