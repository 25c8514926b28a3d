// AWS managed policies a principal references, expanded from the bundled data.
#include "analyzer/frontend/cloudformation/resolver.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/load/loader.h"
#include "analyzer/load/node_tree.h"
#include "analyzer/policy/document.h"
#include "iamlint/catalog.h"

namespace iamlint {

// The document of a bundled policy as the build loaded it (iamlint_pack_policies), when the data
// in use is the built-in one and the build wrote its tree: what loadDocument would make of its
// text, without reading the JSON.
static bool bundledTree(const ManagedPolicyInfo& info, std::string& name, Document& doc) {
  const iamdata::EmbeddedData& built = iamdata::builtinData();
  if (&iamdata::embeddedData() != &built || !info.document) return false;
  const std::string_view text = *info.document;
  const char* begin = built.policies.data();
  if (text.data() < begin || text.data() + text.size() > begin + built.policies.size()) return false;
  const std::string_view tree =
      NodeTreeTable{built.policyTrees}.find(static_cast<size_t>(text.data() - begin), text.size());
  if (tree.empty() || !readNodeTree(tree, doc.root)) {
    doc = Document();
    return false;
  }
  doc.source = SourceFile(std::move(name), std::string(text), LineBreaks::Json);
  doc.format = DocumentFormat::Json;
  return true;
}

const Policy* awsManagedPolicy(Analysis& analysis, const ManagedPolicyInfo& info) {
  for (const Policy& p : analysis.awsManaged)
    if (p.awsManagedArn == info.arn) return &p;
  if (!info.document) return nullptr;
  Document& doc = analysis.awsManagedDocuments.emplace_back();
  // The name is for messages only: a bundled document is not a file.
  std::string name = "AWS managed policy " + std::string(info.name);
  if (!bundledTree(info, name, doc)) {
    LoadError error;
    if (!loadDocument(std::move(name), std::string(*info.document), doc, error)) return nullptr;
  }
  Policy& p = analysis.awsManaged.emplace_back();
  p.kind = PolicyKind::Identity;
  p.name = std::string(info.name);
  p.awsManaged = true;
  p.awsManagedArn = info.arn;
  std::vector<ModelNote> ignored;  // AWS's own documents are not the user's to fix
  Resolver resolver(nullptr, {}, ignored);
  readPolicyDocument(doc.root, p, resolver, ignored);
  return &p;
}

}  // namespace iamlint
