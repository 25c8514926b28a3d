// AWS managed policies: the generated documents merged with the hand-kept table of
// deprecated policies. A deprecated policy the package no longer ships is still known
// by name, with its document unknown (nullopt), so callers never mistake it for empty.
#include <algorithm>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace iamdata {
namespace {

std::string policyArn(std::string_view path, std::string_view name) {
  std::string arn = "arn:aws:iam::aws:policy";
  arn += path.empty() ? std::string_view("/") : path;
  arn += name;
  return arn;
}

}  // namespace

PolicyTables loadManagedPolicies() {
  const EmbeddedData& data = embeddedData();
  PolicyTables t;
  // Index lines: name, path, default version id, offset, length of "name<TAB>document".
  for (std::string_view line : split(data.policiesIndex, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = split(line, '\t');
    if (f.size() != 5) continue;
    ManagedPolicyInfo& p = t.policies.emplace_back();
    p.name = f[0];
    p.path = f[1];
    p.versionId = f[2];
    size_t offset = std::stoul(std::string(f[3])), length = std::stoul(std::string(f[4]));
    std::string_view payload = data.policies.substr(offset, length);
    p.document = payload.substr(std::min(payload.size(), f[0].size() + 1));
  }
  for (std::string_view line : split(data.deprecatedPolicies, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = split(line, '\t');
    if (f.size() < 4) continue;
    auto it = std::find_if(t.policies.begin(), t.policies.end(),
                           [&](const ManagedPolicyInfo& p) { return p.name == f[0]; });
    if (it == t.policies.end()) {
      it = t.policies.emplace(t.policies.end());
      it->name = f[0];
      it->path = f[1];
      it->document = std::nullopt;
    }
    it->deprecated = true;
    it->replacement = f[2];
    it->deprecationSource = f[3];
  }
  std::sort(t.policies.begin(), t.policies.end(),
            [](const ManagedPolicyInfo& a, const ManagedPolicyInfo& b) { return a.name < b.name; });
  for (size_t i = 0; i < t.policies.size(); ++i) {
    ManagedPolicyInfo& p = t.policies[i];
    p.arn = policyArn(p.path, p.name);
    t.byName.emplace(p.name, i);
  }
  return t;
}

}  // namespace iamdata

using namespace iamdata;

const PolicyTables& Catalog::Impl::policies() const {
  std::call_once(policiesOnce, [&] { policyTables = loadManagedPolicies(); });
  return policyTables;
}

const ManagedPolicyInfo* Catalog::findManagedPolicy(std::string_view arnOrName) const {
  const PolicyTables& t = impl_->policies();
  std::string_view name = arnOrName, path;
  if (arnOrName.starts_with("arn:")) {
    // arn:<partition>:iam::aws:policy<path><name>, in any partition.
    std::vector<std::string_view> f = split(arnOrName, ':');
    if (f.size() != 6 || f[2] != "iam" || !f[3].empty() || f[4] != "aws" || !f[5].starts_with("policy/"))
      return nullptr;
    std::string_view rest = f[5].substr(6);  // "/path/Name"
    size_t slash = rest.rfind('/');
    name = rest.substr(slash + 1);
    path = rest.substr(0, slash + 1);
  }
  auto it = t.byName.find(name);
  if (it == t.byName.end()) return nullptr;
  const ManagedPolicyInfo& p = t.policies[it->second];
  if (!path.empty() && !p.path.empty() && path != p.path) return nullptr;
  return &p;
}

std::span<const ManagedPolicyInfo> Catalog::managedPolicies() const { return impl_->policies().policies; }

std::vector<std::string> Catalog::suggestManagedPolicies(std::string_view unknown, size_t max) const {
  std::vector<std::pair<size_t, std::string_view>> ranked;
  const size_t limit = std::max<size_t>(2, unknown.size() / 4);
  for (const ManagedPolicyInfo& p : managedPolicies()) {
    size_t d = editDistance(unknown, p.name, limit);
    if (d <= limit) ranked.emplace_back(d, p.name);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < max; ++i) out.emplace_back(ranked[i].second);
  return out;
}

}  // namespace iamlint
