// `iamlint query`: would IAM allow this request for this role? Answered by the evaluation
// engine over the role's effective policy set, with the deciding statements and assumptions.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/options.h"
#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"
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
Located locate(const Analysis& analysis, const IamPrincipal& principal, const StatementRef& ref) {
  Located out;
  out.what = ref.statement->label() + " of the " + ref.policy->label();
  const Node* node = ref.statement->node;
  if (ref.policy->awsManaged) {
    node = nullptr;
    for (const ManagedPolicyRef& m : principal.managedPolicies)
      if (m.policy == ref.policy) node = m.arn.node;
  }
  if (node)
    out.where = analysis.document.source.path() + ":" + std::to_string(node->range.line) + ":" +
                std::to_string(node->range.column);
  return out;
}

}  // namespace

int runQuery(const Args& args) {
  std::string path, role, action, resource = "*", format = "text", parametersFile, principalArg;
  std::vector<std::string> contexts, parameters;
  po::options_description visible("Options of query");
  visible.add_options()
      ("help,h", "show this help")
      ("role", po::value(&role), "logical id of the role, user or group (`policy` for a policy file)")
      ("action", po::value(&action), "the action, e.g. s3:PutObject")
      ("resource", po::value(&resource), "the resource ARN (default `*`)")
      ("context", po::value(&contexts)->composing(), "request context KEY=VALUE (repeatable; repeat a key for a list)")
      ("parameter,p", po::value(&parameters)->composing(), "template parameter KEY=VALUE (repeatable)")
      ("parameters-file", po::value(&parametersFile), "template parameters as JSON")
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
    std::cout << "usage: iamlint query PATH --role ID --action A [--resource R] [--context K=V]...\n\n"
                 "Evaluates one request against a principal's effective policies (inline, attached,\n"
                 "AWS managed, permissions boundary) the way IAM does.\n\n"
              << visible << "\nExit status: 0 allowed, 1 denied (or not certainly allowed), 2 usage error.\n";
    return kExitClean;
  }
  if (path.empty() || role.empty() || action.empty() || (format != "text" && format != "json")) {
    std::cerr << "iamlint: usage: iamlint query PATH --role ID --action A [--resource R] [--context K=V]... "
                 "[--format text|json]\n";
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
  const IamPrincipal* principal = analysis.principal(role);
  if (!principal) {
    std::cerr << "iamlint: " << path << " has no role, user or group `" << role << "`";
    if (!analysis.principals.empty()) {
      std::cerr << "; it has:";
      for (const IamPrincipal& p : analysis.principals) std::cerr << " " << p.logicalId;
    }
    std::cerr << "\n";
    return kExitUsage;
  }
  Request request;
  request.action = action;
  request.resource = resource;
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
    if (v.size() == 1) request.context.set(k, v[0]);
    else request.context.setList(k, v);
  }
  EvalResult result = evaluate(effectivePolicies(*principal), request);
  const std::vector<std::string>& assumptions = result.assumptions;

  const char* verdict = result.decision == Decision::Allow ? "ALLOW"
                        : result.decision == Decision::ExplicitDeny ? "DENY (explicit)"
                                                                    : "DENY (implicit)";
  if (format == "json") {
    rapidjson::OStreamWrapper stream(std::cout);
    rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(stream);
    w.SetIndent(' ', 1);
    w.StartObject();
    w.Key("principal"), w.String(principal->logicalId.c_str());
    w.Key("action"), w.String(action.c_str());
    w.Key("resource"), w.String(resource.c_str());
    w.Key("decision"), w.String(decisionName(result.decision));
    w.Key("certain"), w.Bool(result.certain);
    w.Key("statements");
    w.StartArray();
    for (const StatementRef& ref : result.deciding) {
      Located l = locate(analysis, *principal, ref);
      w.StartObject();
      w.Key("statement"), w.String(l.what.c_str());
      w.Key("location"), w.String(l.where.c_str());
      w.Key("applies"), w.String(triName(ref.applies));
      w.EndObject();
    }
    w.EndArray();
    w.Key("assumptions");
    w.StartArray();
    for (const std::string& a : assumptions) w.String(a.c_str());
    w.EndArray();
    w.EndObject();
    std::cout << "\n";
  } else {
    std::cout << verdict << (result.certain ? "" : " (not certain)") << ": " << principal->logicalId << " "
              << action << " on " << resource << "\n";
    const char* verb = result.decision == Decision::Allow ? "allowed by" : result.decision == Decision::ExplicitDeny ? "denied by" : "";
    if (result.deciding.empty() && result.decision == Decision::ImplicitDeny)
      std::cout << (result.certain ? "  no statement allows it\n" : "  no statement iamlint knows allows it\n");
    for (const StatementRef& ref : result.deciding) {
      Located l = locate(analysis, *principal, ref);
      std::cout << "  " << (ref.applies == Tri::Yes ? verb : "may apply:") << " " << l.what;
      if (!l.where.empty()) std::cout << " (" << l.where << ")";
      std::cout << "\n";
    }
    for (const std::string& a : assumptions) std::cout << "  assumes: " << a << "\n";
  }
  return result.allowed() ? kExitClean : kExitFindings;
}

}  // namespace iamlint
