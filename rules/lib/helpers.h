// Small helpers shared by rules: walking the policies a user wrote, reading values.
#pragma once

#include <functional>
#include <string>

#include "iamlint/rule.h"

namespace iamlint {

// Statements written as policy documents: not those a front end made from resource properties
// (a Lambda permission), which have no document grammar to check.
template <typename F>
void forEachWrittenStatement(const Analysis& analysis, F&& f) {
  for (const Policy& p : analysis.policies)
    if (!p.synthesized)
      for (const Statement& st : p.statements) f(p, st);
}

template <typename F>
void forEachStatement(const Analysis& analysis, F&& f) {
  for (const Policy& p : analysis.policies)
    for (const Statement& st : p.statements) f(p, st);
}

// Every policy document the grammar rules check: the input's policies, then its organisation
// policies (service control policies, then resource control policies).
template <typename F>
void forEachPolicyDocument(const Analysis& analysis, F&& f) {
  for (const Policy& p : analysis.policies) f(p);
  for (const Policy& p : analysis.serviceControlPolicies) f(p);
  for (const Policy& p : analysis.resourceControlPolicies) f(p);
}

enum class OrganizationPolicy : uint8_t { None, ServiceControl, ResourceControl };
// Whether `p` is one of the analysis's organisation policies, and which kind.
OrganizationPolicy organizationPolicyKind(const Analysis& analysis, const Policy& p);

// Reports every model note of `kind` a resolution or extraction step left.
void reportNotes(RuleContext& context, NoteKind kind);

// "`x`" with backticks, the house style for quoting values in messages; an empty value is
// named in words, since an empty pair of backticks reads as nothing at all.
inline std::string quoted(std::string_view s) {
  return s.empty() ? std::string("an empty string") : "`" + std::string(s) + "`";
}

// The node of a value alternative, for reporting: the use site.
inline const Node* at(const Value& v, const Node* fallback) { return v.node ? v.node : fallback; }

}  // namespace iamlint
