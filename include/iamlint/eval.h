// The evaluation engine: does a set of policies allow one request, and can a set of actions
// reach resources outside a scope. Rules and requirement profiles ask it instead of reading
// policy text. Values the template leaves symbolic (`holes`) and CloudFormation conditions
// make answers three-valued: the engine never claims a certain Allow that a hole or a
// condition could turn into a deny, nor the reverse. docs/evaluation.md explains the model.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/policy.h"

namespace iamlint {

// Three-valued truth: `Maybe` means the answer depends on something the template leaves open.
enum class Tri : uint8_t { No, Maybe, Yes };
Tri triAnd(Tri a, Tri b);
Tri triOr(Tri a, Tri b);
Tri triNot(Tri a);
const char* triName(Tri t);

// The request context: condition keys, case-insensitive, each single-valued or multivalued
// (IAM treats a one-element list differently from a string: only set operators see lists).
class Context {
 public:
  struct Entry {
    std::vector<std::string> values;
    bool multi = false;
  };
  void set(std::string_view key, std::string value);
  void setList(std::string_view key, std::vector<std::string> values);
  const Entry* find(std::string_view key) const;  // nullptr when the key is absent
  bool empty() const { return entries_.empty(); }
  // An open context stands for every request: a key not set here may be absent or hold
  // anything, so conditions on it and variables naming it evaluate to Maybe.
  void setOpen(bool open) { open_ = open; }
  bool open() const { return open_; }

 private:
  std::map<std::string, Entry> entries_;  // lower-cased key
  bool open_ = false;
};

struct Request {
  std::string action;    // `s3:GetObject`
  std::string resource;  // an ARN, or `*` for actions without a resource type
  // The calling principal, matched against Principal/NotPrincipal of resource policies:
  // an ARN (`arn:aws:iam::123456789012:role/R`), a service (`ec2.amazonaws.com`) or `*`.
  std::string principal;
  // The account that owns the resource, when known (a resource of the template is in the
  // stack's account). A caller from another account needs an Allow from its own policies and
  // from the resource policy; empty means the caller's account.
  std::string resourceAccount;
  Context context;
};

struct PolicySet {
  std::vector<const Policy*> identity;
  // Present when the principal has a permissions boundary (possibly with no policies,
  // which then allows nothing).
  std::optional<std::vector<const Policy*>> boundary;
  // The resource-side policies of the request's resource: a bucket, queue, topic, secret or
  // repository policy, a key policy, a function's Lambda permissions, a role's trust policy.
  std::vector<const Policy*> resource;
  // Parts whose content iamlint does not know, named for the assumptions (`managed policy
  // ${Fn::ImportValue X}`, `permissions boundary ${BoundaryArn}`). An unknown identity policy
  // may allow what the known ones do not: an implicit deny is then not certain. An unknown
  // boundary (which makes `boundary` present) may deny what the identity policies allow: an
  // Allow is then not certain.
  std::vector<std::string> unknownIdentity;
  std::vector<std::string> unknownBoundary;
  // Whether `resource` guards the request's resource: Maybe when that depends on a value the
  // template leaves open (a literal ARN against `arn:aws:sqs:${AWS::Region}:...`).
  Tri resourceMatch = Tri::Yes;
  // KMS key policies and role trust policies must allow the request themselves: the caller's
  // identity policies count only where such a policy trusts the caller's account.
  bool resourceMustAllow = false;
  // The caller's identity policies are not in the input (a principal outside the template):
  // they are taken to allow the request, and the caller of `evaluate` says so.
  bool identityAssumed = false;
  // Service control policies of the caller's account; when present, one must allow.
  std::optional<std::vector<const Policy*>> scp;
  // Resource control policies of the resource's account. Only their Denies count: AWS keeps
  // `RCPFullAWSAccess` attached everywhere, which allows the rest.
  std::vector<const Policy*> rcp;
};

// What is fixed about the template while evaluating: parameter values (by hole symbol, the
// text is read as policy text after substitution, as IAM would) and CloudFormation
// condition truth values. Everything not fixed here is unknown.
struct EvalOptions {
  std::map<std::string, std::string> bindings;
  std::map<std::string, bool> conditions;
};

enum class Decision : uint8_t { Allow, ExplicitDeny, ImplicitDeny };
const char* decisionName(Decision d);

struct StatementRef {
  const Policy* policy = nullptr;
  const Statement* statement = nullptr;
  Tri applies = Tri::No;
};

struct EvalResult {
  // The most permissive outcome that is possible (Allow > ImplicitDeny > ExplicitDeny);
  // when `certain` it is the only possible one.
  Decision decision = Decision::ImplicitDeny;
  bool certain = true;
  // The statements that decide: the applying Denies for ExplicitDeny, the applying Allows
  // (identity or resource, then boundary) for Allow; for an uncertain answer also the
  // statements that apply only maybe. Definite ones come first.
  std::vector<StatementRef> deciding;
  // Why the answer is uncertain or what it rests on, one sentence each, without repeats:
  // "depends on condition HasNamespace", "assumes parameter S3BucketName is `x`".
  std::vector<std::string> assumptions;
  // For a deny where some policy allows: what else the request needs, one sentence each
  // ("the key policy neither allows the caller nor trusts its account").
  std::vector<std::string> missing;

  bool mayAllow() const { return decision == Decision::Allow; }
  bool allowed() const { return decision == Decision::Allow && certain; }
};

// AWS's decision for requests in one account and across accounts (IAM User Guide, "Policy
// evaluation logic" and "Cross-account policy evaluation logic"); docs/evaluation.md.
EvalResult evaluate(const PolicySet& policies, const Request& request,
                    const EvalOptions& options = {});
// Whether a Deny statement of `policies` applies to the request: Yes exactly when `evaluate`
// answers a certain ExplicitDeny. Only the Deny statements are matched, so asking this of a
// large policy set costs its Denies, not its Allows.
Tri explicitDeny(const PolicySet& policies, const Request& request, const EvalOptions& options = {});

// Who makes a request, from `Request::principal`: nobody named (the principal whose policies
// are evaluated), an anonymous caller (`*`), a service (`sqs.amazonaws.com`), or an AWS
// principal (an ARN or account id).
enum class CallerKind : uint8_t { Unnamed, Anonymous, Service, Aws };
CallerKind callerKind(std::string_view principal);
// The account of a principal ARN (`arn:aws:iam::123456789012:role/R`) or a bare account id;
// empty for anything else.
std::string_view principalAccount(std::string_view principal);

// Does one statement apply to a request (Effect aside)? `notes` collects the assumptions.
Tri statementApplies(const Statement& statement, const Request& request,
                     const EvalOptions& options, bool checkPrincipal,
                     std::vector<std::string>* notes = nullptr);

// ---- Matching primitives --------------------------------------------------------------

// IAM glob over a concrete string: `*` any run, `?` one character. No variables.
bool globMatch(std::string_view pattern, std::string_view text, bool ignoreCase);
// Action patterns are case-insensitive globs over `service:name`.
bool actionMatches(std::string_view pattern, std::string_view action);
// Resource ARN patterns: `*` and `?` stay inside one of the first five colon-separated
// fields unless the `*` ends the pattern; the sixth field (the resource) spans `:` and `/`.
// Policy variables are substituted from `context`; a variable with no value and no default
// matches nothing. Case-sensitive.
bool arnMatches(std::string_view pattern, std::string_view arn, const Context& context);
// ArnLike/ArnEquals in conditions: each of the six fields is matched on its own.
bool arnLikeMatches(std::string_view pattern, std::string_view arn, const Context& context);

// Matching a resolved policy value (possibly with holes and a CloudFormation condition).
enum class MatchKind : uint8_t { Action, Resource };
Tri matchResolved(const Resolved& value, MatchKind kind, std::string_view text,
                  const Context& context, const EvalOptions& options,
                  std::vector<std::string>* notes = nullptr);
// A policy element with alternatives: Yes when every possible alternative matches.
Tri matchValue(const Value& value, MatchKind kind, std::string_view text, const Context& context,
               const EvalOptions& options, std::vector<std::string>* notes = nullptr);

// One Condition entry (`StringLike` / key / values) against a request context.
Tri conditionHolds(const ConditionEntry& entry, const Context& context, const EvalOptions& options,
                   std::vector<std::string>* notes = nullptr);

// ---- Scope: can these actions reach resources outside these patterns? -----------------

struct ScopeQuery {
  std::vector<std::string> actions;  // action patterns: `s3:*`, `s3:GetObject`
  // Resource ARN patterns the actions may touch; `${Name}` is a template parameter that
  // stands for one fixed value, the same in the scope and in the policies.
  std::vector<std::string> scope;
};

struct ScopeWitness {
  std::string action;
  std::string resource;  // parameters shown as `${Name}`
  StatementRef allowedBy;
  EvalResult result;  // the full evaluation of the witness request
};

// A request with an action matching `query.actions` and a resource outside `query.scope`
// that the policies allow (certainly or maybe: see `result.certain`), or nothing.
std::optional<ScopeWitness> findBeyondScope(const PolicySet& policies, const ScopeQuery& query,
                                            const EvalOptions& options = {});

// Is every string the resource pattern `pattern` matches also matched by one of `scope`?
// Exact over the glob languages (ARN field rules included); `${Name}` as in ScopeQuery.
// On false, `witness` receives a string matched by `pattern` and by no scope pattern.
bool resourcePatternWithin(std::string_view pattern, const std::vector<std::string>& scope,
                           std::string* witness = nullptr);

}  // namespace iamlint
