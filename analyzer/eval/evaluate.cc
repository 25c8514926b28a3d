// IAM's decision order (semantics.md §2.1) over three-valued statement matches: an explicit
// Deny wins, then an Allow (which a permissions boundary must also grant), else the implicit
// deny.
#include <algorithm>

#include "analyzer/eval/pattern.h"

namespace iamlint {

using namespace evalimpl;

const char* decisionName(Decision d) {
  switch (d) {
    case Decision::Allow: return "Allow";
    case Decision::ExplicitDeny: return "ExplicitDeny";
    case Decision::ImplicitDeny: return "ImplicitDeny";
  }
  return "?";
}

namespace {

// The account of a principal ARN or a bare account id.
std::string_view accountOf(std::string_view principal) {
  if (principal.size() == 12 && std::all_of(principal.begin(), principal.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return principal;
  if (principal.rfind("arn:", 0) != 0) return {};
  size_t at = 0;
  for (int i = 0; i < 4; ++i) {
    at = principal.find(':', at);
    if (at == std::string_view::npos) return {};
    ++at;
  }
  size_t end = principal.find(':', at);
  return end == std::string_view::npos ? std::string_view() : principal.substr(at, end - at);
}

bool isAccountPrincipal(std::string_view value) {
  if (accountOf(value) == value) return true;  // bare account id
  return value.size() > 5 && value.substr(value.size() - 5) == ":root" && value.rfind("arn:", 0) == 0;
}

Tri principalValueMatches(const std::string& type, const Resolved& alt, const Request& request,
                          const EvalOptions& options, std::vector<std::string>* notes) {
  std::string text = bindHoles(alt, options, notes);
  if (text == "*") return Tri::Yes;
  bool holes = text.find(kHoleMark) != std::string::npos;
  // The entry's type says what kind of principal it can name: a service entry never names an
  // account or a role, an AWS entry never names a service.
  const std::string& who = request.principal;
  bool requestIsArnOrAccount = who.rfind("arn:", 0) == 0 || (who.size() == 12 && !accountOf(who).empty());
  if (who != "*" && ((type == "Service" && requestIsArnOrAccount) || (type == "AWS" && !requestIsArnOrAccount)))
    return Tri::No;
  if (holes) {
    // The written parts must still fit: `states.${AWS::Region}.amazonaws.com` may be any
    // region's Step Functions, never `ec2.amazonaws.com`.
    std::string pattern = text;
    for (char& c : pattern)
      if (c == kHoleMark) c = '*';
    if (!globMatch(pattern, who, type == "Service")) return Tri::No;
  }
  Tri exact;
  if (type == "AWS" && isAccountPrincipal(text)) {
    // An account principal stands for every principal of that account.
    if (holes) return Tri::Maybe;
    exact = !accountOf(request.principal).empty() && accountOf(text) == accountOf(request.principal) ? Tri::Yes : Tri::No;
  } else if (holes) {
    return Tri::Maybe;
  } else {
    // Principals take no wildcards besides `*`; service names are case-insensitive.
    bool same = type == "Service" ? lower(text) == lower(request.principal) : text == request.principal;
    exact = same ? Tri::Yes : Tri::No;
  }
  return exact;
}

Tri principalMatches(const Statement& s, const Request& request, const EvalOptions& options,
                     std::vector<std::string>* notes) {
  if (s.principals.empty()) return s.notPrincipal ? Tri::Yes : Tri::No;
  Tri any = Tri::No;
  for (const PrincipalEntry& entry : s.principals) {
    if (entry.type == "*") any = Tri::Yes;
    for (const Value& v : entry.values) {
      any = triOr(any, overAlternatives(v, options, notes, [&](const Resolved& alt) {
                    return principalValueMatches(entry.type, alt, request, options, notes);
                  }));
    }
  }
  return s.notPrincipal ? triNot(any) : any;
}

Tri listMatches(const std::vector<Value>& values, bool negated, MatchKind kind, const Request& request,
                const EvalOptions& options, std::vector<std::string>* notes) {
  const std::string& text = kind == MatchKind::Action ? request.action : request.resource;
  Tri any = Tri::No;
  for (const Value& v : values) {
    any = triOr(any, matchValue(v, kind, text, request.context, options, notes));
    if (any == Tri::Yes) break;
  }
  return negated ? triNot(any) : any;
}

}  // namespace

Tri statementApplies(const Statement& s, const Request& request, const EvalOptions& options,
                     bool checkPrincipal, std::vector<std::string>* notes) {
  if (s.effect == Effect::Invalid) return Tri::No;
  std::vector<std::string> local;
  Tri result = conditionTruth(s.guard, options);
  if (result == Tri::Maybe) noteGuard(&local, s.guard, options);
  if (result != Tri::No) result = triAnd(result, listMatches(s.actions, s.notAction, MatchKind::Action, request, options, &local));
  // Trust policies have no Resource element: they are about the role itself.
  bool hasResource = s.resourceNode || !s.resources.empty();
  if (result != Tri::No && hasResource)
    result = triAnd(result, listMatches(s.resources, s.notResource, MatchKind::Resource, request, options, &local));
  if (result != Tri::No && checkPrincipal) result = triAnd(result, principalMatches(s, request, options, &local));
  for (const ConditionEntry& c : s.conditions) {
    if (result == Tri::No) break;
    result = triAnd(result, conditionHolds(c, request.context, options, &local));
  }
  if (result != Tri::No) {
    for (std::string& n : local) addNote(notes, std::move(n));
  }
  return result;
}

namespace {

struct Applied {
  StatementRef ref;
  std::vector<std::string> notes;
  bool allow = false;
  enum Role : uint8_t { Identity, Boundary, Resource } role = Identity;
};

void collect(const Policy* policy, Applied::Role role, const Request& request, const EvalOptions& options,
             std::vector<Applied>& out) {
  if (!policy) return;
  for (const Statement& s : policy->statements) {
    Applied a;
    a.role = role;
    a.allow = s.effect == Effect::Allow;
    a.ref = {policy, &s, statementApplies(s, request, options, role == Applied::Resource, &a.notes)};
    if (a.ref.applies != Tri::No) out.push_back(std::move(a));
  }
}

}  // namespace

EvalResult evaluate(const PolicySet& policies, const Request& request, const EvalOptions& options) {
  std::vector<Applied> applied;
  for (const Policy* p : policies.identity) collect(p, Applied::Identity, request, options, applied);
  if (policies.boundary)
    for (const Policy* p : *policies.boundary) collect(p, Applied::Boundary, request, options, applied);
  collect(policies.resource, Applied::Resource, request, options, applied);

  Tri deny = Tri::No, grant = Tri::No, bounded = policies.boundary ? Tri::No : Tri::Yes;
  for (const Applied& a : applied) {
    if (!a.allow) deny = triOr(deny, a.ref.applies);
    else if (a.role == Applied::Boundary) bounded = triOr(bounded, a.ref.applies);
    else grant = triOr(grant, a.ref.applies);
  }
  bool unknownBounds = !policies.unknownBoundary.empty() && bounded != Tri::Yes;
  if (unknownBounds) bounded = Tri::Maybe;
  // A resource-policy allow is also limited by the boundary: true for role principals, the
  // ones CloudFormation templates define (semantics.md §2.1 step 3).
  Tri allow = triAnd(grant, bounded);

  EvalResult r;
  auto pick = [&](auto&& keep) {
    for (Tri level : {Tri::Yes, Tri::Maybe}) {
      for (const Applied& a : applied) {
        if (a.ref.applies != level || !keep(a)) continue;
        r.deciding.push_back(a.ref);
        for (const std::string& n : a.notes) addNote(&r.assumptions, n);
      }
    }
  };
  if (deny == Tri::Yes) {
    r.decision = Decision::ExplicitDeny;
    pick([](const Applied& a) { return !a.allow && a.ref.applies == Tri::Yes; });
    return r;
  }
  if (allow != Tri::No) {
    r.decision = Decision::Allow;
    r.certain = allow == Tri::Yes && deny == Tri::No;
    pick([](const Applied& a) { return a.allow && a.role != Applied::Boundary; });
    if (policies.boundary) pick([](const Applied& a) { return a.allow && a.role == Applied::Boundary; });
    pick([](const Applied& a) { return !a.allow; });
    if (unknownBounds)
      for (const std::string& u : policies.unknownBoundary)
        addNote(&r.assumptions, "the content of " + u + " is unknown to iamlint; it may deny this");
    return r;
  }
  r.decision = Decision::ImplicitDeny;
  r.certain = deny == Tri::No && policies.unknownIdentity.empty();
  pick([](const Applied& a) { return !a.allow; });
  for (const std::string& u : policies.unknownIdentity)
    addNote(&r.assumptions, "the content of " + u + " is unknown to iamlint; it may allow more");
  return r;
}

}  // namespace iamlint
