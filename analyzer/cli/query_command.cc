// `iamlint query`: would IAM allow this request for this role? Answered by the evaluation
// engine over the role's effective policy set, with the deciding statements and assumptions.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/options.h"
#include "analyzer/engine/engine.h"
#include "analyzer/eval/session.h"
#include "analyzer/load/files.h"
#include "iamlint/catalog.h"
#include "iamlint/eval.h"

namespace iamlint {
namespace po = boost::program_options;

namespace {

struct Located {
  std::string where;  // `path:line:col`
  std::string what;   // `statement `X` of inline policy "Y" of `Role``
};

// AWS managed policy statements live in bundled data; point at the template line that
// attaches the policy instead.
// Organisation policies read from files, by policy: the noun and the file.
struct OrgPolicy {
  std::string noun;  // `service control policy`
  std::string path;
};

Located locate(const Analysis& analysis, const IamPrincipal* principal, const StatementRef& ref,
               const std::map<const Policy*, OrgPolicy>& org) {
  Located out;
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
int printSummary(const Analysis& analysis, const AccessQuery& base, const std::map<const Policy*, OrgPolicy>& org,
                 const std::string& format) {
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
  size_t total = distinct.size();
  for (const auto& [key, g] : groups) services.insert(std::get<0>(key));
  if (format == "json") {
    rapidjson::OStreamWrapper stream(std::cout);
    rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(stream);
    w.SetIndent(' ', 1);
    w.StartObject();
    w.Key("principal"), w.String(principal->logicalId.c_str());
    w.Key("grants");
    w.StartArray();
    for (const auto& [key, g] : groups) {
      const auto& [service, level, resource, policy, st] = key;
      Located l = locate(analysis, principal, {policy, st, Tri::Yes}, org);
      w.StartObject();
      w.Key("service"), w.String(service.c_str());
      w.Key("accessLevel"), w.String(std::string(accessLevelName(static_cast<AccessLevel>(level))).c_str());
      w.Key("actions");
      w.StartArray();
      for (const std::string& a : g.actions) w.String(a.c_str());
      w.EndArray();
      w.Key("resource"), w.String(resource.c_str());
      w.Key("statement"), w.String(l.what.c_str());
      w.Key("location"), w.String(l.where.c_str());
      w.Key("certain"), w.Bool(g.certain);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << "\n";
    return kExitClean;
  }
  std::cout << principal->logicalId << " may use " << total << " action" << (total == 1 ? "" : "s") << " of "
            << services.size() << " service" << (services.size() == 1 ? "" : "s") << ":\n";
  std::string lastService;
  for (const auto& [key, g] : groups) {
    const auto& [service, level, resource, policy, st] = key;
    if (service != lastService) {
      std::optional<std::string_view> name = catalog.serviceName(service);
      std::cout << "  " << service << (name ? " (" + std::string(*name) + ")" : "") << "\n";
      lastService = service;
    }
    std::string list;
    for (size_t i = 0; i < g.actions.size() && i < 6; ++i) list += (i ? ", " : "") + g.actions[i];
    if (g.actions.size() > 6) list += " and " + std::to_string(g.actions.size() - 6) + " more";
    Located l = locate(analysis, principal, {policy, st, Tri::Yes}, org);
    std::cout << "    " << accessLevelName(static_cast<AccessLevel>(level)) << " (" << g.actions.size() << "): " << list
              << " on " << resource << (g.certain ? "" : " (not certain)") << "\n      by " << l.what
              << (l.where.empty() ? "" : " (" + l.where + ")") << "\n";
  }
  return kExitClean;
}

}  // namespace

int runQuery(const Args& args) {
  std::string path, role, action, resource = "*", format = "text", parametersFile, principalArg;
  std::vector<std::string> contexts, parameters, scpFiles, rcpFiles, sessionFiles;
  po::options_description visible("Options of query");
  visible.add_options()
      ("help,h", "show this help")
      ("role", po::value(&role), "logical id of the role, user or group (`policy` for a policy file)")
      ("principal", po::value(&principalArg), "a caller outside the input instead: a principal ARN, an account id, a service (`sns.amazonaws.com`) or `*` (anonymous)")
      ("action", po::value(&action), "the action, e.g. s3:PutObject")
      ("summary", "instead of one request: what the principal may do, by service and access level")
      ("resource", po::value(&resource), "the resource ARN, or a logical id of the template for its ARN (`Bucket`, `Bucket/key`); default `*`")
      ("context", po::value(&contexts)->composing(), "request context KEY=VALUE (repeatable; repeat a key for a list)")
      ("parameter,p", po::value(&parameters)->composing(), "template parameter KEY=VALUE (repeatable)")
      ("parameters-file", po::value(&parametersFile), "template parameters as JSON")
      ("scp", po::value(&scpFiles)->composing(), "a service control policy of the account, as a JSON file (repeatable)")
      ("session-policy", po::value(&sessionFiles)->composing(),
       "a session policy of the principal's session (AssumeRole's Policy), as a JSON file (repeatable)")
      ("rcp", po::value(&rcpFiles)->composing(), "a resource control policy of the account, as a JSON file (repeatable)")
      ("format,f", po::value(&format), "text or json");
  po::options_description all;
  all.add(visible).add_options()("path", po::value(&path));
  po::positional_options_description positional;
  positional.add("path", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "iamlint: " << e.what() << " (see iamlint query --help)\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << "usage: iamlint query PATH (--role ID | --principal ARN) --action A [--resource R] [--context K=V]...\n\n"
                 "Evaluates one request the way AWS does: the principal's effective policies (inline,\n"
                 "attached, AWS managed, permissions boundary), the template's resource policies that\n"
                 "guard the resource (bucket, queue, topic, key, secret, repository, Lambda permissions,\n"
                 "trust policies), the organisation's SCPs and RCPs, and session policies given\n"
                 "(docs/evaluation.md).\n\n"
              << visible << "\nExit status: 0 allowed (always, with --summary), 1 denied (or not certainly allowed), 2 usage error.\n";
    return kExitClean;
  }
  bool summary = vm.count("summary") > 0;
  if (summary && role.empty()) {
    std::cerr << "iamlint: --summary needs --role\n";
    return kExitUsage;
  }
  if (summary) action = "*";
  if (path.empty() || role.empty() == principalArg.empty() || action.empty() || (format != "text" && format != "json")) {
    std::cerr << "iamlint: usage: iamlint query PATH (--role ID | --principal ARN) --action A [--resource R] "
                 "[--context K=V]... [--format text|json]\n";
    return kExitUsage;
  }
  EngineOptions options;
  std::string error;
  if (!parametersFile.empty() && !loadParametersFile(parametersFile, options.analysis.parameters, error)) {
    std::cerr << "iamlint: " << error << "\n";
    return kExitUsage;
  }
  for (const std::string& p : parameters)
    if (!parseParameterArgument(p, options.analysis.parameters, error)) {
      std::cerr << "iamlint: " << error << "\n";
      return kExitUsage;
    }
  bool tooLarge = false;
  std::optional<std::string> text = readFile(path, error, 64 << 20, tooLarge);
  if (!text || tooLarge) {
    std::cerr << "iamlint: " << path << ": " << (tooLarge ? "file too large" : error) << "\n";
    return kExitUsage;
  }
  options.rules.select = {std::string(kParseError.info.id)};  // only the model is needed
  FileResult file = lintText(path, std::move(*text), options, true, true);
  if (!file.ok) {
    std::cerr << "iamlint: " << path << ": " << file.error << "\n";
    return kExitUsage;
  }
  const Analysis& analysis = *file.analysis;
  AccessQuery query;
  if (!role.empty()) {
    query.principal = analysis.principal(role);
    if (!query.principal) {
      std::cerr << "iamlint: " << path << " has no role, user or group `" << role << "`";
      if (!analysis.principals.empty()) {
        std::cerr << "; it has:";
        for (const IamPrincipal& p : analysis.principals) std::cerr << " " << p.logicalId;
      }
      std::cerr << "\n";
      return kExitUsage;
    }
  } else {
    query.caller = principalArg;
  }
  const IamPrincipal* principal = query.principal;
  if (resource != "*" && resource.rfind("arn:", 0) != 0) {
    std::string id = resource.substr(0, resource.find('/'));
    if (!analysis.arns.count(id)) {
      const TemplateResource* r = analysis.tmpl.resource(id);
      std::cerr << "iamlint: --resource `" << resource << "` is neither an ARN nor "
                << (r ? "a resource whose ARN iamlint can write (`" + id + "` is " + r->type + "); give its ARN"
                      : "a logical id of " + path)
                << "\n";
      return kExitUsage;
    }
  }
  query.action = action;
  query.resource = resource;
  if (auto it = options.analysis.parameters.find("AWS::AccountId"); it != options.analysis.parameters.end())
    query.stackAccount = it->second;
  std::map<std::string, std::vector<std::string>> contextValues;
  for (const std::string& c : contexts) {
    size_t eq = c.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "iamlint: --context takes KEY=VALUE, got `" << c << "`\n";
      return kExitUsage;
    }
    contextValues[c.substr(0, eq)].push_back(c.substr(eq + 1));
  }
  for (auto& [k, v] : contextValues) {
    if (v.size() == 1) query.context.set(k, v[0]);
    else query.context.setList(k, v);
  }
  // Organisation policies, each file read as a policy document.
  std::vector<FileResult> orgFiles;
  std::map<const Policy*, OrgPolicy> org;
  for (const auto& [files, noun, kind] :
       {std::tuple{&scpFiles, "service control policy", AnalysisOptions::PolicyFileKind::Identity},
        std::tuple{&rcpFiles, "resource control policy", AnalysisOptions::PolicyFileKind::Resource},
        std::tuple{&sessionFiles, "session policy", AnalysisOptions::PolicyFileKind::Identity}}) {
    for (const std::string& f : *files) {
      std::optional<std::string> body = readFile(f, error, 1 << 20, tooLarge);
      if (!body || tooLarge) {
        std::cerr << "iamlint: " << f << ": " << (tooLarge ? "file too large" : error) << "\n";
        return kExitUsage;
      }
      EngineOptions policyOptions;
      policyOptions.rules.select = {std::string(kParseError.info.id)};
      policyOptions.analysis.policyKind = kind;
      FileResult& r = orgFiles.emplace_back(lintText(f, std::move(*body), policyOptions, true, true));
      if (!r.ok || !r.analysis || r.analysis->input != InputFormat::PolicyFile || r.analysis->policies.empty()) {
        std::string at = f;
        for (const Finding& finding : r.findings)
          if (finding.rule == kParseError.info.id) {
            at += ":" + std::to_string(finding.range.line) + ":" + std::to_string(finding.range.column);
            if (r.error.empty()) r.error = finding.message;
            break;
          }
        std::cerr << "iamlint: " << at << ": not an IAM policy document" << (r.error.empty() ? "" : ": " + r.error) << "\n";
        return kExitUsage;
      }
      for (const Policy& p : r.analysis->policies) org[&p] = {noun, f};
    }
  }
  std::vector<std::string> orgAssumptions;
  auto orgPolicies = [&](const std::string& noun) {
    std::vector<const Policy*> out;
    for (const FileResult& r : orgFiles)
      for (const Policy& p : r.analysis->policies)
        if (org[&p].noun == noun) out.push_back(&p);
    return out;
  };
  std::vector<const Policy*> scps = orgPolicies("service control policy");
  std::vector<const Policy*> rcps = orgPolicies("resource control policy");
  // The template's own organisation policies: which accounts they are attached to is not read.
  for (const auto& [list, into, noun] : {std::tuple{&analysis.serviceControlPolicies, &scps, "SCP"},
                                         std::tuple{&analysis.resourceControlPolicies, &rcps, "RCP"}}) {
    for (const Policy& p : *list) {
      into->push_back(&p);
      orgAssumptions.push_back(std::string("the template's ") + noun + " `" + p.resource +
                               "` applies to the account (its `TargetIds` are not read)");
    }
  }
  // AWS attaches FullAWSAccess wherever SCPs apply; SCP files with no Allow statement (the
  // usual guardrails of Denies) are read as attached beside it.
  Policy fullAccess;
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
      fullAccess.statements.push_back(std::move(st));
      fullAccess.name = "FullAWSAccess";
      scps.push_back(&fullAccess);
      org[&fullAccess] = {"AWS managed SCP", "FullAWSAccess"};
      orgAssumptions.push_back("no SCP given has an Allow statement: FullAWSAccess is taken to be attached beside them");
    }
    query.scp = scps;
  }
  query.rcp = rcps;
  if (summary && !sessionFiles.empty()) {
    std::cerr << "iamlint: --session-policy does not apply to --summary\n";
    return kExitUsage;
  }
  if (summary) return printSummary(analysis, query, org, format);
  PreparedQuery prepared = prepareQuery(analysis, query);
  std::vector<const Policy*> sessionPolicies = orgPolicies("session policy");
  EvalResult result = sessionPolicies.empty()
                          ? evaluate(prepared.policies, prepared.request, prepared.options)
                          : evaluateSession(prepared.policies, sessionPolicies, prepared.request, prepared.options);
  std::vector<std::string> assumptions = prepared.assumptions;
  for (const std::string& a : orgAssumptions) assumptions.push_back(a);
  for (const std::string& a : result.assumptions)
    // An account given with -p is a fact, not an assumption.
    if (query.stackAccount.empty() || a != "assumes parameter AWS::AccountId is `" + query.stackAccount + "`")
      assumptions.push_back(a);
  const std::string who = principal ? principal->logicalId : principalArg;
  const std::string& shownResource = prepared.resourceShown;


  const char* verdict = result.decision == Decision::Allow ? "ALLOW"
                        : result.decision == Decision::ExplicitDeny ? "DENY (explicit)"
                                                                    : "DENY (implicit)";
  if (format == "json") {
    rapidjson::OStreamWrapper stream(std::cout);
    rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(stream);
    w.SetIndent(' ', 1);
    w.StartObject();
    w.Key("principal"), w.String(who.c_str());
    if (!prepared.principalShown.empty() && prepared.principalShown != who)
      w.Key("principalArn"), w.String(prepared.principalShown.c_str());
    w.Key("action"), w.String(action.c_str());
    w.Key("resource"), w.String(shownResource.c_str());
    w.Key("decision"), w.String(decisionName(result.decision));
    w.Key("certain"), w.Bool(result.certain);
    w.Key("statements");
    w.StartArray();
    for (const StatementRef& ref : result.deciding) {
      Located l = locate(analysis, principal, ref, org);
      w.StartObject();
      w.Key("statement"), w.String(l.what.c_str());
      w.Key("location"), w.String(l.where.c_str());
      w.Key("applies"), w.String(triName(ref.applies));
      w.EndObject();
    }
    w.EndArray();
    w.Key("missing");
    w.StartArray();
    for (const std::string& m : result.missing) w.String(m.c_str());
    w.EndArray();
    w.Key("assumptions");
    w.StartArray();
    for (const std::string& a : assumptions) w.String(a.c_str());
    w.EndArray();
    w.EndObject();
    std::cout << "\n";
  } else {
    std::cout << verdict << (result.certain ? "" : " (not certain)") << ": " << who << " " << action << " on "
              << shownResource << "\n";
    const char* verb = result.decision == Decision::Allow ? "allowed by" : result.decision == Decision::ExplicitDeny ? "denied by" : "";
    if (result.deciding.empty() && result.decision == Decision::ImplicitDeny && result.missing.empty())
      std::cout << (result.certain ? "  no statement allows it\n" : "  no statement iamlint knows allows it\n");
    for (const std::string& m : result.missing) std::cout << "  not allowed: " << m << "\n";
    for (const StatementRef& ref : result.deciding) {
      Located l = locate(analysis, principal, ref, org);
      std::cout << "  " << (ref.applies == Tri::Yes ? verb : "may apply:") << " " << l.what;
      if (!l.where.empty()) std::cout << " (" << l.where << ")";
      std::cout << "\n";
    }
    for (const std::string& a : assumptions) std::cout << "  assumes: " << a << "\n";
  }
  return result.allowed() ? kExitClean : kExitFindings;
}

}  // namespace iamlint
