// `iamlint query`'s question answered on one file: the principal's effective policy set, the
// template's resource policies and the organisation's policies evaluated for one request (or,
// for `--summary`, for every action the principal's Allow statements name). Rendered by
// renderQuery (analyzer/report/).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "iamlint/analysis.h"
#include "iamlint/catalog.h"
#include "iamlint/eval.h"

namespace iamlint {

struct QueryQuestion {
  std::string path;    // the template or policy file
  std::string role;    // a logical id of the input, or
  std::string caller;  // a caller outside it: an ARN, an account, a service, `*`
  std::string action;
  std::string resource = "*";
  std::vector<std::string> context;  // KEY=VALUE; a key repeated for a list
  std::vector<std::string> scpFiles, rcpFiles;
  std::vector<std::string> sessionFiles;  // session policies of the principal's session
  AnalysisOptions analysis;  // template parameters
  bool summary = false;
};

// A statement as shown to the user.
struct QueryStatement {
  std::string what;   // `statement `X` of inline policy "Y" of `Role``
  std::string where;  // `path:line:col`, empty for a statement of bundled data
  Tri applies = Tri::Yes;
};

// `--summary`: the actions one Allow statement grants on one resource, of one service and
// access level.
struct QueryGrant {
  std::string service;      // `s3`
  std::optional<std::string> serviceName;  // `Amazon S3`, when the catalog has it
  AccessLevel accessLevel;
  std::vector<std::string> actions;
  std::string resource;
  QueryStatement statement;
  bool certain = true;
};

struct QueryAnswer {
  bool summary = false;
  std::string principal;     // the logical id, or the caller as given
  std::string principalArn;  // the principal as evaluated, when it says more than `principal`
  std::string action, resource;
  Decision decision = Decision::ImplicitDeny;
  bool certain = true;
  bool allowed = false;
  std::vector<QueryStatement> statements;  // the deciding ones
  std::vector<std::string> missing, assumptions;
  // --summary
  std::vector<QueryGrant> grants;
  size_t actionCount = 0, serviceCount = 0;
};

// False with a usage error (`error`, without the `iamlint: ` prefix) when the question cannot
// be asked of the file: it cannot be read or understood, names no such principal, or gives a
// malformed context or organisation policy.
bool answerQuery(const QueryQuestion& question, QueryAnswer& answer, std::string& error);

}  // namespace iamlint
