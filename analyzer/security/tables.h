// The hand-written fact tables the security rules read (docs/data-tables.md): escalation
// methods, service principals, sensitive actions, OIDC providers. The first three are turned into
// constant arrays at build time (gen_tables_main.cc: pre-split, principals lower-cased and sorted,
// a sorted name index of the sensitive actions), so nothing of them is parsed at run time; the
// OIDC table is parsed on first use. The returned references and views live as long as the
// process.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint::security {

// A row of the generated table: views of constant text.
struct EscalationMethod {
  std::string_view id, name;
  std::span<const std::string_view> actions;  // all of them are needed
  std::string_view resourceNote, source;
  // Each action's place in escalationActions(), parallel to `actions`.
  std::span<const uint16_t> actionNumbers;
};

struct ServicePrincipal {
  std::string principal;  // lower case: `lambda.amazonaws.com`
  bool regional = false;
};

enum class SensitiveCategory : uint8_t { CredentialExposure, DataExfiltration, ResourceExposure };
std::string_view sensitiveCategoryName(SensitiveCategory c);  // `credential exposure`, ...

// A row of the generated table: views of constant text.
struct SensitiveAction {
  std::string_view action;  // proper case: `secretsmanager:GetSecretValue`
  SensitiveCategory category = SensitiveCategory::DataExfiltration;
  std::string_view why;
};

struct OidcProvider {
  std::string pattern;                    // glob over the provider host/path, `*` = one or more characters
  std::vector<std::string> requiredKeys;  // a leading `:` means "<provider host/path><suffix>"
  std::string note, source;
};

std::span<const EscalationMethod> escalationMethods();
// Every action the methods name, sorted and without repeats; an action's number is its place.
std::span<const std::string_view> escalationActions();
// The number of the action named `action` ignoring ASCII case, or -1 when no method names it.
int escalationActionNumber(std::string_view action);
const std::vector<ServicePrincipal>& servicePrincipals();
std::span<const SensitiveAction> sensitiveActions();
const std::vector<OidcProvider>& oidcProviders();

// Case-insensitive lookups.
const ServicePrincipal* findServicePrincipal(std::string_view principal);
const SensitiveAction* findSensitiveAction(std::string_view action);
// The rows of one service's actions (`service` in any case), one per action name (the first row
// of a name, as findSensitiveAction finds it), in lower-case name order.
std::vector<const SensitiveAction*> sensitiveActionsOf(std::string_view service);

// Rows of a TAB-separated table by header name; `#` lines are comments. For the build step
// and tests (table_text.cc).
std::vector<std::vector<std::string>> parseTable(std::string_view text,
                                                 const std::vector<std::string_view>& columns);
// Splits on a separator, keeping empty fields ("" gives one empty field).
std::vector<std::string> splitFields(std::string_view s, char sep);

}  // namespace iamlint::security
