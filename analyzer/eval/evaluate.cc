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

bool isAccountId(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isAccountPrincipal(std::string_view value) {
  if (isAccountId(value)) return true;
  return value.size() > 5 && value.substr(value.size() - 5) == ":root" && value.rfind("arn:", 0) == 0;
}

// How a Principal entry names the caller: as itself (its ARN, its service name, or `*`) or as
// its account (`123456789012`, `arn:aws:iam::123456789012:root`). AWS treats the two apart: an
// account principal delegates to the account's own policies.
struct PrincipalMatch {
  Tri named = Tri::No;    // the caller's own ARN or service name, or NotPrincipal excluding it
  Tri star = Tri::No;     // `*`
  Tri account = Tri::No;  // the caller's account
  Tri any() const { return triOr(triOr(named, star), account); }
};

void principalValueMatches(const std::string& type, const Resolved& alt, const Request& request,
                           const EvalOptions& options, std::vector<std::string>* notes, PrincipalMatch& out) {
  std::string text = bindHoles(alt, options, notes);
  if (text == "*") {
    out.star = Tri::Yes;
    return;
  }
  bool holes = text.find(kHoleMark) != std::string::npos;
  // The entry's type says what kind of principal it can name: a service entry never names an
  // account or a role, an AWS entry never names a service.
  const std::string& who = request.principal;
  bool requestIsArnOrAccount = who.rfind("arn:", 0) == 0 || isAccountId(who);
  if (who == "*" || (type == "Service" && requestIsArnOrAccount) || (type == "AWS" && !requestIsArnOrAccount))
    return;
  if (holes) {
    // The written parts must still fit: `states.${AWS::Region}.amazonaws.com` may be any
    // region's Step Functions, never `ec2.amazonaws.com`.
    std::string pattern = text;
    for (char& c : pattern)
      if (c == kHoleMark) c = '*';
    bool accountForm = type == "AWS" && isAccountPrincipal(pattern);
    if (accountForm) {
      std::string_view acct = principalAccount(who);
      std::string_view patAcct = isAccountId(pattern) ? std::string_view(pattern) : principalAccount(pattern);
      if (!acct.empty() && globMatch(patAcct, acct, false)) out.account = triOr(out.account, Tri::Maybe);
      return;
    }
    if (globMatch(pattern, who, type == "Service")) out.named = triOr(out.named, Tri::Maybe);
    return;
  }
  if (type == "AWS" && isAccountPrincipal(text)) {
    // An account principal stands for every principal of that account.
    std::string_view acct = principalAccount(who);
    if (!acct.empty() && principalAccount(text) == acct) out.account = Tri::Yes;
    return;
  }
  // Principals take no wildcards besides `*`; service names are case-insensitive.
  bool same = type == "Service" ? lower(text) == lower(who) : text == who;
  if (same) out.named = Tri::Yes;
}

PrincipalMatch principalMatches(const Statement& s, const Request& request, const EvalOptions& options,
                                std::vector<std::string>* notes) {
  PrincipalMatch m;
  if (s.principals.empty()) {
    if (s.notPrincipal) m.named = Tri::Yes;
    return m;
  }
  for (const PrincipalEntry& entry : s.principals) {
    if (entry.type == "*") m.star = Tri::Yes;
    for (const Value& v : entry.values) {
      PrincipalMatch one;
      Tri present = overAlternatives(v, options, notes, [&](const Resolved& alt) {
        PrincipalMatch alt1;
        principalValueMatches(entry.type, alt, request, options, notes, alt1);
        one.named = triOr(one.named, alt1.named);
        one.star = triOr(one.star, alt1.star);
        one.account = triOr(one.account, alt1.account);
        return alt1.any();
      });
      // Alternatives that may not exist make each kind at most Maybe.
      auto cap = [&](Tri t) { return present == Tri::Yes || t == Tri::No ? t : (present == Tri::No ? Tri::No : Tri::Maybe); };
      m.named = triOr(m.named, cap(one.named));
      m.star = triOr(m.star, cap(one.star));
      m.account = triOr(m.account, cap(one.account));
    }
  }
  if (s.notPrincipal) {
    // NotPrincipal names whom the statement leaves out; everyone else is matched as themselves.
    PrincipalMatch out;
    out.named = triNot(m.any());
    return out;
  }
  return m;
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

// A statement's match split by how its Principal names the caller (all in `named` when the
// principal is not checked).
PrincipalMatch statementMatch(const Statement& s, const Request& request, const EvalOptions& options,
                              bool checkPrincipal, bool checkResource, std::vector<std::string>* notes) {
  PrincipalMatch out;
  if (s.effect == Effect::Invalid) return out;
  std::vector<std::string> local;
  Tri base = conditionTruth(s.guard, options);
  if (base == Tri::Maybe) noteGuard(&local, s.guard, options);
  if (base != Tri::No) base = triAnd(base, listMatches(s.actions, s.notAction, MatchKind::Action, request, options, &local));
  // Trust policies have no Resource element: they are about the role itself.
  bool hasResource = s.resourceNode || !s.resources.empty();
  if (base != Tri::No && hasResource && checkResource)
    base = triAnd(base, listMatches(s.resources, s.notResource, MatchKind::Resource, request, options, &local));
  PrincipalMatch who;
  who.named = Tri::Yes;
  if (base != Tri::No && checkPrincipal) who = principalMatches(s, request, options, &local);
  Tri result = triAnd(base, who.any());
  for (const ConditionEntry& c : s.conditions) {
    if (result == Tri::No) break;
    Tri holds = conditionHolds(c, request.context, options, &local);
    base = triAnd(base, holds);
    result = triAnd(result, holds);
  }
  if (result == Tri::No) return out;
  for (std::string& n : local) addNote(notes, std::move(n));
  out.named = triAnd(base, who.named);
  out.star = triAnd(base, who.star);
  out.account = triAnd(base, who.account);
  return out;
}

}  // namespace

std::string_view principalAccount(std::string_view principal) {
  if (isAccountId(principal)) return principal;
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

CallerKind callerKind(std::string_view principal) {
  if (principal.empty()) return CallerKind::Unnamed;
  if (principal == "*") return CallerKind::Anonymous;
  if (principal.rfind("arn:", 0) == 0 || isAccountId(principal)) return CallerKind::Aws;
  return CallerKind::Service;
}

Tri statementApplies(const Statement& s, const Request& request, const EvalOptions& options,
                     bool checkPrincipal, std::vector<std::string>* notes) {
  return statementMatch(s, request, options, checkPrincipal, true, notes).any();
}

namespace {

struct Applied {
  StatementRef ref;
  PrincipalMatch match;
  std::vector<std::string> notes;
  bool allow = false;
  enum Role : uint8_t { Identity, Boundary, Resource, Scp, Rcp } role = Identity;
};

void collect(const Policy* policy, Applied::Role role, const Request& request, const EvalOptions& options,
             std::vector<Applied>& out, Tri scale = Tri::Yes, bool bounded = false, bool denyOnly = false) {
  if (!policy || scale == Tri::No) return;
  bool checkPrincipal = role == Applied::Resource || role == Applied::Rcp;
  // A Lambda permission's Resource is the function's name as written; the permission is
  // matched to the function before evaluation.
  bool checkResource = !(role == Applied::Resource && policy->synthesized);
  for (const Statement& s : policy->statements) {
    if (denyOnly && s.effect == Effect::Allow) continue;
    Applied a;
    a.role = role;
    a.allow = s.effect == Effect::Allow;
    // AWS (IAM User Guide, "Permissions boundaries"): "The NotPrincipal element with a Deny
    // effect will always deny any IAM principal that has a permissions boundary policy attached".
    bool anyone = bounded && s.notPrincipal && s.effect == Effect::Deny;
    a.match = statementMatch(s, request, options, checkPrincipal && !anyone, checkResource, &a.notes);
    a.match.named = triAnd(a.match.named, scale);
    a.match.star = triAnd(a.match.star, scale);
    a.match.account = triAnd(a.match.account, scale);
    a.ref = {policy, &s, a.match.any()};
    if (a.ref.applies != Tri::No) out.push_back(std::move(a));
  }
}

// The statements of the set that may apply to the request (with `denyOnly`, its Deny
// statements alone).
std::vector<Applied> collectAll(const PolicySet& policies, const Request& request, const EvalOptions& options,
                                bool iamCaller, bool denyOnly) {
  std::vector<Applied> applied;
  if (iamCaller) {
    for (const Policy* p : policies.identity)
      collect(p, Applied::Identity, request, options, applied, Tri::Yes, false, denyOnly);
    if (policies.boundary)
      for (const Policy* p : *policies.boundary)
        collect(p, Applied::Boundary, request, options, applied, Tri::Yes, false, denyOnly);
    if (policies.scp)
      for (const Policy* p : *policies.scp) collect(p, Applied::Scp, request, options, applied, Tri::Yes, false, denyOnly);
  }
  for (const Policy* p : policies.rcp) collect(p, Applied::Rcp, request, options, applied, Tri::Yes, false, denyOnly);
  for (const Policy* p : policies.resource)
    collect(p, Applied::Resource, request, options, applied, policies.resourceMatch,
            iamCaller && policies.boundary.has_value(), denyOnly);
  return applied;
}

// Anonymous callers and services have no identity policies, and SCPs govern only the
// principals of the organisation's accounts.
bool isIamCaller(CallerKind caller) { return caller == CallerKind::Unnamed || caller == CallerKind::Aws; }

}  // namespace

Tri explicitDeny(const PolicySet& policies, const Request& request, const EvalOptions& options) {
  Tri deny = Tri::No;
  for (const Applied& a : collectAll(policies, request, options, isIamCaller(callerKind(request.principal)), true))
    deny = triOr(deny, a.ref.applies);
  return deny;
}

EvalResult evaluate(const PolicySet& policies, const Request& request, const EvalOptions& options) {
  CallerKind caller = callerKind(request.principal);
  bool iamCaller = isIamCaller(caller);
  std::vector<Applied> applied = collectAll(policies, request, options, iamCaller, false);

  Tri deny = Tri::No, identity = Tri::No, bounded = policies.boundary ? Tri::No : Tri::Yes;
  Tri named = Tri::No, star = Tri::No, account = Tri::No;
  Tri scp = policies.scp && iamCaller ? Tri::No : Tri::Yes;
  for (const Applied& a : applied) {
    if (!a.allow) {
      deny = triOr(deny, a.ref.applies);
      continue;
    }
    switch (a.role) {
      case Applied::Identity: identity = triOr(identity, a.ref.applies); break;
      case Applied::Boundary: bounded = triOr(bounded, a.ref.applies); break;
      case Applied::Scp: scp = triOr(scp, a.ref.applies); break;
      case Applied::Rcp: break;  // an RCP Allow adds nothing to RCPFullAWSAccess
      case Applied::Resource:
        named = triOr(named, a.match.named);
        star = triOr(star, a.match.star);
        account = triOr(account, a.match.account);
        break;
    }
  }
  bool unknownBounds = !policies.unknownBoundary.empty() && bounded != Tri::Yes;
  if (unknownBounds) bounded = Tri::Maybe;
  if (policies.identityAssumed) identity = Tri::Yes;
  Tri direct = triOr(named, star);

  std::string_view callerAccount = principalAccount(request.principal);
  bool crossAccount = caller == CallerKind::Aws && !request.resourceAccount.empty() && !callerAccount.empty() &&
                      callerAccount != request.resourceAccount;
  std::vector<std::string> missing;
  // Accounts for messages: a value the template leaves open is shown as `${AWS::AccountId}`.
  auto shown = [](std::string_view account) {
    std::string out;
    for (char c : account) {
      if (c == '\x02') continue;
      out += c == '\x03' ? ':' : c;
    }
    return account.find('\x02') != std::string_view::npos ? "${" + out + "}" : out;
  };
  const char* resourceWord = policies.resourceMustAllow ? "the key or trust policy" : "the resource policy";
  // The decision for a given identity-policy answer; `say` collects what is missing.
  auto decide = [&](Tri identity, bool report) {
    auto say = [&](std::string s) {
      if (report) addNote(&missing, std::move(s));
    };
    Tri viaIdentity = triAnd(identity, bounded);
    Tri allow;
    if (!iamCaller) {
      // Anonymous callers and services: only the resource policy can grant.
      allow = direct;
      if (allow == Tri::No && policies.resource.empty()) say("no resource policy of the input guards this resource");
    } else if (crossAccount) {
      // Another account: its identity policies (and boundary) and the resource policy must both allow.
      Tri resourceSide = triOr(direct, account);
      allow = triAnd(resourceSide, viaIdentity);
      if (resourceSide == Tri::No && viaIdentity != Tri::No)
        say(std::string(resourceWord) + " allows neither this principal nor its account " + shown(callerAccount) +
            " (the resource is in account " + shown(request.resourceAccount) + ")");
      if (resourceSide != Tri::No && identity == Tri::No)
        say("the caller's identity policies must allow it too (a request from another account)");
    } else {
      // Same account. A resource policy naming a role ARN is limited by the role's boundary;
      // one naming a user, a session, or `*` grants directly.
      bool role = request.principal.find(":role/") != std::string::npos || caller == CallerKind::Unnamed;
      Tri grants = role ? triOr(star, triAnd(named, bounded)) : direct;
      if (policies.resourceMustAllow) {
        // A KMS key policy or a role trust policy must allow: directly, or by trusting the
        // account, which lets the account's IAM policies decide.
        allow = triOr(grants, triAnd(viaIdentity, account));
        if (allow == Tri::No && viaIdentity != Tri::No)
          say(std::string(resourceWord) + " neither allows this principal nor trusts its account, so its identity "
              "policies do not apply");
      } else {
        allow = triOr(grants, viaIdentity);
      }
    }
    if (iamCaller && identity != Tri::No && bounded == Tri::No && allow == Tri::No)
      say("the permissions boundary does not allow it");
    if (allow != Tri::No && scp == Tri::No) say("no service control policy allows it");
    return triAnd(allow, scp);
  };
  Tri allow = decide(identity, true);
  bool identityAssumedUsed = policies.identityAssumed && allow != Tri::No && decide(Tri::No, false) != Tri::Yes;

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
    pick([](const Applied& a) {
      return a.allow && (a.role == Applied::Identity || a.role == Applied::Resource);
    });
    if (policies.boundary) pick([](const Applied& a) { return a.allow && a.role == Applied::Boundary; });
    if (scp != Tri::Yes) pick([](const Applied& a) { return a.allow && a.role == Applied::Scp; });
    pick([](const Applied& a) { return !a.allow; });
    if (unknownBounds)
      for (const std::string& u : policies.unknownBoundary)
        addNote(&r.assumptions, "the content of " + u + " is unknown to iamlint; it may deny this");
    if (identityAssumedUsed) addNote(&r.assumptions, "the caller's own identity policies allow it (they are not in the input)");
    return r;
  }
  r.decision = Decision::ImplicitDeny;
  r.certain = deny == Tri::No && policies.unknownIdentity.empty();
  r.missing = std::move(missing);
  pick([](const Applied& a) { return !a.allow; });
  for (const std::string& u : policies.unknownIdentity)
    addNote(&r.assumptions, "the content of " + u + " is unknown to iamlint; it may allow more");
  return r;
}

}  // namespace iamlint
