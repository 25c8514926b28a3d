#include <algorithm>

#include "analyzer/frontend/cloudformation/sam.h"
#include "analyzer/frontend/cloudformation/cloudformation.h"

namespace iamlint {

const TemplateResource* Template::resource(std::string_view logicalId) const {
  auto it = resourceIndex.find(logicalId);
  return it == resourceIndex.end() ? nullptr : &resources[it->second];
}

std::string Template::logicalIdAt(const Node* node) const {
  if (!resourceByNode.empty())
    for (const Node* n = node; n; n = n->parent)
      if (auto it = resourceByNode.find(n); it != resourceByNode.end()) return resources[it->second].logicalId;
  if (!resourcesNode) return {};
  for (const Node* n = node; n && n->parent; n = n->parent) {
    if (n->parent != resourcesNode) continue;
    // The entry from the node's address, not a scan of the entries: a finding in a template of
    // 10,000 resources costs the same as in one of ten.
    const Node* keys = resourcesNode->keys.data();
    const Node* items = resourcesNode->items.data();
    size_t count = resourcesNode->keys.size();
    if (count && n >= keys && n < keys + count) return keys[n - keys].text;
    if (count && items && n >= items && n < items + std::min(count, resourcesNode->items.size()))
      return keys[n - items].text;
  }
  return {};
}

bool looksLikeTemplate(const Node& root) {
  if (!root.isMapping()) return false;
  if (root.get("AWSTemplateFormatVersion")) return true;
  const Node* resources = root.get("Resources");
  return resources && (resources->isMapping() || resources->isNull());
}

Template buildTemplate(const Document& document) {
  Template t;
  t.document = &document;
  const Node& root = document.root;
  if (const Node* params = root.get("Parameters"); params && params->isMapping()) {
    for (size_t i = 0; i < params->keys.size(); ++i) {
      const Node& body = params->items[i];
      Parameter p;
      p.name = params->keys[i].text;
      p.node = &params->keys[i];
      if (const Node* type = body.get("Type"); type && type->isScalar()) p.type = type->text;
      p.defaultValue = body.get("Default");
      if (const Node* allowed = body.get("AllowedValues"); allowed && allowed->isSequence())
        for (const Node& v : allowed->items) p.allowedValues.push_back(&v);
      t.parameters.emplace(p.name, std::move(p));
    }
  }
  if (const Node* conds = root.get("Conditions"); conds && conds->isMapping())
    for (size_t i = 0; i < conds->keys.size(); ++i) t.conditions[conds->keys[i].text] = &conds->items[i];
  t.mappings = root.get("Mappings");
  t.transformed = root.get("Transform") != nullptr;
  t.metadata = root.get("Metadata");
  if (const Node* resources = root.get("Resources"); resources && resources->isMapping()) {
    t.resourcesNode = resources;
    for (size_t i = 0; i < resources->keys.size(); ++i) {
      const Node& body = resources->items[i];
      TemplateResource r;
      r.logicalId = resources->keys[i].text;
      r.node = &body;
      if (const Node* type = body.get("Type"); type && type->isScalar()) r.type = type->text;
      r.properties = body.get("Properties");
      r.metadata = body.get("Metadata");
      if (const Node* c = body.get("Condition"); c && c->isScalar()) r.condition = c->text;
      t.resourceIndex.emplace(r.logicalId, t.resources.size());
      t.resources.push_back(std::move(r));
    }
  }
  return t;
}

void analyzeCloudFormation(Analysis& analysis, const AnalysisOptions& options) {
  analysis.tmpl = buildTemplate(analysis.document);
  Resolver resolver(&analysis.tmpl, options.parameters, analysis.notes);
  expandTransforms(analysis, resolver);
  extractTemplatePolicies(analysis, resolver);
  buildPrincipals(analysis, resolver);
  linkResourcePolicies(analysis, resolver);
}

}  // namespace iamlint
