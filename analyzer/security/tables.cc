#include "analyzer/security/tables.h"

#include <strings.h>

#include <algorithm>

#include "analyzer/iamdata/embedded_data.h"

namespace iamlint::security {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> parseTable(std::string_view text,
                                                 const std::vector<std::string_view>& columns) {
  std::vector<std::vector<std::string>> rows;
  std::vector<int> index;  // position of each wanted column in the header
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = split(line, '\t');
    if (index.empty()) {
      for (std::string_view c : columns) {
        auto it = std::find(fields.begin(), fields.end(), c);
        index.push_back(it == fields.end() ? -1 : static_cast<int>(it - fields.begin()));
      }
      continue;
    }
    std::vector<std::string> row;
    for (int i : index) row.push_back(i >= 0 && static_cast<size_t>(i) < fields.size() ? fields[i] : std::string());
    rows.push_back(std::move(row));
  }
  return rows;
}

const std::vector<EscalationMethod>& escalationMethods() {
  static const std::vector<EscalationMethod> methods = [] {
    std::vector<EscalationMethod> out;
    for (auto& r : parseTable(iamdata::embeddedData().escalationMethods,
                              {"id", "name", "required_actions", "resource_note", "source"}))
      out.push_back({r[0], r[1], split(r[2], ','), r[3], r[4]});
    return out;
  }();
  return methods;
}

const std::vector<ServicePrincipal>& servicePrincipals() {
  static const std::vector<ServicePrincipal> principals = [] {
    std::vector<ServicePrincipal> out;
    for (auto& r : parseTable(iamdata::embeddedData().servicePrincipals, {"principal", "regional"}))
      out.push_back({lower(r[0]), r[1] == "yes"});
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.principal < b.principal; });
    return out;
  }();
  return principals;
}

std::string_view sensitiveCategoryName(SensitiveCategory c) {
  switch (c) {
    case SensitiveCategory::CredentialExposure: return "credential exposure";
    case SensitiveCategory::DataExfiltration: return "data exfiltration";
    case SensitiveCategory::ResourceExposure: return "resource exposure";
  }
  return "?";
}

const std::vector<SensitiveAction>& sensitiveActions() {
  static const std::vector<SensitiveAction> actions = [] {
    std::vector<SensitiveAction> out;
    for (auto& r : parseTable(iamdata::embeddedData().sensitiveActions, {"action", "category", "why"})) {
      SensitiveCategory c = r[1] == "credential-exposure" ? SensitiveCategory::CredentialExposure
                            : r[1] == "resource-exposure" ? SensitiveCategory::ResourceExposure
                                                          : SensitiveCategory::DataExfiltration;
      out.push_back({r[0], c, r[2]});
    }
    return out;
  }();
  return actions;
}

const std::vector<OidcProvider>& oidcProviders() {
  static const std::vector<OidcProvider> providers = [] {
    std::vector<OidcProvider> out;
    for (auto& r : parseTable(iamdata::embeddedData().oidcProviders,
                              {"provider_pattern", "required_keys", "note", "source"}))
      out.push_back({r[0], split(r[1], ','), r[2], r[3]});
    return out;
  }();
  return providers;
}

const ServicePrincipal* findServicePrincipal(std::string_view principal) {
  const auto& all = servicePrincipals();
  std::string key = lower(principal);
  auto it = std::lower_bound(all.begin(), all.end(), key,
                             [](const ServicePrincipal& p, const std::string& k) { return p.principal < k; });
  return it != all.end() && it->principal == key ? &*it : nullptr;
}

const SensitiveAction* findSensitiveAction(std::string_view action) {
  for (const SensitiveAction& a : sensitiveActions())
    if (a.action.size() == action.size() && strncasecmp(a.action.data(), action.data(), action.size()) == 0)
      return &a;
  return nullptr;
}

}  // namespace iamlint::security
