// AWS managed policies a principal references, expanded from the bundled data.
#include "analyzer/frontend/cloudformation/resolver.h"
#include "analyzer/load/loader.h"
#include "analyzer/policy/document.h"
#include "iamlint/catalog.h"

namespace iamlint {

const Policy* awsManagedPolicy(Analysis& analysis, const ManagedPolicyInfo& info) {
  for (const Policy& p : analysis.awsManaged)
    if (p.awsManagedArn == info.arn) return &p;
  if (!info.document) return nullptr;
  Document& doc = analysis.awsManagedDocuments.emplace_back();
  LoadError error;
  // The name is for messages only: a bundled document is not a file.
  if (!loadDocument("AWS managed policy " + std::string(info.name), std::string(*info.document), doc, error))
    return nullptr;
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
