// AWS managed policies: the generated documents merged with the hand-kept table of
// deprecated policies. A deprecated policy the package no longer ships is still known
// by name, with its document unknown (nullopt), so callers never mistake it for empty.
#include <algorithm>
#include <array>
#include <charconv>

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

// Runs on the first managed-policy lookup of a process, so it avoids allocation per line:
// the generated index is already sorted by name.
PolicyTables loadManagedPolicies() {
  const EmbeddedData& data = embeddedData();
  PolicyTables t;
  t.policies.reserve(1700);
  // Index lines: name, path, default version id, offset, length of "name<TAB>document".
  forEachLine(data.policiesIndex, [&](std::string_view line) {
    std::array<std::string_view, 5> f;
    if (fields(line, f) != 5) return;
    size_t offset = 0, length = 0;
    std::from_chars(f[3].data(), f[3].data() + f[3].size(), offset);
    std::from_chars(f[4].data(), f[4].data() + f[4].size(), length);
    ManagedPolicyInfo& p = t.policies.emplace_back();
    p.name = f[0];
    p.path = f[1];
    p.versionId = f[2];
    std::string_view payload = data.policies.substr(std::min(offset, data.policies.size()), length);
    p.document = payload.substr(std::min(payload.size(), f[0].size() + 1));
  });
  // The generator sorts names ignoring case, as people read lists of policy names.
  auto byNameLess = [](const ManagedPolicyInfo& a, const ManagedPolicyInfo& b) {
    return lessIgnoreCase(a.name, b.name) || (!lessIgnoreCase(b.name, a.name) && a.name < b.name);
  };
  bool sorted = std::is_sorted(t.policies.begin(), t.policies.end(), byNameLess);
  if (!sorted) std::sort(t.policies.begin(), t.policies.end(), byNameLess);
  auto byName = [&](std::string_view name) -> ManagedPolicyInfo* {
    ManagedPolicyInfo key;
    key.name = name;
    auto it = std::lower_bound(t.policies.begin(), t.policies.end(), key, byNameLess);
    return it != t.policies.end() && it->name == name ? &*it : nullptr;
  };
  std::vector<ManagedPolicyInfo> extra;
  forEachLine(data.deprecatedPolicies, [&](std::string_view line) {
    std::array<std::string_view, 4> f;
    if (fields(line, f) < 4) return;
    ManagedPolicyInfo* p = byName(f[0]);
    if (!p) {
      p = &extra.emplace_back();
      p->name = f[0];
      p->path = f[1];
      p->document = std::nullopt;
    }
    p->deprecated = true;
    p->replacement = f[2];
    p->deprecationSource = f[3];
  });
  // The few policies known only from the deprecation table are merged in, not re-sorted.
  std::sort(extra.begin(), extra.end(), byNameLess);
  size_t middle = t.policies.size();
  for (ManagedPolicyInfo& p : extra) t.policies.push_back(std::move(p));
  std::inplace_merge(t.policies.begin(), t.policies.begin() + static_cast<std::ptrdiff_t>(middle), t.policies.end(),
                     byNameLess);
  t.byName.reserve(t.policies.size());
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

namespace iamdata {

// The line of the sorted index whose first field is `name`, found by bisecting the text itself:
// most runs look up a handful of the 1,600 names, so no table of lines is built. Lines that open
// with `#` come first; the rest are sorted as the generator sorts them.
std::string_view findIndexLine(std::string_view text, std::string_view name) {
  size_t lo = 0, hi = text.size();
  while (lo < hi && text[lo] == '#') {
    size_t nl = text.find('\n', lo);
    lo = nl == std::string_view::npos ? hi : nl + 1;
  }
  auto less = [](std::string_view a, std::string_view b) {
    return lessIgnoreCase(a, b) || (!lessIgnoreCase(b, a) && a < b);
  };
  while (lo < hi) {  // lo and hi are line starts
    const size_t mid = lo + (hi - lo) / 2;
    size_t start = mid;
    while (start > lo && text[start - 1] != '\n') --start;
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos || end > hi) end = hi;
    const std::string_view line = text.substr(start, end - start);
    const std::string_view lineName = line.substr(0, line.find('\t'));
    if (less(lineName, name)) {
      lo = end < hi ? end + 1 : hi;
    } else if (less(name, lineName)) {
      hi = start;
    } else {
      return line;
    }
  }
  return {};
}

}  // namespace iamdata

const ManagedPolicyInfo* Catalog::Impl::onePolicy(std::string_view name) const {
  const EmbeddedData& data = embeddedData();
  std::lock_guard<std::mutex> lock(singlesMutex);
  if (auto it = singles.find(std::string(name)); it != singles.end()) return it->second.get();
  auto info = std::make_unique<ManagedPolicyInfo>();
  bool found = false;
  if (std::string_view line = findIndexLine(data.policiesIndex, name); !line.empty()) {
    std::array<std::string_view, 5> f;
    if (fields(line, f) == 5 && f[0] == name) {
      size_t offset = 0, length = 0;
      std::from_chars(f[3].data(), f[3].data() + f[3].size(), offset);
      std::from_chars(f[4].data(), f[4].data() + f[4].size(), length);
      info->name = f[0];
      info->path = f[1];
      info->versionId = f[2];
      std::string_view payload = data.policies.substr(std::min(offset, data.policies.size()), length);
      info->document = payload.substr(std::min(payload.size(), f[0].size() + 1));
      found = true;
    }
  }
  // The deprecation lines by policy name, in file order within a name: made on the first
  // lookup, under the lock.
  if (deprecatedIndex.empty()) {
    forEachLine(data.deprecatedPolicies, [&](std::string_view line) {
      if (line.empty() || line[0] == '#') return;
      deprecatedIndex.emplace_back(line.substr(0, line.find('\t')), line);
    });
    // By name, then by place in the file (the lines are views into it).
    std::sort(deprecatedIndex.begin(), deprecatedIndex.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.data() < b.second.data();
    });
    if (deprecatedIndex.empty()) deprecatedIndex.emplace_back(std::string_view(), std::string_view());
  }
  auto from = std::lower_bound(deprecatedIndex.begin(), deprecatedIndex.end(), name,
                               [](const auto& e, std::string_view n) { return e.first < n; });
  for (auto it = from; it != deprecatedIndex.end() && it->first == name; ++it) {
    const std::string_view line = it->second;
    std::array<std::string_view, 4> f;
    if (fields(line, f) < 4 || f[0] != name) continue;
    if (!found) {
      info->name = f[0];
      info->path = f[1];
      info->document = std::nullopt;
      found = true;
    }
    info->deprecated = true;
    info->replacement = f[2];
    info->deprecationSource = f[3];
  }
  if (!found) return nullptr;
  info->arn = policyArn(info->path, info->name);
  return singles.emplace(std::string(name), std::move(info)).first->second.get();
}

const ManagedPolicyInfo* Catalog::findManagedPolicy(std::string_view arnOrName) const {
  std::string_view name = arnOrName, path;
  if (arnOrName.starts_with("arn:")) {
    // arn:<partition>:iam::aws:policy<path><name>, in any partition.
    std::array<std::string_view, 7> f;  // a seventh field means too many colons
    size_t n = 0;
    for (std::string_view rest = arnOrName;; ++n) {
      const size_t colon = rest.find(':');
      if (n == f.size()) return nullptr;
      f[n] = rest.substr(0, colon);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
    if (n + 1 != 6 || f[2] != "iam" || !f[3].empty() || f[4] != "aws" || !f[5].starts_with("policy/"))
      return nullptr;
    std::string_view rest = f[5].substr(6);  // "/path/Name"
    size_t slash = rest.rfind('/');
    name = rest.substr(slash + 1);
    path = rest.substr(0, slash + 1);
  }
  const ManagedPolicyInfo* p = impl_->onePolicy(name);
  if (!p) return nullptr;
  if (!path.empty() && !p->path.empty() && path != p->path) return nullptr;
  return p;
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
