#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>

#include "rules/lib/statements.h"
#include "analyzer/iamdata/text_match.h"
#include "analyzer/security/tables.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

namespace {

struct Piece {
  std::string action;
  const Policy* policy = nullptr;
  const Statement* statement = nullptr;
};

// Where a piece is granted, in the user's file: the statement's Action, or for an AWS managed
// policy the ManagedPolicyArns entry of this principal that attaches it.
const Node* locate(const IamPrincipal& pr, const Piece& piece) {
  if (piece.policy->awsManaged) {
    for (const ManagedPolicyRef& ref : pr.managedPolicies)
      if (ref.policy == piece.policy) return ref.arn.node;
    return pr.resource ? pr.resource->node : nullptr;
  }
  return piece.statement->actionNode ? piece.statement->actionNode : piece.statement->node;
}

std::string shortSource(std::string_view source) {
  std::string s(source.substr(0, source.find(';')));
  if (size_t paren = s.find(" (http"); paren != std::string::npos) {
    size_t close = s.find(')', paren);
    s = s.substr(0, paren) + (close == std::string::npos ? "" : s.substr(close + 1));
  }
  return s;
}

bool isFullAdmin(const IamPrincipal& pr) {
  for (const Policy* p : pr.policies)
    for (const Statement& st : p->statements)
      if (fullAdmin(st)) return true;
  return false;
}

// Which of the methods' actions an Allow statement of this policy could name, by number. Most
// actions of most methods are named nowhere; answering that from the policy text spares loading
// their services' data. One pass over the policy's actions: a plain name is looked up, and only
// a pattern is matched against every action of the methods.
std::vector<int8_t> mentionsOf(const Policy& p) {
  const std::span<const std::string_view> actions = escalationActions();
  std::vector<int8_t> out(actions.size(), 0);
  for (const Statement& st : p.statements) {
    if (st.effect == Effect::Deny) continue;
    if (st.notAction) return std::vector<int8_t>(actions.size(), 1);
    for (const Value& v : st.actions)
      for (const Resolved& alt : v.alts) {
        if (!alt.exact()) return std::vector<int8_t>(actions.size(), 1);
        if (iamdata::findAny(alt.text, "*?$") == std::string::npos) {
          if (int number = escalationActionNumber(alt.text); number >= 0) out[static_cast<size_t>(number)] = 1;
          continue;
        }
        // A pattern whose service is written out (`ec2:*`) can match only that service's
        // actions: one run of the sorted list, whose services are lower case.
        size_t from = 0, to = actions.size();
        if (const size_t colon = alt.text.find(':');
            colon != std::string::npos && iamdata::findAny(std::string_view(alt.text).substr(0, colon), "*?$") == std::string::npos) {
          const std::string prefix = iamdata::toLower(std::string_view(alt.text).substr(0, colon + 1));
          from = static_cast<size_t>(std::lower_bound(actions.begin(), actions.end(), prefix) - actions.begin());
          for (to = from; to < actions.size() && actions[to].starts_with(prefix);) ++to;
        }
        for (size_t number = from; number < to; ++number)
          if (!out[number] && actionMatches(alt.text, actions[number])) out[number] = 1;
      }
  }
  return out;
}

// `mentionsOf`, remembered per policy: an AWS managed policy attached to thousands of principals
// (ReadOnlyAccess has hundreds of patterns) is read once.
class Mentions {
 public:
  // `index` numbers the action among the methods' actions.
  bool any(const std::vector<const Policy*>& policies, size_t index) {
    for (const Policy* p : policies) {
      std::vector<int8_t>& known = known_[p];
      if (known.empty()) known = mentionsOf(*p);
      if (known[index]) return true;
    }
    return false;
  }

 private:
  std::map<const Policy*, std::vector<int8_t>> known_;
};

// A method made of IAM actions alone (other than passing a role): the caller changes
// permissions itself, with nothing else needed.
bool isDirect(const EscalationMethod& m) {
  for (std::string_view a : m.actions)
    if (a.substr(0, 4) != "iam:" || a == "iam:PassRole") return false;
  return true;
}

// A role that only AWS services may assume.
bool serviceRole(const IamPrincipal& pr) {
  if (!pr.trust) return false;
  bool any = false;
  for (const Statement& st : pr.trust->statements) {
    if (st.effect != Effect::Allow) continue;
    for (const PrincipalEntry& e : st.principals) {
      if (e.type != "Service") return false;
      any = true;
    }
  }
  return any;
}

}  // namespace

static void checkEscalation(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  Mentions mentioned;
  const std::span<const EscalationMethod> methods = escalationMethods();
  for (const IamPrincipal& pr : context.analysis().principals) {
    if (pr.policies.empty() || isFullAdmin(pr)) continue;  // full admin is IAM601's
    PolicySet set = effectivePolicies(pr);
    // By action number: where it is granted, or nullopt when not certain; asked once.
    std::vector<std::optional<Piece>> granted(escalationActions().size());
    std::vector<bool> asked(escalationActions().size());
    auto grant = [&](std::string_view action, size_t number) -> const std::optional<Piece>& {
      if (asked[number]) return granted[number];
      asked[number] = true;
      std::optional<Piece>& piece = granted[number];
      const ActionInfo* info = mentioned.any(pr.policies, number) ? catalog.findAction(action) : nullptr;
      if (info) {
        Request request;
        request.action = std::string(action);
        request.resource = probeResource(*info);
        request.context.setOpen(true);
        EvalResult r = evaluate(set, request, probeOptions());
        if (r.allowed())
          for (const StatementRef& ref : r.deciding)
            if (ref.applies == Tri::Yes && ref.statement->effect == Effect::Allow) {
              piece = Piece{std::string(action), ref.policy, ref.statement};
              break;
            }
      }
      return piece;
    };
    std::vector<std::pair<const EscalationMethod*, std::vector<Piece>>> found;
    for (size_t k = 0; k < methods.size(); ++k) {
      const EscalationMethod& m = methods[k];
      std::vector<Piece> pieces;
      for (size_t i = 0; i < m.actions.size(); ++i) {
        const std::optional<Piece>& p = grant(m.actions[i], m.actionNumbers[i]);
        if (!p) break;
        pieces.push_back(*p);
      }
      if (pieces.size() == m.actions.size()) found.emplace_back(&m, std::move(pieces));
    }
    if (found.empty()) continue;
    // The most direct method first: one that changes IAM itself beats one that needs a more
    // privileged role, function or stack to exist already.
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return isDirect(*a.first) && !isDirect(*b.first); });
    const auto& [method, pieces] = found[0];
    // "`a` and `b`, allowed by statement 1 of the inline policy `p` of `R`; `c`, allowed by ...":
    // each source once.
    std::vector<std::pair<std::string, std::vector<std::string>>> bySource;
    for (const Piece& p : pieces) {
      std::string source = p.statement->label() + " of the " + p.policy->label();
      auto it = std::find_if(bySource.begin(), bySource.end(), [&](const auto& e) { return e.first == source; });
      if (it == bySource.end()) bySource.push_back({source, {p.action}});
      else it->second.push_back(p.action);
    }
    std::string how;
    for (const auto& [source, actions] : bySource)
      how += (how.empty() ? "" : "; ") + listOf(actions, 4) + ", allowed by " + source;
    std::vector<std::string> others;
    for (size_t i = 1; i < found.size(); ++i) others.push_back(std::string(found[i].first->id));
    bool direct = isDirect(*method);
    bool managedOnly = std::all_of(pieces.begin(), pieces.end(), [](const Piece& p) { return p.policy->awsManaged; });
    auto f = context.report(locate(pr, pieces[0]),
                            "`" + pr.logicalId + "` can escalate its privileges with `" + std::string(method->id) + "` (" +
                                std::string(method->name) + "): " + how);
    for (size_t i = 1; i < pieces.size(); ++i) {
      const Node* n = locate(pr, pieces[i]);
      if (n != locate(pr, pieces[0])) f.related(n, quoted(pieces[i].action) + " is granted here");
    }
    // The level follows how direct the path is. A direct method changes IAM permissions
    // itself: an error. An indirect one works only through a more privileged resource that
    // must exist already (a role to pass or assume, a function, a stack): a warning. An AWS
    // managed policy a service role needs for its service: a note.
    if (!direct && managedOnly && serviceRole(pr)) {
      f.level(Level::Note);
      f.help("the path is indirect and comes from an AWS managed policy of a service role; "
             "the service needs these permissions, so only a narrower policy removes it");
    } else if (!direct) {
      f.level(Level::Warning);
      f.help("the path is indirect: it works only with " + std::string(method->resourceNote));
    } else {
      f.help("the path is direct: these actions change IAM permissions themselves, on " + std::string(method->resourceNote));
    }
    f.help("source: " + shortSource(method->source));
    if (!others.empty()) f.help("other methods it has: " + listOf(others, 6));
    f.help("scope these actions to the resources the workload manages, or deny them with a permissions boundary");
  }
}

extern const Rule kPrivilegeEscalation{
    {"IAM605", "privilege-escalation", Level::Error,
     "A principal's effective policies allow a known privilege-escalation method",
     R"md(## What it does
For every role, user and group of the template, takes its effective policy set — inline
policies, `AWS::IAM::Policy`/`ManagedPolicy` resources attached to it, AWS managed policies
expanded from the bundled documents, group policies for users, and its permissions boundary —
and asks the evaluator whether it allows, on resources it does not name, every action of a
known escalation method from `data/escalation-methods.tsv` (72 methods from Rhino Security
Labs, pathfinding.cloud and cloudsplaining). It names the method, its source, and which policy
grants each piece; the pieces may come from different policies. Principals with full admin are
IAM601's.

Only certain answers count: an action allowed only under a condition, an unknown parameter or
one `Fn::If` branch is not claimed.

The level follows how direct the path is: an error for a method made of IAM actions alone
(`iam:CreatePolicyVersion`, `iam:AttachRolePolicy`, ...), which changes permissions with nothing
else needed; a warning for an indirect one, which works only through a more privileged role,
function or stack that must already exist (`iam:PassRole` combinations, `sts:AssumeRole` on
`*`, `lambda:UpdateFunctionCode`); a note when such an indirect path comes only from AWS
managed policies of a role that only AWS services may assume (the policy its service needs).

## Why is this bad?
A principal that can, say, `iam:CreatePolicyVersion` on its own policy or `iam:PassRole` plus
`lambda:CreateFunction` and `lambda:InvokeFunction` can make itself administrator. Checking each
policy alone misses combinations split across policies.

## Example
```yaml
Policies:
  - PolicyName: a
    PolicyDocument: {Statement: [{Effect: Allow, Action: iam:PassRole, Resource: "*"}]}
  - PolicyName: b
    PolicyDocument: {Statement: [{Effect: Allow, Action: [lambda:CreateFunction, lambda:InvokeFunction], Resource: "*"}]}
```

## Use instead
Pass only the roles the workload needs (`Resource: !GetAtt TaskRole.Arn` with
`iam:PassedToService`), and scope `lambda:*` to the functions it manages.

## Known limitations
Resources are probed with an ARN no policy names ("any role", "any function"), so a method is
reported when its actions reach resources beyond those listed. For `iam:PassRole` methods the
passed role must also trust the service; roles outside the template are not known.

## References
- https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
- https://pathfinding.cloud
- cloudsplaining PRIVILEGE_ESCALATION_METHODS; checkov CKV_AWS_110
)md",
     "security,privilege-escalation", 8.8},
    checkEscalation};

}  // namespace iamlint
