// What the security rules (rules/4, rules/6) ask of a statement, on resolved values: does it
// grant every action, every resource, everyone; is a wildcard principal restricted by a
// condition; where did a value come from (a parameter default, an Fn::If branch). Values with
// holes are never claimed to be `*`: an unknown parameter could be anything.
#pragma once

#include <cstdint>
#include <memory>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/iamdata/arn_template.h"
#include "iamlint/analysis.h"
#include "iamlint/catalog.h"
#include "iamlint/eval.h"

namespace iamlint::security {

// One exact alternative of a policy value, with where it came from.
struct Alt {
  const Value* value = nullptr;
  const Resolved* alt = nullptr;
  const Node* node(const Node* fallback) const { return value && value->node ? value->node : fallback; }
  const std::string& text() const { return alt->text; }
};

// " (the default of parameter `P`)", " (in the Fn::If branch where `C` is true)", or "" when
// the value is written where it is used.
std::string provenance(const Resolved& alt);
// The same without parentheses: "the default of parameter `P`", or "".
std::string originOf(const Resolved& alt);
// The parameter a value came from (its Default or AllowedValues), or empty.
std::string parameterOf(const Resolved& alt);

// `*`, `*:*`: every action of every service.
bool isEveryAction(std::string_view pattern);
// `s3:*` (the name part only stars); `service` receives `s3`.
bool isServiceWildcard(std::string_view pattern, std::string* service = nullptr);
// `*`, `arn:*`, `arn:*:*:*:*:*`, `arn:aws:*:*:*:*`: every resource (a policy acts in its own
// partition, so a written one narrows nothing).
bool isEveryResource(std::string_view pattern);

// The first exact alternative of `values` satisfying `test`.
template <typename F>
std::optional<Alt> findAlt(const std::vector<Value>& values, F&& test) {
  for (const Value& v : values)
    for (const Resolved& r : v.alts)
      if (r.exact() && test(r.text)) return Alt{&v, &r};
  return std::nullopt;
}
// Every exact alternative; `unknown` is set when some alternative has holes.
std::vector<Alt> exactAlts(const std::vector<Value>& values, bool* unknown = nullptr);

// The `Resource: "*"` (or equivalent) alternative of an Allow/Deny statement, if it has one;
// `arn:${AWS::Partition}:*:*:*:*` counts.
std::optional<Alt> everyResource(const Statement& st);

// A value of `Resource` that reaches every resource an action acts on though it is no `*`: an
// ARN whose every variable part is a wildcard for the action's resource types
// (`arn:aws:s3:::*/*` for `s3:GetObject`, `arn:*:cloudtrail:*:*:trail/*` for
// `cloudtrail:DeleteTrail`). The types are the ones the action requires, or all of its types
// when it requires none; each must be covered by some value.
struct AnyResource {
  Alt alt;                           // the first value that covers them
  ArnReach reach = ArnReach::Every;  // Scoped: only in the account or region it names
  // The ARNs taken as any resource, and for which types; empty for `*`.
  struct Covered {
    Alt alt;
    std::string service;
    std::vector<std::string> types;
    ArnReach reach = ArnReach::Every;
  };
  std::vector<Covered> covered;
  // What was taken as any resource: "`arn:aws:s3:::*/*` matches every s3 object"; "" for `*`.
  std::string meaning;
};
// `least` is the weakest reach that counts: Every for "any resource", Scoped for "any resource
// of the account" (a role can only be passed in its own account). `*` counts for every action;
// an action that takes no resource type is covered by `*` alone.
std::optional<AnyResource> anyResourceFor(const Statement& st, const ActionInfo& action,
                                          ArnReach least = ArnReach::Every);
// The same for many actions of one statement: each value's ARN text, and how far it reaches
// into each resource type, are worked out once.
class AnyResourceScan {
 public:
  explicit AnyResourceScan(const Statement& st);
  std::optional<AnyResource> of(const ActionInfo& action, ArnReach least = ArnReach::Every);

 private:
  struct Candidate {
    Alt alt;
    std::string text;   // arnText: holes as `${?}`, pseudo parameters by name
    bool star = false;  // holds a `*`
    std::unique_ptr<iamdata::ResourcePattern> pattern;  // `text` read once, on first use
  };
  struct Known {
    size_t candidate;
    const ResourceTypeInfo* type;
    ArnReach reach;
    int8_t touches;  // -1 not asked yet
  };
  Known& known(size_t candidate, const ResourceTypeInfo& type);
  const iamdata::ResourcePattern& patternOf(size_t candidate);
  ArnReach reach(size_t candidate, const ResourceTypeInfo& type);
  bool touches(const ResourceTypeInfo& type);
  std::optional<Alt> every_;
  bool notResource_ = false;
  std::vector<Candidate> candidates_;
  // By candidate and type: a statement of many ARNs and actions asks about thousands of pairs.
  struct PairHash {
    size_t operator()(const std::pair<size_t, const ResourceTypeInfo*>& k) const {
      return std::hash<const void*>()(k.second) * 31 + k.first;
    }
  };
  std::unordered_map<std::pair<size_t, const ResourceTypeInfo*>, Known, PairHash> known_;
};
// Could some value of `Resource` be `*` or an ARN that covers every resource of a type (it holds
// a `*`)? Spares the catalog for statements that name their resources.
bool mayCoverEveryResource(const Statement& st);

// Full admin: Allow of every action (or a NotAction that leaves every IAM permissions-management
// action, enough to grant itself the rest) on every resource.
struct FullAdmin {
  Alt action;    // the `*` action, or the first NotAction value
  Alt resource;  // the `*` resource
  bool viaNotAction = false;
};
std::optional<FullAdmin> fullAdmin(const Statement& st);

// Catalog actions an action pattern grants (exact alternatives only), unknown ones skipped. A
// plain name's one action is held in place.
class ActionList {
 public:
  explicit ActionList(const ActionInfo* one) : one_(one) {}
  explicit ActionList(std::vector<const ActionInfo*> many) : many_(std::move(many)) {}
  const ActionInfo* const* begin() const { return one_ ? &one_ : many_.data(); }
  const ActionInfo* const* end() const { return one_ ? &one_ + 1 : many_.data() + many_.size(); }

 private:
  const ActionInfo* one_ = nullptr;
  std::vector<const ActionInfo*> many_;
};
ActionList actionsOf(std::string_view pattern);

// Catalog entries seen, by address: an open-addressing table, one allocation for a statement's
// actions rather than one per action.
class SeenSet {
 public:
  // True the first time `p` is inserted.
  bool insert(const void* p) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = (reinterpret_cast<uintptr_t>(p) >> 4) * 0x9E3779B97F4A7C15ull >> 20 & mask;; i = (i + 1) & mask) {
      if (!slots_[i]) {
        slots_[i] = p;
        ++count_;
        return true;
      }
      if (slots_[i] == p) return false;
    }
  }

 private:
  void grow() {
    std::vector<const void*> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, nullptr);
    count_ = 0;
    for (const void* p : old)
      if (p) insert(p);
  }
  std::vector<const void*> slots_;
  size_t count_ = 0;
};

// ---- Principals and conditions ------------------------------------------------------------

// Is a condition operator one that holds only when the key is present and matches
// (StringEquals, ArnLike, ForAnyValue:StringLike...; not the negated ones, not IfExists)?
bool isPositiveOperator(std::string_view op);
bool isNegatedOperator(std::string_view op);  // StringNotEquals, ArnNotLike, ... (IfExists allowed)
// Every value is fixed: no `*`/`?` where it would let anyone in (holes are fixed values).
bool conditionValuesFixed(const ConditionEntry& c);
// Keys that pin the caller to an account, organisation, network or source resource.
bool isPrincipalRestrictingKey(std::string_view key);
// A condition of `st` that really restricts who can use it (positive operator, fixed values,
// a restricting key); nullptr when none does.
const ConditionEntry* restrictingCondition(const Statement& st);
// A condition testing `key` (case-insensitive) with a positive operator and fixed values.
const ConditionEntry* positiveCondition(const Statement& st, std::string_view key);
// The end of a message on a wildcard principal no condition restricts: "; no condition
// restricts it" or "; its condition on `k` does not limit who calls", and when the statement
// exists only under CloudFormation conditions, which (" (when condition `C` is false)").
// A wildcard value of a caller-restricting key (`aws:PrincipalOrgID: o-*`) and an
// untrustworthy key (`aws:Referer`, `aws:UserAgent`) are named.
std::string unrestrictedNote(const Statement& st);
// `aws:Referer` and `aws:UserAgent`: request headers the caller sets itself.
bool isUntrustworthyKey(std::string_view key);

// A wildcard principal (`"*"`, `{"AWS": "*"}`) of a statement, as an exact alternative.
std::optional<Alt> wildcardPrincipal(const Statement& st);
// A Deny statement of the same policy that takes away what the wildcard Allow `allow` gives to
// anyone outside an account/org/network (`StringNotEquals aws:PrincipalOrgID ...`).
const Statement* restrictingDeny(const Policy& policy, const Statement& allow);

// ---- Sources and locations ----------------------------------------------------------------

// " (attached to `A` and `B`)" for a policy resource; "" for inline policies and unattached ones.
std::string attachedSuffix(const Policy& p);
// `Role` and the ManagedPolicyArns entry that brings AWS managed policy `p` to it.
struct ManagedUse {
  const IamPrincipal* principal = nullptr;
  const ManagedPolicyRef* ref = nullptr;
};
std::vector<ManagedUse> awsManagedUses(const Analysis& a);
// The alternative of a ManagedPolicyArns value naming the AWS managed policy, for provenance.
const Resolved* managedAlt(const ManagedPolicyRef& ref);

// Backticked and joined in at most `max` parts: "`a`, `b`, `c` and 3 more". The one list
// phrasing of every rule.
std::string listOf(const std::vector<std::string>& items, size_t max = 4);

}  // namespace iamlint::security

namespace iamlint::security {

// Evaluation options that fix the pseudo parameters to a sample account, so that
// `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*` reads as "every role of the account".
const EvalOptions& probeOptions();
// A request-side ARN no policy names: "any role", "any bucket"; `*` for wildcard-only actions.
std::string probeResource(const ActionInfo& action);
// Does some resource alternative of `st` cover `arn` (with the pseudo parameters fixed)?
std::optional<Alt> resourceCovering(const Statement& st, std::string_view arn);
// For each account (and partition) written out in an IAM ARN of `Resource`
// (`arn:aws:iam::111122223333:role/*`), `arn:PARTITION:iam::ACCOUNT:<resourcePart>`: the probes
// that find "any role" of an account other than the sample one.
std::vector<std::string> namedAccountProbes(const Statement& st, std::string_view resourcePart);
// Does `st` (an Allow, conditions aside) grant `action`? The action alternative that does.
std::optional<Alt> actionGranting(const Statement& st, std::string_view action);
// A condition that narrows which resources an Allow on `*` reaches (resource tags, service keys).
const ConditionEntry* resourceNarrowingCondition(const Statement& st);
// The sensitive actions (fact table, or the catalog's Permissions management level) an action
// pattern grants that can be scoped by resource; wildcard-only ones are left out.
bool isSensitive(const ActionInfo& a, std::string* why = nullptr);

// Every Allow statement of an identity policy that grants named actions (not NotAction, not
// full admin) with no resource-narrowing condition, and whose `Resource` is `*` or may be an ARN
// that means `*` for some action: what IAM607 and IAM608 look at. `f(policy, statement,
// anyResource)` asks `anyResource(action)` whether the statement grants that action on every
// resource it acts on, and through which value.
template <typename F>
void forEachAllowOnEveryResource(const Analysis& analysis, F&& f) {
  for (const Policy& p : analysis.policies) {
    if (p.kind != PolicyKind::Identity) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || st.notAction || st.notResource || fullAdmin(st)) continue;
      if (!mayCoverEveryResource(st) || resourceNarrowingCondition(st)) continue;
      AnyResourceScan scan(st);
      auto anyResource = [&](const ActionInfo& a) { return scan.of(a); };
      f(p, st, anyResource);
    }
  }
}

// What the ARNs among `used` were taken as, for a message, one phrase per value: " (`arn:aws:s3:::*`
// matches every s3 bucket; ...)"; "" when each is `*` (or `arn:*:*:*:*:*`).
std::string anyResourceNote(const std::vector<AnyResource>& used);

// True when `principal` certainly cannot use `action`, whatever its identity policies allow: a
// Deny of its policy set covers every resource (it takes the grant back), or its permissions
// boundary allows the action on no resource.
bool deniedFor(const IamPrincipal& principal, const std::string& action);
// True when the known permissions boundary of `principal` has no Allow statement for `action`.
bool boundaryNeverAllows(const IamPrincipal& principal, const std::string& action);
// True when `deniedFor` holds for every principal the identity policy `p` applies to, and
// there is at least one such principal.
bool deniedEverywhere(const Analysis& analysis, const Policy& p, const std::string& action);
// `deniedEverywhere` for the many actions a rule asks about in one analysis: each principal's
// Deny statements are read once for the services they may name, and an action of another
// service is answered without matching.
class DeniedEverywhere {
 public:
  explicit DeniedEverywhere(const Analysis& analysis) : analysis_(analysis) {}
  bool operator()(const Policy& p, const ActionInfo& action);

 private:
  struct Denies {
    bool any = false;                    // a boundary, a NotAction, a value not known, a `*` service
    std::vector<std::string_view> services;  // the service parts of the other Deny actions
  };
  const Denies& deniesOf(const IamPrincipal& pr);
  const Analysis& analysis_;
  std::unordered_map<const IamPrincipal*, Denies> denies_;
  std::string name_;
};

}  // namespace iamlint::security

namespace iamlint::security {

// The resource types whose resource policies IAM407 (public-resource-policy) judges; IAM401
// covers trust policies and every other resource policy.
bool hasPublicCheck(const Policy& p);
// A wildcard principal of an Allow that no condition of the statement and no Deny of the policy
// restricts: the statement is open to everyone.
std::optional<Alt> unrestrictedWildcardPrincipal(const Policy& p, const Statement& st);

}  // namespace iamlint::security
