#include "analyzer/security/tables.h"

#include <algorithm>
#include <iterator>

#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint::security {
namespace {

// The rows of the generated arrays (iamlint_fact_tables.inc, written by gen_tables_main.cc).
struct PrincipalRow {
  std::string_view principal;
  bool regional;
};
struct SensitiveKey {
  std::string_view lower;
  size_t row;  // in kSensitiveActions
};

#include "iamlint_fact_tables.inc"

// ASCII only, as tolower() in the C locale the tables were lower-cased in at build time.
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::span<const EscalationMethod> escalationMethods() { return kEscalationMethods; }

std::span<const std::string_view> escalationActions() { return kMethodActions; }

int escalationActionNumber(std::string_view action) {
  constexpr size_t mask = std::size(kMethodActionSlots) - 1;
  static_assert((mask & (mask + 1)) == 0, "the slots are a power of two");
  for (size_t at = iamdata::IgnoreCaseHash()(action) & mask;; at = (at + 1) & mask) {
    const uint16_t entry = kMethodActionSlots[at];
    if (entry == 0) return -1;
    if (iamdata::equalsIgnoreCase(kMethodActions[entry - 1], action)) return entry - 1;
  }
}

const std::vector<ServicePrincipal>& servicePrincipals() {
  // Never destroyed: freeing its entries at exit is work nobody needs.
  static const std::vector<ServicePrincipal>& principals = *new std::vector<ServicePrincipal>([] {
    std::vector<ServicePrincipal> out;
    out.reserve(std::size(kServicePrincipals));
    for (const PrincipalRow& r : kServicePrincipals) out.push_back({std::string(r.principal), r.regional});
    return out;
  }());
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

std::span<const SensitiveAction> sensitiveActions() { return kSensitiveActions; }

const std::vector<OidcProvider>& oidcProviders() {
  // Never destroyed: freeing its entries at exit is work nobody needs.
  static const std::vector<OidcProvider>& providers = *new std::vector<OidcProvider>([] {
    std::vector<OidcProvider> out;
    for (auto& r : parseTable(iamdata::embeddedData().oidcProviders,
                              {"provider_pattern", "required_keys", "note", "source"}))
      out.push_back({r[0], splitFields(r[1], ','), r[2], r[3]});
    return out;
  }());
  return providers;
}

const ServicePrincipal* findServicePrincipal(std::string_view principal) {
  const std::string key = lower(principal);
  const PrincipalRow* begin = std::begin(kServicePrincipals);
  const PrincipalRow* end = std::end(kServicePrincipals);
  const PrincipalRow* it =
      std::lower_bound(begin, end, key, [](const PrincipalRow& p, const std::string& k) { return p.principal < k; });
  return it != end && it->principal == key ? &servicePrincipals()[static_cast<size_t>(it - begin)] : nullptr;
}

const SensitiveAction* findSensitiveAction(std::string_view action) {
  // The keys are lower case; the name is lowered as it is compared, without a copy.
  auto less = [](std::string_view lowerKey, std::string_view name) {
    const size_t n = std::min(lowerKey.size(), name.size());
    for (size_t i = 0; i < n; ++i) {
      const char a = lowerKey[i], b = iamdata::asciiLower(name[i]);
      if (a != b) return static_cast<unsigned char>(a) < static_cast<unsigned char>(b);
    }
    return lowerKey.size() < name.size();
  };
  const SensitiveKey* begin = std::begin(kSensitiveByName);
  const SensitiveKey* end = std::end(kSensitiveByName);
  const SensitiveKey* it = std::lower_bound(begin, end, action, [&](const SensitiveKey& k, std::string_view n) { return less(k.lower, n); });
  return it != end && iamdata::equalsIgnoreCase(it->lower, action) ? &kSensitiveActions[it->row] : nullptr;
}

std::vector<const SensitiveAction*> sensitiveActionsOf(std::string_view service) {
  std::string prefix(service);
  for (char& c : prefix) c = iamdata::asciiLower(c);
  prefix += ':';
  const SensitiveKey* it = std::lower_bound(std::begin(kSensitiveByName), std::end(kSensitiveByName), prefix,
                                            [](const SensitiveKey& k, const std::string& p) { return k.lower < p; });
  std::vector<const SensitiveAction*> out;
  for (std::string_view last; it != std::end(kSensitiveByName) && it->lower.starts_with(prefix); ++it) {
    if (it->lower == last) continue;  // a later row of the same name
    last = it->lower;
    out.push_back(&kSensitiveActions[it->row]);
  }
  return out;
}

}  // namespace iamlint::security
