#include "analyzer/engine/query.h"

#include <set>
#include <tuple>

#include "analyzer/engine/engine.h"
#include "analyzer/eval/session.h"
#include "analyzer/load/files.h"

namespace iamlint {
namespace {

// Organisation policies read from files, by policy: the noun and the file.
struct OrgPolicy {
  std::string noun;  // `service control policy`
  std::string path;
};

// AWS managed policy statements live in bundled data; point at the template line that
// attaches the policy instead.
QueryStatement locate(const Analysis& analysis, const IamPrincipal* principal, const StatementRef& ref,
                      const std::map<const Policy*, OrgPolicy>& org) {
  QueryStatement out;
  out.applies = ref.applies;
  std::string path = analysis.document.source.path();
  if (auto it = org.find(ref.policy); it != org.end()) {
    out.what = ref.statement->label() + " of the " + it->second.noun + " `" + it->second.path + "`";
    path = it->second.path;
  } else {
    out.what = ref.statement->label() + " of the " + ref.policy->label();
  }
  const Node* node = ref.statement->node;
  if (ref.policy->awsManaged) {
    node = nullptr;
    if (principal)
      for (const ManagedPolicyRef& m : principal->managedPolicies)
        if (m.policy == ref.policy) node = m.arn.node;
  }
  if (node) out.where = path + ":" + std::to_string(node->range.line) + ":" + std::to_string(node->range.column);
  return out;
}

// `--summary`: every action the principal's Allow statements name (expanded through the IAM
// catalog), on each resource the statement names, kept when the whole policy set (Denies,
// boundary, SCPs, RCPs) allows it; grouped by service, access level, resource and statement.
void summarise(const Analysis& analysis, const AccessQuery& base, const std::map<const Policy*, OrgPolicy>& org,
               QueryAnswer& answer) {
  const Catalog& catalog = Catalog::instance();
  struct Group {
    std::vector<std::string> actions;
    bool certain = true;
  };
  // (service, access level, resource, statement) -> actions
  std::map<std::tuple<std::string, int, std::string, const Policy*, const Statement*>, Group> groups;
  std::set<std::string> distinct;
  AccessQuery probe = base;
  PreparedQuery prepared = prepareQuery(analysis, probe);
  for (const Policy* policy : prepared.policies.identity) {
    for (const Statement& st : policy->statements) {
      if (st.effect != Effect::Allow) continue;
      std::vector<const ActionInfo*> actions;
      std::set<const ActionInfo*> seen;
      auto addPattern = [&](const std::string& pattern) {
        for (const ActionInfo* a : catalog.expandPattern(pattern))
          if (seen.insert(a).second) actions.push_back(a);
      };
      if (st.notAction) {
        addPattern("*");  // the evaluation below leaves out what NotAction names
      } else {
        for (const Value& v : st.actions)
          for (const Resolved& alt : v.alts) addPattern(alt.text);
      }
      // Each resource the statement names, as shown and as asked: a template value left open
      // stands for one value, the same wherever it appears.
      std::vector<std::pair<std::string, std::string>> resources;
      std::vector<std::string> typed;  // for the resource type: an open value as a plain name
      if (st.notResource) resources.push_back({"*", "*"}), typed.push_back("*");
      for (const Value& v : st.resources) {
        for (const Resolved& alt : v.alts) {
          if (st.notResource) continue;
          std::string asked;
          size_t at = 0;
          for (const Hole& h : alt.holes) {
            if (h.begin < at || h.end > alt.text.size()) continue;
            asked.append(alt.text, at, h.begin - at);
            std::string mark = "\x02" + h.symbol + "\x02";
            for (char& c : mark)
              if (c == ':') c = '\x03';
            prepared.options.bindings.emplace(h.symbol, mark);
            asked += prepared.options.bindings[h.symbol];
            at = h.end;
          }
          resources.push_back({alt.text, asked + alt.text.substr(at)});
          typed.push_back(alt.text);
          for (const Hole& h : alt.holes) typed.back().replace(h.begin, h.end - h.begin, std::string(h.end - h.begin, 'x'));
        }
      }
      for (size_t i = 0; i < resources.size(); ++i) {
        const auto& [resource, asked] = resources[i];
        // The resource types the pattern may denote: an action on none of them is not granted there.
        std::set<std::pair<std::string_view, std::string_view>> types;
        for (const ResourceTypeInfo* t : catalog.matchResourceTypes(typed[i])) types.insert({t->service, t->name});
        for (const ActionInfo* a : actions) {
          if (resource != "*" && !a->wildcardOnly()) {
            bool fits = types.empty();  // no ARN iamlint knows the type of: keep the action
            for (const ActionResourceType& rt : a->resourceTypes) fits = fits || types.count({a->service, rt.name});
            if (!fits) continue;
          }
          Request r = prepared.request;
          r.action = a->fullName();
          // An action without resource types is authorised on `*` only.
          r.resource = a->wildcardOnly() ? "*" : asked;
          if (a->wildcardOnly() && resource != "*") continue;
          r.context.setOpen(true);
          if (statementApplies(st, r, prepared.options, false) == Tri::No) continue;
          EvalResult result = evaluate(prepared.policies, r, prepared.options);
          if (!result.mayAllow()) continue;
          Group& g = groups[{std::string(a->service), static_cast<int>(a->accessLevel), a->wildcardOnly() ? "*" : resource, policy, &st}];
          distinct.insert(a->fullName());
          g.actions.push_back(std::string(a->name));
          g.certain = g.certain && result.certain;
        }
      }
    }
  }
  const IamPrincipal* principal = base.principal;
  std::set<std::string> services;
  for (const auto& [key, g] : groups) services.insert(std::get<0>(key));
  answer.summary = true;
  answer.principal = principal->logicalId;
  answer.actionCount = distinct.size();
  answer.serviceCount = services.size();
  for (const auto& [key, g] : groups) {
    const auto& [service, level, resource, policy, st] = key;
    QueryGrant& grant = answer.grants.emplace_back();
    grant.service = service;
    if (std::optional<std::string_view> name = catalog.serviceName(service)) grant.serviceName = std::string(*name);
    grant.accessLevel = static_cast<AccessLevel>(level);
    grant.actions = g.actions;
    grant.resource = resource;
    grant.statement = locate(analysis, principal, {policy, st, Tri::Yes}, org);
    grant.certain = g.certain;
  }
}

// The principal asked about (a role, user or group of the input, or a caller outside it) and a
// resource given by logical id that the input can name the ARN of.
bool readPrincipal(const Analysis& analysis, const QueryQuestion& question, AccessQuery& query, std::string& error) {
  const std::string& path = question.path;
  if (!question.role.empty()) {
    query.principal = analysis.principal(question.role);
    if (!query.principal) {
      error = path + " has no role, user or group `" + question.role + "`";
      if (!analysis.principals.empty()) {
        error += "; it has:";
        for (const IamPrincipal& p : analysis.principals) error += " " + p.logicalId;
      }
      return false;
    }
  } else {
    query.caller = question.caller;
  }
  const std::string& resource = question.resource;
  if (resource != "*" && resource.rfind("arn:", 0) != 0) {
    std::string id = resource.substr(0, resource.find('/'));
    if (!analysis.arns.count(id)) {
      const TemplateResource* r = analysis.tmpl.resource(id);
      error = "--resource `" + resource + "` is neither an ARN nor " +
              (r ? "a resource whose ARN iamlint can write (`" + id + "` is " + r->type + "); give its ARN"
                 : "a logical id of " + path);
      return false;
    }
  }
  return true;
}

// KEY=VALUE pairs; a key given more than once is a list.
bool readContext(const std::vector<std::string>& pairs, Context& context, std::string& error) {
  std::map<std::string, std::vector<std::string>> values;
  for (const std::string& c : pairs) {
    size_t eq = c.find('=');
    if (eq == std::string::npos || eq == 0) {
      error = "--context takes KEY=VALUE, got `" + c + "`";
      return false;
    }
    values[c.substr(0, eq)].push_back(c.substr(eq + 1));
  }
  for (auto& [k, v] : values) {
    if (v.size() == 1) context.set(k, v[0]);
    else context.setList(k, v);
  }
  return true;
}

// The organisation's policies: SCP and RCP files, the template's own, and FullAWSAccess beside
// SCPs that allow nothing. Kept here, at a fixed address, while the query is answered.
struct Organisation {
  std::vector<AnalyzedText> files;
  std::map<const Policy*, OrgPolicy> policies;
  std::vector<std::string> assumptions;
  std::vector<const Policy*> sessionPolicies;
  Policy fullAccess;
};

bool readOrganisation(const QueryQuestion& question, const Analysis& analysis, AccessQuery& query,
                      Organisation& out, std::string& error) {
  std::map<const Policy*, OrgPolicy>& org = out.policies;
  for (const auto& [files, noun, kind] :
       {std::tuple{&question.scpFiles, "service control policy", AnalysisOptions::PolicyFileKind::Identity},
        std::tuple{&question.rcpFiles, "resource control policy", AnalysisOptions::PolicyFileKind::Resource},
        std::tuple{&question.sessionFiles, "session policy", AnalysisOptions::PolicyFileKind::Identity}}) {
    for (const std::string& f : *files) {
      bool tooLarge = false;
      std::optional<std::string> body = readFile(f, error, 1 << 20, tooLarge);
      if (!body || tooLarge) {
        error = f + ": " + (tooLarge ? "file too large" : error);
        return false;
      }
      AnalysisOptions policyOptions;
      policyOptions.policyKind = kind;
      AnalyzedText& r = out.files.emplace_back(analyzeText(f, std::move(*body), policyOptions));
      if (!r.ok || r.analysis->input != InputFormat::PolicyFile || r.analysis->policies.empty()) {
        std::string at = f;
        if (!r.ok) at += ":" + std::to_string(r.errorRange.line) + ":" + std::to_string(r.errorRange.column);
        error = at + ": not an IAM policy document" + (r.error.empty() ? "" : ": " + r.error);
        return false;
      }
      for (const Policy& p : r.analysis->policies) org[&p] = {noun, f};
    }
  }
  auto orgPolicies = [&](const std::string& noun) {
    std::vector<const Policy*> found;
    for (const AnalyzedText& r : out.files)
      for (const Policy& p : r.analysis->policies)
        if (org[&p].noun == noun) found.push_back(&p);
    return found;
  };
  std::vector<const Policy*> scps = orgPolicies("service control policy");
  std::vector<const Policy*> rcps = orgPolicies("resource control policy");
  out.sessionPolicies = orgPolicies("session policy");
  // The template's own organisation policies: which accounts they are attached to is not read.
  for (const auto& [list, into, noun] : {std::tuple{&analysis.serviceControlPolicies, &scps, "SCP"},
                                         std::tuple{&analysis.resourceControlPolicies, &rcps, "RCP"}}) {
    for (const Policy& p : *list) {
      into->push_back(&p);
      out.assumptions.push_back(std::string("the template's ") + noun + " `" + p.resource +
                                "` applies to the account (its `TargetIds` are not read)");
    }
  }
  // AWS attaches FullAWSAccess wherever SCPs apply; SCP files with no Allow statement (the
  // usual guardrails of Denies) are read as attached beside it.
  if (!scps.empty()) {
    bool allows = false;
    for (const Policy* p : scps)
      for (const Statement& st : p->statements) allows = allows || st.effect == Effect::Allow;
    if (!allows) {
      Statement st;
      st.effect = Effect::Allow;
      Resolved star;
      star.text = "*";
      st.actions.push_back(Value{nullptr, {star}});
      st.resources.push_back(Value{nullptr, {star}});
      out.fullAccess.statements.push_back(std::move(st));
      out.fullAccess.name = "FullAWSAccess";
      scps.push_back(&out.fullAccess);
      org[&out.fullAccess] = {"AWS managed SCP", "FullAWSAccess"};
      out.assumptions.push_back("no SCP given has an Allow statement: FullAWSAccess is taken to be attached beside them");
    }
    query.scp = scps;
  }
  query.rcp = rcps;
  return true;
}

// One request: the decision, the statements that make it and what it assumes.
void decide(const Analysis& analysis, const AccessQuery& query, const Organisation& org, const std::string& caller,
            QueryAnswer& answer) {
  const IamPrincipal* principal = query.principal;
  PreparedQuery prepared = prepareQuery(analysis, query);
  EvalResult result =
      org.sessionPolicies.empty()
          ? evaluate(prepared.policies, prepared.request, prepared.options)
          : evaluateSession(prepared.policies, org.sessionPolicies, prepared.request, prepared.options);
  answer.assumptions = prepared.assumptions;
  for (const std::string& a : org.assumptions) answer.assumptions.push_back(a);
  for (const std::string& a : result.assumptions)
    // An account given with -p is a fact, not an assumption.
    if (query.stackAccount.empty() || a != "assumes parameter AWS::AccountId is `" + query.stackAccount + "`")
      answer.assumptions.push_back(a);
  answer.principal = principal ? principal->logicalId : caller;
  if (!prepared.principalShown.empty() && prepared.principalShown != answer.principal)
    answer.principalArn = prepared.principalShown;
  answer.action = query.action;
  answer.resource = prepared.resourceShown;
  answer.decision = result.decision;
  answer.certain = result.certain;
  answer.allowed = result.allowed();
  answer.missing = result.missing;
  for (const StatementRef& ref : result.deciding)
    answer.statements.push_back(locate(analysis, principal, ref, org.policies));
}

}  // namespace

bool answerQuery(const QueryQuestion& question, QueryAnswer& answer, std::string& error) {
  const std::string& path = question.path;
  bool tooLarge = false;
  std::optional<std::string> text = readFile(path, error, 64 << 20, tooLarge);
  if (!text || tooLarge) {
    error = path + ": " + (tooLarge ? "file too large" : error);
    return false;
  }
  AnalyzedText file = analyzeText(path, std::move(*text), question.analysis);
  if (!file.ok) {
    error = path + ": " + file.error;
    return false;
  }
  const Analysis& analysis = *file.analysis;
  AccessQuery query;
  if (!readPrincipal(analysis, question, query, error)) return false;
  query.action = question.action;
  query.resource = question.resource;
  if (auto it = question.analysis.parameters.find("AWS::AccountId"); it != question.analysis.parameters.end())
    query.stackAccount = it->second;
  if (!readContext(question.context, query.context, error)) return false;
  Organisation org;
  if (!readOrganisation(question, analysis, query, org, error)) return false;
  if (question.summary) summarise(analysis, query, org.policies, answer);
  else decide(analysis, query, org, question.caller, answer);
  return true;
}

}  // namespace iamlint
