#include "analyzer/frontend/cloudformation/policy_properties.h"

#include <algorithm>
#include <array>

#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t end = s.find(sep, pos);
    out.emplace_back(s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;
}

void walk(const Node& node, const std::vector<std::string>& parts, size_t i, std::string path,
          const PolicyPropertyRow& row, std::vector<FoundPolicyProperty>& out) {
  if (i == parts.size()) {
    out.push_back({path, &node, &row});
    return;
  }
  const std::string sep = path.empty() ? "" : "/";
  if (parts[i] == "*") {
    if (!node.isSequence()) return;
    for (size_t k = 0; k < node.items.size(); ++k)
      walk(node.items[k], parts, i + 1, path + sep + std::to_string(k), row, out);
    return;
  }
  if (!node.isMapping() || node.isIntrinsic()) return;
  if (const Node* next = node.get(parts[i])) walk(*next, parts, i + 1, path + sep + parts[i], row, out);
}

}  // namespace

const std::vector<PolicyPropertyRow>& policyPropertyTable() {
  // Never destroyed: freeing its entries at exit is work nobody needs.
  static const std::vector<PolicyPropertyRow>& rows = *new std::vector<PolicyPropertyRow>([] {
    std::vector<PolicyPropertyRow> out;
    iamdata::forEachLine(iamdata::embeddedData().policyProperties, [&](std::string_view line) {
      std::array<std::string_view, 5> f;
      const size_t n = iamdata::fields(line, f);
      if (n < 4) return;
      PolicyPropertyRow r;
      r.type = f[0];
      r.property = f[1];
      r.kind = f[2] == "identity" ? PolicyKind::Identity
               : f[2] == "trust"  ? PolicyKind::Trust
               : f[2] == "endpoint" ? PolicyKind::Endpoint
                                    : PolicyKind::Resource;
      r.form = f[3];
      if (n > 4) r.guarded = guardedResourceNamed(f[4]);
      out.push_back(std::move(r));
    });
    return out;
  }());
  return rows;
}

bool hasPolicyProperties(std::string_view type) {
  const auto& rows = policyPropertyTable();
  return std::any_of(rows.begin(), rows.end(), [&](const PolicyPropertyRow& r) { return r.type == type; });
}

GuardedResource guardedResourceOfType(std::string_view type) {
  for (const PolicyPropertyRow& r : policyPropertyTable())
    if (r.type == type && r.guarded != GuardedResource::Other) return r.guarded;
  return GuardedResource::Other;
}

std::vector<FoundPolicyProperty> findPolicyProperties(const TemplateResource& r) {
  std::vector<FoundPolicyProperty> out;
  if (!r.properties || !r.properties->isMapping()) return out;
  for (const PolicyPropertyRow& row : policyPropertyTable()) {
    if (row.type != r.type) continue;
    if (row.form == "permission") {
      out.push_back({"Properties", r.properties, &row});
      continue;
    }
    walk(*r.properties, split(row.property, '/'), 0, "", row, out);
  }
  return out;
}

}  // namespace iamlint
