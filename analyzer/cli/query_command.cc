// `iamlint query`: would IAM allow this request for this role? Answered by the evaluation
// engine over the role's effective policy set (answerQuery, analyzer/engine/query.h), with the
// deciding statements and assumptions; printed by renderQuery.
#include <boost/program_options.hpp>
#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/options.h"
#include "analyzer/engine/query.h"
#include "analyzer/report/report.h"

namespace iamlint {
namespace po = boost::program_options;

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
  if (summary && !sessionFiles.empty()) {
    std::cerr << "iamlint: --session-policy does not apply to --summary\n";
    return kExitUsage;
  }
  if (summary) action = "*";
  if (path.empty() || role.empty() == principalArg.empty() || action.empty() || (format != "text" && format != "json")) {
    std::cerr << "iamlint: usage: iamlint query PATH (--role ID | --principal ARN) --action A [--resource R] "
                 "[--context K=V]... [--format text|json]\n";
    return kExitUsage;
  }
  QueryQuestion question;
  std::string error;
  if (!parametersFile.empty() && !loadParametersFile(parametersFile, question.analysis.parameters, error)) {
    std::cerr << "iamlint: " << error << "\n";
    return kExitUsage;
  }
  for (const std::string& p : parameters)
    if (!parseParameterArgument(p, question.analysis.parameters, error)) {
      std::cerr << "iamlint: " << error << "\n";
      return kExitUsage;
    }
  question.path = path;
  question.role = role;
  question.caller = principalArg;
  question.action = action;
  question.resource = resource;
  question.context = contexts;
  question.scpFiles = scpFiles;
  question.rcpFiles = rcpFiles;
  question.sessionFiles = sessionFiles;
  question.summary = summary;
  QueryAnswer answer;
  if (!answerQuery(question, answer, error)) {
    std::cerr << "iamlint: " << error << "\n";
    return kExitUsage;
  }
  renderQuery(answer, format, std::cout);
  return summary || answer.allowed ? kExitClean : kExitFindings;
}

}  // namespace iamlint
