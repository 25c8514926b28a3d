// A request asked of an analysed input, made ready for the evaluator: the principal's ARN and
// the resource's ARN as the template writes them, the resource policies of the template that
// guard the resource, and the service rules that decide how they combine (docs/evaluation.md).
#include <algorithm>

#include "analyzer/eval/pattern.h"
#include "analyzer/policy/query.h"
#include "iamlint/analysis.h"
#include "iamlint/eval.h"

namespace iamlint {

using namespace evalimpl;

namespace {

// Stands for one value the template leaves open, the same wherever the symbol appears and
// different from any text written literally.
// Colons become \x03, so that a marker stays inside one ARN field.
std::string marker(const std::string& symbol) {
  std::string out = "\x02" + symbol + "\x02";
  for (char& c : out)
    if (c == ':') c = '\x03';
  return out;
}

bool isAccountId(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The account field of an ARN (`arn:aws:sqs:us-east-1:123456789012:q` -> `123456789012`).
std::string arnAccount(std::string_view arn) {
  return arn.rfind("arn:", 0) == 0 ? std::string(principalAccount(arn)) : std::string();
}

bool isRoleAction(std::string_view action) {
  std::string a = lower(action);
  return a == "sts:assumerole" || a == "sts:assumerolewithsaml" || a == "sts:assumerolewithwebidentity" ||
         a == "sts:tagsession" || a == "sts:setsourceidentity" || a == "sts:setcontext";
}

// Does the resource ARN `guard` (a bucket, a key, ...) name the request's resource? An S3
// bucket also guards its objects (`bucket/key`).
Tri guards(const Resolved& guard, const std::string& resource, const EvalOptions& options) {
  std::string text = bindHoles(guard, options, nullptr);
  CompileMode exact{false, false, false};
  Tri m = runTri(compile(text, exact, nullptr), resource, false);
  if (m == Tri::No && text.rfind("arn:aws:s3:::", 0) == 0) {
    Pattern objects = compile(text + "/", exact, nullptr);
    objects.tokens.push_back({Token::Star, 0, false});
    m = runTri(objects, resource, false);
  }
  return m;
}

// A resolved ARN for the answer: holes bound to a given value show it, the others stay
// `${Symbol}`.
std::string display(const Resolved& value, const EvalOptions& options) {
  std::string out;
  size_t at = 0;
  for (const Hole& h : value.holes) {
    if (h.begin < at || h.end > value.text.size()) continue;
    out.append(value.text, at, h.begin - at);
    auto it = options.bindings.find(h.symbol);
    out += it != options.bindings.end() && it->second.find('\x02') == std::string::npos
               ? it->second
               : value.text.substr(h.begin, h.end - h.begin);
    at = h.end;
  }
  return out + value.text.substr(at);
}

}  // namespace

PreparedQuery prepareQuery(const Analysis& analysis, const AccessQuery& query) { return prepareQuery(analysis, query, {}); }

PreparedQuery prepareQuery(const Analysis& analysis, const AccessQuery& query, const EvalOptions& initial) {
  PreparedQuery out;
  out.options = initial;
  Request& request = out.request;
  request.action = query.action;
  request.context = query.context;
  PolicySet& set = out.policies;
  if (query.principal) set = effectivePolicies(*query.principal);
  set.scp = query.scp;
  set.rcp = query.rcp;

  // The resource: a logical id of the template stands for its ARN.
  std::optional<Resolved> resourceArn;
  std::string id = query.resource.substr(0, query.resource.find('/'));
  if (query.resource != "*" && query.resource.rfind("arn:", 0) != 0) {
    if (auto it = analysis.arns.find(id); it != analysis.arns.end() && !it->second.empty()) {
      resourceArn = it->second.front();
      resourceArn->text += query.resource.substr(id.size());
      resourceArn->guard = {};
      if (it->second.size() > 1)
        out.assumptions.push_back("`" + id + "` has " + std::to_string(it->second.size()) +
                                  " possible ARNs; iamlint takes the first, `" + it->second.front().text + "`");
    }
  }
  // The principal: a role or user of the template has the ARN the template gives it.
  std::optional<Resolved> principalArn;
  if (query.principal)
    if (auto it = analysis.arns.find(query.principal->logicalId); it != analysis.arns.end() && !it->second.empty())
      principalArn = it->second.front();

  // Candidate resource policies: those whose guarded resource may be the request's.
  struct Candidate {
    const Policy* policy;
    Tri match;
  };
  auto candidates = [&](const std::string& resource) {
    std::vector<Candidate> found;
    bool roleAction = isRoleAction(query.action);
    // A name CloudFormation generates (a hole named after a resource) is never a name written
    // literally in the request.
    EvalOptions options = out.options;
    for (const Policy& p : analysis.policies)
      for (const Resolved& g : p.guards)
        for (const Hole& h : g.holes)
          if (analysis.tmpl.resource(h.symbol) && !options.bindings.count(h.symbol))
            options.bindings[h.symbol] = marker(h.symbol);
    for (const Policy& p : analysis.policies) {
      if (p.guards.empty()) continue;
      if (p.kind == PolicyKind::Trust ? !roleAction : p.kind != PolicyKind::Resource) continue;
      Tri best = Tri::No;
      for (const Resolved& g : p.guards) best = triOr(best, guards(g, resource, options));
      if (best != Tri::No) found.push_back({&p, best});
    }
    return found;
  };
  std::string literalResource = resourceArn ? std::string() : query.resource;
  std::vector<Candidate> found = resourceArn ? std::vector<Candidate>{} : candidates(literalResource);
  bool inTemplate = resourceArn || !found.empty();

  bool accountOpen = false;
  if (!query.stackAccount.empty()) out.options.bindings["AWS::AccountId"] = query.stackAccount;
  if (inTemplate) {
    // The request is about a resource of the template: the symbols in the ARNs stand for one
    // value each. A literal account in the requested ARN is the stack's account.
    std::string account = arnAccount(literalResource);
    auto bindAll = [&](const Resolved& r) {
      for (const Hole& h : r.holes) {
        if (out.options.bindings.count(h.symbol)) continue;
        if (h.symbol == "AWS::AccountId") {
          if (isAccountId(account)) {
            out.options.bindings[h.symbol] = account;
            continue;
          }
          accountOpen = true;
        }
        out.options.bindings[h.symbol] = marker(h.symbol);
      }
    };
    if (resourceArn) bindAll(*resourceArn);
    if (principalArn) bindAll(*principalArn);
    for (const Candidate& c : found)
      for (const Resolved& g : c.policy->guards)
        for (const Hole& h : g.holes)
          if (h.symbol == "AWS::AccountId") bindAll(g);
    if (!out.options.bindings.count("AWS::AccountId")) {
      // The stack's account, when the ARNs above did not name it: one value.
      Resolved acct;
      acct.text = "${AWS::AccountId}";
      acct.holes.push_back({0, static_cast<uint32_t>(acct.text.size()), "AWS::AccountId"});
      bindAll(acct);
    }
  }
  request.resource = resourceArn ? bindHoles(*resourceArn, out.options, nullptr) : query.resource;
  out.resourceShown = resourceArn ? display(*resourceArn, out.options) : query.resource;
  if (inTemplate) found = candidates(request.resource);

  // Which of the candidates decide: those certainly guarding the resource, else the possible ones.
  Tri level = Tri::No;
  for (const Candidate& c : found) level = triOr(level, c.match);
  for (const Candidate& c : found)
    if (c.match == level) set.resource.push_back(c.policy);
  set.resourceMatch = level == Tri::No ? Tri::Yes : level;
  // A name CloudFormation generates for a resource of the template, where a resource policy
  // names it (`Principal: {AWS: !GetAtt OtherRole.Arn}`), is one value, and another resource's
  // generated name is another.
  if (inTemplate)
    for (const Policy* p : set.resource)
      for (const Statement& st : p->statements)
        for (const PrincipalEntry& e : st.principals)
          for (const Value& v : e.values)
            for (const Resolved& alt : v.alts)
              for (const Hole& h : alt.holes)
                if (analysis.tmpl.resource(h.symbol) && !out.options.bindings.count(h.symbol))
                  out.options.bindings[h.symbol] = marker(h.symbol);
  for (const Policy* p : set.resource)
    if (p->kind == PolicyKind::Trust || p->guarded == GuardedResource::Key) set.resourceMustAllow = true;

  // Who asks.
  if (query.principal) {
    if (principalArn) {
      request.principal = bindHoles(*principalArn, out.options, nullptr);
      out.principalShown = display(*principalArn, out.options);
    }
  } else {
    request.principal = query.caller;
    out.principalShown = query.caller;
    if (callerKind(query.caller) == CallerKind::Aws) {
      // A principal outside the input: its own policies are not known.
      set.identityAssumed = true;
      if (set.resource.empty()) {
        set.identityAssumed = false;
        set.unknownIdentity.push_back("the identity policies of " + query.caller);
      }
    }
  }
  if (inTemplate) {
    auto it = out.options.bindings.find("AWS::AccountId");
    request.resourceAccount = it != out.options.bindings.end() ? it->second : std::string();
    if (request.resourceAccount.empty() && resourceArn) request.resourceAccount = arnAccount(request.resource);
    if (accountOpen)
      out.assumptions.push_back("the stack's account is not given (`-p AWS::AccountId=...`): it is taken to be one "
                                "account, none of the account ids written in the template or the request");
  } else if (query.principal) {
    std::string account = arnAccount(query.resource);
    std::string own = principalArn ? arnAccount(principalArn->text) : std::string();
    if (isAccountId(account) && isAccountId(own) && account != own)
      out.assumptions.push_back("the resource is in account " + account + ", not the stack's account " + own +
                                ": the request also needs that resource's policy, which is not in the input");
  }
  return out;
}

}  // namespace iamlint
